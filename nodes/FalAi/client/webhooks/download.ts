/**
 * Streams a media file named in a webhook result, without buffering it here.
 *
 * Media URLs are public (fal's CDN) and may redirect to storage, so no credentials are sent and
 * a few redirects are followed, one hop at a time (the transport never follows them itself).
 * Inline `data:` URIs (fal's `sync_mode`) are decoded locally.
 */
import { decodeDataUri, isDataUri } from '../dataUri';
import { headerOf } from '../retry';
import { answerDeadline } from '../sleep';
import { discardBody } from '../dispatch';
import type { MediaUrlVerdict } from '../mediaHosts';
import type { ByteStream, HttpTransport } from '../transport';

export interface OpenedMedia {
	/** The streamed body, or the bytes of a decoded `data:` URI. */
	body: ByteStream | Buffer;
	contentType?: string;
	/** Bytes, when the server said. */
	size?: number;
}

export interface OpenMediaOptions {
	signal?: AbortSignal;
	/** Time allowed until the response headers of the last hop. Default 60 s. */
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
export async function openMedia(transport: HttpTransport, url: string, options: OpenMediaOptions = {}): Promise<OpenedMedia> {
	if (isDataUri(url)) return openDataUri(url);
	if (!/^https?:\/\//i.test(url)) throw new MediaDownloadError('Only http(s) and data: media URLs can be downloaded');

	const maxRedirections = options.maxRedirections ?? 5;
	let current = url;
	for (let hop = 0; hop <= maxRedirections; hop++) {
		// Every hop is checked before it is requested: an allowed URL may redirect anywhere.
		const verdict = options.checkUrl?.(current);
		if (verdict && !verdict.ok) throw new MediaDownloadError(verdict.message);
		// The time limit is for each answer to start: a large file may then stream for as long as it takes.
		const limit = answerDeadline(options.timeoutMs ?? 60_000, options.signal);
		const response = await transport
			.send({ method: 'GET', url: current, headers: { accept: '*/*' }, authenticate: false, signal: limit.signal })
			.catch((error: unknown) => {
				const reason = limit.timedOut() ? 'timed out' : error instanceof Error ? error.message : String(error);
				throw new MediaDownloadError(`Downloading media from ${new URL(current).origin} failed: ${reason}`);
			});
		limit.answered();
		const location = headerOf(response.headers, 'location');
		if (response.status >= 300 && response.status < 400 && location) {
			discardBody(response.body);
			current = new URL(location, current).toString();
			if (!/^https?:\/\//i.test(current)) throw new MediaDownloadError('A media download redirected to a URL that is not http(s)');
			continue;
		}
		if (response.status < 200 || response.status >= 300) {
			discardBody(response.body);
			throw new MediaDownloadError(
				`Downloading media from ${new URL(current).origin} failed with HTTP ${response.status}`,
				response.status,
			);
		}
		const length = Number(headerOf(response.headers, 'content-length'));
		return {
			body: response.body,
			contentType: headerOf(response.headers, 'content-type'),
			size: Number.isFinite(length) && headerOf(response.headers, 'content-length') ? length : undefined,
		};
	}
	throw new MediaDownloadError(`Downloading media from ${new URL(url).origin} redirected more than ${maxRedirections} times`);
}

function openDataUri(uri: string): OpenedMedia {
	if (!uri.includes(',')) throw new MediaDownloadError('The data: URI has no data');
	const decoded = decodeDataUri(uri);
	return { body: decoded.buffer, contentType: decoded.contentType, size: decoded.buffer.length };
}
