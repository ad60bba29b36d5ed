import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** Self time by function in a V8 `.cpuprofile`, largest first: where a profiled child spent its CPU. */
export function topFunctions(
  file: string,
  limit = 15,
): Array<{ name: string; selfMs: number; share: number }> {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: ProfileNode[];
    samples: number[];
    startTime: number;
    endTime: number;
  };
  const msPerSample =
    (profile.endTime - profile.startTime) / 1000 / profile.samples.length;
  const byName = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${basename(url)}:${lineNumber + 1}` : 'native';
    const name = `${functionName || '(anonymous)'} ${where}`;
    byName.set(name, (byName.get(name) ?? 0) + (node.hitCount ?? 0));
  }
  const total = profile.samples.length;
  return [...byName]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, hits]) => ({
      name,
      selfMs: hits * msPerSample,
      share: hits / total,
    }));
}
