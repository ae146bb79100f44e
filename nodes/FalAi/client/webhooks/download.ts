/**
 * Streams a media file named in a webhook result, without buffering it here.
 *
 * Media URLs are public (fal's CDN) and may redirect to storage, so no credentials are sent and
 * a few redirects are followed. Inline `data:` URIs (fal's `sync_mode`) are decoded locally.
 */
import { Readable } from 'node:stream';
import { Agent, interceptors, request, type Dispatcher } from 'undici';

import { decodeDataUri, isDataUri } from '../dataUri';

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

let redirectingAgent: Dispatcher | undefined;

/** Opens a media URL (http, https or data) as a stream. */
export async function openMedia(url: string, options: OpenMediaOptions = {}): Promise<OpenedMedia> {
	if (isDataUri(url)) return openDataUri(url);
	if (!/^https?:\/\//i.test(url)) throw new MediaDownloadError('Only http(s) and data: media URLs can be downloaded');

	const timeoutMs = options.timeoutMs ?? 60_000;
	redirectingAgent ??= new Agent().compose(interceptors.redirect({ maxRedirections: options.maxRedirections ?? 5 }));
	const response = await request(url, {
		method: 'GET',
		dispatcher: redirectingAgent,
		signal: options.signal,
		headersTimeout: timeoutMs,
		bodyTimeout: timeoutMs,
	});
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
