/**
 * Real (tiny) media bytes: PNGs drawn on demand at the size the model output reports, and fixed
 * JPEG / MP4 / WAV files. Generated URLs carry everything needed to rebuild their bytes, so the
 * fake keeps no state for them: `/media/generated/<request>/<name>-<w>x<h>.<ext>`.
 */
import { deflateSync } from 'node:zlib';

import { detail, type Reply } from './http-util';
import { JPEG_BASE64, MP4_BASE64 } from './media-fixtures';
import { makeGlb, makeMp3 } from './media-formats';
import { servePaddedMedia } from './padded-media';

export const MP4_BYTES = Buffer.from(MP4_BASE64, 'base64');
export const JPEG_BYTES = Buffer.from(JPEG_BASE64, 'base64');

/** Generated images are capped so a silly `image_size` cannot exhaust memory. */
const MAX_SIDE = 4096;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(bytes: Buffer): number {
	let crc = 0xffffffff;
	for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typeAndData));
	return Buffer.concat([length, typeAndData, crc]);
}

/** A valid RGB PNG of the given size: a two-colour gradient derived from `seed`. */
export function makePng(width: number, height: number, seed = 0): Buffer {
	const w = clampSide(width);
	const h = clampSide(height);
	const header = Buffer.alloc(13);
	header.writeUInt32BE(w, 0);
	header.writeUInt32BE(h, 4);
	header[8] = 8; // bit depth
	header[9] = 2; // colour type RGB
	const rowLength = 1 + w * 3;
	const pixels = Buffer.alloc(rowLength * h);
	const [r, g, b] = [(seed * 53) & 0xff, (seed * 97 + 80) & 0xff, (seed * 29 + 160) & 0xff];
	for (let y = 0; y < h; y++) {
		const shade = Math.floor((y / h) * 96);
		const row = y * rowLength;
		for (let x = 0; x < w; x++) {
			const at = row + 1 + x * 3;
			pixels[at] = (r + shade) & 0xff;
			pixels[at + 1] = g;
			pixels[at + 2] = (b + shade) & 0xff;
		}
	}
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		pngChunk('IHDR', header),
		pngChunk('IDAT', deflateSync(pixels)),
		pngChunk('IEND', Buffer.alloc(0)),
	]);
}

/** A valid 16-bit mono PCM WAV holding a short 440 Hz tone. */
export function makeWav(seconds = 1, sampleRate = 16000): Buffer {
	const samples = Math.round(seconds * sampleRate);
	const data = Buffer.alloc(samples * 2);
	for (let i = 0; i < samples; i++) {
		data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / sampleRate) * 8000), i * 2);
	}
	const header = Buffer.alloc(44);
	header.write('RIFF', 0, 'ascii');
	header.writeUInt32LE(36 + data.length, 4);
	header.write('WAVE', 8, 'ascii');
	header.write('fmt ', 12, 'ascii');
	header.writeUInt32LE(16, 16);
	header.writeUInt16LE(1, 20); // PCM
	header.writeUInt16LE(1, 22); // mono
	header.writeUInt32LE(sampleRate, 24);
	header.writeUInt32LE(sampleRate * 2, 28);
	header.writeUInt16LE(2, 32);
	header.writeUInt16LE(16, 34);
	header.write('data', 36, 'ascii');
	header.writeUInt32LE(data.length, 40);
	return Buffer.concat([header, data]);
}

function clampSide(side: number): number {
	return Math.min(MAX_SIDE, Math.max(1, Math.round(Number.isFinite(side) ? side : 1)));
}

export const CONTENT_TYPES: Record<string, string> = {
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	mp4: 'video/mp4',
	wav: 'audio/wav',
	mp3: 'audio/mpeg',
	glb: 'model/gltf-binary',
};

/** Bytes for a generated or sample file name, or undefined for an unknown extension. */
export function mediaBytes(fileName: string): { bytes: Buffer; contentType: string } | undefined {
	const match = /^(.*?)(?:-(\d+)x(\d+))?\.([a-z0-9]+)$/i.exec(fileName);
	if (!match) return undefined;
	const extension = match[4].toLowerCase();
	const contentType = CONTENT_TYPES[extension];
	if (!contentType) return undefined;
	const width = match[2] ? Number(match[2]) : 64;
	const height = match[3] ? Number(match[3]) : 64;
	const seed = [...match[1]].reduce((sum, char) => sum + char.charCodeAt(0), 0);
	switch (extension) {
		case 'png':
			return { bytes: makePng(width, height, seed), contentType };
		case 'jpg':
		case 'jpeg':
			return { bytes: JPEG_BYTES, contentType };
		case 'mp4':
			return { bytes: MP4_BYTES, contentType };
		case 'mp3':
			return { bytes: makeMp3(), contentType };
		case 'glb':
			return { bytes: makeGlb(match[1]), contentType };
		default:
			return { bytes: makeWav(), contentType };
	}
}

/** Size in bytes of the file a generated URL will serve (reported as `file_size`); `padTo` when padded. */
export function mediaSize(fileName: string, padTo?: number): number {
	return padTo ?? mediaBytes(fileName)?.bytes.length ?? 0;
}

/**
 * Serves `/media/generated/...` and `/media/samples/<name>` (sample.png, sample.jpg, sample.mp4,
 * sample.wav); with `padTo`, the file padded to that many bytes (see padded-media.ts).
 */
export function serveGeneratedMedia(fileName: string, padTo?: number, method = 'GET'): Reply {
	const media = mediaBytes(fileName);
	if (!media) return detail(404, 'File not found');
	if (padTo !== undefined) {
		const extension = fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase();
		return servePaddedMedia({ ...media, fileName, extension }, padTo, method);
	}
	return {
		status: 200,
		raw: media.bytes,
		headers: {
			'content-type': media.contentType,
			'content-disposition': `inline; filename="${fileName}"`,
			'cache-control': 'public, max-age=3600',
		},
	};
}
