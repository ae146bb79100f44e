/**
 * An upload that fails or is aborted before its source was read to the end must leave nothing
 * open: no file descriptor on the source file, no download connection holding `close()`.
 */
import { createReadStream, mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { FalAbortError, FalApiError } from '../../nodes/FalAi/client';
import { caught, useHarness } from './helpers';

const MB = 1024 * 1024;
const INITIATE_KINDS: Array<'upload-initiate' | 'upload-initiate-multipart'> = ['upload-initiate', 'upload-initiate-multipart'];

/** Paths this process holds open, from /proc/self/fd. */
function openPaths(): string[] {
	return readdirSync('/proc/self/fd').flatMap((fd) => {
		try {
			return [readlinkSync(`/proc/self/fd/${fd}`)];
		} catch {
			return [];
		}
	});
}

/** Waits (boundedly) for the event loop to finish closing; true when `path` is no longer open. */
async function closedSoon(path: string): Promise<boolean> {
	for (let i = 0; i < 200; i++) {
		if (!openPaths().includes(path)) return true;
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	return false;
}

describe('an upload that stops early leaves nothing open', () => {
	const h = useHarness();
	let dir: string;
	let file: string;
	const size = 20 * MB;

	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'fal-upload-cleanup-'));
		file = join(dir, 'source.bin');
		writeFileSync(file, Buffer.alloc(size, 1));
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	/** Upload PUTs (single or part) the fake has seen. */
	const puts = () => h.fal.requestsOf('upload-put').length + h.fal.requestsOf('upload-part').length;

	it('closes a file stream of known size when fal refuses to start the upload (401)', async () => {
		h.fal.inject({ match: { kind: INITIATE_KINDS }, times: Infinity, action: { type: 'status', status: 401 } });
		const source = createReadStream(file);
		const error = await caught(() => h.client.storage.upload(source, { size, contentType: 'application/octet-stream' }));
		expect(error).toBeInstanceOf(FalApiError);
		expect((error as FalApiError).status).toBe(401);
		expect(source.destroyed).toBe(true);
		expect(await closedSoon(file)).toBe(true);
		expect(puts()).toBe(0);
	});

	it('closes a file stream when the upload is aborted before it starts', async () => {
		const source = createReadStream(file);
		const error = await caught(() => h.client.storage.upload(source, { size, signal: AbortSignal.abort() }));
		expect(error).toBeInstanceOf(FalAbortError);
		expect(await closedSoon(file)).toBe(true);
		expect(puts()).toBe(0);
	});

	it('releases a download body when fal refuses the upload (403), so close() does not wait for it', async () => {
		const stored = await h.client.storage.upload(Buffer.alloc(30 * MB, 7), { contentType: 'video/mp4' });
		const putsBefore = puts();
		const download = await h.client.download(stored.url);
		expect(download.size).toBe(30 * MB);
		h.fal.inject({ match: { kind: INITIATE_KINDS }, times: Infinity, action: { type: 'status', status: 403 } });
		const error = await caught(() => h.client.storage.upload(download.body, { size: download.size, contentType: download.contentType }));
		expect((error as FalApiError).status).toBe(403);
		expect((download.body as Readable).destroyed).toBe(true);
		expect(puts()).toBe(putsBefore);
		// Before the fix this waited for the HTTP stack's body timeout; the test timeout bounds it.
		await h.client.close();
	}, 60_000);

	it('destroys a stream source when the upload options are invalid', async () => {
		const source = Readable.from([Buffer.alloc(10)]);
		const error = await caught(() => h.client.storage.upload(source, { partSize: 0 }));
		expect(error).toBeInstanceOf(RangeError);
		expect(source.destroyed).toBe(true);
		expect(h.fal.requestsOf('upload-initiate')).toHaveLength(0);
	});
});
