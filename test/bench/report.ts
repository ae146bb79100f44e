/**
 * Turns the measurements into the printed report and BENCHMARKS.md: the comparison tables,
 * machine info, then the details behind each row.
 */
import { cpus, totalmem } from 'node:os';

import { CONTESTANT_TITLES, CONTESTANTS, type ContestantName } from './clients';
import type { CpuResult, CpuSubject } from './cpu-scenario';
import type { ConnectionsResult, FanOutResult, LatencyResult } from './queue-scenarios';
import { markdownTable, rowCells, tableHeader, type BaselineCell, type MetricRow } from './table';
import { isMeasured, MiB, type TransferMeasurement } from './transfer-scenario';
import type { TransferOutcome } from './transfer-worker';
import type { TransferVariant } from './transfers';

export type ByContestant<T> = Partial<Record<ContestantName, T>>;

export interface BenchResults {
	startedAt: Date;
	/** 1-minute load averages at start and end: other work on the machine skews latencies. */
	loadAtStart: number;
	loadAtEnd: number;
	durationSeconds: number;
	latency: ByContestant<LatencyResult>;
	/** The same latency scenario with the fake behind a delaying proxy. */
	latencyFar: ByContestant<LatencyResult>;
	farNetwork: { oneWayDelayMs: number; setupRoundTrips: number };
	connections: ByContestant<ConnectionsResult>;
	fanOut: ByContestant<FanOutResult>;
	cpu: Partial<Record<CpuSubject, CpuResult>>;
	transfers: TransferMeasurement[];
	/** Measurements that failed, with why. */
	errors: string[];
}

const LATENCY_TARGET_MS = 20;
const REQUESTS_TARGET = 3;
const FAN_OUT_TARGET = 1.05;
const RSS_GROWTH_TARGET_MIB = 64;

/** What BENCHMARKS.md says before the numbers: how each one is obtained. */
export const METHOD = `# Benchmarks

\`npm run bench\` (test/bench/run.ts) measures, in one run, the path users run — our fal client
(\`nodes/FalAi/client\`) on n8n-core's real \`httpRequest\` helper (the package's transport,
\`nodes/FalAi/transport/n8nTransport.ts\`, driven in-process by \`test/support/n8nCoreTransport.ts\`),
and for CPU and files the real nodes in n8n's own engine (test/harness) — side by side with
two baselines measured in the same run: our client on undici (\`test/support/undiciTransport.ts\`,
one keep-alive pool per client: what the package used before n8n verification ruled out runtime
dependencies) and the official \`@fal-ai/client\` 1.10.1. Everything talks to the fake fal server
(test/fake-fal) on 127.0.0.1, which runs in a child process so its CPU and memory stay out of
the clients' numbers; the official client reaches it through a \`requestMiddleware\` that rewrites
fal's hosts. This file is the committed output of the latest run.

How each number is measured:
- **Completion latency**: for each job, the time from the moment the fake marked it COMPLETED
  (its recorded \`completedAt\`, read through \`GET /__fake/jobs\`) to the moment the client's
  subscribe call resolved with the result (\`Date.now()\` in the client process; same host, same
  clock, 1 ms resolution). 30 jobs per contestant, run times spread over 50–800 ms (20 ms
  queued), 5 in flight, in 3 rounds of 10 with the contestants taking turns within each round
  (so a burst of load from elsewhere on this shared machine hits them alike), each round after
  10 short warm-up jobs (JIT, connections), one client per contestant. Ours:
  \`queue.subscribe\` (SSE status stream, then the result). Official: \`fal.subscribe\` in
  streaming mode and in its default polling mode (500 ms interval).
- **HTTP requests per job**: every request the fake logged during that run (control calls
  excluded) divided by the number of jobs.
- **TCP connections per job**: 100 jobs (run times 20–200 ms), 10 in flight, on a new client,
  no warm-up, through a TCP proxy in front of the fake (test/bench/tcp-proxy.ts) that counts
  the sockets it accepts. n8n's \`httpRequest\` builds new agents for every call, so each call
  opens a connection; undici and the official client keep theirs alive.
- **fal 40 ms away**: the completion latency scenario again, every client reaching the fake
  through a proxy that holds each chunk 20 ms in each direction (a 40 ms round trip) and holds
  a NEW connection's first bytes two further round trips: the TCP and TLS 1.3 handshakes a
  connection to fal costs before its first request leaves. (On 127.0.0.1 the kernel completes
  handshakes at once, so without that hold new connections would look free. TLS's CPU cost is
  not simulated: the fake speaks plain HTTP.) The warm-up jobs run through the proxy too, so
  pooled clients start with warm connections, as a busy n8n worker would have.
- **Fan-out**: 50 jobs (run times spread over 100–1500 ms) submitted all at once, as a workflow
  fanning out would, to a fake that runs all 50 at once. Wall time from the first submit to the
  last result, against the longest single job (server-side start to completion): the wall time
  with no client or network cost. 3 rounds, contestants taking turns; the table shows each
  contestant's median round; the details give every round's ratio and where the excess went
  (how long until the last submit reached the fake, how long after the last completion the last
  result was in hand).
- **CPU per item**: \`process.cpuUsage()\` (user + system, all threads of the bench process)
  around N items after a warm-up, divided by N (2 rounds of 50 items, subjects taking turns);
  the fake's work is in its own process. Ours: N items through the real Generate Image node in
  one workflow run of n8n's engine (its client on \`httpRequestWithAuthentication\`, Output
  Media "Keep as URLs" so each item costs the same three calls as the others, Max Concurrent
  Requests as the baselines' concurrency). Baselines: the bare clients making the same calls
  with the same concurrency. The details also give our client on n8n's helper without the
  engine, which splits the node's cost from the transport's.
- **Upload**: a 500 MiB file of random bytes written to a temp dir (deleted afterwards),
  uploaded in a fresh child process per variant after a 1 MiB warm-up upload through the same
  code. Ours: the real Upload File node in n8n's engine, the file stored beforehand as
  filesystem-mode binary data (with n8n's \`BinaryDataService.copyBinaryFile\`, a kernel copy,
  so nothing of it sits in the process's memory), the node streaming it from
  \`getBinaryStream\` (multipart, 10 MiB parts, 2 in flight). Also our client alone, on n8n's
  helper and on undici, given \`fs.createReadStream\` (the shape \`getBinaryStream\` returns). The
  official client needs a Blob: a disk-backed \`fs.openAsBlob\` (its best case in Node) and the
  file read into an in-memory Blob. The stored size is checked on the fake.
- **Download**: a job whose result file the fake serves at 500 MiB (\`fake.mediaBytes\`: its
  small real MP4 followed by one \`free\` box, streamed), in a fresh child process per variant
  after a 1 MiB warm-up. Ours: the real Generate Video node, Output Media "Download as Binary
  Data", into filesystem-mode binary data (the stored size is checked with n8n's binary data
  service). Baselines: our client's \`download\` piped into a file. The official client has no
  download API (its results are URLs).
- **Throughput** = size / time of the transfer (MiB = 2^20 bytes). **Peak RSS growth** = highest
  \`process.memoryUsage().rss\` (sampled every 20 ms) minus the RSS just before the transfer
  started, after a GC. RSS does not count buffers placed in pages the process already had (freed
  earlier, e.g. by loading n8n's engine), so the details also give the absolute RSS and the peak
  growth of Buffer memory (\`memoryUsage().arrayBuffers\`), which does.
- Each baseline cell holds the baseline's value and, in brackets, its ratio against ours,
  oriented so that **> 1 means ours is better**: baseline / ours for times, requests,
  connections, CPU and memory, ours / baseline for throughput.
`;

const NOT_APPLICABLE_POLLING = 'n/a';

function contestantCells<T>(results: ByContestant<T>, value: (result: T) => number, except: readonly ContestantName[] = []): BaselineCell[] {
	return CONTESTANTS.slice(1).map((name) => {
		if (except.includes(name)) return NOT_APPLICABLE_POLLING;
		const result = results[name];
		return result === undefined ? undefined : value(result);
	});
}

function queueRow<T>(
	metric: string,
	unit: string,
	results: ByContestant<T>,
	value: (result: T) => number,
	extra: Partial<MetricRow> = {},
): MetricRow {
	const ours = results.n8n;
	return { metric, unit, ours: ours === undefined ? undefined : value(ours), baselines: contestantCells(results, value), better: 'lower', ...extra };
}

const latencyTarget = { text: `< ${LATENCY_TARGET_MS} ms`, met: (value: number) => value < LATENCY_TARGET_MS };

export function queueRows(results: BenchResults): MetricRow[] {
	const { latency, latencyFar, connections, fanOut, cpu } = results;
	const far = `fal ${2 * results.farNetwork.oneWayDelayMs} ms away`;
	const fanOutJobs = fanOut.n8n?.jobs ?? Object.values(fanOut)[0]?.jobs ?? 0;
	const connectionJobs = connections.n8n ?? Object.values(connections)[0];
	const cpuSubjects: BaselineCell[] = CONTESTANTS.slice(1).map((name) => (name === 'official-polling' ? 'not measured (500 ms polls)' : cpu[name]?.cpuMsPerItem));
	return [
		queueRow('Completion latency, median', 'ms', latency, (r) => r.medianMs, { decimals: 1, target: latencyTarget }),
		queueRow('Completion latency, p95', 'ms', latency, (r) => r.p95Ms, { decimals: 1 }),
		queueRow('HTTP requests per job', '', latency, (r) => r.requestsPerJob, {
			decimals: 2,
			target: { text: `${REQUESTS_TARGET}`, met: (value) => Math.abs(value - REQUESTS_TARGET) < 1e-9 },
		}),
		queueRow(
			`TCP connections opened per job (${connectionJobs?.jobs ?? 100} jobs, ${connectionJobs?.limit ?? 10} at a time)`,
			'',
			connections,
			(r) => r.connectionsPerJob,
			{ decimals: 2 },
		),
		queueRow(`Completion latency, median, ${far}`, 'ms', latencyFar, (r) => r.medianMs, { decimals: 1 }),
		queueRow(`Completion latency, p95, ${far}`, 'ms', latencyFar, (r) => r.p95Ms, { decimals: 1 }),
		queueRow(`${fanOutJobs} jobs at once: wall time`, 'ms', fanOut, (r) => r.wallMs),
		queueRow(`${fanOutJobs} jobs at once: wall / longest job`, '', fanOut, (r) => r.wallMs / r.longestJobMs, {
			decimals: 2,
			target: { text: `≤ ${FAN_OUT_TARGET}`, met: (value) => value <= FAN_OUT_TARGET },
		}),
		{
			metric: `CPU per item (ours: the Generate Image node in n8n's engine; ${cpu.node?.items ?? 0} items)`,
			unit: 'ms',
			ours: cpu.node?.cpuMsPerItem,
			baselines: cpuSubjects,
			better: 'lower',
			decimals: 2,
		},
	];
}

/** What fills one cell of the file table: a variant's measurement, or why there is none. */
type FileCell = { variant: TransferVariant } | { note: string };

/** The file table's columns after ours (the node), per direction. */
const FILE_COLUMNS: Array<{ title: string; upload: FileCell; download: FileCell }> = [
	{ title: "Our client on n8n's httpRequest, file stream", upload: { variant: 'n8n-client-upload' }, download: { variant: 'n8n-client-download' } },
	{ title: 'Our client on undici, file stream', upload: { variant: 'undici-upload' }, download: { variant: 'undici-download' } },
	{ title: 'Official, disk-backed Blob', upload: { variant: 'official-file-blob' }, download: { note: 'no download API' } },
	{ title: 'Official, in-memory Blob', upload: { variant: 'official-memory-blob' }, download: { note: 'no download API' } },
];

const throughput = (outcome: TransferOutcome) => outcome.bytes / MiB / outcome.seconds;
const rssGrowthMiB = (outcome: TransferOutcome) => outcome.rss.growthBytes / MiB;
const mib = (bytes: number) => `${Math.round(bytes / MiB)} MiB`;

export function fileRows(results: BenchResults): MetricRow[] {
	const byVariant = new Map<string, TransferMeasurement>(results.transfers.map((measurement) => [measurement.variant, measurement]));
	const rows: MetricRow[] = [];
	for (const direction of ['upload', 'download'] as const) {
		const ours = byVariant.get(`node-${direction}`);
		const size = ours ? mib(ours.bytes) : '500 MiB';
		const cell = (spec: FileCell, value: (outcome: TransferOutcome) => number): BaselineCell => {
			if ('note' in spec) return spec.note;
			const measurement = byVariant.get(spec.variant);
			if (measurement === undefined) return undefined;
			return isMeasured(measurement) ? value(measurement) : 'failed';
		};
		const name = direction === 'upload' ? `Upload ${size} from filesystem binary data` : `Download ${size} into filesystem binary data`;
		rows.push(
			{
				metric: `${name}: throughput`,
				unit: 'MiB/s',
				ours: isMeasured(ours) ? throughput(ours) : undefined,
				baselines: FILE_COLUMNS.map((column) => cell(column[direction], throughput)),
				better: 'higher',
				decimals: 0,
			},
			{
				metric: `${name}: peak RSS growth`,
				unit: 'MiB',
				ours: isMeasured(ours) ? rssGrowthMiB(ours) : undefined,
				baselines: FILE_COLUMNS.map((column) => cell(column[direction], rssGrowthMiB)),
				better: 'lower',
				decimals: 1,
				target: { text: `< ${RSS_GROWTH_TARGET_MIB} MiB`, met: (value) => value < RSS_GROWTH_TARGET_MIB },
			},
		);
	}
	return rows;
}

/** Every row of both tables (what the targets are checked on). */
export function metricRows(results: BenchResults): MetricRow[] {
	return [...queueRows(results), ...fileRows(results)];
}

function machine(results: BenchResults): string {
	const cpu = cpus();
	return [
		`- Date: ${results.startedAt.toISOString()} (run took ${results.durationSeconds.toFixed(0)} s)`,
		`- Node ${process.version}, ${process.platform}/${process.arch}, ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GiB RAM`,
		`- 1-minute load average: ${results.loadAtStart.toFixed(2)} at start, ${results.loadAtEnd.toFixed(2)} at the end (the machine is shared: other processes add scheduling noise to millisecond latencies and CPU times)`,
	].join('\n');
}

function latencyDetail(result: LatencyResult): string {
	const kinds = Object.entries(result.requestsByKind)
		.map(([kind, count]) => `${kind} ${count.toFixed(2)}`)
		.join(', ');
	const sorted = [...result.latenciesMs].sort((a, b) => a - b);
	return `- ${result.label}: ${result.jobs} jobs, median ${result.medianMs.toFixed(1)} ms, p95 ${result.p95Ms.toFixed(1)} ms, min ${sorted[0]} ms, max ${sorted[sorted.length - 1]} ms (split, median / p95: completed → result requested ${result.noticeMedianMs.toFixed(1)} / ${result.noticeP95Ms.toFixed(1)} ms, result requested → in hand ${result.fetchMedianMs.toFixed(1)} / ${result.fetchP95Ms.toFixed(1)} ms); requests per job ${result.requestsPerJob.toFixed(2)} (${kinds})`;
}

function connectionsDetail(result: ConnectionsResult): string {
	return `- ${result.label}: ${result.jobs} jobs, ${result.limit} in flight: ${result.connections} TCP connections (${result.connectionsPerJob.toFixed(2)} per job) for ${result.requestsPerJob.toFixed(2)} requests per job`;
}

function fanOutDetail(result: FanOutResult): string {
	return `- ${result.label}: ${result.jobs} jobs, ${result.limit} in flight, fake running ${result.serverConcurrency} at a time: wall ${result.wallMs} ms, longest job ${result.longestJobMs} ms, last submit in after ${result.submitSpreadMs} ms, last result in hand ${result.lastResultLagMs} ms after the last completion, wall / longest ${(result.wallMs / result.longestJobMs).toFixed(3)}${result.roundRatios ? ` (median of rounds: ${result.roundRatios.map((ratio) => ratio.toFixed(3)).join(', ')})` : ''}, requests per job ${result.requestsPerJob.toFixed(2)}`;
}

const CPU_SUBJECTS: Record<CpuSubject, string> = {
	node: "the Generate Image node in n8n's engine (client on httpRequestWithAuthentication)",
	n8n: "our client alone on n8n-core's httpRequest (no engine, no node)",
	undici: 'our client on undici',
	'official-streaming': 'official client, streaming',
	'official-polling': 'official client, polling',
};

function cpuDetail(result: CpuResult): string {
	return `- ${CPU_SUBJECTS[result.subject]}: ${result.items} items, ${result.concurrency} at a time: ${result.cpuMsPerItem.toFixed(2)} ms CPU per item, wall ${result.wallMs.toFixed(0)} ms, ${result.requestsPerItem.toFixed(2)} requests per item`;
}

function transferDetail(result: TransferMeasurement): string {
	const name = `${result.variant} (${mib(result.bytes)})`;
	if (!isMeasured(result)) return `- ${name}: not measured: ${result.error}`;
	const { rss, buffers } = result;
	return `- ${name}: ${result.seconds.toFixed(2)} s, ${throughput(result).toFixed(0)} MiB/s; RSS ${mib(rss.baselineBytes)} before, peak ${mib(rss.peakBytes)}, growth ${(rss.growthBytes / MiB).toFixed(1)} MiB (${rss.samples} samples); Buffer memory peak growth ${(buffers.growthBytes / MiB).toFixed(1)} MiB`;
}

function present<T>(results: ByContestant<T>): T[] {
	return CONTESTANTS.map((name) => results[name]).filter((result): result is T => result !== undefined);
}

/** The run's report in markdown (what is printed; BENCHMARKS.md is METHOD followed by this). */
export function renderReport(results: BenchResults): string {
	const { farNetwork } = results;
	return [
		'## Latest run',
		'',
		machine(results),
		'',
		'### Queue',
		'',
		markdownTable(tableHeader(CONTESTANT_TITLES.n8n, CONTESTANTS.slice(1).map((name) => CONTESTANT_TITLES[name])), queueRows(results).map(rowCells)),
		'',
		'### Files',
		'',
		markdownTable(
			tableHeader('Ours: the real node, n8n filesystem binary data (shipped)', FILE_COLUMNS.map((column) => column.title)),
			fileRows(results).map(rowCells),
		),
		'',
		'### Details',
		'',
		'Completion latency and requests:',
		...present(results.latency).map(latencyDetail),
		'',
		`Completion latency, fal ${2 * farNetwork.oneWayDelayMs} ms away (${farNetwork.oneWayDelayMs} ms each way, ${farNetwork.setupRoundTrips} extra round trips before a new connection's first bytes):`,
		...present(results.latencyFar).map(latencyDetail),
		'',
		'TCP connections:',
		...present(results.connections).map(connectionsDetail),
		'',
		'Fan-out:',
		...present(results.fanOut).map(fanOutDetail),
		'',
		'CPU per item:',
		...(['node', ...CONTESTANTS] as CpuSubject[]).map((subject) => results.cpu[subject]).filter((result) => result !== undefined).map(cpuDetail),
		'',
		'Files (each in a fresh child process):',
		...results.transfers.map(transferDetail),
		...(results.errors.length > 0 ? ['', 'Measurements that failed:', ...results.errors.map((error) => `- ${error}`)] : []),
		'',
	].join('\n');
}
