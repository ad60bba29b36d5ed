import { hostname } from 'node:os';
import {
  createInstanceId,
  isDeadPredecessor,
  isProcessAlive,
} from './instanceId';

describe('isDeadPredecessor', () => {
  const self = 'web-1:1:aaaa1111';
  const alive = new Set([1, 40]);
  const judge = (owner: string) =>
    isDeadPredecessor(owner, self, pid => alive.has(pid));

  it('recognises the leases of this host’s processes that are gone', () => {
    expect(judge('web-1:77:bbbb2222')).toBe(true); // its pid runs no more
    // A restarted container's process has pid 1 again, with a new random part.
    expect(judge('web-1:1:cccc3333')).toBe(true);
  });

  it('leaves live processes, other hosts, itself and unknown names alone', () => {
    expect(judge('web-1:40:dddd4444')).toBe(false); // another live process here
    expect(judge('web-2:77:eeee5555')).toBe(false);
    expect(judge(self)).toBe(false);
    expect(judge('worker-77')).toBe(false);
    expect(isDeadPredecessor('web-1:77:bbbb2222', 'test-instance')).toBe(false);
  });

  it('names this process by host and pid, and tells the pid is alive', () => {
    expect(createInstanceId()).toMatch(
      new RegExp(`^${hostname()}:${process.pid}:[0-9a-f]{8}$`),
    );
    expect(createInstanceId()).not.toBe(createInstanceId());
    expect(isProcessAlive(process.pid)).toBe(true);
    expect(isProcessAlive(2 ** 22 + 12345)).toBe(false); // above Linux's pid_max
  });
});
