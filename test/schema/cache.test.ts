/**
 * The bounded, expiring cache that keeps endpoint schemas.
 */
import { TtlCache } from '../../nodes/FalAi/schema';

function clock() {
	let now = 1_000;
	return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('TtlCache', () => {
	it('forgets an entry once its lifetime has passed', () => {
		const time = clock();
		const cache = new TtlCache<string>({ maxEntries: 10, ttlMs: 100, now: time.now });
		cache.set('a', 'A');
		time.advance(99);
		expect(cache.get('a')).toBe('A');
		time.advance(1);
		expect(cache.get('a')).toBeUndefined();
		expect(cache.size).toBe(0);
	});

	it('drops the least recently used entry when full', () => {
		const cache = new TtlCache<string>({ maxEntries: 2, ttlMs: 1_000 });
		cache.set('a', 'A');
		cache.set('b', 'B');
		expect(cache.get('a')).toBe('A');
		cache.set('c', 'C');
		expect(cache.get('b')).toBeUndefined();
		expect(cache.get('a')).toBe('A');
		expect(cache.get('c')).toBe('C');
		expect(cache.size).toBe(2);
	});

	it('shares one load between concurrent callers and serves later ones from the cache', async () => {
		const cache = new TtlCache<number>({ maxEntries: 10, ttlMs: 1_000 });
		let loads = 0;
		const load = async () => {
			loads++;
			await new Promise((resolve) => setImmediate(resolve));
			return 42;
		};
		expect(await Promise.all([cache.getOrLoad('k', load), cache.getOrLoad('k', load)])).toEqual([42, 42]);
		expect(await cache.getOrLoad('k', load)).toBe(42);
		expect(loads).toBe(1);
	});

	it('does not keep a failed load', async () => {
		const cache = new TtlCache<number>({ maxEntries: 10, ttlMs: 1_000 });
		await expect(cache.getOrLoad('k', async () => Promise.reject(new Error('offline')))).rejects.toThrow('offline');
		expect(await cache.getOrLoad('k', async () => 7)).toBe(7);
	});

	it('loads again after expiry', async () => {
		const time = clock();
		const cache = new TtlCache<number>({ maxEntries: 10, ttlMs: 50, now: time.now });
		let loads = 0;
		const load = async () => ++loads;
		await cache.getOrLoad('k', load);
		time.advance(50);
		expect(await cache.getOrLoad('k', load)).toBe(2);
	});
});
