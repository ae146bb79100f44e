/**
 * A small in-memory cache with a size bound and an expiry, for endpoint input schemas.
 *
 * The editor asks for an endpoint's fields each time the node is opened, and every execution
 * with Model Inputs checks its values against the schema: both would otherwise fetch the same
 * OpenAPI document again and again. Entries expire so a changed endpoint is seen again; the
 * least recently used entry goes first when the cache is full, so a long-running n8n does not
 * grow without bound. Concurrent loads of one key share a single fetch.
 */

export interface TtlCacheOptions {
	/** Most entries kept. */
	maxEntries: number;
	/** Lifetime of an entry in ms. */
	ttlMs: number;
	/** The clock (tests replace it). */
	now?: () => number;
}

interface Entry<V> {
	value: V;
	expiresAt: number;
}

export class TtlCache<V> {
	private readonly entries = new Map<string, Entry<V>>();
	private readonly loading = new Map<string, Promise<V>>();
	private readonly now: () => number;

	constructor(private readonly options: TtlCacheOptions) {
		// Read at each call (not captured), so a test that moves the system clock moves this one.
		this.now = options.now ?? (() => Date.now());
	}

	/** The value of a fresh entry (and marks it recently used), or undefined. */
	get(key: string): V | undefined {
		const entry = this.entries.get(key);
		if (!entry) return undefined;
		this.entries.delete(key);
		if (entry.expiresAt <= this.now()) return undefined;
		this.entries.set(key, entry);
		return entry.value;
	}

	set(key: string, value: V): void {
		this.entries.delete(key);
		this.entries.set(key, { value, expiresAt: this.now() + this.options.ttlMs });
		while (this.entries.size > Math.max(0, this.options.maxEntries)) {
			const oldest = this.entries.keys().next().value as string;
			this.entries.delete(oldest);
		}
	}

	/** Forgets `key`. */
	delete(key: string): void {
		this.entries.delete(key);
	}

	/**
	 * The cached value, or the result of `load` (stored when it succeeds; a failure is not
	 * cached). Callers asking for a key while it loads wait for that same load.
	 */
	async getOrLoad(key: string, load: () => Promise<V>): Promise<V> {
		const cached = this.get(key);
		if (cached !== undefined) return cached;
		const pending = this.loading.get(key);
		if (pending) return await pending;
		const promise = load().then((value) => {
			this.set(key, value);
			return value;
		});
		this.loading.set(key, promise);
		try {
			return await promise;
		} finally {
			this.loading.delete(key);
		}
	}

	get size(): number {
		return this.entries.size;
	}

	clear(): void {
		this.entries.clear();
	}
}
