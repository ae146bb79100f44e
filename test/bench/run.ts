/**
 * `npm run bench`: our fal client against the official `@fal-ai/client` on the fake fal server,
 * in one run of about a minute. Prints a markdown report and writes BENCHMARKS.md (see
 * report.ts for how each number is measured). Progress goes to stderr, the report to stdout.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';

import { benchmarksFile, withOwnedSections } from './benchmarksSection';
import { officialClient, officialSubscriber, ourClient, ourSubscriber } from './clients';
import { startBenchFake } from './fake-control';
import { variedPlans } from './plans';
import { measureFanOut, measureLatency, type FanOutResult, type LatencyResult } from './queue-scenarios';
import { METHOD, renderReport, type BenchResults } from './report';
import { measureUploads, MiB, type UploadMeasurement } from './upload-scenario';
import type { UploadOutcome } from './upload-worker';

/** The whole run is bounded: past this, something hangs, and the run fails rather than stalls. */
const RUN_DEADLINE_MS = 5 * 60_000;
const UPLOAD_SIZE = 500 * MiB;
const UPLOAD_TIMEOUT_MS = 60_000;
/** Fan-out: this many jobs submitted at once… */
const FAN_OUT_JOBS = 50;
/** …to a fake that runs this many at a time (as fal bounds an account's concurrent requests). */
const FAN_OUT_CONCURRENCY = 50;

const progress = (message: string) => process.stderr.write(`[bench] ${message}\n`);

/** A baseline run that fails is reported, not fatal: the comparison is then simply missing. */
async function tryBaseline<T>(what: string, errors: string[], run: () => Promise<T>): Promise<T | undefined> {
	try {
		return await run();
	} catch (error) {
		errors.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
		return undefined;
	}
}

async function main(): Promise<void> {
	const startedAt = new Date();
	const loadAtStart = loadavg()[0];
	const fake = await startBenchFake({ concurrency: 100, queueMs: 0, runMs: 100 });
	progress(`fake fal server on ${fake.baseUrl} (child pid ${fake.pid})`);
	const ours = ourClient(fake.hosts, fake.key);
	const official = officialClient(fake.hosts, fake.key);
	try {
		const latencyPlans = variedPlans(30, 50, 800, 20);
		const latencyErrors: string[] = [];
		progress('completion latency: ours');
		const latencyOurs: LatencyResult = await measureLatency(fake, ourSubscriber(ours), latencyPlans, 5);
		progress('completion latency: official, polling');
		const polling = await tryBaseline('latency, official polling', latencyErrors, () =>
			measureLatency(fake, officialSubscriber(official, 'polling'), latencyPlans, 5),
		);
		progress('completion latency: official, streaming');
		const streaming = await tryBaseline('latency, official streaming', latencyErrors, () =>
			measureLatency(fake, officialSubscriber(official, 'streaming'), latencyPlans, 5),
		);

		// All jobs submitted at once; the bound is the fake's concurrency (fal's per-account limit).
		const fanOutPlans = variedPlans(FAN_OUT_JOBS, 100, 1500, 0);
		const fanOutErrors: string[] = [];
		await fake.configure({ concurrency: FAN_OUT_CONCURRENCY });
		progress('fan-out: ours');
		const fanOutOurs: FanOutResult = await measureFanOut(fake, ourSubscriber(ours), fanOutPlans, FAN_OUT_JOBS, FAN_OUT_CONCURRENCY);
		progress('fan-out: official, polling');
		const fanOutPolling = await tryBaseline('fan-out, official polling', fanOutErrors, () =>
			measureFanOut(fake, officialSubscriber(official, 'polling'), fanOutPlans, FAN_OUT_JOBS, FAN_OUT_CONCURRENCY),
		);
		progress('fan-out: official, streaming');
		const fanOutStreaming = await tryBaseline('fan-out, official streaming', fanOutErrors, () =>
			measureFanOut(fake, officialSubscriber(official, 'streaming'), fanOutPlans, FAN_OUT_JOBS, FAN_OUT_CONCURRENCY),
		);

		progress('uploads (each in a fresh child process)');
		const uploads = await measureUploads(fake, [
			{ variant: 'ours-stream', size: UPLOAD_SIZE, timeoutMs: UPLOAD_TIMEOUT_MS },
			{ variant: 'official-file-blob', size: UPLOAD_SIZE, timeoutMs: UPLOAD_TIMEOUT_MS },
			{ variant: 'official-memory-blob', size: UPLOAD_SIZE, timeoutMs: UPLOAD_TIMEOUT_MS },
		]);
		const [uploadOurs, ...baselines] = uploads;
		if ('error' in uploadOurs) throw new Error(`our upload failed: ${uploadOurs.error}`);

		const results: BenchResults = {
			startedAt,
			loadAtStart,
			durationSeconds: (Date.now() - startedAt.getTime()) / 1000,
			latency: { ours: latencyOurs, polling, streaming, errors: latencyErrors },
			fanOut: { ours: fanOutOurs, polling: fanOutPolling, streaming: fanOutStreaming, errors: fanOutErrors },
			uploads: { ours: uploadOurs as UploadOutcome, baselines: baselines as UploadMeasurement[] },
		};
		const report = renderReport(results);
		process.stdout.write(`${report}\n`);
		// Keeps the sections other benchmark scripts wrote (queue mode in real n8n).
		writeFileSync(benchmarksFile, withOwnedSections(`${METHOD}\n${report}`));
		progress('wrote BENCHMARKS.md');
	} finally {
		await ours.close();
		await fake.stop();
	}
}

const watchdog = setTimeout(() => {
	progress(`the run exceeded ${RUN_DEADLINE_MS / 1000} s: giving up`);
	process.exit(2);
}, RUN_DEADLINE_MS);

main().then(
	() => {
		clearTimeout(watchdog);
		// The official client keeps pooled connections open; nothing else is left to wait for.
		process.exit(0);
	},
	(error: unknown) => {
		progress(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
		process.exit(1);
	},
);
