/**
 * Cuts an upload source into parts of exactly `partSize` bytes (the last may be shorter), each in
 * a buffer of a {@link PartBufferPool}, so memory stays at a few parts whatever the file size.
 *
 * All readers are pull generators: the next part is read only when asked for. Returning a reader
 * early (the upload failed or was aborted) closes or destroys what it reads from.
 */
import { ReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Part, PartBufferPool } from './part-pool';

export type PartReader = AsyncGenerator<Part, void, undefined>;

/**
 * The parts of a stream. A file stream not yet read from (what n8n's `getBinaryStream` returns
 * in filesystem mode) is read directly into the part buffers through a file handle and the stream
 * is destroyed unread: its own 64 KB chunks would otherwise be garbage the size of the file.
 * Any other Readable is consumed chunk by chunk, the chunks copied into the part buffers.
 */
export async function readableParts(source: Readable, pool: PartBufferPool): Promise<PartReader> {
	const file = unreadFileOf(source);
	if (file) {
		// Opened before the stream is given up, so a file we cannot open still uploads via the stream.
		const handle = await open(file.path, 'r').catch(() => undefined);
		if (handle) {
			source.on('error', () => undefined);
			source.destroy();
			return fileParts(handle, file.start, file.end, pool);
		}
	}
	return streamParts(source, pool);
}

/** Parts read with positioned reads, from `start` to `end` inclusive or the end of the file. */
export async function* fileParts(handle: FileHandle, start: number, end: number, pool: PartBufferPool): PartReader {
	try {
		let position = start;
		while (position <= end) {
			const buffer = await pool.acquire();
			let filled = 0;
			while (filled < pool.partSize && position <= end) {
				const length = Math.min(pool.partSize - filled, end + 1 - position);
				const { bytesRead } = await handle.read(buffer, filled, length, position);
				if (bytesRead === 0) break;
				filled += bytesRead;
				position += bytesRead;
			}
			if (filled === 0) {
				pool.release(buffer);
				return;
			}
			yield pool.part(buffer, filled);
			if (filled < pool.partSize) return;
		}
	} finally {
		await handle.close();
	}
}

/** Parts copied out of a stream's chunks. */
export async function* streamParts(source: Readable, pool: PartBufferPool): PartReader {
	let buffer: Buffer | undefined;
	let filled = 0;
	try {
		for await (const chunk of source) {
			let rest: Buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string | Uint8Array);
			while (rest.length > 0) {
				buffer ??= await pool.acquire();
				const copied = rest.copy(buffer, filled, 0, Math.min(rest.length, pool.partSize - filled));
				filled += copied;
				rest = rest.subarray(copied);
				if (filled === pool.partSize) {
					const full = pool.part(buffer, filled);
					[buffer, filled] = [undefined, 0];
					yield full;
				}
			}
		}
		if (buffer && filled > 0) {
			const last = pool.part(buffer, filled);
			buffer = undefined;
			yield last;
		}
	} finally {
		if (buffer) pool.release(buffer);
	}
}

/** Parts of an in-memory buffer, as views (no copies, nothing to release). */
export async function* bufferParts(bytes: Buffer, partSize: number): PartReader {
	for (let start = 0; start < bytes.length; start += partSize) {
		yield { bytes: bytes.subarray(start, start + partSize), release: () => undefined };
	}
}

interface UnreadFile {
	path: string | Buffer;
	start: number;
	end: number;
}

/**
 * Where a file stream would read from, if nothing has been read from it yet and it yields raw
 * bytes; otherwise undefined (it must then be consumed as a stream).
 */
function unreadFileOf(source: Readable): UnreadFile | undefined {
	if (!(source instanceof ReadStream)) return undefined;
	const path: unknown = source.path;
	if (typeof path !== 'string' && !Buffer.isBuffer(path)) return undefined;
	if (source.destroyed || source.bytesRead > 0 || source.readableLength > 0 || source.readableEncoding !== null) return undefined;
	const { start, end } = source as ReadStream & { start?: number; end?: number };
	return { path, start: start ?? 0, end: end ?? Infinity };
}
