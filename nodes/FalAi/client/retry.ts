/**
 * Retry policies: which failures each kind of call may resend, and how long to wait.
 *
 * The rule that shapes everything here: a submit or a direct run is only resent when fal
 * certainly did not accept it (a 429 or 503 answer, or a connection that was never made).
 * Resending after the request may have reached fal could start a second, paid job.
 */
import type { RetryOptions } from './types';

/** The kinds of call, each with its own policy. */
export type CallKind = 'submit' | 'run' | 'status' | 'result' | 'cancel' | 'storage' | 'platform';

export interface RetryPolicy extends RetryOptions {
	kind: CallKind;
	maxRetryAfterMs: number;
	/** HTTP statuses worth another attempt. */
	retryStatuses: readonly number[];
	/**
	 * `any`: every transient transport error is retried (the call is idempotent).
	 * `unsent`: only errors proving the request never left the client.
	 */
	networkRetry: 'any' | 'unsent';
}

/** How a single attempt failed, as far as retrying is concerned. */
export type AttemptFailure =
	| { type: 'response'; status: number; headers: Record<string, string | string[] | undefined>; body?: unknown }
	| { type: 'network'; code?: string };

/**
 * A server's `Retry-After` is honoured up to two minutes: long enough for fal's usual
 * "busy, come back shortly", short enough that a workflow is not held for minutes without a word.
 */
export const DEFAULT_MAX_RETRY_AFTER_MS = 120_000;

const BACKOFF: RetryOptions & { maxRetryAfterMs: number } = {
	maxRetries: 3,
	baseDelayMs: 1000,
	maxDelayMs: 30_000,
	jitter: 0.25,
	maxRetryAfterMs: DEFAULT_MAX_RETRY_AFTER_MS,
};

const POLICIES: Record<CallKind, Omit<RetryPolicy, keyof RetryOptions> & Partial<RetryOptions>> = {
	submit: { kind: 'submit', retryStatuses: [429, 503], networkRetry: 'unsent' },
	run: { kind: 'run', retryStatuses: [429, 503], networkRetry: 'unsent' },
	status: { kind: 'status', retryStatuses: [429, 500, 502, 503, 504], networkRetry: 'any', maxRetries: 5 },
	result: { kind: 'result', retryStatuses: [429, 502, 503, 504], networkRetry: 'any' },
	cancel: { kind: 'cancel', retryStatuses: [429, 502, 503, 504], networkRetry: 'any' },
	storage: { kind: 'storage', retryStatuses: [429, 502, 503, 504], networkRetry: 'any' },
	platform: { kind: 'platform', retryStatuses: [429, 502, 503, 504], networkRetry: 'any' },
};

/** Transport errors that prove no byte of the request reached the server. */
const UNSENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	// undici's own code for a connection that could not be opened in time.
	'UND_ERR_CONNECT_TIMEOUT',
]);

/** Transient transport errors; after some of them the request may have been processed. */
const TRANSIENT_CODES = new Set([
	...UNSENT_CODES,
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'ECONNABORTED',
	'UND_ERR_SOCKET',
	'UND_ERR_CLOSED',
	'UND_ERR_HEADERS_TIMEOUT',
	'UND_ERR_BODY_TIMEOUT',
]);

/** The policy for one kind of call; `overrides` (from the client config) replace the timing/count fields. */
export function retryPolicy(kind: CallKind, overrides: Partial<RetryOptions> = {}): RetryPolicy {
	const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
	return { ...BACKOFF, ...POLICIES[kind], ...defined } as RetryPolicy;
}

/** True when the transport error code proves the request was never sent. */
export function isUnsentError(code: string | undefined): boolean {
	return code !== undefined && UNSENT_CODES.has(code);
}

/** Whether the failure may be retried under the policy (attempt counting is the caller's). */
export function isRetryable(policy: RetryPolicy, failure: AttemptFailure): boolean {
	if (failure.type === 'network') {
		if (!failure.code) return false;
		return policy.networkRetry === 'unsent' ? UNSENT_CODES.has(failure.code) : TRANSIENT_CODES.has(failure.code);
	}
	// The caller's own X-Fal-Request-Timeout expired: retrying would just time out again.
	if (failure.status === 504 && headerOf(failure.headers, 'x-fal-request-timeout-type')?.trim().toLowerCase() === 'user') return false;
	if (headerOf(failure.headers, 'x-fal-retryable')?.toLowerCase() === 'false') return false;
	return policy.retryStatuses.includes(failure.status);
}

/**
 * Wait before retry number `attempt` (0 = first retry): the server's `Retry-After` (header, or a
 * 429 body's `retry_after`) when given, up to `maxRetryAfterMs` (callers first check
 * {@link retryAfterTooLong}); otherwise exponential backoff capped by `maxDelayMs`.
 */
export function retryDelayMs(
	policy: RetryPolicy,
	attempt: number,
	failure: AttemptFailure,
	random: () => number = Math.random,
	now: number = Date.now(),
): number {
	const serverDelay = retryAfterMs(failure, now);
	if (serverDelay !== undefined) return Math.min(serverDelay, policy.maxRetryAfterMs);
	return backoffDelayMs(policy, attempt, random);
}

/**
 * True when the server asked to wait longer than the policy is willing to: retrying earlier
 * would only be refused again, so the call fails at once with an error saying when to retry.
 */
export function retryAfterTooLong(policy: RetryPolicy, failure: AttemptFailure, now: number = Date.now()): boolean {
	const serverDelay = retryAfterMs(failure, now);
	return serverDelay !== undefined && serverDelay > policy.maxRetryAfterMs;
}

/** The wait an error answer asks for (`Retry-After`, or a 429 body's `retry_after`), in ms. */
export function retryAfterMs(failure: AttemptFailure, now: number = Date.now()): number | undefined {
	return failure.type === 'response' ? serverRetryAfterMs(failure, now) : undefined;
}

/** base × 2^attempt, capped, then ±jitter. */
export function backoffDelayMs(policy: RetryOptions, attempt: number, random: () => number = Math.random): number {
	const exponential = Math.min(policy.baseDelayMs * 2 ** attempt, policy.maxDelayMs);
	const spread = exponential * policy.jitter * (random() * 2 - 1);
	return Math.max(0, Math.round(exponential + spread));
}

/** `Retry-After` as delta-seconds or an HTTP date, in ms from `now`; undefined when absent or invalid. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
	if (value === undefined) return undefined;
	const text = value.trim();
	if (!text) return undefined;
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function serverRetryAfterMs(failure: Extract<AttemptFailure, { type: 'response' }>, now: number): number | undefined {
	const fromHeader = parseRetryAfter(headerOf(failure.headers, 'retry-after'), now);
	if (fromHeader !== undefined) return fromHeader;
	if (failure.status !== 429 || !failure.body || typeof failure.body !== 'object') return undefined;
	const fromBody = (failure.body as Record<string, unknown>).retry_after;
	if (typeof fromBody === 'number' && fromBody >= 0) return Math.round(fromBody * 1000);
	return typeof fromBody === 'string' ? parseRetryAfter(fromBody, now) : undefined;
}

/** Reads a header from a transport's lower-cased header map. */
export function headerOf(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
	const value = headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}
