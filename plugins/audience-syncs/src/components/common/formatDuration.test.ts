import { formatDuration } from './formatDuration';

describe('formatDuration', () => {
  it.each([
    [null, '—'],
    [412, '412 ms'],
    [5_000, '5 sec'],
    [299_000, '4 min, 59 sec'],
    [3_600_000, '1 hr'],
    [3_725_400, '1 hr, 2 min, 5 sec'],
  ])('formats %p as %p', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
