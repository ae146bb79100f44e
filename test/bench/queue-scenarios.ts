/**
 * The queue scenarios, run once per subscriber against the fake (reset before each run so its
 * request log holds only that run):
 * - completion latency: how long after the job COMPLETED on the server the result is in hand,
 *   and how many HTTP requests each job cost;
 * - fan-out: many jobs submitted at once to a fake that runs a bounded number at a time (fal's
 *   per-account concurrency), wall time against the longest job and against a zero-overhead
 *   schedule of the same jobs;
 * - connections: how many TCP connections a client opens per job, counted by a proxy.
 * The "fal 40 ms away" runs are the latency scenario through a delaying proxy (tcp-proxy.ts).
 */
import type { JobView, RecordedRequest } from '../fake-fal';
import { idealBoundedWallMs, mapBounded } from './bounded';
import type { Subscriber } from './clients';
import { withDeadline } from './deadline';
import type { BenchFake } from './fake-control';
import { variedPlans, type JobPlan } from './plans';
import { median, percentile } from './stats';
import type { TcpProxy } from './tcp-proxy';

/** A small, fast-to-render endpoint of the fake (image output). */
const ENDPOINT = 'fal-ai/flux/schnell';

export interface LatencyResult {
	label: string;
	jobs: number;
	latenciesMs: number[];
	medianMs: number;
	p95Ms: number;
	requestsPerJob: number;
	/** Requests per job by kind of call, e.g. {submit: 1, 'status-stream': 1, result: 1}. */
	requestsByKind: Record<string, number>;
	/** The latency split in two: COMPLETED → the result request reaches the fake (noticing)… */
	noticeMedianMs: number;
	/** …and the result request's arrival → result in hand (fetching). */
	fetchMedianMs: number;
	/** The same split at the 95th percentile: which half the slow jobs lose their time in. */
	noticeP95Ms: number;
	fetchP95Ms: number;
}

export interface FanOutResult {
	label: string;
	jobs: number;
	/** Jobs the client had in flight at once. */
	limit: number;
	/** Jobs the fake ran at once. */
	serverConcurrency: number;
	wallMs: number;
	longestJobMs: number;
	idealWallMs: number;
	requestsPerJob: number;
	/** From the first submit leaving the client to the last one reaching the fake. */
	submitSpreadMs: number;
	/** From the last job's completion on the fake to the last result in hand. */
	lastResultLagMs: number;
	/** wall / longest job of every round, when this is the median of several rounds. */
	roundRatios?: number[];
}

/** Of several fan-out rounds, the one with the median wall / longest job (noting all of them). */
export function medianFanOutRound(rounds: readonly FanOutResult[]): FanOutResult {
	if (rounds.length === 0) throw new Error('no fan-out rounds');
	const ratio = (round: FanOutResult) => round.wallMs / round.longestJobMs;
	const sorted = [...rounds].sort((a, b) => ratio(a) - ratio(b));
	return { ...sorted[Math.floor((sorted.length - 1) / 2)], roundRatios: rounds.map(ratio) };
}

interface Finished {
	requestId: string;
	/** Date.now() when the result was in hand (same clock as the fake's timestamps: one host). */
	doneAt: number;
}

async function runJobs(subscriber: Subscriber, plans: readonly JobPlan[], limit: number, label: string): Promise<Finished[]> {
	const budgetMs = 60_000;
	return withDeadline(
		mapBounded(plans, limit, async (plan, index) => {
			const requestId = await subscriber.subscribe(ENDPOINT, { prompt: `bench job ${index}`, fake: plan });
			return { requestId, doneAt: Date.now() };
		}),
		budgetMs,
		label,
	);
}

/**
 * Short jobs first, so connection set-up and JIT compilation are not measured (a running n8n is
 * warm). Ten, not two: n8n-core's request path (option conversion, agents, axios) is long and
 * still being optimised after a couple of calls.
 */
async function warmUp(fake: BenchFake, subscriber: Subscriber): Promise<void> {
	await runJobs(subscriber, variedPlans(10, 10, 20, 0), 5, `${subscriber.label} warm-up`);
	await fake.reset();
}

/** Requests per job, overall and by kind, from the fake's log (control calls excluded). */
function countRequests(requests: readonly RecordedRequest[], jobs: number): { perJob: number; byKind: Record<string, number> } {
	const byKind: Record<string, number> = {};
	const calls = requests.filter((request) => request.kind !== 'control');
	for (const request of calls) byKind[request.kind] = (byKind[request.kind] ?? 0) + 1 / jobs;
	return { perJob: calls.length / jobs, byKind };
}

function jobsById(jobs: readonly JobView[]): Map<string, JobView> {
	return new Map(jobs.map((job) => [job.requestId, job]));
}

function completedAtOf(job: JobView | undefined, requestId: string): number {
	if (job?.completedAt === undefined) throw new Error(`the fake has no completion time for request ${requestId}`);
	return job.completedAt;
}

/** One round of the latency scenario: the raw per-job numbers and the requests the fake saw. */
export interface LatencySample {
	label: string;
	latenciesMs: number[];
	noticeMs: number[];
	fetchMs: number[];
	/** The round's requests (control calls excluded). */
	requests: RecordedRequest[];
}

/** Runs one round of the latency scenario (after its warm-up) and keeps the raw numbers. */
export async function sampleLatency(fake: BenchFake, subscriber: Subscriber, plans: readonly JobPlan[], limit: number): Promise<LatencySample> {
	await warmUp(fake, subscriber);
	const finished = await runJobs(subscriber, plans, limit, `${subscriber.label} latency`);
	const [jobs, requests] = await Promise.all([fake.jobs(), fake.requests()]);
	const byId = jobsById(jobs);
	const completedAt = finished.map(({ requestId }) => completedAtOf(byId.get(requestId), requestId));
	const resultArrivals = new Map(requests.filter((request) => request.kind === 'result').map((request) => [request.requestId, request.at]));
	const arrivalOf = (requestId: string) => resultArrivals.get(requestId) ?? Number.NaN;
	await fake.reset();
	return {
		label: subscriber.label,
		latenciesMs: finished.map(({ doneAt }, index) => doneAt - completedAt[index]),
		noticeMs: finished.map(({ requestId }, index) => arrivalOf(requestId) - completedAt[index]),
		fetchMs: finished.map(({ requestId, doneAt }) => doneAt - arrivalOf(requestId)),
		requests: requests.filter((request) => request.kind !== 'control'),
	};
}

/** The latency result of one or more rounds of the same subscriber, pooled. */
export function summariseLatency(samples: readonly LatencySample[]): LatencyResult {
	if (samples.length === 0) throw new Error('no latency rounds to summarise');
	const all = <K extends 'latenciesMs' | 'noticeMs' | 'fetchMs'>(key: K) => samples.flatMap((sample) => sample[key]);
	const latenciesMs = all('latenciesMs');
	const counted = countRequests(samples.flatMap((sample) => sample.requests), latenciesMs.length);
	return {
		label: samples[0].label,
		jobs: latenciesMs.length,
		latenciesMs,
		medianMs: median(latenciesMs),
		p95Ms: percentile(latenciesMs, 95),
		requestsPerJob: counted.perJob,
		requestsByKind: counted.byKind,
		noticeMedianMs: median(all('noticeMs')),
		fetchMedianMs: median(all('fetchMs')),
		noticeP95Ms: percentile(all('noticeMs'), 95),
		fetchP95Ms: percentile(all('fetchMs'), 95),
	};
}

export async function measureLatency(fake: BenchFake, subscriber: Subscriber, plans: readonly JobPlan[], limit: number): Promise<LatencyResult> {
	return summariseLatency([await sampleLatency(fake, subscriber, plans, limit)]);
}

/**
 * Runs `plans` with `limit` in flight on the client side (`plans.length` = all submitted at
 * once) against a fake running `serverConcurrency` jobs at a time.
 */
export async function measureFanOut(
	fake: BenchFake,
	subscriber: Subscriber,
	plans: readonly JobPlan[],
	limit: number,
	serverConcurrency: number,
): Promise<FanOutResult> {
	await warmUp(fake, subscriber);
	const startedAt = Date.now();
	const finished = await runJobs(subscriber, plans, limit, `${subscriber.label} fan-out`);
	const wallMs = Math.max(...finished.map(({ doneAt }) => doneAt)) - startedAt;
	const [jobs, requests] = await Promise.all([fake.jobs(), fake.requests()]);
	// Each job's own server-side duration (start to completion, without time spent waiting for a
	// free slot), in the order the fake received the submits: the order its slots serve them.
	const byId = jobsById(jobs);
	const byArrival = finished
		.map(({ requestId }) => byIdOrThrow(byId, requestId))
		.sort((a, b) => a.submittedAt - b.submittedAt);
	const durationsMs = byArrival.map((job) => completedAtOf(job, job.requestId) - (job.startedAt ?? job.submittedAt));
	// Where the wall time beyond the longest job goes: getting the submits out, and getting the
	// last results in after their jobs completed.
	const lastCompletedAt = Math.max(...byArrival.map((job) => completedAtOf(job, job.requestId)));
	await fake.reset();
	return {
		label: subscriber.label,
		jobs: finished.length,
		limit,
		serverConcurrency,
		wallMs,
		longestJobMs: Math.max(...durationsMs),
		idealWallMs: idealBoundedWallMs(durationsMs, Math.min(limit, serverConcurrency)),
		requestsPerJob: countRequests(requests, finished.length).perJob,
		submitSpreadMs: byArrival[byArrival.length - 1].submittedAt - startedAt,
		lastResultLagMs: Math.max(...finished.map(({ doneAt }) => doneAt)) - lastCompletedAt,
	};
}

function byIdOrThrow(jobs: Map<string, JobView>, requestId: string): JobView {
	const job = jobs.get(requestId);
	if (!job) throw new Error(`the fake has no job ${requestId}`);
	return job;
}

export interface ConnectionsResult {
	label: string;
	jobs: number;
	/** Jobs in flight at once. */
	limit: number;
	/** TCP connections the proxy in front of the fake accepted during the run. */
	connections: number;
	connectionsPerJob: number;
	requestsPerJob: number;
}

/**
 * TCP connections opened per job: `plans` run `limit` at a time by a subscriber that reaches the
 * fake only through `proxy` (a new one, so its count starts at 0), on a new client, without a
 * warm-up: opening its pool's connections is part of what a client costs.
 */
export async function measureConnections(
	fake: BenchFake,
	proxy: TcpProxy,
	subscriber: Subscriber,
	plans: readonly JobPlan[],
	limit: number,
): Promise<ConnectionsResult> {
	await fake.reset();
	const before = proxy.acceptedConnections;
	const finished = await runJobs(subscriber, plans, limit, `${subscriber.label} connections`);
	const connections = proxy.acceptedConnections - before;
	const requests = await fake.requests();
	await fake.reset();
	return {
		label: subscriber.label,
		jobs: finished.length,
		limit,
		connections,
		connectionsPerJob: connections / finished.length,
		requestsPerJob: countRequests(requests, finished.length).perJob,
	};
}
