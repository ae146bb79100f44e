/**
 * Streams a media file named in a webhook result, without buffering it here.
 *
 * Media URLs are public (fal's CDN) and may redirect to storage, so no credentials are sent and
 * a few redirects are followed. Inline `data:` URIs (fal's `sync_mode`) are decoded locally.
 */
import { Readable } from 'node:stream';
import { request } from 'undici';

import { decodeDataUri, isDataUri } from '../dataUri';
import type { MediaUrlVerdict } from '../mediaHosts';
import { redirectTarget } from '../redirects';

export interface OpenedMedia {
	body: Readable;
	contentType?: string;
	/** Bytes, when the server said. */
	size?: number;
}

export interface OpenMediaOptions {
	signal?: AbortSignal;
	/** Time allowed for the response headers, and between two body chunks. Default 60 s. */
	timeoutMs?: number;
	maxRedirections?: number;
	/** Checks the URL and every redirect target before it is requested (see ../mediaHosts). */
	checkUrl?: (url: string) => MediaUrlVerdict;
}

/** Thrown when a media file cannot be fetched; the message names the URL's origin only. */
export class MediaDownloadError extends Error {
	constructor(
		message: string,
		readonly statusCode?: number,
	) {
		super(message);
		this.name = 'MediaDownloadError';
	}
}

/** Opens a media URL (http, https or data) as a stream. */
export async function openMedia(url: string, options: OpenMediaOptions = {}): Promise<OpenedMedia> {
	if (isDataUri(url)) return openDataUri(url);
	if (!/^https?:\/\//i.test(url)) throw new MediaDownloadError('Only http(s) and data: media URLs can be downloaded');

	const timeoutMs = options.timeoutMs ?? 60_000;
	const maxRedirections = options.maxRedirections ?? 5;
	let current = url;
	// Redirects are followed by hand so that every hop passes `checkUrl` before it is requested.
	for (let hop = 0; ; hop++) {
		const verdict = options.checkUrl?.(current);
		if (verdict && !verdict.ok) throw new MediaDownloadError(verdict.message);
		const response = await request(current, { method: 'GET', signal: options.signal, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
		const next = redirectTarget(current, response.statusCode, response.headers.location);
		if (next === undefined) return await openedMedia(current, response);
		await response.body.dump();
		if (hop >= maxRedirections) throw new MediaDownloadError(`Downloading media from ${new URL(url).origin} redirected more than ${maxRedirections} times`);
		current = next;
	}
}

async function openedMedia(url: string, response: Awaited<ReturnType<typeof request>>): Promise<OpenedMedia> {
	if (response.statusCode < 200 || response.statusCode >= 300) {
		await response.body.dump();
		throw new MediaDownloadError(
			`Downloading media from ${new URL(url).origin} failed with HTTP ${response.statusCode}`,
			response.statusCode,
		);
	}
	const length = Number(response.headers['content-length']);
	const contentType = response.headers['content-type'];
	return {
		body: response.body,
		contentType: typeof contentType === 'string' ? contentType : undefined,
		size: Number.isFinite(length) ? length : undefined,
	};
}

function openDataUri(uri: string): OpenedMedia {
	if (!uri.includes(',')) throw new MediaDownloadError('The data: URI has no data');
	const decoded = decodeDataUri(uri);
	return { body: Readable.from([decoded.buffer]), contentType: decoded.contentType, size: decoded.buffer.length };
}
