import { Summary } from './summarize';

/** 1234567 as `1.23M`, 12345 as `12.3k`: rates at a glance. */
export function formatCount(value: number): string {
  if (Math.abs(value) >= 1e6) return `${(value / 1e6).toPrecision(3)}M`;
  if (Math.abs(value) >= 1e3) return `${(value / 1e3).toPrecision(3)}k`;
  return value.toPrecision(3);
}

export function formatSeconds(ms: number): string {
  return ms >= 10_000
    ? `${(ms / 1000).toFixed(1)} s`
    : `${(ms / 1000).toFixed(2)} s`;
}

export function formatMegabytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MB`;
}

export function formatShare(value: number): string {
  return `${(value * 100).toFixed(value < 0.1 ? 2 : 1)}%`;
}

/** `median (min–max)` in the given unit. */
export function formatSpread(
  summary: Summary,
  format: (value: number) => string,
): string {
  if (summary.samples.length === 1) return format(summary.median);
  return `${format(summary.median)} (${format(summary.min)}–${format(
    summary.max,
  )})`;
}
