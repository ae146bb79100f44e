import {
	backoffDelayMs,
	isRetryable,
	parseRetryAfter,
	retryAfterTooLong,
	retryDelayMs,
	retryPolicy,
	type AttemptFailure,
	type CallKind,
} from '../../nodes/FalAi/client/retry';

const answer = (status: number, headers: Record<string, string> = {}, body?: unknown): AttemptFailure => ({
	type: 'response',
	status,
	headers,
	body,
});
const network = (code: string): AttemptFailure => ({ type: 'network', code });

describe('retry policies', () => {
	it.each([429, 503])('submit is retried after a %i (fal did not take the job)', (status) => {
		expect(isRetryable(retryPolicy('submit'), answer(status))).toBe(true);
	});

	it.each([500, 502, 504])('submit is not retried after a %i (the job may exist)', (status) => {
		expect(isRetryable(retryPolicy('submit'), answer(status))).toBe(false);
	});

	it('submit and run are retried only when the connection was never made', () => {
		for (const kind of ['submit', 'run'] as CallKind[]) {
			expect(isRetryable(retryPolicy(kind), network('ECONNREFUSED'))).toBe(true);
			expect(isRetryable(retryPolicy(kind), network('UND_ERR_CONNECT_TIMEOUT'))).toBe(true);
			expect(isRetryable(retryPolicy(kind), network('ECONNRESET'))).toBe(false);
			expect(isRetryable(retryPolicy(kind), network('UND_ERR_SOCKET'))).toBe(false);
			expect(isRetryable(retryPolicy(kind), network('UND_ERR_HEADERS_TIMEOUT'))).toBe(false);
		}
	});

	it('status retries 500 as well, five times', () => {
		const policy = retryPolicy('status');
		expect(policy.maxRetries).toBe(5);
		for (const status of [429, 500, 502, 503, 504]) expect(isRetryable(policy, answer(status))).toBe(true);
		expect(isRetryable(policy, answer(404))).toBe(false);
		expect(isRetryable(policy, network('ECONNRESET'))).toBe(true);
	});

	it.each(['result', 'cancel', 'storage', 'platform'] as CallKind[])('%s retries 429/502/503/504 three times, not 500', (kind) => {
		const policy = retryPolicy(kind);
		expect(policy.maxRetries).toBe(3);
		for (const status of [429, 502, 503, 504]) expect(isRetryable(policy, answer(status))).toBe(true);
		expect(isRetryable(policy, answer(500))).toBe(false);
		expect(isRetryable(policy, answer(401))).toBe(false);
		expect(isRetryable(policy, network('UND_ERR_SOCKET'))).toBe(true);
	});

	it('never retries a 504 caused by the caller\'s own request timeout', () => {
		expect(isRetryable(retryPolicy('status'), answer(504, { 'x-fal-request-timeout-type': 'user' }))).toBe(false);
		expect(isRetryable(retryPolicy('status'), answer(504, { 'x-fal-request-timeout-type': 'infra' }))).toBe(true);
	});

	it('reads the request-timeout type whatever its case', () => {
		expect(isRetryable(retryPolicy('status'), answer(504, { 'x-fal-request-timeout-type': 'User' }))).toBe(false);
		expect(isRetryable(retryPolicy('status'), answer(504, { 'x-fal-request-timeout-type': ' USER ' }))).toBe(false);
	});

	it('honours X-Fal-Retryable: false', () => {
		expect(isRetryable(retryPolicy('status'), answer(503, { 'x-fal-retryable': 'false' }))).toBe(false);
	});

	it('does not retry an unknown transport error', () => {
		expect(isRetryable(retryPolicy('status'), { type: 'network' })).toBe(false);
		expect(isRetryable(retryPolicy('status'), network('ERR_SOMETHING'))).toBe(false);
	});

	it('lets the config override counts and delays but not what is retryable', () => {
		const policy = retryPolicy('submit', { maxRetries: 1, baseDelayMs: 5, maxDelayMs: undefined });
		expect(policy).toMatchObject({ maxRetries: 1, baseDelayMs: 5, maxDelayMs: 30_000, retryStatuses: [429, 503] });
	});
});

describe('backoff', () => {
	const options = { maxRetries: 5, baseDelayMs: 1000, maxDelayMs: 5000, jitter: 0.25 };

	it('doubles from the base and stops at the cap', () => {
		const middle = () => 0.5;
		expect([0, 1, 2, 3, 4].map((attempt) => backoffDelayMs(options, attempt, middle))).toEqual([1000, 2000, 4000, 5000, 5000]);
	});

	it('spreads by ±25 %', () => {
		expect(backoffDelayMs(options, 0, () => 0)).toBe(750);
		expect(backoffDelayMs(options, 0, () => 1)).toBe(1250);
	});
});

describe('Retry-After', () => {
	const now = Date.parse('2025-01-01T00:00:00Z');

	it('reads delta-seconds and HTTP dates', () => {
		expect(parseRetryAfter('3', now)).toBe(3000);
		expect(parseRetryAfter('0.5', now)).toBe(500);
		expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10_000);
		expect(parseRetryAfter('Tue, 31 Dec 2024 00:00:00 GMT', now)).toBe(0);
		expect(parseRetryAfter('soon', now)).toBeUndefined();
		expect(parseRetryAfter(undefined, now)).toBeUndefined();
	});

	it('wins over backoff and is honoured beyond maxDelayMs, up to maxRetryAfterMs', () => {
		const policy = retryPolicy('status', { maxDelayMs: 4000 });
		expect(policy.maxRetryAfterMs).toBe(120_000);
		expect(retryDelayMs(policy, 0, answer(429, { 'retry-after': '2' }), () => 0.5, now)).toBe(2000);
		expect(retryDelayMs(policy, 0, answer(503, { 'retry-after': '60' }), () => 0.5, now)).toBe(60_000);
		expect(retryDelayMs(policy, 0, answer(429, { 'retry-after': '120' }), () => 0.5, now)).toBe(120_000);
	});

	it('is too long to wait for past maxRetryAfterMs', () => {
		const policy = retryPolicy('submit', { maxRetryAfterMs: 10_000 });
		expect(retryAfterTooLong(policy, answer(429, { 'retry-after': '10' }), now)).toBe(false);
		expect(retryAfterTooLong(policy, answer(429, { 'retry-after': '11' }), now)).toBe(true);
		expect(retryAfterTooLong(policy, answer(429, {}, { retry_after: 30 }), now)).toBe(true);
		expect(retryAfterTooLong(policy, answer(429), now)).toBe(false);
		expect(retryAfterTooLong(policy, network('ECONNRESET'), now)).toBe(false);
	});

	it('falls back to a 429 body\'s retry_after', () => {
		const policy = retryPolicy('status');
		expect(retryDelayMs(policy, 0, answer(429, {}, { detail: 'slow down', retry_after: 3 }), () => 0.5, now)).toBe(3000);
		// Only a 429 body is read; a 503 without the header backs off.
		expect(retryDelayMs(policy, 2, answer(503, {}, { retry_after: 3 }), () => 0.5, now)).toBe(4000);
	});
});
