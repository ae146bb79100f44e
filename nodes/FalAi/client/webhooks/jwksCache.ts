/**
 * A cache of fal's webhook public keys that a forger cannot turn into a request flood.
 *
 * Keys are fetched once and kept up to 24 hours (fal's advice). A delivery that no cached key
 * verifies may mean fal rotated its keys, so the cache may refetch, but only when its keys are
 * older than a minimum interval: whoever sends forged signatures gets at most one fetch per
 * interval out of us. Failed fetches are remembered for the same interval. Concurrent callers
 * share one fetch.
 *
 * The cache outlives any one n8n execution, so it holds no transport: each call brings the
 * transport of the webhook call that needs the keys (n8n's HTTP stack, its proxy and policy).
 */
import { discardBody } from '../dispatch';
import { redirectTarget } from '../redirects';
import type { ByteStream, HttpTransport } from '../transport';
import { checkKeySetRedirect, keySetUrlCandidates, MAX_KEY_SET_REDIRECTS } from './keySetUrls';
import { DEFAULT_FAL_JWKS_URL, parseFalJwks, type FalPublicKey } from './keys';

export interface JwksCacheOptions {
	/** The key set URL (several separated by commas are tried in order); fal's own by default (see ./keySetUrls). */
	url?: string;
	/** How long fetched keys are trusted without refetching. Default 24 h. */
	maxAgeMs?: number;
	/** Least time between two fetches, whatever triggers them. Default 60 s. */
	minRefetchIntervalMs?: number;
	/** Gives up on a fetch after this long. Default 10 s. */
	timeoutMs?: number;
	/** Largest key set accepted, in bytes. Default 256 KiB. */
	maxBytes?: number;
	/** Clock in ms since the epoch; tests move it. */
	now?: () => number;
}

/** Thrown when no usable key set can be had (fetch failed, bad answer, or no Ed25519 key). */
export class JwksUnavailableError extends Error {
	constructor(
		message: string,
		readonly url: string,
	) {
		super(message);
		this.name = 'JwksUnavailableError';
	}
}

interface CachedKeys {
	keys: FalPublicKey[];
	fetchedAt: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export class JwksCache {
	readonly url: string;
	/** The URLs tried, in order, until one answers a usable key set. */
	readonly urls: readonly string[];
	private readonly maxAgeMs: number;
	private readonly minRefetchIntervalMs: number;
	private readonly timeoutMs: number;
	private readonly maxBytes: number;
	private readonly now: () => number;

	private cached?: CachedKeys;
	private lastAttemptAt?: number;
	private lastError?: JwksUnavailableError;
	private inFlight?: Promise<FalPublicKey[]>;
	private fetches = 0;

	constructor(options: JwksCacheOptions = {}) {
		this.url = options.url?.trim() || DEFAULT_FAL_JWKS_URL;
		this.urls = keySetUrlCandidates(options.url);
		this.maxAgeMs = options.maxAgeMs ?? DAY_MS;
		this.minRefetchIntervalMs = options.minRefetchIntervalMs ?? 60_000;
		this.timeoutMs = options.timeoutMs ?? 10_000;
		this.maxBytes = options.maxBytes ?? 256 * 1024;
		this.now = options.now ?? Date.now;
	}

	/** How many times the key set was requested over the network. */
	get fetchCount(): number {
		return this.fetches;
	}

	/**
	 * The current keys: cached ones while younger than the maximum age, fetched otherwise.
	 * @throws {JwksUnavailableError} when there are no fresh keys and none can be fetched now.
	 */
	async getKeys(transport: HttpTransport): Promise<FalPublicKey[]> {
		if (this.cached && this.now() - this.cached.fetchedAt < this.maxAgeMs) return this.cached.keys;
		if (this.inFlight) return await this.inFlight;
		if (this.lastError && this.attemptedRecently()) throw this.lastError;
		return await this.fetchCoalesced(transport);
	}

	/**
	 * Called when no cached key verified a delivery: refetches if the last fetch is older than the
	 * minimum interval. Returns the new keys, or undefined when a refetch is not allowed yet or
	 * fails (the caller then keeps its verdict: the delivery is rejected).
	 */
	async refetchAfterMismatch(transport: HttpTransport): Promise<FalPublicKey[] | undefined> {
		if (this.inFlight) return await this.inFlight.catch(() => undefined);
		if (this.attemptedRecently()) return undefined;
		return await this.fetchCoalesced(transport).catch(() => undefined);
	}

	private attemptedRecently(): boolean {
		return this.lastAttemptAt !== undefined && this.now() - this.lastAttemptAt < this.minRefetchIntervalMs;
	}

	private async fetchCoalesced(transport: HttpTransport): Promise<FalPublicKey[]> {
		this.lastAttemptAt = this.now();
		this.fetches += 1;
		const fetching = this.fetchKeys(transport).then(
			(keys) => {
				this.cached = { keys, fetchedAt: this.now() };
				this.lastError = undefined;
				return keys;
			},
			(error: unknown) => {
				this.lastError = asUnavailable(error, this.url);
				return Promise.reject(this.lastError);
			},
		);
		this.inFlight = fetching.finally(() => {
			this.inFlight = undefined;
		});
		return await this.inFlight;
	}

	/** The first candidate URL that gives a usable key set wins; the error names every failure. */
	private async fetchKeys(transport: HttpTransport): Promise<FalPublicKey[]> {
		const failures: string[] = [];
		for (const url of this.urls) {
			try {
				return await this.fetchFrom(transport, url);
			} catch (error) {
				failures.push(asUnavailable(error, url).message);
			}
		}
		throw new JwksUnavailableError(failures.join('; '), this.url);
	}

	private async fetchFrom(transport: HttpTransport, startUrl: string): Promise<FalPublicKey[]> {
		let url = startUrl;
		for (let hop = 0; ; hop++) {
			const response = await transport.send({
				method: 'GET',
				url,
				headers: { accept: 'application/json' },
				// Public keys: the fal credential is never sent for them.
				authenticate: false,
				signal: AbortSignal.timeout(this.timeoutMs),
			});
			const next = redirectTarget(url, response.status, response.headers.location);
			if (next !== undefined) {
				discardBody(response.body);
				const verdict = checkKeySetRedirect(startUrl, next);
				if (!verdict.ok) throw new JwksUnavailableError(verdict.message, startUrl);
				if (hop >= MAX_KEY_SET_REDIRECTS) {
					throw new JwksUnavailableError(`The fal key set at ${startUrl} redirected more than ${MAX_KEY_SET_REDIRECTS} times`, startUrl);
				}
				url = next;
				continue;
			}
			if (response.status !== 200) {
				discardBody(response.body);
				throw new JwksUnavailableError(`The fal key set at ${url} answered HTTP ${response.status}`, startUrl);
			}
			const text = await readLimited(response.body, this.maxBytes, url);
			const keys = parseFalJwks(parseJson(text, url));
			if (keys.length === 0) throw new JwksUnavailableError(`The fal key set at ${url} holds no Ed25519 key`, startUrl);
			return keys;
		}
	}
}

const sharedCaches = new Map<string, JwksCache>();

/**
 * One cache per key set URL for the whole process, so every trigger and every delivery shares
 * the keys (and the fetch budget) instead of fetching on its own.
 */
export function sharedJwksCache(url: string = DEFAULT_FAL_JWKS_URL): JwksCache {
	const key = url.trim() || DEFAULT_FAL_JWKS_URL;
	let cache = sharedCaches.get(key);
	if (!cache) {
		cache = new JwksCache({ url: key });
		sharedCaches.set(key, cache);
	}
	return cache;
}

async function readLimited(body: ByteStream, maxBytes: number, url: string): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const part of body) {
		const chunk = Buffer.isBuffer(part) ? part : Buffer.from(part.buffer, part.byteOffset, part.byteLength);
		size += chunk.length;
		if (size > maxBytes) {
			discardBody(body);
			throw new JwksUnavailableError(`The fal key set at ${url} is larger than ${maxBytes} bytes`, url);
		}
		chunks.push(chunk);
	}
	return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string, url: string): unknown {
	let parsed: unknown;
	let valid = true;
	try {
		parsed = JSON.parse(text);
	} catch {
		valid = false;
	}
	if (!valid) throw new JwksUnavailableError(`The fal key set at ${url} is not JSON`, url);
	return parsed;
}

function asUnavailable(error: unknown, url: string): JwksUnavailableError {
	if (error instanceof JwksUnavailableError) return error;
	const detail = error instanceof Error ? error.message : String(error);
	return new JwksUnavailableError(`Could not fetch the fal key set at ${url}: ${detail}`, url);
}
