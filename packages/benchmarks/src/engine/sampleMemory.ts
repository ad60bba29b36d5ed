/** The largest of each figure `process.memoryUsage()` reported while sampling. */
export interface MemoryPeaks {
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

/**
 * Samples `process.memoryUsage()` every `everyMs` until stopped: where a peak RSS comes from (the V8
 * heap, or memory outside it such as Buffers and native allocations).
 */
export function sampleMemory(everyMs = 250): () => MemoryPeaks {
  const peaks: MemoryPeaks = {
    heapTotal: 0,
    heapUsed: 0,
    external: 0,
    arrayBuffers: 0,
  };
  const sample = () => {
    const usage = process.memoryUsage();
    for (const key of Object.keys(peaks) as Array<keyof MemoryPeaks>) {
      peaks[key] = Math.max(peaks[key], usage[key]);
    }
  };
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    sample();
    return peaks;
  };
}
