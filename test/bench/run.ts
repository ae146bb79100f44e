/**
 * `npm run bench`: the path users run (our client on n8n-core's real `httpRequest`, and the real
 * nodes in n8n's engine) against our client on undici and the official `@fal-ai/client`, all on
 * the fake fal server, in one run of a few minutes. Prints a markdown report and writes
 * BENCHMARKS.md (see report.ts for how each number is measured). Progress goes to stderr, the
 * report to stdout. A missed target is a result, reported as such; a failed measurement of ours
 * (ours: the n8n path) is reported too, and then fails the run.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';

import { benchmarksFile, withOwnedSections } from './benchmarksSection';
import { closeHarness } from '../harness';
import { CONTESTANT_TITLES, CONTESTANTS, hostsVia, openContestant, type Contestant, type ContestantName } from './clients';
import { measureCpu, pooledCpu, type CpuResult, type CpuSubject } from './cpu-scenario';
import { startBenchFake, type BenchFake, type FakeHosts } from './fake-control';
import { variedPlans } from './plans';
import { measureConnections, measureFanOut, medianFanOutRound, sampleLatency, summariseLatency } from './queue-scenarios';
import { METHOD, renderReport, type BenchResults, type ByContestant } from './report';
import { startTcpProxy } from './tcp-proxy';
import { isMeasured, measureTransfers, MiB } from './transfer-scenario';
import { DOWNLOAD_VARIANTS, UPLOAD_VARIANTS } from './transfers';

/** The whole run is bounded: past this, something hangs, and the run fails rather than stalls. */
const RUN_DEADLINE_MS = 6 * 60_000;
const FILE_SIZE = 500 * MiB;
const TRANSFER_TIMEOUT_MS = 60_000;
/**
 * Latency, fan-out and CPU run in rounds, each contestant in turn within a round, so that a burst
 * of load from elsewhere on the shared machine hits every contestant alike.
 */
const ROUNDS = 3;
/** Latency: this many jobs per round (30 per contestant in all), this many at a time. */
const LATENCY_JOBS_PER_ROUND = 10;
const LATENCY_JOBS_IN_FLIGHT = 5;
/** Connections: this many jobs, this many at a time. */
const CONNECTION_JOBS = 100;
const CONNECTION_JOBS_IN_FLIGHT = 10;
/** Fan-out: this many jobs submitted at once, to a fake running as many at a time. */
const FAN_OUT_JOBS = 50;
/** fal "40 ms away": 20 ms each way, and a new connection's TCP + TLS 1.3 handshakes. */
const FAR_NETWORK = { oneWayDelayMs: 20, setupRoundTrips: 2 };
/** CPU: this many items per round (in two rounds), this many at a time. */
const CPU_PLAN = { items: 50, concurrency: 4, runMs: 20 };
const CPU_ROUNDS = 2;
const CPU_SUBJECTS: CpuSubject[] = ['node', 'n8n', 'undici', 'official-streaming'];

const runStartedAt = Date.now();
const progress = (message: string) => process.stderr.write(`[bench ${((Date.now() - runStartedAt) / 1000).toFixed(0).padStart(3)} s] ${message}\n`);

function portOf(baseUrl: string): number {
	return Number(new URL(baseUrl).port);
}

async function withContestant<T>(name: ContestantName, hosts: FakeHosts, key: string, work: (contestant: Contestant) => Promise<T>): Promise<T> {
	const contestant = openContestant(name, hosts, key);
	try {
		return await work(contestant);
	} finally {
		await contestant.close();
	}
}

class Measurements {
	readonly errors: string[] = [];
	oursFailed = false;

	/** Runs one measurement; a failure is recorded (and reported), not fatal to the others. */
	async take<T>(what: string, ours: boolean, run: () => Promise<T>): Promise<T | undefined> {
		progress(what);
		try {
			return await run();
		} catch (error) {
			this.errors.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
			if (ours) this.oursFailed = true;
			return undefined;
		}
	}

	/**
	 * `rounds` rounds of `run`, every contestant in turn within a round, each on one client opened
	 * for all its rounds; a contestant that fails is reported and left out of later rounds.
	 */
	async interleaved<T>(scenario: string, hosts: FakeHosts, key: string, rounds: number, run: (contestant: Contestant) => Promise<T>): Promise<ByContestant<T[]>> {
		const contestants = CONTESTANTS.map((name) => openContestant(name, hosts, key));
		const results: ByContestant<T[]> = {};
		const failed = new Set<ContestantName>();
		try {
			for (let round = 1; round <= rounds; round++) {
				for (const contestant of contestants) {
					if (failed.has(contestant.name)) continue;
					const what = `${scenario}, round ${round}/${rounds}: ${CONTESTANT_TITLES[contestant.name]}`;
					const result = await this.take(what, contestant.name === 'n8n', () => run(contestant));
					if (result === undefined) failed.add(contestant.name);
					else (results[contestant.name] ??= []).push(result);
				}
			}
		} finally {
			await Promise.all(contestants.map((contestant) => contestant.close()));
		}
		for (const name of failed) delete results[name];
		return results;
	}

	async perContestant<T>(scenario: string, run: (name: ContestantName) => Promise<T>): Promise<ByContestant<T>> {
		const results: ByContestant<T> = {};
		for (const name of CONTESTANTS) {
			const result = await this.take(`${scenario}: ${CONTESTANT_TITLES[name]}`, name === 'n8n', () => run(name));
			if (result !== undefined) results[name] = result;
		}
		return results;
	}
}

function mapResults<T, R>(results: ByContestant<T>, map: (result: T) => R): ByContestant<R> {
	return Object.fromEntries(Object.entries(results).map(([name, result]) => [name, map(result as T)])) as ByContestant<R>;
}

async function queueScenarios(fake: BenchFake, measurements: Measurements) {
	const latencyPlans = variedPlans(LATENCY_JOBS_PER_ROUND, 50, 800, 20);
	const latencyRounds = await measurements.interleaved('completion latency', fake.hosts, fake.key, ROUNDS, (c) =>
		sampleLatency(fake, c.subscriber, latencyPlans, LATENCY_JOBS_IN_FLIGHT),
	);
	const latency = mapResults(latencyRounds, summariseLatency);

	const connectionPlans = variedPlans(CONNECTION_JOBS, 20, 200, 0);
	const connections = await measurements.perContestant('TCP connections', async (name) => {
		const proxy = await startTcpProxy({ targetPort: portOf(fake.baseUrl) });
		try {
			return await withContestant(name, hostsVia(fake.hosts, fake.baseUrl, proxy.baseUrl), fake.key, (c) =>
				measureConnections(fake, proxy, c.subscriber, connectionPlans, CONNECTION_JOBS_IN_FLIGHT),
			);
		} finally {
			await proxy.close();
		}
	});

	const far = await startTcpProxy({ targetPort: portOf(fake.baseUrl), ...FAR_NETWORK });
	let latencyFar: BenchResults['latencyFar'];
	try {
		const farHosts = hostsVia(fake.hosts, fake.baseUrl, far.baseUrl);
		const farRounds = await measurements.interleaved(`completion latency, fal ${2 * FAR_NETWORK.oneWayDelayMs} ms away`, farHosts, fake.key, ROUNDS, (c) =>
			sampleLatency(fake, c.subscriber, latencyPlans, LATENCY_JOBS_IN_FLIGHT),
		);
		latencyFar = mapResults(farRounds, summariseLatency);
	} finally {
		await far.close();
	}

	const fanOutPlans = variedPlans(FAN_OUT_JOBS, 100, 1500, 0);
	await fake.configure({ concurrency: FAN_OUT_JOBS });
	const fanOutRounds = await measurements.interleaved(`fan-out, ${FAN_OUT_JOBS} jobs at once`, fake.hosts, fake.key, ROUNDS, (c) =>
		measureFanOut(fake, c.subscriber, fanOutPlans, FAN_OUT_JOBS, FAN_OUT_JOBS),
	);
	await fake.configure({ concurrency: 100 });
	return { latency, connections, latencyFar, fanOut: mapResults(fanOutRounds, medianFanOutRound) };
}

async function cpuScenario(fake: BenchFake, measurements: Measurements): Promise<BenchResults['cpu']> {
	const rounds: Partial<Record<CpuSubject, CpuResult[]>> = {};
	try {
		for (let round = 1; round <= CPU_ROUNDS; round++) {
			for (const subject of CPU_SUBJECTS) {
				if (round > 1 && !rounds[subject]) continue;
				const ours = subject === 'node' || subject === 'n8n';
				const result = await measurements.take(`CPU per item, round ${round}/${CPU_ROUNDS}: ${subject}`, ours, () => measureCpu(fake, subject, CPU_PLAN));
				if (result) (rounds[subject] ??= []).push(result);
				else delete rounds[subject];
			}
		}
	} finally {
		closeHarness();
	}
	return Object.fromEntries(Object.entries(rounds).map(([subject, results]) => [subject, pooledCpu(results)])) as BenchResults['cpu'];
}

async function main(): Promise<void> {
	const startedAt = new Date();
	const loadAtStart = loadavg()[0];
	const fake = await startBenchFake({ concurrency: 100, queueMs: 0, runMs: 100 });
	progress(`fake fal server on ${fake.baseUrl} (child pid ${fake.pid}); 1-minute load average ${loadAtStart.toFixed(2)}`);
	const measurements = new Measurements();
	try {
		const queue = await queueScenarios(fake, measurements);
		const cpu = await cpuScenario(fake, measurements);
		progress('files (each in a fresh child process)');
		const transfers = await measureTransfers(
			fake,
			[...UPLOAD_VARIANTS, ...DOWNLOAD_VARIANTS].map((variant) => ({ variant, size: FILE_SIZE, timeoutMs: TRANSFER_TIMEOUT_MS })),
			progress,
		);
		for (const transfer of transfers) {
			if (isMeasured(transfer)) continue;
			measurements.errors.push(`${transfer.variant}: ${transfer.error}`);
			if (transfer.variant.startsWith('node-')) measurements.oursFailed = true;
		}

		const results: BenchResults = {
			startedAt,
			loadAtStart,
			loadAtEnd: loadavg()[0],
			durationSeconds: (Date.now() - startedAt.getTime()) / 1000,
			...queue,
			farNetwork: FAR_NETWORK,
			cpu,
			transfers,
			errors: measurements.errors,
		};
		const report = renderReport(results);
		process.stdout.write(`${report}\n`);
		// Keeps the sections other benchmark scripts wrote (queue mode in real n8n).
		writeFileSync(benchmarksFile, withOwnedSections(`${METHOD}\n${report}`));
		progress('wrote BENCHMARKS.md');
		if (measurements.oursFailed) throw new Error(`a measurement of ours failed:\n${measurements.errors.join('\n')}`);
	} finally {
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
