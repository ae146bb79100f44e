import { JwksCache, JwksUnavailableError, verifyFalWebhookWithJwks } from '../../nodes/FalAi/client/webhooks';
import { createTestTransport } from '../support/testClient';
import { startJwksServer, type JwksServer } from './jwksServer';
import { makeKey, okBody, signedDelivery } from './keys';

/** A fresh key-set server for every test in this file. */
let server: JwksServer;
beforeEach(async () => {
	server = await startJwksServer();
});
afterEach(async () => await server.close());

/** The clock the cache reads; each block sets where it starts. */
let clock: number;
const now = (): number => clock;
const minute = 60_000;
/** Key sets are public: the transport is never asked to authenticate. */
const transport = createTestTransport('unused-key');

describe('JwksCache', () => {
	beforeEach(() => {
		clock = Date.UTC(2025, 0, 1);
	});

	it('fetches the keys once and serves them from the cache afterwards', async () => {
		const fal = makeKey('k1');
		server.serve({ keys: [fal.jwk] });
		const cache = new JwksCache({ url: server.url, now });
		const first = await cache.getKeys(transport);
		const second = await cache.getKeys(transport);
		expect(first).toHaveLength(1);
		expect(first[0].kid).toBe('k1');
		expect(second).toBe(first);
		expect(server.hits).toBe(1);
	});

	it('fetches again once the cached keys are older than the maximum age', async () => {
		server.serve({ keys: [makeKey().jwk] });
		const cache = new JwksCache({ url: server.url, now, maxAgeMs: 24 * 60 * minute });
		await cache.getKeys(transport);
		clock += 24 * 60 * minute - 1;
		await cache.getKeys(transport);
		expect(server.hits).toBe(1);
		clock += 1;
		await cache.getKeys(transport);
		expect(server.hits).toBe(2);
	});

	it('shares one fetch between concurrent callers', async () => {
		server.serve({ keys: [makeKey().jwk] });
		server.hold();
		const cache = new JwksCache({ url: server.url, now });
		const callers = Promise.all([cache.getKeys(transport), cache.getKeys(transport), cache.getKeys(transport), cache.refetchAfterMismatch(transport)]);
		await waitFor(() => server.hits === 1);
		server.release();
		const results = await callers;
		expect(server.hits).toBe(1);
		expect(new Set(results).size).toBe(1);
	});

	it('skips keys that are not Ed25519 public keys', async () => {
		const fal = makeKey('good');
		server.serve({
			keys: [
				{ kty: 'RSA', n: 'abc', e: 'AQAB', kid: 'rsa' },
				{ kty: 'OKP', crv: 'X25519', x: fal.jwk.x, kid: 'x25519' },
				{ ...fal.jwk, kid: 'private', d: fal.jwk.x },
				{ kty: 'OKP', crv: 'Ed25519', x: 'short', kid: 'short' },
				{ ...fal.jwk, use: 'sig', alg: 'EdDSA' },
			],
		});
		const keys = await new JwksCache({ url: server.url, now }).getKeys(transport);
		expect(keys.map((key) => key.kid)).toEqual(['good']);
	});

	it.each([
		['an HTTP error', { status: 500, body: 'oops' }, /HTTP 500/],
		['a body that is not JSON', { status: 200, body: '<html>' }, /not JSON/],
		['a key set without Ed25519 keys', { status: 200, body: JSON.stringify({ keys: [{ kty: 'RSA' }] }) }, /no Ed25519 key/],
	])('fails with JwksUnavailableError on %s', async (_label, answer, message) => {
		server.serve(answer);
		const failure = new JwksCache({ url: server.url, now }).getKeys(transport);
		await expect(failure).rejects.toBeInstanceOf(JwksUnavailableError);
		await expect(failure).rejects.toThrow(message);
	});

	it('refuses a key set larger than the size limit', async () => {
		server.serve({ keys: Array.from({ length: 100 }, () => makeKey().jwk) });
		await expect(new JwksCache({ url: server.url, now, maxBytes: 1024 }).getKeys(transport)).rejects.toThrow(/larger than 1024 bytes/);
	});

	it('remembers a failed fetch for the minimum interval instead of retrying on every call', async () => {
		server.serve({ status: 503, body: '' });
		const cache = new JwksCache({ url: server.url, now, minRefetchIntervalMs: minute });
		await expect(cache.getKeys(transport)).rejects.toThrow(JwksUnavailableError);
		await expect(cache.getKeys(transport)).rejects.toThrow(JwksUnavailableError);
		expect(server.hits).toBe(1);
		server.serve({ keys: [makeKey().jwk] });
		clock += minute;
		await expect(cache.getKeys(transport)).resolves.toHaveLength(1);
		expect(server.hits).toBe(2);
	});

	it('refetches after a mismatch only when the keys are older than the minimum interval', async () => {
		server.serve({ keys: [makeKey().jwk] });
		const cache = new JwksCache({ url: server.url, now, minRefetchIntervalMs: minute });
		await cache.getKeys(transport);
		expect(await cache.refetchAfterMismatch(transport)).toBeUndefined();
		clock += minute;
		expect(await cache.refetchAfterMismatch(transport)).toHaveLength(1);
		expect(await cache.refetchAfterMismatch(transport)).toBeUndefined();
		expect(server.hits).toBe(2);
	});
});

describe('verifyFalWebhookWithJwks', () => {
	// Deliveries are signed at the real time unless told otherwise.
	beforeEach(() => {
		clock = Date.now();
	});

	it('verifies a delivery with the published keys', async () => {
		const fal = makeKey('current');
		server.serve({ keys: [makeKey('old').jwk, fal.jwk] });
		const jwks = new JwksCache({ url: server.url, now });
		const verdict = await verifyFalWebhookWithJwks({ ...signedDelivery(fal, okBody), now: clock, jwks, transport });
		expect(verdict).toMatchObject({ ok: true, requestId: 'req-123' });
	});

	it('picks up a rotated key with one refetch', async () => {
		const before = makeKey('before');
		const after = makeKey('after');
		server.serve({ keys: [before.jwk] });
		const jwks = new JwksCache({ url: server.url, now, minRefetchIntervalMs: minute });
		await jwks.getKeys(transport);
		server.serve({ keys: [before.jwk, after.jwk] });
		clock += 2 * minute;
		const verdict = await verifyFalWebhookWithJwks({ ...signedDelivery(after, okBody, { timestamp: Math.floor(clock / 1000) }), now: clock, jwks, transport });
		expect(verdict.ok).toBe(true);
		expect(server.hits).toBe(2);
	});

	it('lets a flood of forged signatures cause at most one fetch per minimum interval', async () => {
		const fal = makeKey('fal');
		const forger = makeKey('forger');
		server.serve({ keys: [fal.jwk] });
		const jwks = new JwksCache({ url: server.url, now, minRefetchIntervalMs: minute });
		await jwks.getKeys(transport);
		clock += 2 * minute;
		for (let attempt = 0; attempt < 20; attempt++) {
			const forged = signedDelivery(forger, okBody, { timestamp: Math.floor(clock / 1000) });
			expect(await verifyFalWebhookWithJwks({ ...forged, now: clock, jwks, transport })).toMatchObject({ reason: 'signature_mismatch' });
		}
		expect(server.hits).toBe(2);
	});

	it('never fetches keys for unsigned, malformed or stale requests', async () => {
		const fal = makeKey();
		server.serve({ keys: [fal.jwk] });
		const jwks = new JwksCache({ url: server.url, now });
		const valid = signedDelivery(fal, okBody, { timestamp: Math.floor(clock / 1000) });
		const stale = signedDelivery(fal, okBody, { timestamp: Math.floor(clock / 1000) - 3600 });
		const malformed = { ...valid.headers, 'x-fal-webhook-signature': 'nope' };
		expect(await verifyFalWebhookWithJwks({ rawBody: valid.rawBody, headers: {}, now: clock, jwks, transport })).toMatchObject({ reason: 'missing_header' });
		expect(await verifyFalWebhookWithJwks({ ...stale, now: clock, jwks, transport })).toMatchObject({ reason: 'timestamp_out_of_range' });
		expect(await verifyFalWebhookWithJwks({ rawBody: valid.rawBody, headers: malformed, now: clock, jwks, transport })).toMatchObject({
			reason: 'malformed_signature',
		});
		expect(server.hits).toBe(0);
	});

	it('throws JwksUnavailableError when no keys can be had, so the caller can ask fal to retry', async () => {
		const fal = makeKey();
		server.serve({ status: 502, body: '' });
		const jwks = new JwksCache({ url: server.url, now });
		await expect(verifyFalWebhookWithJwks({ ...signedDelivery(fal, okBody), now: clock, jwks, transport })).rejects.toBeInstanceOf(
			JwksUnavailableError,
		);
	});
});

async function waitFor(condition: () => boolean): Promise<void> {
	for (let attempt = 0; attempt < 200 && !condition(); attempt++) {
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
	if (!condition()) throw new Error('condition not reached');
}
