/**
 * Large model outputs on demand: a generated file padded to the size a job asked for
 * (`{"fake": {"mediaBytes": 524288000}}`), so downloads of hundreds of MiB can be exercised
 * without storing anything. The size travels in the media URL (`?size=`), like everything else
 * about generated media, and the bytes are written as they are sent, never held whole.
 *
 * - MP4: the small real file followed by one `free` box (ISO BMFF's "ignore me" box) filling the
 *   rest, so the result is still a valid MP4 of exactly the asked size;
 * - other formats: the real file followed by zero bytes (PNG and JPEG decoders stop at their end
 *   marker, IEND / EOI, and ignore what follows).
 */
import type { ServerResponse } from 'node:http';

import { detail, type Reply } from './http-util';

/** Padding above this is refused: a typo must not make the fake stream for an hour. */
export const MAX_MEDIA_BYTES = 4 * 1024 ** 3 - 1;

const CHUNK = Buffer.alloc(1024 * 1024);
/** An ISO BMFF box header: 32-bit size, then the 4-character type. */
const BOX_HEADER_BYTES = 8;

/** The `size` a padded media URL asks for, or undefined when it asks for none (or nonsense). */
export function requestedMediaSize(url: URL): number | undefined {
	const raw = url.searchParams.get('size');
	if (raw === null || !/^\d+$/.test(raw)) return undefined;
	const size = Number(raw);
	return size > 0 && size <= MAX_MEDIA_BYTES ? size : undefined;
}

/** The URL of a generated file, asking for `mediaBytes` when a job set it. */
export function withRequestedSize(url: string, mediaBytes: number | undefined): string {
	return mediaBytes === undefined ? url : `${url}?size=${mediaBytes}`;
}

/** The bytes that go between the real file and the requested size (for MP4, a `free` box header). */
function paddingHead(extension: string, paddingBytes: number): Buffer {
	if (extension !== 'mp4') return Buffer.alloc(0);
	const header = Buffer.alloc(BOX_HEADER_BYTES);
	header.writeUInt32BE(paddingBytes, 0);
	header.write('free', 4, 'ascii');
	return header;
}

/**
 * Serves `file` padded to `size` bytes (streamed, with backpressure). A size smaller than the
 * file itself (or too small for an MP4 box) is a 400, not a silently different file.
 */
export function servePaddedMedia(
	file: { bytes: Buffer; contentType: string; fileName: string; extension: string },
	size: number,
	method: string,
): Reply {
	const paddingBytes = size - file.bytes.length;
	const minimum = file.extension === 'mp4' ? BOX_HEADER_BYTES : 0;
	if (paddingBytes < minimum) return detail(400, `size ${size} is smaller than ${file.fileName} itself (${file.bytes.length + minimum} bytes)`);
	return {
		stream: (res: ServerResponse) => {
			res.writeHead(200, {
				'content-type': file.contentType,
				'content-length': String(size),
				'content-disposition': `inline; filename="${file.fileName}"`,
			});
			if (method === 'HEAD') return void res.end();
			const head = Buffer.concat([file.bytes, paddingHead(file.extension, paddingBytes)]);
			let remaining = size - head.length;
			res.on('error', () => res.destroy());
			const writeMore = (): void => {
				while (remaining > 0) {
					const chunk = remaining >= CHUNK.length ? CHUNK : CHUNK.subarray(0, remaining);
					remaining -= chunk.length;
					if (!res.write(chunk)) return void res.once('drain', writeMore);
				}
				res.end();
			};
			if (res.write(head)) writeMore();
			else res.once('drain', writeMore);
		},
	};
}
