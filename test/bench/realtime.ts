/**
 * `npm run bench:realtime`: 100 items on a 150 ms fake job, at the same concurrency, through the
 * two execution modes' code paths: Wait for Result (`callModel` mode `wait`: submit, SSE status
 * stream, result) and Realtime (one `RealtimeSession`: one token, one WebSocket). Reports wall
 * time and requests per item, and writes them to BENCHMARKS.md between the realtime markers
 * (the rest of the file belongs to `npm run bench`).
 *
 * The fake runs in this process (its realtime counters are read directly); both modes share
 * that, and the fake's queue wait is 0 so that only the protocols' own overhead differs. The
 * client uses the transport the package ships (n8n-core's httpRequest) and undici's WHATWG
 * WebSocket, the implementation behind Node.js 22's global one.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { WebSocket as UndiciWebSocket } from 'undici';

import { createFalClient, type FalClient, type WebSocketFactory } from '../../nodes/FalAi/client';
import { runWithConcurrency } from '../../nodes/FalAi/shared/concurrency';
import { callModel } from '../../nodes/FalAi/shared/execution';
import { startFakeFal, type FakeFal } from '../fake-fal';
import { createN8nCoreTransport } from '../support/n8nCoreTransport';

const ITEMS = 100;
const JOB_MS = 150;
const CONCURRENCY = 4;
const ROUNDS = 3;
const ENDPOINT = 'fal-ai/fast-lcm-diffusion';
const START_MARKER = '<!-- realtime:start -->';
const END_MARKER = '<!-- realtime:end -->';

interface Measurement {
	mode: string;
	wallMs: number[];
	httpPerItem: number;
	httpBreakdown: string;
	wsMessagesPerItem: number;
	connections: number;
	failures: number;
}

function inputOf(index: number): Record<string, unknown> {
	return { prompt: `item ${index}`, image_size: 'square' };
}

async function waitForResult(client: FalClient): Promise<number> {
	const report = await runWithConcurrency(
		ITEMS,
		async (index, signal) => {
			const outcome = await callModel(client, { endpointId: ENDPOINT, input: inputOf(index), mode: 'wait', timeoutMs: 60_000, signal });
			if (outcome.mode !== 'wait' || (outcome.data as { prompt?: unknown }).prompt !== `item ${index}`) throw new Error(`item ${index}: wrong result`);
		},
		{ limit: CONCURRENCY, stopOnError: false },
	);
	return report.outcomes.filter((outcome) => !outcome?.ok).length;
}

async function realtime(client: FalClient): Promise<number> {
	const session = client.realtime!({ endpointId: ENDPOINT, maxInFlight: CONCURRENCY, WebSocket: UndiciWebSocket as unknown as WebSocketFactory });
	try {
		// The node's item loop: at most CONCURRENCY items at once, each sending its input in order.
		const report = await runWithConcurrency(
			ITEMS,
			async (index) => {
				const result = await session.request(index, inputOf(index), { timeoutMs: 60_000 });
				if (result.data.prompt !== `item ${index}`) throw new Error(`item ${index}: wrong result`);
			},
			{ limit: CONCURRENCY, stopOnError: false },
		);
		return report.outcomes.filter((outcome) => !outcome?.ok).length;
	} finally {
		session.close();
	}
}

async function measure(fal: FakeFal, mode: string, run: (client: FalClient) => Promise<number>): Promise<Measurement> {
	const wallMs: number[] = [];
	let failures = 0;
	let last = { http: 0, breakdown: '', ws: 0, connections: 0 };
	for (let round = 0; round < ROUNDS; round++) {
		fal.reset();
		const client = createFalClient({ credentials: fal.key, hosts: fal.hosts, transport: createN8nCoreTransport(fal.key) });
		const started = performance.now();
		failures += await run(client);
		wallMs.push(performance.now() - started);
		await client.close();
		const kinds = new Map<string, number>();
		for (const request of fal.requests) kinds.set(request.kind, (kinds.get(request.kind) ?? 0) + 1);
		last = {
			http: fal.requests.length,
			breakdown: [...kinds].map(([kind, count]) => `${kind} ${(count / ITEMS).toFixed(2)}`).join(', '),
			ws: fal.realtime.stats.inputs,
			connections: fal.realtime.stats.connections,
		};
	}
	return {
		mode,
		wallMs,
		httpPerItem: last.http / ITEMS,
		httpBreakdown: last.breakdown,
		wsMessagesPerItem: last.ws / ITEMS,
		connections: last.connections,
		failures,
	};
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

function section(results: Measurement[]): string {
	const floor = Math.ceil(ITEMS / CONCURRENCY) * JOB_MS;
	const rows = results.map(
		(result) =>
			`| ${result.mode} | ${median(result.wallMs).toFixed(0)} ms | ${result.wallMs.map((ms) => ms.toFixed(0)).join(' / ')} ms | ${result.httpPerItem.toFixed(2)} (${result.httpBreakdown || '—'}) | ${result.wsMessagesPerItem.toFixed(2)} | ${result.connections} | ${result.failures} |`,
	);
	const [wait, live] = results;
	return [
		START_MARKER,
		'## Realtime versus Wait for Result',
		'',
		`\`npm run bench:realtime\` (test/bench/realtime.ts), ${new Date().toISOString().slice(0, 10)}, Node.js ${process.version}: ${ITEMS} items on a ${JOB_MS} ms fake job (\`${ENDPOINT}\`), ${CONCURRENCY} at a time in both modes (the fake runs ${CONCURRENCY} jobs at once, queue wait 0), ${ROUNDS} rounds each; results are checked against their item. Zero-overhead schedule: ${floor} ms.`,
		'',
		'| Mode | Wall (median) | Rounds | HTTP requests per item | WebSocket messages sent per item | WebSocket connections | Failed items |',
		'| --- | --- | --- | --- | --- | --- | --- |',
		...rows,
		'',
		`Realtime took ${(median(live.wallMs) / median(wait.wallMs)).toFixed(2)}× the wall time of Wait for Result. The fake answers a connection's inputs in order, ${CONCURRENCY} running at once; how many inputs of one connection a real fal runner works on at once is not published (see README, Realtime).`,
		END_MARKER,
	].join('\n');
}

/** Replaces the realtime section of BENCHMARKS.md, or appends it. */
function writeSection(text: string): void {
	const path = join(__dirname, '..', '..', 'BENCHMARKS.md');
	const current = readFileSync(path, 'utf8');
	const start = current.indexOf(START_MARKER);
	const end = current.indexOf(END_MARKER);
	const next =
		start >= 0 && end > start
			? `${current.slice(0, start)}${text}${current.slice(end + END_MARKER.length)}`
			: `${current.replace(/\s*$/, '')}\n\n${text}\n`;
	writeFileSync(path, next);
}

async function main(): Promise<void> {
	const fal = await startFakeFal({ port: 0, queueMs: 0, runMs: JOB_MS, concurrency: CONCURRENCY });
	try {
		const results = [await measure(fal, 'Wait for Result (queue, SSE status)', waitForResult), await measure(fal, 'Realtime (one WebSocket)', realtime)];
		const text = section(results);
		process.stdout.write(`${text}\n`);
		if (!process.argv.includes('--no-write')) writeSection(text);
	} finally {
		await fal.close();
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`bench:realtime failed: ${(error as Error).stack ?? String(error)}\n`);
	process.exitCode = 1;
});
