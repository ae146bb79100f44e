import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { PartBufferPool } from '../../nodes/FalAi/client/part-pool';
import { forEachBounded } from '../../nodes/FalAi/client/storage';
import { streamParts } from '../../nodes/FalAi/client/upload-parts';
import { caught, chunksOf, useHarness } from './helpers';

const MB = 1024 * 1024;

/** A deterministic byte stream of `size` bytes in 64 KB chunks, generated on demand. */
function generated(size: number): Readable {
	let sent = 0;
	return new Readable({
		read() {
			if (sent >= size) return void this.push(null);
			const length = Math.min(64 * 1024, size - sent);
			const chunk = Buffer.alloc(length);
			for (let i = 0; i < length; i++) chunk[i] = (sent + i) % 251;
			sent += length;
			this.push(chunk);
		},
	});
}

async function sha256(stream: AsyncIterable<Buffer | Uint8Array> | Iterable<Buffer>): Promise<string> {
	const hash = createHash('sha256');
	for await (const chunk of stream) hash.update(chunk);
	return hash.digest('hex');
}

describe('uploads to fal storage', () => {
	const h = useHarness();

	it('uploads a small buffer with one PUT carrying Content-Length, without the key', async () => {
		const bytes = Buffer.from('hello fal');
		const file = await h.client.storage.upload(bytes, { fileName: 'hello.txt', contentType: 'text/plain', expirationSeconds: 600 });
		expect(file).toMatchObject({ contentType: 'text/plain', fileName: 'hello.txt', size: bytes.length });
		const [initiate] = h.fal.requestsOf('upload-initiate');
		expect(initiate.query.storage_type).toBe('fal-cdn-v3');
		expect(initiate.body).toEqual({ content_type: 'text/plain', file_name: 'hello.txt' });
		// Both names: fal-js sends the first, fal's Python client says storage reads the second.
		expect(initiate.headers['x-fal-object-lifecycle']).toBe('{"expiration_duration_seconds":600}');
		expect(initiate.headers['x-fal-object-lifecycle-preference']).toBe('{"expiration_duration_seconds":600}');
		const [put] = h.fal.requestsOf('upload-put');
		expect(put.method).toBe('PUT');
		expect(put.headers['content-length']).toBe(String(bytes.length));
		expect(put.headers['content-type']).toBe('text/plain');
		expect(put.headers.authorization).toBeUndefined();
		const downloaded = await h.client.download(file.url);
		expect(await sha256(chunksOf(downloaded.body))).toBe(await sha256([bytes]));
		expect(downloaded.fileName).toBe('hello.txt');
	});

	it('uploads a small stream of unknown size with one PUT, retrying a failed PUT', async () => {
		h.fal.inject({ match: { kind: 'upload-put' }, action: { type: 'status', status: 503 } });
		const file = await h.client.storage.upload(Readable.from([Buffer.from('ab'), Buffer.from('cd')]), { contentType: 'image/png' });
		expect(file).toMatchObject({ size: 4, fileName: 'upload.png' });
		expect(h.fal.requestsOf('upload-put')).toHaveLength(2);
		expect(h.fal.requestsOf('upload-initiate-multipart')).toHaveLength(0);
	});

	it('uploads a generated 25 MB stream of unknown size in 10 MB parts, retrying a failed part', async () => {
		h.fal.inject({ match: { kind: 'upload-part' }, skip: 1, action: { type: 'status', status: 502 } });
		const size = 25 * MB;
		const file = await h.client.storage.upload(generated(size), { fileName: 'big.bin' });
		expect(file.size).toBe(size);
		expect(h.fal.requestsOf('upload-initiate-multipart')).toHaveLength(1);
		expect(h.fal.requestsOf('upload-initiate')).toHaveLength(0);
		const parts = h.fal.requestsOf('upload-part');
		expect(parts).toHaveLength(4);
		expect(parts.map((part) => part.bodySize).sort((a, b) => a - b)).toEqual([5 * MB, 10 * MB, 10 * MB, 10 * MB]);
		const [complete] = h.fal.requestsOf('upload-complete');
		const listed = (complete.body as { parts: Array<{ partNumber: number; etag: string }> }).parts;
		expect(listed.map((part) => part.partNumber)).toEqual([1, 2, 3]);
		expect(listed.every((part) => typeof part.etag === 'string' && part.etag.length > 0)).toBe(true);
		const downloaded = await h.client.download(file.url);
		expect(await sha256(chunksOf(downloaded.body))).toBe(await sha256(generated(size)));
	});

	it('goes multipart at the threshold for a buffer of known size', async () => {
		const bytes = Buffer.alloc(3000, 7);
		await h.client.storage.upload(bytes, { multipartThreshold: 2000, partSize: 1024, partConcurrency: 2 });
		expect(h.fal.requestsOf('upload-part').map((part) => part.bodySize).sort((a, b) => a - b)).toEqual([952, 1024, 1024]);
	});

	it('sends a stream of known size larger than one part through multipart, so each part can be retried', async () => {
		h.fal.inject({ match: { kind: 'upload-part' }, action: { type: 'status', status: 503 } });
		const file = await h.client.storage.upload(generated(3000), { size: 3000, partSize: 1024, multipartThreshold: 10_000 });
		expect(file.size).toBe(3000);
		expect(h.fal.requestsOf('upload-put')).toHaveLength(0);
		expect(h.fal.requestsOf('upload-part').map((part) => part.bodySize).sort((a, b) => a - b)).toEqual([952, 1024, 1024, 1024]);
	});

	it('sends a stream of known size within one part as one PUT from memory, retrying it', async () => {
		h.fal.inject({ match: { kind: 'upload-put' }, action: { type: 'status', status: 502 } });
		const file = await h.client.storage.upload(generated(1000), { size: 1000, partSize: 1024 });
		expect(file.size).toBe(1000);
		expect(h.fal.requestsOf('upload-put').map((put) => put.bodySize)).toEqual([1000, 1000]);
		expect(h.fal.requestsOf('upload-initiate-multipart')).toHaveLength(0);
	});

	it('stops a multipart upload when the caller aborts', async () => {
		const controller = new AbortController();
		h.fal.inject({ match: { kind: 'upload-part' }, times: Infinity, action: { type: 'delay', ms: 5000 } });
		const pending = h.client.storage.upload(generated(30 * MB), { partSize: MB, signal: controller.signal });
		while (h.fal.requestsOf('upload-part').length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
		controller.abort();
		const error = await caught(() => pending);
		expect(error.name).toBe('FalAbortError');
		expect(h.fal.requestsOf('upload-complete')).toHaveLength(0);
	});

	it('fails the upload, stopping the source, when a part keeps failing', async () => {
		h.fal.inject({ match: { kind: 'upload-part' }, times: Infinity, action: { type: 'status', status: 500 } });
		const source = generated(50 * MB);
		const error = await caught(() => h.client.storage.upload(source, { partSize: MB }));
		expect(error).toMatchObject({ name: 'FalApiError', status: 500 });
		expect(source.destroyed).toBe(true);
		expect(h.fal.requestsOf('upload-complete')).toHaveLength(0);
	});
});

describe('streamParts', () => {
	it('cuts a stream into exact parts, the last one shorter', async () => {
		const source = Readable.from([Buffer.alloc(5, 1), Buffer.alloc(7, 2), Buffer.alloc(1, 3)]);
		const parts: Buffer[] = [];
		for await (const part of streamParts(source, new PartBufferPool(4, 8))) parts.push(Buffer.from(part.bytes));
		expect(parts.map((part) => part.length)).toEqual([4, 4, 4, 1]);
		expect(Buffer.concat(parts)).toEqual(Buffer.from([1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 3]));
	});

	it('reads from the source only as parts are asked for', async () => {
		let pulled = 0;
		const source = new Readable({
			highWaterMark: 1,
			read() {
				pulled++;
				this.push(pulled > 100 ? null : Buffer.alloc(10));
			},
		});
		const parts = streamParts(source, new PartBufferPool(10, 2));
		await parts.next();
		expect(pulled).toBeLessThan(10);
		await parts.return();
	});
});

describe('forEachBounded', () => {
	it('never has more than the limit in flight', async () => {
		let running = 0;
		let peak = 0;
		async function* items() {
			for (let i = 0; i < 10; i++) yield i;
		}
		const results = await forEachBounded(items(), 3, undefined, async (item) => {
			running++;
			peak = Math.max(peak, running);
			await new Promise((resolve) => setTimeout(resolve, 5));
			running--;
			return item * 2;
		});
		expect(peak).toBe(3);
		expect(results.sort((a, b) => a - b)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
	});

	it('aborts the others and stops reading after the first failure', async () => {
		let read = 0;
		async function* items() {
			for (let i = 0; i < 100; i++) {
				read++;
				yield i;
			}
		}
		const aborted: number[] = [];
		const error = await caught(() =>
			forEachBounded(items(), 2, undefined, (item, _index, signal) =>
				new Promise<void>((_resolve, reject) => {
					if (item === 1) return reject(new Error('part 2 failed'));
					signal.addEventListener('abort', () => {
						aborted.push(item);
						reject(new Error('aborted'));
					});
				}),
			),
		);
		expect(error.message).toBe('part 2 failed');
		expect(aborted).toEqual([0]);
		expect(read).toBeLessThan(5);
	});
});
