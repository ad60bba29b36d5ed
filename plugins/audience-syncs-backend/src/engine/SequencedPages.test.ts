import { BatchSequence } from '@signalsmith/backstage-plugin-audience-syncs-node';
import { PageNumbering, SequencedPages } from './SequencedPages';

describe('SequencedPages', () => {
  /** Sends a page of `batches` batches, recording the place each got. */
  const page =
    (sent: BatchSequence[], batches: number) =>
    async (numbering: PageNumbering) => {
      for (let i = 1; i <= batches; i++)
        sent.push(numbering.next(i === batches));
    };

  it('numbers the batches of every page as one sequence and flags only the very last', async () => {
    const sent: BatchSequence[] = [];
    const pages = SequencedPages.create({
      syncId: 'sync-1',
      runId: 7,
      operation: 'add',
      estimatedRows: 50,
    });
    await pages.add(20, page(sent, 2));
    // A page whose rows all failed preparation sends nothing and ends nothing.
    await pages.add(0, page(sent, 0));
    await pages.add(30, page(sent, 3));
    expect(sent.map(s => s.number)).toEqual([1, 2]);
    await pages.add(0, page(sent, 0));
    await pages.end();
    expect(sent).toEqual(
      [1, 2, 3, 4, 5].map(number => ({
        id: 'sync-1:7:add',
        number,
        last: number === 5,
        estimatedRows: 50,
      })),
    );
  });

  it('sends nothing for a sequence without rows', async () => {
    const sent: BatchSequence[] = [];
    const pages = SequencedPages.create({
      syncId: 'sync-1',
      runId: 7,
      operation: 'remove',
      estimatedRows: 0,
    });
    await pages.add(0, page(sent, 0));
    await pages.end();
    expect(sent).toEqual([]);
  });
});
