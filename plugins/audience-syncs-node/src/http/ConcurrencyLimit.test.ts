import { ConcurrencyLimit } from './ConcurrencyLimit';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>(r => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('ConcurrencyLimit', () => {
  it('runs at most max tasks at once, the others in order as slots free up', async () => {
    const limit = new ConcurrencyLimit(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    let peak = 0;
    const runs = gates.map((gate, i) =>
      limit.run(async () => {
        started.push(i);
        peak = Math.max(peak, limit.running);
        await gate.promise;
        return i;
      }),
    );
    await new Promise(setImmediate);
    expect(started).toEqual([0, 1]);
    gates[1].resolve();
    await new Promise(setImmediate);
    expect(started).toEqual([0, 1, 2]);
    gates.forEach(g => g.resolve());
    await expect(Promise.all(runs)).resolves.toEqual([0, 1, 2, 3]);
    expect(peak).toBe(2);
    expect(limit.running).toBe(0);
  });

  it('frees the slot of a task that fails', async () => {
    const limit = new ConcurrencyLimit(1);
    await expect(
      limit.run(async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(limit.run(async () => 'next')).resolves.toBe('next');
  });

  it('stops waiting, without running the task, when the signal aborts', async () => {
    const limit = new ConcurrencyLimit(1);
    const gate = deferred();
    const first = limit.run(() => gate.promise);
    const controller = new AbortController();
    const task = jest.fn(async () => 'ran');
    const waiting = limit.run(task, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    gate.resolve();
    await first;
    expect(task).not.toHaveBeenCalled();
    expect(limit.running).toBe(0);
  });
});
