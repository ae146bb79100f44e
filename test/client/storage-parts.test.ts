import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, readlinkSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { PartBufferPool } from '../../nodes/FalAi/client/part-pool';
import { caught, useHarness } from './helpers';

const KB = 1024;
const PART = 64 * KB;

/** 20 parts of distinct random bytes and a short tail: a part sent from a reused buffer too early shows in the hash. */
const content = randomBytes(20 * PART + 1234);
const dir = mkdtempSync(join(tmpdir(), 'fal-storage-parts-'));
const path = join(dir, 'content.bin');
writeFileSync(path, content);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sha256(bytes: Buffer): string {
	return createHash('sha256').update(bytes).digest('hex');
}

/** The same bytes as a plain Readable in uneven chunks, so the chunk-copying path is used. */
function chunkedStream(bytes: Buffer): Readable {
	const chunks: Buffer[] = [];
	for (let start = 0, size = 1000; start < bytes.length; start += size, size = (size * 7) % 40_000 + 1) {
		chunks.push(bytes.subarray(start, start + size));
	}
	return Readable.from(chunks);
}

/** Descriptors of this process still open on `file` (Linux). */
function descriptorsOn(file: string): string[] {
	return readdirSync('/proc/self/fd').filter((fd) => {
		try {
			return readlinkSync(`/proc/self/fd/${fd}`) === file;
		} catch {
			return false;
		}
	});
}

describe('multipart uploads from reused part buffers', () => {
	const h = useHarness();

	async function downloadedHash(url: string): Promise<string> {
		const downloaded = await h.client.download(url);
		const chunks: Buffer[] = [];
		for await (const chunk of downloaded.body) chunks.push(chunk as Buffer);
		return sha256(Buffer.concat(chunks));
	}

	it.each([
		['a file stream (read through a file handle)', () => createReadStream(path)],
		['a generic stream (chunks copied in)', () => chunkedStream(content)],
	])('stores the exact bytes of %s while parts fail and are retried', async (_label, source) => {
		// Failed attempts of part PUTs, early answers and dropped sockets, while the other slot keeps cycling the ring.
		h.fal.inject({ match: { kind: 'upload-part' }, skip: 2, times: 2, action: { type: 'status', status: 503 } });
		h.fal.inject({ match: { kind: 'upload-part' }, skip: 6, times: 1, action: { type: 'drop' } });
		h.fal.inject({ match: { kind: 'upload-part' }, skip: 9, times: 3, action: { type: 'status', status: 502 } });
		const file = await h.client.storage.upload(source(), { size: content.length, partSize: PART, partConcurrency: 2, multipartThreshold: 1 });
		expect(file.size).toBe(content.length);
		const parts = h.fal.requestsOf('upload-part');
		expect(parts.length).toBeGreaterThanOrEqual(21 + 5);
		const [complete] = h.fal.requestsOf('upload-complete');
		expect((complete.body as { parts: unknown[] }).parts).toHaveLength(21);
		expect(await downloadedHash(file.url)).toBe(sha256(content));
	});

	it('reads a file stream to its end and leaves it closed', async () => {
		const stream = createReadStream(path);
		const file = await h.client.storage.upload(stream, { partSize: PART, multipartThreshold: 1 });
		expect(stream.bytesRead).toBe(content.length);
		if (!stream.closed) await once(stream, 'close');
		expect(h.fal.requestsOf('upload-part')).toHaveLength(21);
		expect(await downloadedHash(file.url)).toBe(sha256(content));
		expect(descriptorsOn(path)).toEqual([]);
	});

	it('uploads only the start..end range of a file stream', async () => {
		const [start, end] = [1000, 1000 + 3 * PART + 99];
		const file = await h.client.storage.upload(createReadStream(path, { start, end }), { partSize: PART, multipartThreshold: 1 });
		expect(file.size).toBe(end - start + 1);
		expect(await downloadedHash(file.url)).toBe(sha256(content.subarray(start, end + 1)));
	});

	it('uploads the rest of a file stream that was already read from, as a stream', async () => {
		const stream = createReadStream(path, { highWaterMark: 1000 });
		await once(stream, 'readable');
		const head = stream.read(500) as Buffer;
		expect(head).toHaveLength(500);
		const file = await h.client.storage.upload(stream, { partSize: PART, multipartThreshold: 1 });
		expect(await downloadedHash(file.url)).toBe(sha256(content.subarray(500)));
	});

	it('closes the file when the upload fails', async () => {
		h.fal.inject({ match: { kind: 'upload-part' }, times: Infinity, action: { type: 'status', status: 500 } });
		const stream = createReadStream(path);
		const error = await caught(() => h.client.storage.upload(stream, { partSize: PART, multipartThreshold: 1 }));
		expect(error).toMatchObject({ name: 'FalApiError', status: 500 });
		if (!stream.closed) await once(stream, 'close');
		expect(descriptorsOn(path)).toEqual([]);
	});
});

describe('PartBufferPool', () => {
	it('allocates at most its capacity and hands a released buffer to the next waiter', async () => {
		const pool = new PartBufferPool(16, 2);
		const first = await pool.acquire();
		const second = await pool.acquire();
		let third: Buffer | undefined;
		const waiting = pool.acquire().then((buffer) => (third = buffer));
		await new Promise((resolve) => setImmediate(resolve));
		expect(third).toBeUndefined();
		pool.part(first, 16).release();
		await waiting;
		expect(third).toBe(first);
		expect(second).not.toBe(first);
		expect(pool.allocatedCount).toBe(2);
	});

	it('takes a part back only once, however often it is released', async () => {
		const pool = new PartBufferPool(16, 1);
		const buffer = await pool.acquire();
		const part = pool.part(buffer, 8);
		part.release();
		part.release();
		expect(await pool.acquire()).toBe(buffer);
		let again: Buffer | undefined;
		void pool.acquire().then((next) => (again = next));
		await new Promise((resolve) => setImmediate(resolve));
		expect(again).toBeUndefined();
	});
});
