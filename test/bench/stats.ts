/**
 * Summary statistics of a sample of measurements.
 */

/**
 * The p-th percentile (0..100) by linear interpolation between the closest ranks (the usual
 * "type 7" definition, as in numpy and spreadsheets). NaN for an empty sample.
 */
export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) return Number.NaN;
	if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
	const sorted = [...values].sort((a, b) => a - b);
	const rank = (p / 100) * (sorted.length - 1);
	const lower = Math.floor(rank);
	const upper = Math.ceil(rank);
	return sorted[lower] + (sorted[upper] - sorted[lower]) * (rank - lower);
}

export function median(values: readonly number[]): number {
	return percentile(values, 50);
}
