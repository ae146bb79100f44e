/**
 * Where the webhook key set comes from: fal's new REST host first, the alpha host as fallback,
 * redirects followed to https (or within the configured origin) only. Against the fake fal in
 * each of the ways fal might serve it: only at the new host, only at the old host, behind a redirect.
 */
import { JwksCache } from '../../nodes/FalAi/client/webhooks';
import { checkKeySetRedirect, FAL_JWKS_URLS, keySetUrlCandidates } from '../../nodes/FalAi/client/webhooks/keySetUrls';
import { startFakeFal, type FakeFal } from '../fake-fal';
import { createTestTransport } from '../support/testClient';

/** Key sets are public: the transport is never asked to authenticate. */
const transport = createTestTransport('unused-key');

describe('key set URL candidates', () => {
	it("are fal's new REST host, then the alpha host, when nothing is configured", () => {
		expect(keySetUrlCandidates()).toEqual(['https://rest.fal.ai/.well-known/jwks.json', 'https://rest.alpha.fal.ai/.well-known/jwks.json']);
		expect(keySetUrlCandidates('  ')).toEqual([...FAL_JWKS_URLS]);
		expect(new JwksCache().urls).toEqual([...FAL_JWKS_URLS]);
	});

	it('are the configured URLs, in order, when given (commas or spaces)', () => {
		expect(keySetUrlCandidates('https://gw.example.com/jwks.json')).toEqual(['https://gw.example.com/jwks.json']);
		expect(keySetUrlCandidates('https://a.example/k, https://b.example/k https://a.example/k')).toEqual(['https://a.example/k', 'https://b.example/k']);
	});
});

describe('key set redirects', () => {
	it('are followed to https anywhere', () => {
		expect(checkKeySetRedirect('https://rest.alpha.fal.ai/.well-known/jwks.json', 'https://rest.fal.ai/.well-known/jwks.json')).toEqual({ ok: true });
		expect(checkKeySetRedirect('http://127.0.0.1:1/k', 'https://keys.example.com/k')).toEqual({ ok: true });
	});

	it('are followed over http only within the configured origin', () => {
		expect(checkKeySetRedirect('http://127.0.0.1:8787/rest/k', 'http://127.0.0.1:8787/other/k')).toEqual({ ok: true });
		expect(checkKeySetRedirect('http://127.0.0.1:8787/rest/k', 'http://127.0.0.1:9999/k')).toMatchObject({ ok: false, message: expect.stringMatching(/not https/) });
		expect(checkKeySetRedirect('https://rest.fal.ai/k', 'http://rest.fal.ai/k')).toMatchObject({ ok: false });
	});
});

describe('the key set cache against the fake fal', () => {
	let fal: FakeFal;

	beforeAll(async () => {
		fal = await startFakeFal({ port: 0 });
	});
	afterAll(async () => await fal.close());
	beforeEach(() => {
		fal.reset();
		fal.configure({ jwksHosting: 'both' });
	});

	/** A cache trying the fake's new host, then its old host, like the default list does for fal. */
	const cacheOverBothHosts = () => new JwksCache({ url: `${fal.hosts.jwksUrl}, ${fal.hosts.legacyJwksUrl}` });
	const jwksPaths = () => fal.requestsOf('jwks').map((recorded) => recorded.path);
	const fakeKids = () => fal.jwks.keys.map((key) => key.kid);

	it('takes the keys from the new host when it serves them (the old one is not asked)', async () => {
		fal.configure({ jwksHosting: 'new-only' });
		const keys = await cacheOverBothHosts().getKeys(transport);
		expect(keys.map((key) => key.kid)).toEqual(fakeKids());
		expect(jwksPaths()).toEqual(['/rest/.well-known/jwks.json']);
	});

	it('falls back to the old host when the new one has no key set', async () => {
		fal.configure({ jwksHosting: 'old-only' });
		const keys = await cacheOverBothHosts().getKeys(transport);
		expect(keys.map((key) => key.kid)).toEqual(fakeKids());
		expect(jwksPaths()).toEqual(['/rest/.well-known/jwks.json', '/rest-alpha/.well-known/jwks.json']);
	});

	it('follows a redirect to where the key set moved', async () => {
		fal.configure({ jwksHosting: 'redirect' });
		const keys = await cacheOverBothHosts().getKeys(transport);
		expect(keys.map((key) => key.kid)).toEqual(fakeKids());
		expect(jwksPaths()).toEqual(['/rest/.well-known/jwks.json', '/rest/.well-known/keys/current.json']);
	});

	it('does not follow a redirect to plain http on another origin, and says why', async () => {
		const elsewhere = `http://localhost:${fal.port}/rest/.well-known/jwks.json`;
		const cache = new JwksCache({ url: `${fal.hosts.mediaUrl}/redirect?to=${encodeURIComponent(elsewhere)}` });
		await expect(cache.getKeys(transport)).rejects.toThrow(/redirects to http:\/\/localhost:\d+, which is not https/);
		expect(fal.requests.filter((recorded) => String(recorded.headers.host).startsWith('localhost:'))).toEqual([]);
	});

	it('names every URL it tried when none works', async () => {
		fal.configure({ jwksHosting: 'old-only' });
		const cache = new JwksCache({ url: `${fal.hosts.jwksUrl}, http://127.0.0.1:9/jwks.json` });
		await expect(cache.getKeys(transport)).rejects.toThrow(/jwks\.json answered HTTP 404.*127\.0\.0\.1:9/);
	});
});
