import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * Names this backend process in leases: `host:pid:random`. The host and pid let a restarted process tell
 * its dead predecessor's leases from those of live processes (`isDeadPredecessor`); the random part tells
 * processes apart that got the same pid, as a restarted container's process does.
 */
export function createInstanceId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/** Whether a process with this pid runs on this host (one of another user counts: it answers EPERM). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function parse(id: string) {
  const match = /^(.+):(\d+):([^:]+)$/.exec(id);
  return match ? { host: match[1], pid: Number(match[2]) } : undefined;
}

/**
 * True when a lease's owner was a process of this host that is gone, so that its runs can be recovered
 * at once instead of when the lease lapses: same host as `self`, another instance, and its pid is either
 * not running here or `self`'s own (a restarted container's process gets pid 1 again, with a new random
 * part). A live process of this host keeps its leases; owners named otherwise (other hosts, other
 * formats) are never judged, their leases lapse as usual.
 */
export function isDeadPredecessor(
  owner: string,
  self: string,
  isAlive: (pid: number) => boolean = isProcessAlive,
): boolean {
  const them = parse(owner);
  const us = parse(self);
  if (!them || !us || owner === self || them.host !== us.host) return false;
  return them.pid === us.pid || !isAlive(them.pid);
}
