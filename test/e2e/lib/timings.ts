/**
 * Measures and logs how long each e2e step takes. The numbers are only reported (to spot a slow
 * CI run), never asserted on.
 */

/** Runs `step`, logs `[e2e] <label>: <seconds>s` and returns its result. */
export async function timed<T>(label: string, step: () => Promise<T>): Promise<T> {
	const startedAt = Date.now();
	try {
		return await step();
	} finally {
		const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
		process.stdout.write(`[e2e] ${label}: ${seconds}s\n`);
	}
}
