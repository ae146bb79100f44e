/**
 * Every stage of the benchmark is bounded in time: a hung client or server must fail the run
 * with a clear message rather than stall it.
 */

/** Resolves like `work`, or rejects once `ms` have passed, naming the stage. */
export function withDeadline<T>(work: Promise<T>, ms: number, stage: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const expired = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`benchmark stage "${stage}" did not finish within ${ms} ms`)), ms);
	});
	return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}
