import { readFileSync } from 'node:fs';

/**
 * This process's peak resident memory. On Linux, `VmHWM` from /proc/self/status: the high-water mark of
 * this program's own address space. `getrusage` (`process.resourceUsage().maxRSS`) is no good for a
 * child: Linux carries the parent's peak across fork and exec into it, so a child of a bench process
 * that holds a 10M-member sink would report the parent's size. Elsewhere, getrusage it is.
 */
export function peakRssBytes(): number {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
    if (match) return Number(match[1]) * 1024;
  } catch {
    // Not Linux.
  }
  return process.resourceUsage().maxRSS * 1024;
}
