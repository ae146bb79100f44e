/**
 * fal's realtime WebSocket (`wss://fal.run/{id}/realtime?fal_jwt_token=…`) for the fake's fast
 * image endpoints (ids with `lcm`, `turbo`, `lightning` or `realtime` in them, e.g.
 * `fal-ai/fast-lcm-diffusion`), on the `ws` library (a dev dependency: the fake is test code).
 *
 * Behaviour (see nodes/FalAi/client/realtime/protocol.ts for what is fact and what is not):
 * - the token must be one the fake issued on `POST /rest/tokens/` (its `token_expiration` is
 *   honoured); an unknown token is refused at the handshake with 401;
 * - inputs are msgpack binary frames; each is answered by one frame, in the order received:
 *   the result as msgpack (with a `request_id`), an error as JSON text
 *   `{ type: 'x-fal-error', error, reason }`, and an input arriving after the connection's token
 *   expired as `{ status: 'error', error: 'Unauthorized' }` (not run);
 * - up to `concurrency` inputs of one connection run at once (the queue's runner count, so the
 *   benchmark compares like with like); answers still leave in order.
 *
 * Faults (`fal.realtime.inject`): `drop` cuts the connection (no close frame) when the given
 * input arrives, before it runs; `slow` adds time to one input; `error` answers one input with
 * an error frame; `expire-tokens` makes every token issued so far expired.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';

import { decode, encode } from '@msgpack/msgpack';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';

import { acceptInput, isAccepted } from './accept-input';
import { modelKindOf, modelOutput } from './models';
import type { Settings } from './settings';
import type { Timers } from './timers';

/** Which fake endpoints serve realtime. */
export function servesRealtime(endpointId: string): boolean {
	return modelKindOf(endpointId) === 'image' && /lcm|turbo|lightning|realtime/i.test(endpointId);
}

/** Input numbers count every input the fake received on any connection, from 1, since the last reset. */
export type RealtimeFault =
	| { type: 'drop'; atInput: number }
	| { type: 'slow'; atInput: number; ms: number }
	| { type: 'error'; atInput: number; error?: string; reason?: string }
	| { type: 'expire-tokens' };

export interface RealtimeStats {
	/** Connections accepted. */
	connections: number;
	/** Connections open now. */
	open: number;
	/** Inputs received. */
	inputs: number;
	/** Inputs run (a result or model error produced). */
	runs: number;
	/** Inputs answered Unauthorized (not run). */
	unauthorized: number;
	/** Connections the client closed with code 1000. */
	normalCloses: number;
}

export interface FakeRealtime {
	readonly stats: RealtimeStats;
	/** The prompts (`prompt` field) of the inputs run, in the order they ran. */
	readonly prompts: string[];
	/** Token lifetimes asked for, in seconds. */
	readonly tokenRequests: number[];
	inject(fault: RealtimeFault): void;
}

interface IssuedToken {
	expiresAt: number;
}

export class RealtimeFake implements FakeRealtime {
	readonly stats: RealtimeStats = emptyStats();
	prompts: string[] = [];
	tokenRequests: number[] = [];
	private readonly tokens = new Map<string, IssuedToken>();
	private faults: RealtimeFault[] = [];
	private readonly server = new WebSocketServer({ noServer: true });

	constructor(
		private readonly settings: Settings,
		private readonly timers: Timers,
		private readonly baseUrl: () => string,
	) {}

	/** `POST /rest/tokens/`: a token for the realtime handshake. */
	issueToken(body: unknown): string {
		const seconds = Number((body as { token_expiration?: unknown } | undefined)?.token_expiration ?? 120) || 120;
		this.tokenRequests.push(seconds);
		const token = randomBytes(24).toString('base64url');
		this.tokens.set(token, { expiresAt: Date.now() + seconds * 1000 });
		return token;
	}

	inject(fault: RealtimeFault): void {
		if (fault.type === 'expire-tokens') {
			for (const token of this.tokens.values()) token.expiresAt = 0;
			return;
		}
		this.faults.push(fault);
	}

	reset(): void {
		Object.assign(this.stats, emptyStats(), { open: this.stats.open });
		this.prompts = [];
		this.tokenRequests = [];
		this.faults = [];
	}

	/** Handles an HTTP upgrade; returns false when it is not a realtime path (the caller refuses it). */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
		const url = new URL(req.url ?? '/', this.baseUrl());
		const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
		if (segments[0] !== 'run' || segments[segments.length - 1] !== 'realtime') return false;
		const endpointId = segments.slice(1, -1).join('/');
		const token = this.tokens.get(url.searchParams.get('fal_jwt_token') ?? '');
		if (!servesRealtime(endpointId)) return refuse(socket, 404, `Application '${endpointId}' has no realtime endpoint`);
		if (!token) return refuse(socket, 401, 'Invalid token');
		this.server.handleUpgrade(req, socket, head, (ws) => this.serve(ws, endpointId, token));
		return true;
	}

	close(): void {
		for (const client of this.server.clients) client.terminate();
		this.server.close();
	}

	private serve(ws: WebSocket, endpointId: string, token: IssuedToken): void {
		this.stats.connections++;
		this.stats.open++;
		let closed = false;
		const slots = new Slots(() => this.settings.concurrency);
		// Answers leave in the order the inputs came, whatever order they finish in.
		let answers: Promise<void> = Promise.resolve();
		ws.on('close', (code) => {
			closed = true;
			this.stats.open--;
			if (code === 1000) this.stats.normalCloses++;
		});
		ws.on('message', (data: RawData, isBinary: boolean) => {
			const number = ++this.stats.inputs;
			const fault = this.takeFault(number);
			if (fault?.type === 'drop') return void ws.terminate();
			const frame = slots.run(() => (closed ? Promise.resolve(undefined) : this.answer(endpointId, token, data, isBinary, fault)));
			answers = answers.then(async () => {
				const ready = await frame;
				if (ready && !closed) ws.send(ready.data, { binary: ready.binary });
			});
		});
	}

	/** Runs one input and builds its answer frame. */
	private async answer(
		endpointId: string,
		token: IssuedToken,
		data: RawData,
		isBinary: boolean,
		fault: RealtimeFault | undefined,
	): Promise<{ data: Buffer | string; binary: boolean }> {
		const errorFrame = (error: string, reason: string) => ({ data: JSON.stringify({ type: 'x-fal-error', error, reason }), binary: false });
		if (Date.now() >= token.expiresAt) {
			this.stats.unauthorized++;
			return { data: JSON.stringify({ status: 'error', error: 'Unauthorized' }), binary: false };
		}
		let body: unknown;
		try {
			body = isBinary ? decode(data as Buffer) : JSON.parse(String(data));
		} catch (error) {
			return errorFrame('BAD_REQUEST', `the input could not be decoded: ${(error as Error).message}`);
		}
		const accepted = acceptInput(endpointId, body);
		if (!isAccepted(accepted)) {
			return errorFrame('VALIDATION_ERROR', JSON.stringify((accepted as { body?: unknown }).body ?? 'invalid input'));
		}
		const runMs = (accepted.directives.runMs ?? this.settings.runMs) + (fault?.type === 'slow' ? fault.ms : 0);
		await this.timers.sleep(runMs);
		this.stats.runs++;
		const input = accepted.input as Record<string, unknown>;
		this.prompts.push(String(input.prompt));
		if (fault?.type === 'error') return errorFrame(fault.error ?? 'INTERNAL_ERROR', fault.reason ?? 'the runner failed on this input');
		const requestId = randomUUID();
		const output = modelOutput(input, { endpointId: accepted.endpointId, requestId, baseUrl: this.baseUrl(), inferenceSeconds: runMs / 1000 });
		return { data: Buffer.from(encode({ ...output, request_id: requestId })), binary: true };
	}

	private takeFault(inputNumber: number): RealtimeFault | undefined {
		const index = this.faults.findIndex((fault) => 'atInput' in fault && fault.atInput === inputNumber);
		return index < 0 ? undefined : this.faults.splice(index, 1)[0];
	}
}

/** Starts answering upgrades of `server` with the realtime fake. */
export function attachRealtime(server: Server, realtime: RealtimeFake): void {
	server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
		if (!realtime.handleUpgrade(req, socket, head)) refuse(socket, 404, 'Not Found');
	});
}

function refuse(socket: Duplex, status: number, message: string): true {
	const body = JSON.stringify({ detail: message });
	socket.end(`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Not Found'}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
	return true;
}

/** At most `limit()` tasks at once, started in the order they were given. */
class Slots {
	private running = 0;
	private readonly waiting: Array<() => void> = [];

	constructor(private readonly limit: () => number) {}

	async run<T>(task: () => Promise<T>): Promise<T> {
		// A finishing task hands its slot straight to the next waiting one.
		if (this.running >= Math.max(1, this.limit())) await new Promise<void>((resolve) => this.waiting.push(resolve));
		else this.running++;
		try {
			return await task();
		} finally {
			const next = this.waiting.shift();
			if (next) next();
			else this.running--;
		}
	}
}

function emptyStats(): RealtimeStats {
	return { connections: 0, open: 0, inputs: 0, runs: 0, unauthorized: 0, normalCloses: 0 };
}
