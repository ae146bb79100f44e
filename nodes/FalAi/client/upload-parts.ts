/**
 * Cuts an upload source into parts of exactly `partSize` bytes (the last may be shorter), each in
 * a buffer of a {@link PartBufferPool}, so memory stays at a few parts whatever the file size.
 *
 * All readers are pull generators: the next part is read only when asked for. Returning a reader
 * early (the upload failed or was aborted) stops reading its source; the caller destroys it.
 */
import type { Part, PartBufferPool } from './part-pool';
import type { ByteStream } from './transport';

export type PartReader = AsyncGenerator<Part, void, undefined>;

/** Parts copied out of a stream's chunks. */
export async function* streamParts(source: ByteStream, pool: PartBufferPool): PartReader {
	let buffer: Buffer | undefined;
	let filled = 0;
	try {
		for await (const chunk of source) {
			let rest: Buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
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
