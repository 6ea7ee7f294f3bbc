/** Median and range of a set of runs, rounded to 0.1 ms: what every benchmark figure reports. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number;
}

const tenth = (ms: number) => Math.round(ms * 10) / 10;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function spread(values: readonly number[]): Spread {
  return {
    median: tenth(median(values)),
    min: tenth(Math.min(...values)),
    max: tenth(Math.max(...values)),
    runs: values.length,
  };
}
