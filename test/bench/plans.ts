/**
 * The jobs the queue scenarios run: their server-side timing is steered through the fake's
 * `fake` input key (see test/fake-fal/README.md), so both clients face the same workload.
 */

/** One job's server-side timing, steered through the fake's `fake` input key. */
export interface JobPlan {
	queueMs: number;
	runMs: number;
}

/** `count` jobs with run times spread over [minMs, maxMs] in a fixed scrambled order. */
export function variedPlans(count: number, minMs: number, maxMs: number, queueMs: number): JobPlan[] {
	const span = maxMs - minMs;
	// 7919 is prime, so for any count below it i × 7919 mod count visits every slot once:
	// every duration appears, in a shuffled order.
	return Array.from({ length: count }, (_, i) => ({ queueMs, runMs: Math.round(minMs + (span * ((i * 7919) % count)) / Math.max(1, count - 1)) }));
}
