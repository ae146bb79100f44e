/**
 * The realtime session against the fake fal's WebSocket, on undici's WHATWG WebSocket (the class
 * Node.js 22+ exposes as its global; jest runs on Node.js 20 here, which has none).
 */
import { WebSocket as UndiciWebSocket } from 'undici';

import {
	FalAbortError,
	FalApiError,
	FalRealtimeDropError,
	FalRealtimeError,
	FalRealtimeUnavailableError,
	FalTimeoutError,
	type FalClient,
	type RealtimeResult,
	type RealtimeSessionOptions,
	type WebSocketFactory,
} from '../../../nodes/FalAi/client';
import type { RealtimeSession } from '../../../nodes/FalAi/client/realtime/session';
import { startFakeFal, type FakeFal } from '../../fake-fal';
import { createTestFalClient } from '../../support/testClient';

const ENDPOINT = 'fal-ai/fast-lcm-diffusion';
const WebSocketClass = UndiciWebSocket as unknown as WebSocketFactory;

let fal: FakeFal;
let client: FalClient;
const sessions: RealtimeSession[] = [];

beforeAll(async () => {
	fal = await startFakeFal({ port: 0, runMs: 20, concurrency: 4 });
});
beforeEach(() => {
	client = createTestFalClient({ credentials: fal.key, hosts: fal.hosts });
});
afterEach(async () => {
	sessions.splice(0).forEach((session) => session.close());
	await client.close();
	fal.reset();
	fal.configure({ runMs: 20, concurrency: 4 });
});
afterAll(async () => {
	await fal.close();
});

function open(options: Partial<RealtimeSessionOptions> = {}, on: FalClient = client): RealtimeSession {
	const session = on.realtime!({
		endpointId: ENDPOINT,
		maxInFlight: 4,
		WebSocket: WebSocketClass,
		reconnect: { baseDelayMs: 10, maxDelayMs: 50 },
		...options,
	});
	sessions.push(session);
	return session;
}

type Settled = { ok: true; result: RealtimeResult } | { ok: false; error: unknown };

async function runBatch(session: RealtimeSession, count: number, timeoutMs?: number): Promise<Settled[]> {
	return await Promise.all(
		Array.from({ length: count }, (_, index) =>
			session.request(index, { prompt: `prompt ${index}`, sync_mode: true }, { timeoutMs }).then(
				(result): Settled => ({ ok: true, result }),
				(error: unknown): Settled => ({ ok: false, error }),
			),
		),
	);
}

const promptOf = (settled: Settled): unknown => (settled.ok ? settled.result.data.prompt : undefined);

async function until(check: () => boolean): Promise<void> {
	for (let waited = 0; !check(); waited += 10) {
		if (waited > 5000) throw new Error('condition not met within 5 s');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

describe('realtime session', () => {
	it('sends a batch in order over one connection and pairs every result with its input', async () => {
		const outcomes = await runBatch(open(), 20);
		expect(outcomes.map(promptOf)).toEqual(Array.from({ length: 20 }, (_, index) => `prompt ${index}`));
		expect(outcomes.every((outcome) => outcome.ok && outcome.result.requestId)).toBe(true);
		expect(fal.realtime.prompts).toEqual(Array.from({ length: 20 }, (_, index) => `prompt ${index}`));
		expect(fal.realtime.stats).toMatchObject({ connections: 1, inputs: 20, runs: 20 });
		expect(fal.requestsOf('token')).toHaveLength(1);
		expect(fal.realtime.tokenRequests).toEqual([120]);
	});

	it('asks for the token with the API key and never puts the key in the WebSocket URL', async () => {
		await runBatch(open(), 1);
		const [tokenRequest] = fal.requestsOf('token');
		expect(tokenRequest.headers.authorization).toBe(`Key ${fal.key}`);
		expect(tokenRequest.body).toEqual({ allowed_apps: ['fast-lcm-diffusion'], token_expiration: 120 });
	});

	it('sends inputs in position order even when they are handed over out of order, skipping positions that never come', async () => {
		const session = open();
		const late = session.request(2, { prompt: 'two' });
		session.skip(1);
		const first = session.request(0, { prompt: 'zero' });
		await Promise.all([late, first]);
		expect(fal.realtime.prompts).toEqual(['zero', 'two']);
	});

	it('fails only the input fal answers with an error frame', async () => {
		fal.realtime.inject({ type: 'error', atInput: 3, error: 'INTERNAL_ERROR', reason: 'runner crashed' });
		const outcomes = await runBatch(open(), 6);
		const failed = outcomes[2];
		expect(failed.ok).toBe(false);
		expect(!failed.ok && failed.error).toBeInstanceOf(FalRealtimeError);
		expect(!failed.ok && (failed.error as Error).message).toBe('fal realtime error: INTERNAL_ERROR: runner crashed');
		expect(outcomes.filter((_outcome, index) => index !== 2).map(promptOf)).toEqual(['prompt 0', 'prompt 1', 'prompt 3', 'prompt 4', 'prompt 5']);
	});

	it('times out a slow input without shifting the pairing of the ones after it', async () => {
		fal.realtime.inject({ type: 'slow', atInput: 2, ms: 600 });
		// One in flight: input 2 is sent once the late answer of input 1 came (answers are in order).
		const outcomes = await runBatch(open({ maxInFlight: 1 }), 6, 300);
		expect(!outcomes[1].ok && outcomes[1].error).toBeInstanceOf(FalTimeoutError);
		// The late answer of input 1 is dropped, not given to input 2.
		outcomes.forEach((outcome, index) => {
			if (index !== 1) expect(promptOf(outcome)).toBe(`prompt ${index}`);
		});
	});

	it('after a drop, resends what was not yet sent and fails what may have run, running nothing twice', async () => {
		fal.realtime.inject({ type: 'drop', atInput: 8 });
		const outcomes = await runBatch(open(), 20);
		const dropped = outcomes.filter((outcome) => !outcome.ok);
		expect(dropped.length).toBeGreaterThan(0);
		expect(dropped.every((outcome) => !outcome.ok && outcome.error instanceof FalRealtimeDropError)).toBe(true);
		outcomes.forEach((outcome, index) => {
			if (outcome.ok) expect(promptOf(outcome)).toBe(`prompt ${index}`);
		});
		expect(new Set(fal.realtime.prompts).size).toBe(fal.realtime.prompts.length);
		expect(fal.realtime.stats.connections).toBe(2);
	});

	it('with resendUnanswered, recovers a drop with every input answered once, in order', async () => {
		fal.realtime.inject({ type: 'drop', atInput: 8 });
		const session = open({ resendUnanswered: true });
		const outcomes = await runBatch(session, 20);
		expect(outcomes.map(promptOf)).toEqual(Array.from({ length: 20 }, (_, index) => `prompt ${index}`));
		expect(fal.realtime.stats.connections).toBe(2);
		expect(session.stats.resent).toBeGreaterThan(0);
	});

	it('resends inputs fal refused as Unauthorized on a new connection with a fresh token', async () => {
		const session = open();
		expect((await runBatch(session, 2)).every((outcome) => outcome.ok)).toBe(true);
		fal.realtime.inject({ type: 'expire-tokens' });
		const outcomes = await Promise.all([2, 3, 4].map((position) => session.request(position, { prompt: `prompt ${position}` })));
		expect(outcomes.map((outcome) => outcome.data.prompt)).toEqual(['prompt 2', 'prompt 3', 'prompt 4']);
		expect(fal.realtime.stats.unauthorized).toBeGreaterThan(0);
		expect(fal.requestsOf('token')).toHaveLength(2);
		expect(fal.realtime.stats.connections).toBe(2);
	});

	it('rotates the connection before its token expires: nothing is refused, the old socket closes normally', async () => {
		fal.configure({ runMs: 100 });
		const session = open({ tokenExpirationSeconds: 1, maxInFlight: 2 });
		const outcomes = await runBatch(session, 24);
		expect(outcomes.map(promptOf)).toEqual(Array.from({ length: 24 }, (_, index) => `prompt ${index}`));
		expect(fal.realtime.stats.unauthorized).toBe(0);
		expect(fal.realtime.stats.connections).toBeGreaterThan(1);
		expect(fal.realtime.stats.normalCloses).toBeGreaterThan(0);
		expect(fal.realtime.tokenRequests.every((seconds) => seconds === 1)).toBe(true);
	});

	it('close() fails what is pending and closes the socket', async () => {
		fal.configure({ runMs: 300 });
		const session = open();
		const pending = runBatch(session, 8);
		await until(() => fal.realtime.stats.inputs > 0 && fal.realtime.stats.open === 1);
		const closesBefore = fal.realtime.stats.normalCloses;
		session.close();
		const outcomes = await pending;
		expect(outcomes.every((outcome) => !outcome.ok && outcome.error instanceof FalAbortError)).toBe(true);
		await until(() => fal.realtime.stats.open === 0);
		expect(fal.realtime.stats.normalCloses).toBe(closesBefore + 1);
	});

	it('an aborted signal closes the session', async () => {
		fal.configure({ runMs: 300 });
		const controller = new AbortController();
		const session = open({ signal: controller.signal });
		const pending = runBatch(session, 4);
		await until(() => fal.realtime.stats.inputs > 0);
		controller.abort();
		expect((await pending).every((outcome) => !outcome.ok && outcome.error instanceof FalAbortError)).toBe(true);
		await until(() => fal.realtime.stats.open === 0);
	});

	it('fails the batch with fal\'s answer when the key is refused', async () => {
		const wrong = createTestFalClient({ credentials: 'wrong:key', hosts: fal.hosts });
		const outcomes = await runBatch(open({}, wrong), 3);
		expect(outcomes.every((outcome) => !outcome.ok && outcome.error instanceof FalApiError && outcome.error.status === 401)).toBe(true);
		expect(outcomes.map((outcome) => !outcome.ok && (outcome.error as Error).message).join(' ')).not.toContain('wrong:key');
		expect(fal.realtime.stats.connections).toBe(0);
		await wrong.close();
	});

	it('says Realtime is unavailable when the platform has no WebSocket', () => {
		const platform = globalThis as { WebSocket?: unknown };
		const saved = platform.WebSocket;
		delete platform.WebSocket;
		try {
			expect(() => client.realtime!({ endpointId: ENDPOINT, maxInFlight: 1 })).toThrow(FalRealtimeUnavailableError);
			expect(() => client.realtime!({ endpointId: ENDPOINT, maxInFlight: 1 })).toThrow(/Node\.js 22 or later/);
		} finally {
			if (saved !== undefined) platform.WebSocket = saved;
		}
	});
});
