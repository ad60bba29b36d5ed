/** `100k`, `1m`, `10M` or `2500` as a member count. */
export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!match) throw new Error(`'${text}' is not a size like 100k, 1m or 2500`);
  const unit = { '': 1, k: 1_000, m: 1_000_000 }[
    match[2].toLowerCase() as '' | 'k' | 'm'
  ];
  const size = Math.round(Number(match[1]) * unit);
  if (size < 1) throw new Error(`'${text}' is not a positive size`);
  return size;
}

/** 1000000 as `1M`, 100000 as `100k`, for labels and file names. */
export function formatSize(size: number): string {
  if (size >= 1_000_000 && size % 1_000_000 === 0) return `${size / 1e6}M`;
  if (size >= 1_000 && size % 1_000 === 0) return `${size / 1e3}k`;
  return String(size);
}
