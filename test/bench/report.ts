/**
 * Turns the measurements into the printed report and BENCHMARKS.md: the comparison table,
 * machine info, then the details behind each row.
 */
import { cpus, totalmem } from 'node:os';

import type { FanOutResult, LatencyResult } from './queue-scenarios';
import { markdownTable, rowCells, TABLE_HEADER, type MetricRow } from './table';
import { MiB, type UploadMeasurement } from './upload-scenario';
import type { UploadOutcome } from './upload-worker';

export interface BenchResults {
	startedAt: Date;
	/** 1-minute load average when the run started: other work on the machine skews latencies. */
	loadAtStart: number;
	durationSeconds: number;
	latency: { ours: LatencyResult; polling?: LatencyResult; streaming?: LatencyResult; errors: string[] };
	fanOut: { ours: FanOutResult; polling?: FanOutResult; streaming?: FanOutResult; errors: string[] };
	uploads: { ours: UploadOutcome; baselines: UploadMeasurement[] };
}

const LATENCY_TARGET_MS = 20;
const REQUESTS_TARGET = 3;
const RSS_GROWTH_TARGET_MIB = 64;

/** What BENCHMARKS.md says before the numbers: how each one is obtained. */
export const METHOD = `# Benchmarks

\`npm run bench\` (test/bench/run.ts) measures our fal client (\`nodes/FalAi/client\`) against the
official \`@fal-ai/client\` 1.10.1, both talking to the fake fal server (test/fake-fal) on
127.0.0.1. The fake runs in a child process so its CPU and memory stay out of the client's
numbers; the official client reaches it through a \`requestMiddleware\` that rewrites fal's hosts.
This file is the committed output of the latest run.

How each number is measured:
- **Completion latency**: for each job, the time from the moment the fake marked it COMPLETED
  (its recorded \`completedAt\`, read through \`GET /__fake/jobs\`) to the moment the client's
  subscribe call resolved with the result (\`Date.now()\` in the client process; same host, same
  clock, 1 ms resolution). 30 jobs with run times spread over 50–800 ms (20 ms queued), 5 in
  flight, after 2 warm-up jobs. Ours: \`queue.subscribe\` (SSE status stream, then the result).
  Baseline: \`fal.subscribe\` in its default polling mode (500 ms interval) and in streaming mode.
- **HTTP requests per job**: every request the fake logged during that run (control calls
  excluded) divided by the number of jobs.
- **Fan-out**: 50 jobs (run times spread over 100–1500 ms) submitted all at once, as a workflow
  fanning out would; the bound is the fake's concurrency (fal limits concurrent requests per
  account), set to 50 here, so every job can run at once. Wall time from the first submit to
  the last result, compared with the longest single job (server-side start to completion): the
  wall time with no client or network cost. Ours runs on its default pool (16 connections per
  origin, which its SSE streams share); the official client on Node's global fetch pool. Had
  the fake a lower concurrency, the yardstick would be the zero-overhead schedule: the same jobs
  started in arrival order in that many slots.
- **Upload**: a file of random bytes written to a temp dir (deleted afterwards), uploaded in a
  fresh child process per variant. Throughput = size / time of the upload call (MiB = 2^20
  bytes). RSS growth = highest \`process.memoryUsage().rss\` (sampled every 20 ms, after a GC)
  minus the RSS just before the source was opened. The stored size is checked on the fake.
  Ours uploads \`fs.createReadStream\` (multipart, 10 MiB parts, 2 in flight). The official
  client needs a Blob: measured with a disk-backed \`fs.openAsBlob\` (its best case in Node) and
  with the file read into an in-memory Blob (what holding the bytes costs).
- Ratios are oriented so that **> 1 means ours is better**: baseline / ours for times, requests
  and memory, ours / baseline for throughput.
`;

function latencyRows(ours: LatencyResult, baseline: LatencyResult | undefined, mode: string): MetricRow[] {
	return [
		{
			metric: `Completion latency, median (vs ${mode})`,
			unit: 'ms',
			ours: ours.medianMs,
			baseline: baseline?.medianMs,
			better: 'lower',
			decimals: 1,
			target: { text: `< ${LATENCY_TARGET_MS} ms`, met: (value) => value < LATENCY_TARGET_MS },
		},
		{ metric: `Completion latency, p95 (vs ${mode})`, unit: 'ms', ours: ours.p95Ms, baseline: baseline?.p95Ms, better: 'lower', decimals: 1 },
		{
			metric: `HTTP requests per job (vs ${mode})`,
			unit: '',
			ours: ours.requestsPerJob,
			baseline: baseline?.requestsPerJob,
			better: 'lower',
			decimals: 2,
			target: { text: `${REQUESTS_TARGET}`, met: (value) => Math.abs(value - REQUESTS_TARGET) < 1e-9 },
		},
	];
}

function fanOutRows({ ours, polling, streaming }: BenchResults['fanOut']): MetricRow[] {
	const jobs = `${ours.jobs} jobs at once`;
	const bounded = ours.serverConcurrency < ours.jobs;
	const rows = (baseline: FanOutResult | undefined, mode: string): MetricRow[] => [
		{ metric: `${jobs}: wall time (vs ${mode})`, unit: 'ms', ours: ours.wallMs, baseline: baseline?.wallMs, better: 'lower' },
		{
			metric: `${jobs}: wall / longest job (vs ${mode})`,
			unit: '',
			ours: ours.wallMs / ours.longestJobMs,
			baseline: baseline && baseline.wallMs / baseline.longestJobMs,
			better: 'lower',
			decimals: 2,
		},
		...(bounded
			? [
					{
						metric: `${jobs}, ${ours.serverConcurrency} run at a time: wall / zero-overhead schedule (vs ${mode})`,
						unit: '',
						ours: ours.wallMs / ours.idealWallMs,
						baseline: baseline && baseline.wallMs / baseline.idealWallMs,
						better: 'lower' as const,
						decimals: 2,
					},
				]
			: []),
	];
	return [...rows(polling, 'official polling'), ...rows(streaming, 'official streaming')];
}

const mib = (bytes: number) => `${Math.round(bytes / MiB)} MiB`;
const throughput = (outcome: UploadOutcome) => outcome.bytes / MiB / outcome.seconds;
const VARIANT_NAMES: Record<string, string> = {
	'ours-stream': 'file stream',
	'official-file-blob': 'disk-backed Blob',
	'official-memory-blob': 'in-memory Blob',
};

function uploadRows(ours: UploadOutcome, baseline: UploadMeasurement): MetricRow[] {
	const measured = 'error' in baseline ? undefined : baseline;
	const sizes = baseline.bytes === ours.bytes ? mib(ours.bytes) : `ours ${mib(ours.bytes)}, baseline ${mib(baseline.bytes)}`;
	const label = `(${sizes}; vs ${VARIANT_NAMES[baseline.variant]})`;
	return [
		{ metric: `Upload throughput ${label}`, unit: 'MiB/s', ours: throughput(ours), baseline: measured && throughput(measured), better: 'higher', decimals: 0 },
		{
			metric: `Upload peak RSS growth ${label}`,
			unit: 'MiB',
			ours: ours.rss.growthBytes / MiB,
			baseline: measured && measured.rss.growthBytes / MiB,
			better: 'lower',
			decimals: 1,
			target: { text: `< ${RSS_GROWTH_TARGET_MIB} MiB`, met: (value) => value < RSS_GROWTH_TARGET_MIB },
		},
	];
}

export function metricRows(results: BenchResults): MetricRow[] {
	const { latency, fanOut, uploads } = results;
	return [
		...latencyRows(latency.ours, latency.polling, 'official polling'),
		...latencyRows(latency.ours, latency.streaming, 'official streaming'),
		...fanOutRows(fanOut),
		...uploads.baselines.flatMap((baseline) => uploadRows(uploads.ours, baseline)),
	];
}

function machine(results: BenchResults): string {
	const cpu = cpus();
	return [
		`- Date: ${results.startedAt.toISOString()} (run took ${results.durationSeconds.toFixed(0)} s)`,
		`- Node ${process.version}, ${process.platform}/${process.arch}, ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GiB RAM`,
		`- 1-minute load average at start: ${results.loadAtStart.toFixed(2)} (other processes on the machine add scheduling noise to millisecond latencies)`,
	].join('\n');
}

function latencyDetail(result: LatencyResult): string {
	const kinds = Object.entries(result.requestsByKind)
		.map(([kind, count]) => `${kind} ${count.toFixed(2)}`)
		.join(', ');
	const sorted = [...result.latenciesMs].sort((a, b) => a - b);
	return `- ${result.label}: ${result.jobs} jobs, median ${result.medianMs.toFixed(1)} ms, p95 ${result.p95Ms.toFixed(1)} ms, min ${sorted[0]} ms, max ${sorted[sorted.length - 1]} ms (median split: completed → result requested ${result.noticeMedianMs.toFixed(1)} ms, result requested → in hand ${result.fetchMedianMs.toFixed(1)} ms); requests per job ${result.requestsPerJob.toFixed(2)} (${kinds})`;
}

function fanOutDetail(result: FanOutResult): string {
	return `- ${result.label}: ${result.jobs} jobs, ${result.limit} in flight, fake running ${result.serverConcurrency} at a time: wall ${result.wallMs} ms, longest job ${result.longestJobMs} ms, zero-overhead schedule ${result.idealWallMs} ms, requests per job ${result.requestsPerJob.toFixed(2)}`;
}

function uploadDetail(result: UploadMeasurement): string {
	const name = `${result.variant} (${mib(result.bytes)})`;
	if ('error' in result) return `- ${name}: not measured: ${result.error}`;
	const { rss } = result;
	return `- ${name}: ${result.seconds.toFixed(2)} s, ${throughput(result).toFixed(0)} MiB/s; RSS ${mib(rss.baselineBytes)} before, peak ${mib(rss.peakBytes)}, growth ${(rss.growthBytes / MiB).toFixed(1)} MiB (${rss.samples} samples)`;
}

/** The run's report in markdown (what is printed; BENCHMARKS.md is METHOD followed by this). */
export function renderReport(results: BenchResults): string {
	const { latency, fanOut, uploads } = results;
	const errors = [...latency.errors, ...fanOut.errors];
	return [
		'## Latest run',
		'',
		machine(results),
		'',
		markdownTable(TABLE_HEADER, metricRows(results).map(rowCells)),
		'',
		'### Details',
		'',
		'Completion latency and requests:',
		...[latency.ours, latency.polling, latency.streaming].filter((result) => result !== undefined).map(latencyDetail),
		'',
		'Fan-out:',
		...[fanOut.ours, fanOut.polling, fanOut.streaming].filter((result) => result !== undefined).map(fanOutDetail),
		'',
		'Uploads:',
		...[uploads.ours, ...uploads.baselines].map(uploadDetail),
		...(errors.length > 0 ? ['', 'Baseline runs that failed:', ...errors.map((error) => `- ${error}`)] : []),
		'',
	].join('\n');
}
