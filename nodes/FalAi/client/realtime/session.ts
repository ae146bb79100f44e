/**
 * One realtime connection to one fal endpoint, carrying a batch of inputs: the node execution
 * opens one session, hands it every item's input by position, and gets each item's result back.
 *
 * - Inputs are sent in position order (a position that will never come is `skip`ped), with at
 *   most `maxInFlight` unanswered at any time; the same number is sent as fal's `max_buffering`.
 * - Answers are paired with inputs in send order (see ./protocol.ts: UNCONFIRMED that fal
 *   answers each input once and in order; it is the only pairing fal's own client could offer).
 * - The token is fetched with the credential and the connection is rotated before the token
 *   reaches 90% of its lifetime (fal-js refreshes at 90% too): sending pauses, the inputs in
 *   flight are answered, the socket is closed normally and a new one opens with a fresh token.
 *   So no input ever travels on a connection whose token may have expired.
 * - A dropped connection is reopened with exponential backoff. An input fal refused as
 *   Unauthorized, or not yet sent, is (re)sent; an input sent but unanswered when the connection
 *   dropped may have run on fal, so it fails (`FalRealtimeDropError`) unless `resendUnanswered`
 *   says to send it again (then fal may run it twice).
 * - `close()` (or the session's signal) closes the socket and fails what is still pending.
 *
 * The WebSocket class is injected (default: the platform's global `WebSocket`, built into
 * Node.js 22+), so the package needs no WebSocket library.
 */
import type { ClientContext } from '../context';
import { FalAbortError, FalApiError, FalError, FalTimeoutError } from '../errors';
import { sleep } from '../sleep';
import {
	DEFAULT_TOKEN_EXPIRATION_SECONDS,
	classifyFrame,
	clampBuffering,
	decodeFrame,
	encodeInput,
	fetchRealtimeToken,
	realtimeUrl,
	type RealtimeToken,
} from './protocol';

/** The part of the WHATWG WebSocket the session uses. */
export interface WebSocketLike {
	readonly readyState: number;
	binaryType: string;
	send(data: Uint8Array): void;
	close(code?: number, reason?: string): void;
	addEventListener(type: 'open' | 'message' | 'close' | 'error', listener: (event: { data?: unknown; code?: number }) => void): void;
}

export type WebSocketFactory = new (url: string) => WebSocketLike;

/** The platform's WebSocket: a global in Node.js 22+ (so in n8n 2.10+), absent in Node.js 20. */
export function platformWebSocket(): WebSocketFactory | undefined {
	return typeof WebSocket === 'undefined' ? undefined : (WebSocket as unknown as WebSocketFactory);
}

/** Realtime cannot run here: the platform has no WebSocket. */
export class FalRealtimeUnavailableError extends FalError {
	constructor() {
		super(
			'Realtime is unavailable: this n8n runs on a Node.js without a built-in WebSocket (Node.js 22 or later has one; n8n 2.10 and later require it). Use another execution mode, or upgrade n8n.',
		);
	}
}

/** fal answered an input with an error frame. */
export class FalRealtimeError extends FalError {
	constructor(
		message: string,
		readonly body: Record<string, unknown>,
	) {
		super(`fal realtime error: ${message}`);
	}
}

/** The connection dropped after the input was sent and before its answer came. */
export class FalRealtimeDropError extends FalError {
	constructor() {
		super(
			'The realtime connection to fal dropped after this item was sent and before its result came. It was not resent, because fal may already have run (and billed) it; turn on "Resend Unanswered Items After a Drop" to resend such items.',
		);
	}
}

/** No connection could be opened (after the reconnect attempts). */
export class FalRealtimeConnectError extends FalError {}

export interface RealtimeSessionOptions {
	endpointId: string;
	/** Inputs sent and not yet answered, at most (1..60, fal's `max_buffering` range). */
	maxInFlight: number;
	/** Resend inputs in flight at a drop (fal may then run them twice). Default false. */
	resendUnanswered?: boolean;
	/** Default: the platform's global WebSocket. */
	WebSocket?: WebSocketFactory;
	/** Lifetime asked for each token; default 120 s as fal-js. */
	tokenExpirationSeconds?: number;
	/** Attempts to open a connection before giving up (default 5), and the backoff between them. */
	reconnect?: { attempts?: number; baseDelayMs?: number; maxDelayMs?: number };
	/** Aborting it closes the session (the execution's cancel signal). */
	signal?: AbortSignal;
}

export interface RealtimeResult {
	data: Record<string, unknown>;
	/** fal's `request_id` when the result carries one (UNCONFIRMED that it does), else ''. */
	requestId: string;
}

export interface RequestOptions {
	/** Aborting it fails this input (its answer, if it comes, is dropped). */
	signal?: AbortSignal;
	/** Fail this input when no answer came within this time after it was first sent; 0 = never. */
	timeoutMs?: number;
}

export interface RealtimeStats {
	connections: number;
	tokens: number;
	sent: number;
	resent: number;
	drops: number;
}

interface Entry {
	position: number;
	bytes: Uint8Array;
	/** Starts the answer timeout (on the first send: waiting behind other items is not slowness). */
	onSent(): void;
	settled: boolean;
	sent: boolean;
	resolve(result: RealtimeResult): void;
	reject(error: unknown): void;
}

type State = 'idle' | 'connecting' | 'open' | 'draining' | 'closed';

/** Rotate the connection once its token has lived this share of its lifetime. */
const ROTATE_AT = 0.9;

export class RealtimeSession {
	readonly stats: RealtimeStats = { connections: 0, tokens: 0, sent: 0, resent: 0, drops: 0 };
	private readonly pending = new Map<number, Entry>();
	private readonly skipped = new Set<number>();
	private cursor = 0;
	private resend: Entry[] = [];
	private inFlight: Entry[] = [];
	private state: State = 'idle';
	private socket?: WebSocketLike;
	private token?: RealtimeToken;
	private frames: Promise<void> = Promise.resolve();
	private readonly maxInFlight: number;
	private readonly factory: WebSocketFactory;
	private readonly closing = new AbortController();

	constructor(
		private readonly ctx: ClientContext,
		private readonly options: RealtimeSessionOptions,
	) {
		const factory = options.WebSocket ?? platformWebSocket();
		if (!factory) throw new FalRealtimeUnavailableError();
		this.factory = factory;
		this.maxInFlight = clampBuffering(options.maxInFlight);
		options.signal?.addEventListener('abort', () => this.close(), { once: true });
		if (options.signal?.aborted) this.close();
	}

	/** Queues `input` as the item at `position` (0, 1, 2…); resolves with its result. */
	request(position: number, input: unknown, options: RequestOptions = {}): Promise<RealtimeResult> {
		if (this.state === 'closed') return Promise.reject(new FalAbortError());
		const bytes = encodeInput(input);
		return new Promise<RealtimeResult>((resolve, reject) => {
			const stops: Array<() => void> = [];
			let timing = false;
			const entry: Entry = {
				position,
				bytes,
				onSent: () => {
					if (timing || !options.timeoutMs) return;
					timing = true;
					const timeoutMs = options.timeoutMs;
					this.watch(AbortSignal.timeout(timeoutMs), () => entry.reject(new FalTimeoutError(timeoutMs, undefined, false)), stops);
				},
				settled: false,
				sent: false,
				resolve: (result) => settle(() => resolve(result)),
				reject: (error) => settle(() => reject(error)),
			};
			const settle = (done: () => void): void => {
				if (entry.settled) return;
				entry.settled = true;
				stops.forEach((stop) => stop());
				done();
				this.pump();
			};
			// Queued first: an input that fails at once still lets the cursor pass its position.
			this.pending.set(position, entry);
			this.watch(options.signal, () => entry.reject(new FalAbortError()), stops);
			this.pump();
		});
	}

	/** The item at `position` will not be requested (it failed before its input was ready). */
	skip(position: number): void {
		// A position already passed (sent, or failed early) needs nothing.
		if (this.pending.has(position) || position < this.cursor) return;
		this.skipped.add(position);
		this.pump();
	}

	/** Closes the socket and fails every input not yet answered. Idempotent. */
	close(): void {
		if (this.state === 'closed') return;
		this.state = 'closed';
		this.closing.abort();
		const socket = this.socket;
		this.socket = undefined;
		if (socket) closeQuietly(socket, 1000, 'done');
		for (const entry of this.takeAll()) entry.reject(new FalAbortError());
	}

	/** Whether the socket is open now (for tests). */
	get isOpen(): boolean {
		return this.state === 'open' || this.state === 'draining';
	}

	private watch(signal: AbortSignal | undefined, onAbort: () => void, stops: Array<() => void>): void {
		if (!signal) return;
		if (signal.aborted) return onAbort();
		signal.addEventListener('abort', onAbort, { once: true });
		stops.push(() => signal.removeEventListener('abort', onAbort));
	}

	/** Sends what may be sent, opens or rotates the connection as needed. */
	private pump(): void {
		if (this.state === 'closed' || this.state === 'connecting') return;
		if (this.state === 'open' && this.tokenNeedsRotation()) this.state = 'draining';
		if (this.state === 'draining') {
			if (this.inFlight.length === 0) this.rotate();
			return;
		}
		if (this.state === 'idle') {
			if (this.hasWork()) void this.connect();
			return;
		}
		while (this.socket && this.inFlight.length < this.maxInFlight) {
			const entry = this.nextToSend();
			if (!entry) break;
			this.send(entry);
		}
	}

	private hasWork(): boolean {
		this.resend = this.resend.filter((entry) => !entry.settled);
		if (this.resend.length) return true;
		this.advanceCursor();
		return this.pending.has(this.cursor);
	}

	private advanceCursor(): void {
		for (;;) {
			const entry = this.pending.get(this.cursor);
			if (this.skipped.delete(this.cursor)) this.cursor++;
			else if (entry?.settled) {
				this.pending.delete(this.cursor);
				this.cursor++;
			} else return;
		}
	}

	private nextToSend(): Entry | undefined {
		if (!this.hasWork()) return undefined;
		const again = this.resend.shift();
		if (again) return again;
		const entry = this.pending.get(this.cursor);
		this.pending.delete(this.cursor);
		this.cursor++;
		return entry;
	}

	private send(entry: Entry): void {
		const socket = this.socket;
		if (!socket) return;
		if (entry.sent) this.stats.resent++;
		entry.sent = true;
		this.inFlight.push(entry);
		this.stats.sent++;
		socket.send(entry.bytes);
		entry.onSent();
	}

	private tokenNeedsRotation(): boolean {
		const token = this.token;
		if (!token) return true;
		return Date.now() - token.fetchedAt >= token.expirationSeconds * 1000 * ROTATE_AT;
	}

	/** Closes the drained connection normally and opens the next one (with a fresh token). */
	private rotate(): void {
		const socket = this.socket;
		this.socket = undefined;
		if (socket) closeQuietly(socket, 1000, 'token rotation');
		this.state = 'idle';
		this.pump();
	}

	private async connect(): Promise<void> {
		this.state = 'connecting';
		const attempts = this.options.reconnect?.attempts ?? 5;
		let lastError: unknown;
		for (let attempt = 0; attempt < attempts; attempt++) {
			if (attempt > 0) {
				const waited = await sleep(this.backoffMs(attempt), this.closing.signal).then(
					() => true,
					() => false,
				);
				if (!waited) return;
			}
			if ((this.state as State) === 'closed') return;
			try {
				const token = await this.freshToken();
				const socket = await this.open(realtimeUrl(this.ctx.hosts.runUrl, this.options.endpointId, token.token, this.maxInFlight));
				if ((this.state as State) === 'closed') return void closeQuietly(socket, 1000, 'done');
				this.socket = socket;
				this.stats.connections++;
				this.state = 'open';
				this.pump();
				return;
			} catch (error) {
				if ((this.state as State) === 'closed') return;
				// A refused key will not get better by retrying: fail the batch with fal's answer.
				if (error instanceof FalApiError && (error.status === 401 || error.status === 403)) return this.failAll(error);
				lastError = error;
				// The handshake may have failed on an expired token: the next attempt fetches one.
				this.token = undefined;
				this.ctx.log({ level: 'warn', message: `fal realtime connection attempt ${attempt + 1} failed: ${messageOf(error)}` });
			}
		}
		this.failAll(
			new FalRealtimeConnectError(
				`Could not open the realtime connection to fal for ${this.options.endpointId} after ${attempts} attempts (${messageOf(lastError)}). Only models with a realtime endpoint support this mode, e.g. fal-ai/fast-lcm-diffusion.`,
			),
		);
	}

	private backoffMs(attempt: number): number {
		const base = this.options.reconnect?.baseDelayMs ?? 250;
		const max = this.options.reconnect?.maxDelayMs ?? 5000;
		const delay = Math.min(max, base * 2 ** (attempt - 1));
		return delay * (0.75 + Math.random() * 0.5);
	}

	private async freshToken(): Promise<RealtimeToken> {
		if (this.token && !this.tokenNeedsRotation()) return this.token;
		this.token = undefined;
		const seconds = this.options.tokenExpirationSeconds ?? DEFAULT_TOKEN_EXPIRATION_SECONDS;
		const token = await fetchRealtimeToken(this.ctx, this.options.endpointId, seconds, this.closing.signal);
		this.stats.tokens++;
		this.token = token;
		return token;
	}

	/** Opens a socket; resolves once it is open, rejects when it closes or fails first. */
	private open(url: string): Promise<WebSocketLike> {
		return new Promise((resolve, reject) => {
			const socket = new this.factory(url);
			socket.binaryType = 'arraybuffer';
			let opened = false;
			socket.addEventListener('open', () => {
				opened = true;
				resolve(socket);
			});
			socket.addEventListener('message', (event) => {
				this.frames = this.frames.then(() => this.onFrame(socket, event.data)).catch((error: unknown) => this.onFrameError(error));
			});
			socket.addEventListener('error', () => {
				if (!opened) reject(new FalRealtimeConnectError('the WebSocket handshake failed'));
			});
			socket.addEventListener('close', (event) => {
				if (!opened) return reject(new FalRealtimeConnectError(`the connection closed before it opened (code ${event.code ?? 'unknown'})`));
				// Frames that arrived before the close are handled first.
				this.frames = this.frames.then(() => this.onClose(socket)).catch((error: unknown) => this.onFrameError(error));
			});
		});
	}

	private async onFrame(socket: WebSocketLike, data: unknown): Promise<void> {
		if (socket !== this.socket) return;
		let frame;
		try {
			frame = classifyFrame(await decodeFrame(data));
		} catch (error) {
			// An undecodable frame answers the oldest input: pairing by order would be lost otherwise.
			frame = { kind: 'error' as const, message: messageOf(error), body: {} };
		}
		if (frame.kind === 'ignored') return;
		const entry = this.inFlight.shift();
		if (!entry) {
			this.ctx.log({ level: 'warn', message: 'fal sent a realtime answer while no input was waiting for one; ignored' });
			return;
		}
		if (frame.kind === 'result') {
			const requestId = typeof frame.data.request_id === 'string' ? frame.data.request_id : '';
			entry.resolve({ data: frame.data, requestId });
		} else if (frame.kind === 'error') {
			entry.reject(new FalRealtimeError(frame.message, frame.body));
		} else {
			// Unauthorized: not run (UNCONFIRMED); resend it on a connection with a fresh token.
			this.token = undefined;
			if (!entry.settled) this.requeue(entry);
			if (this.state === 'open') this.state = 'draining';
		}
		this.pump();
	}

	/** A bug of ours while handling a frame must not leave the batch waiting forever. */
	private onFrameError(error: unknown): void {
		this.failAll(new FalRealtimeConnectError(`fal realtime session failed: ${messageOf(error)}`));
	}

	private onClose(socket: WebSocketLike): void {
		if (socket !== this.socket) return;
		this.socket = undefined;
		const unanswered = this.inFlight.filter((entry) => !entry.settled);
		this.inFlight = [];
		if (this.state === 'draining' && unanswered.length === 0) {
			this.state = 'idle';
			return this.pump();
		}
		this.stats.drops++;
		this.ctx.log({ level: 'warn', message: `fal realtime connection dropped with ${unanswered.length} input(s) unanswered; reconnecting` });
		// Idle first: failing an entry pumps, and nothing may be sent on the dead socket.
		this.state = 'idle';
		for (const entry of unanswered) {
			if (this.options.resendUnanswered) this.requeue(entry);
			else entry.reject(new FalRealtimeDropError());
		}
		this.pump();
	}

	/** Puts an input back to be sent before the ones not yet sent, keeping position order. */
	private requeue(entry: Entry): void {
		this.resend.push(entry);
		this.resend.sort((a, b) => a.position - b.position);
	}

	private failAll(error: unknown): void {
		this.state = 'idle';
		for (const entry of this.takeAll()) entry.reject(error);
	}

	/** Empties every queue (before the entries are failed, so that failing them sends nothing). */
	private takeAll(): Entry[] {
		const entries = [...this.inFlight, ...this.resend, ...this.pending.values()];
		this.inFlight = [];
		this.resend = [];
		for (const position of this.pending.keys()) this.skipped.add(position);
		this.pending.clear();
		return entries;
	}
}

function closeQuietly(socket: WebSocketLike, code: number, reason: string): void {
	try {
		socket.close(code, reason);
	} catch {
		// Already closing.
	}
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
