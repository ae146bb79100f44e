/**
 * CPU per item: `process.cpuUsage()` (user + system, every thread of this process) around N
 * items, after a warm-up, with the fake in its own process so none of its work is counted.
 * - ours as users run it: N items through the real Generate Image node in one workflow run of
 *   n8n's engine (test/harness), the node's client on n8n's `httpRequestWithAuthentication`,
 *   Output Media "Keep as URLs" so each item costs the same three calls as the others;
 * - our client alone on n8n-core's `httpRequest` (no engine, no node): splits the cost;
 * - our client on undici, and the official client, making the same calls with the same concurrency.
 */
import { mapBounded } from './bounded';
import { openContestant, type ContestantName } from './clients';
import type { BenchFake } from './fake-control';
import { falCredentials, modelNode, runOrThrow } from './harness-workflows';

const ENDPOINT = 'fal-ai/flux/schnell';
const NODE = 'Generate Image';

export type CpuSubject = 'node' | ContestantName;

export interface CpuResult {
	subject: CpuSubject;
	items: number;
	concurrency: number;
	cpuMsPerItem: number;
	wallMs: number;
	requestsPerItem: number;
}

export interface CpuPlan {
	items: number;
	concurrency: number;
	/** Server-side run time of each job (queued 0 ms). */
	runMs: number;
}

function jobInput(index: number, runMs: number): Record<string, unknown> {
	return { prompt: `cpu item ${index}`, fake: { queueMs: 0, runMs } };
}

async function nodeItems(fake: BenchFake, count: number, plan: CpuPlan): Promise<void> {
	const result = await runOrThrow({
		nodes: [
			modelNode(NODE, 'falAiGenerateImage', ENDPOINT, {
				prompt: '={{ $json.prompt }}',
				outputMedia: 'url',
				additionalInput: '={{ JSON.stringify({ fake: $json.fake }) }}',
				options: { maxConcurrency: plan.concurrency },
			}),
		],
		items: Array.from({ length: count }, (_, index) => ({ json: jobInput(index, plan.runMs) as never })),
		credentials: falCredentials(fake.hosts, fake.key),
	});
	const output = result.output(NODE);
	const failed = output.filter((item) => typeof item.json.request_id !== 'string');
	if (output.length !== count || failed.length > 0) throw new Error(`the node returned ${output.length} items, ${failed.length} without a request id`);
}

async function measured(fake: BenchFake, subject: CpuSubject, plan: CpuPlan, work: (count: number) => Promise<void>): Promise<CpuResult> {
	await work(Math.min(plan.items, plan.concurrency * 2));
	await fake.reset();
	const wallStart = performance.now();
	const before = process.cpuUsage();
	await work(plan.items);
	const used = process.cpuUsage(before);
	const wallMs = performance.now() - wallStart;
	const requests = (await fake.requests()).filter((request) => request.kind !== 'control');
	await fake.reset();
	return {
		subject,
		items: plan.items,
		concurrency: plan.concurrency,
		cpuMsPerItem: (used.user + used.system) / 1000 / plan.items,
		wallMs,
		requestsPerItem: requests.length / plan.items,
	};
}

/** Rounds of the same subject pooled: CPU and wall summed, per item over all items. */
export function pooledCpu(rounds: readonly CpuResult[]): CpuResult {
	if (rounds.length === 0) throw new Error('no CPU rounds');
	const items = rounds.reduce((sum, round) => sum + round.items, 0);
	const total = (value: (round: CpuResult) => number) => rounds.reduce((sum, round) => sum + value(round), 0);
	return {
		...rounds[0],
		items,
		cpuMsPerItem: total((round) => round.cpuMsPerItem * round.items) / items,
		wallMs: total((round) => round.wallMs),
		requestsPerItem: total((round) => round.requestsPerItem * round.items) / items,
	};
}

export async function measureCpu(fake: BenchFake, subject: CpuSubject, plan: CpuPlan): Promise<CpuResult> {
	if (subject === 'node') return measured(fake, subject, plan, (count) => nodeItems(fake, count, plan));
	const contestant = openContestant(subject, fake.hosts, fake.key);
	try {
		return await measured(fake, subject, plan, async (count) => {
			await mapBounded(Array.from({ length: count }, (_, index) => index), plan.concurrency, (index) =>
				contestant.subscriber.subscribe(ENDPOINT, jobInput(index, plan.runMs)),
			);
		});
	} finally {
		await contestant.close();
	}
}
