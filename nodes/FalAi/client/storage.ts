/**
 * Uploads to fal storage, returning a URL models can read.
 *
 * Inputs of at most one part take one PUT from memory. Larger streams (of known size or not) and
 * buffers at the multipart threshold go multipart: parts are cut from the source one at a time
 * into a ring of concurrency + 1 reusable buffers (see part-pool.ts) and a bounded number are in
 * flight, so memory stays near partSize × (concurrency + 1) whatever the file size. A part PUT is idempotent, so each part is retried on its own (from the same buffer,
 * which is reused only once its PUT has settled); a whole upload is never restarted.
 */
import type { ClientContext } from './context';
import { dispatch } from './dispatch';
import { FalAbortError, FalProtocolError } from './errors';
import { lifecycleJson } from './headers';
import { PartBufferPool, type Part } from './part-pool';
import { headerOf } from './retry';
import type { StorageClient, UploadedFile, UploadOptions, UploadSource } from './types';
import type { ByteStream } from './transport';
import { bufferParts, streamParts, type PartReader } from './upload-parts';

const MB = 1024 * 1024;
export const DEFAULT_MULTIPART_THRESHOLD = 90 * MB;
export const DEFAULT_PART_SIZE = 10 * MB;
/**
 * Measured on loopback, two parts in flight upload as fast as three with one 10 MB buffer less
 * (memory is bounded by concurrency + 1 part buffers).
 */
export const DEFAULT_PART_CONCURRENCY = 2;

/** The CDN fal's own clients upload to. */
const STORAGE_TYPE = 'fal-cdn-v3';

interface UploadPlan {
	contentType: string;
	fileName: string;
	threshold: number;
	partSize: number;
	concurrency: number;
	headers: Record<string, string>;
	signal?: AbortSignal;
}

interface InitiatedUpload {
	uploadUrl: string;
	fileUrl: string;
}

interface CompletedPart {
	partNumber: number;
	etag: string;
}

export function createStorageClient(ctx: ClientContext): StorageClient {
	return {
		async upload(source: UploadSource, options: UploadOptions = {}): Promise<UploadedFile> {
			if (isStream(source)) return uploadStream(ctx, source, options);
			const plan = uploadPlan(options);
			const bytes = Buffer.isBuffer(source) ? source : Buffer.from(source.buffer, source.byteOffset, source.byteLength);
			return bytes.length < plan.threshold
				? singleUpload(ctx, plan, bytes)
				: multipartUpload(ctx, plan, bufferParts(bytes, plan.partSize));
		},
	};
}

/**
 * Uploads a stream. At most one part is ever sent as a single PUT, from memory, so it can be
 * retried; anything larger goes multipart, whose parts are retried one by one (a streamed PUT
 * could not be resent). The source is always left closed: fully read, or destroyed when the
 * upload failed or was aborted first (a file would stay open, a download would hold its
 * connection until the body timeout).
 */
async function uploadStream(ctx: ClientContext, source: ByteStream, options: UploadOptions): Promise<UploadedFile> {
	let parts: PartReader | undefined;
	try {
		const plan = uploadPlan(options);
		parts = streamParts(source, new PartBufferPool(plan.partSize, plan.concurrency + 1));
		const first = await parts.next();
		const second = first.done ? first : await parts.next();
		if (second.done && (options.size === undefined || options.size < plan.threshold)) {
			return await singleUpload(ctx, plan, first.done ? Buffer.alloc(0) : first.value.bytes);
		}
		return await multipartUpload(ctx, plan, prepend([first, second], parts));
	} finally {
		// Destroys the stream when the upload ended before reading it all (a file would stay open,
		// a download would hold its connection), then stops the part reader. In this order: a Node
		// stream whose reader stops first is destroyed with an AbortError that would surface as an
		// 'error' event. A failure to close must not hide how the upload itself ended.
		discardUnfinished(source);
		await parts?.return().catch(() => undefined);
	}
}

function uploadPlan(options: UploadOptions): UploadPlan {
	const contentType = options.contentType || 'application/octet-stream';
	const partSize = options.partSize ?? DEFAULT_PART_SIZE;
	const concurrency = options.partConcurrency ?? DEFAULT_PART_CONCURRENCY;
	if (!(partSize > 0) || !(concurrency >= 1)) throw new RangeError('fal client: partSize and partConcurrency must be positive');
	return {
		contentType,
		fileName: options.fileName || defaultFileName(contentType),
		threshold: options.multipartThreshold ?? DEFAULT_MULTIPART_THRESHOLD,
		partSize,
		concurrency: Math.floor(concurrency),
		headers: options.expirationSeconds !== undefined ? lifecycleHeaders(options.expirationSeconds) : {},
		signal: options.signal,
	};
}

/** One PUT from memory (retried as a whole when it fails). */
async function singleUpload(ctx: ClientContext, plan: UploadPlan, bytes: Buffer): Promise<UploadedFile> {
	const target = await initiate(ctx, plan, 'initiate');
	await dispatch(ctx, {
		method: 'PUT',
		url: target.uploadUrl,
		kind: 'storage',
		body: bytes,
		headers: { 'content-type': plan.contentType, 'content-length': String(bytes.length) },
		signal: plan.signal,
	});
	return { url: target.fileUrl, contentType: plan.contentType, fileName: plan.fileName, size: bytes.length };
}

async function multipartUpload(ctx: ClientContext, plan: UploadPlan, parts: AsyncIterable<Part>): Promise<UploadedFile> {
	const target = await initiate(ctx, plan, 'initiate-multipart');
	const base = new URL(target.uploadUrl);
	const urlOf = (suffix: string) => `${base.origin}${base.pathname.replace(/\/+$/, '')}/${suffix}${base.search}`;

	let size = 0;
	const completed = await forEachBounded(parts, plan.concurrency, plan.signal, (part, partNumber, signal) => {
		size += part.bytes.length;
		// The buffer is reused only after the last attempt has settled: a retry resends these bytes.
		return putPart(ctx, urlOf(String(partNumber)), partNumber, part.bytes, signal).finally(part.release);
	});

	completed.sort((a, b) => a.partNumber - b.partNumber);
	await dispatch(ctx, {
		method: 'POST',
		url: urlOf('complete'),
		kind: 'storage',
		json: { parts: completed },
		signal: plan.signal,
	});
	return { url: target.fileUrl, contentType: plan.contentType, fileName: plan.fileName, size };
}

/**
 * Runs `send` for each item (numbered from 1) with at most `limit` in flight, pulling the next
 * item only when a slot is free. The first failure aborts the others (through the signal given
 * to `send`), stops reading `items`, and is rethrown once everything in flight has settled.
 */
export async function forEachBounded<T, R>(
	items: AsyncIterable<T>,
	limit: number,
	callerSignal: AbortSignal | undefined,
	send: (item: T, index: number, signal: AbortSignal) => Promise<R>,
): Promise<R[]> {
	const stop = new AbortController();
	const signal = callerSignal ? AbortSignal.any([callerSignal, stop.signal]) : stop.signal;
	const results: R[] = [];
	const inFlight = new Set<Promise<void>>();
	let failed = false;
	let failure: unknown;
	const fail = (error: unknown) => {
		if (!failed) [failed, failure] = [true, error];
		stop.abort();
	};
	let index = 0;
	try {
		for await (const item of items) {
			const task: Promise<void> = send(item, ++index, signal).then((result) => void results.push(result), fail);
			inFlight.add(task);
			void task.then(() => inFlight.delete(task));
			if (inFlight.size >= limit) await Promise.race(inFlight);
			if (failed) break;
		}
	} catch (error) {
		fail(error);
	}
	await Promise.all(inFlight);
	if (failed) throw failure;
	if (callerSignal?.aborted) throw new FalAbortError();
	return results;
}

async function putPart(ctx: ClientContext, url: string, partNumber: number, bytes: Buffer, signal: AbortSignal): Promise<CompletedPart> {
	const response = await dispatch(ctx, {
		method: 'PUT',
		url,
		kind: 'storage',
		body: bytes,
		headers: { 'content-type': 'application/octet-stream' },
		signal,
	});
	const body = response.data && typeof response.data === 'object' ? (response.data as Record<string, unknown>) : {};
	// fal answers {partNumber, etag}; an S3-style ETag header is accepted too.
	const etag = typeof body.etag === 'string' ? body.etag : headerOf(response.headers, 'etag');
	if (!etag) throw new FalProtocolError(`fal storage returned no etag for part ${partNumber}`);
	return { partNumber: typeof body.partNumber === 'number' ? body.partNumber : partNumber, etag };
}

async function initiate(ctx: ClientContext, plan: UploadPlan, step: 'initiate' | 'initiate-multipart'): Promise<InitiatedUpload> {
	const response = await dispatch(ctx, {
		method: 'POST',
		url: `${ctx.hosts.restUrl}/storage/upload/${step}?storage_type=${STORAGE_TYPE}`,
		kind: 'storage',
		json: { content_type: plan.contentType, file_name: plan.fileName },
		headers: plan.headers,
		signal: plan.signal,
	});
	const body = response.data && typeof response.data === 'object' ? (response.data as Record<string, unknown>) : {};
	if (typeof body.upload_url !== 'string' || typeof body.file_url !== 'string') {
		throw new FalProtocolError(`fal storage ${step} returned no upload_url/file_url`);
	}
	return { uploadUrl: body.upload_url, fileUrl: body.file_url };
}

/** Re-attaches parts already read (to choose single vs multipart) in front of the rest. */
async function* prepend(read: IteratorResult<Part, void>[], rest: PartReader): AsyncGenerator<Part> {
	for (const item of read) if (!item.done) yield item.value;
	if (read.every((item) => !item.done)) yield* rest;
}

/** What a Node stream tells of its state; other sources tell nothing and are simply destroyed. */
type SourceState = ByteStream & {
	destroyed?: boolean;
	readableEnded?: boolean;
	on?: (event: string, listener: () => void) => unknown;
};

/**
 * Destroys a source that was not read to its end (a file would stay open, a download would hold
 * its connection); its destruction must not surface as an error.
 */
function discardUnfinished(source: SourceState): void {
	if (source.destroyed || source.readableEnded) return;
	source.on?.('error', () => undefined);
	source.destroy();
}

function isStream(source: UploadSource): source is ByteStream {
	return typeof (source as Partial<ByteStream>)[Symbol.asyncIterator] === 'function' && !(source instanceof Uint8Array);
}

const EXTENSIONS: Record<string, string> = {
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/webp': 'webp',
	'image/gif': 'gif',
	'video/mp4': 'mp4',
	'video/webm': 'webm',
	'video/quicktime': 'mov',
	'audio/mpeg': 'mp3',
	'audio/wav': 'wav',
	'audio/x-wav': 'wav',
	'audio/ogg': 'ogg',
	'audio/mp4': 'm4a',
	'application/pdf': 'pdf',
	'application/json': 'json',
	'text/plain': 'txt',
};

/** Some models infer the format from the extension, so a missing name gets a fitting one. */
function defaultFileName(contentType: string): string {
	const extension = EXTENSIONS[contentType.split(';', 1)[0].trim().toLowerCase()] ?? 'bin';
	return `upload.${extension}`;
}

/**
 * The file's lifetime, under both names: fal-js sends `X-Fal-Object-Lifecycle`, while fal's Python
 * client notes that storage initiation reads `X-Fal-Object-Lifecycle-Preference`.
 */
function lifecycleHeaders(expirationSeconds: number): Record<string, string> {
	const value = lifecycleJson(expirationSeconds);
	return { 'x-fal-object-lifecycle': value, 'x-fal-object-lifecycle-preference': value };
}
