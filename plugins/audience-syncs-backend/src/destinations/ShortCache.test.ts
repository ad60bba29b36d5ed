import { DestinationFieldSchema } from '@signalsmith/backstage-plugin-audience-syncs-common';
import { ShortCache } from './ShortCache';

const schema: DestinationFieldSchema = { acceptsAnyField: true };

describe('ShortCache', () => {
  it('reuses an answer within its lifetime and asks again after it', async () => {
    let now = 0;
    const cache = ShortCache.create<DestinationFieldSchema>({
      ttlMs: 1000,
      now: () => now,
    });
    const load = jest.fn(async () => schema);
    await cache.get('crm', load);
    now = 999;
    await cache.get('crm', load);
    expect(load).toHaveBeenCalledTimes(1);
    await cache.get('other', load);
    expect(load).toHaveBeenCalledTimes(2);
    now = 1000;
    await cache.get('crm', load);
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('keeps no failure: the next call asks the vendor again', async () => {
    const cache = ShortCache.create<DestinationFieldSchema>({ ttlMs: 60_000 });
    const load = jest
      .fn<Promise<DestinationFieldSchema>, []>()
      .mockRejectedValueOnce(new Error('down'))
      .mockResolvedValueOnce(schema);
    await expect(cache.get('crm', load)).rejects.toThrow('down');
    await expect(cache.get('crm', load)).resolves.toBe(schema);
  });

  it('asks again after forget', async () => {
    const cache = ShortCache.create<DestinationFieldSchema>({ ttlMs: 60_000 });
    const load = jest.fn(async () => schema);
    await cache.get('crm', load);
    cache.forget('crm');
    await cache.get('crm', load);
    expect(load).toHaveBeenCalledTimes(2);
  });
});
