import { BatchCommit } from './BatchCommit';
import { BatchWindow } from './BatchWindow';
import { sleep } from './RateLimiter';

function acknowledged(keys: string[]): BatchCommit {
  return {
    upserts: keys.map(memberKey => ({
      memberKey,
      identifier: `${memberKey}@example.com`,
      memberHash: 'h',
      fieldsHash: null,
    })),
    deletes: [],
    counters: {
      sent: keys.length,
      succeeded: keys.length,
      failed: 0,
      invalid: 0,
    },
    errors: [],
  };
}

describe('BatchWindow', () => {
  it('commits acknowledgements that queue behind a slow commit together, counters summed', async () => {
    const commits: BatchCommit[] = [];
    const window = BatchWindow.create({
      size: 4,
      commit: async commit => {
        commits.push(commit);
        await sleep(20);
      },
    });
    for (let batch = 0; batch < 8; batch++) {
      await window.submit(async () => ({
        commit: acknowledged([`a${batch}`, `b${batch}`]),
      }));
    }
    await window.drain();

    expect(commits.length).toBeLessThan(8);
    expect(commits.flatMap(c => c.upserts).map(u => u.memberKey)).toHaveLength(
      16,
    );
    expect(commits.reduce((sum, c) => sum + c.counters.succeeded, 0)).toBe(16);
  });

  it('holds a slot until its batch is committed', async () => {
    let started = 0;
    let releaseCommit: () => void = () => {};
    const window = BatchWindow.create({
      size: 2,
      commit: () => new Promise<void>(resolve => (releaseCommit = resolve)),
    });
    const send = async () => {
      started += 1;
      return { commit: acknowledged([`m${started}`]) };
    };
    await window.submit(send);
    await window.submit(send);
    const third = window.submit(send);
    await sleep(10);
    // Both acknowledged, neither committed: the third waits.
    expect(started).toBe(2);
    releaseCommit();
    await third;
    expect(started).toBe(3);
    releaseCommit();
    await sleep(0);
    releaseCommit();
    await window.drain();
  });

  it('refuses new batches after a failure, still commits the ones in flight, and drain throws the failure', async () => {
    const commits: BatchCommit[] = [];
    const window = BatchWindow.create({
      size: 3,
      commit: async commit => {
        commits.push(commit);
      },
    });
    await window.submit(async () => {
      await sleep(5);
      return { commit: acknowledged(['late']) };
    });
    await window.submit(async () => ({
      commit: { ...acknowledged([]), counters: failedCounters(2) },
      failure: new Error('add batch failed: Invalid access token'),
    }));
    await sleep(1);

    await expect(
      window.submit(async () => ({ commit: acknowledged(['never']) })),
    ).rejects.toThrow('add batch failed: Invalid access token');
    await expect(window.drain()).rejects.toThrow('Invalid access token');
    const keys = commits.flatMap(c => c.upserts.map(u => u.memberKey));
    expect(keys).toEqual(['late']);
    expect(commits.reduce((sum, c) => sum + c.counters.failed, 0)).toBe(2);
  });

  it('fails when the ledger commit fails (the lease was lost)', async () => {
    const window = BatchWindow.create({
      size: 2,
      commit: async () => {
        throw new Error('Lease lost');
      },
    });
    await window.submit(async () => ({ commit: acknowledged(['a']) }));
    await expect(window.drain()).rejects.toThrow('Lease lost');
    await expect(window.record(acknowledged(['b']))).rejects.toThrow(
      'Lease lost',
    );
  });
});

function failedCounters(rows: number): BatchCommit['counters'] {
  return { sent: rows, succeeded: 0, failed: rows, invalid: 0 };
}
