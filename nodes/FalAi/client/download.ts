/**
 * Streamed download of a media URL (a model's output file), without buffering it.
 *
 * Redirects are followed here, one hop at a time, so the decision to send the key is made again
 * for every hop: only URLs under the configured fal hosts get it, never a CDN or a foreign host.
 * `data:` URLs (fal's `sync_mode` outputs) are decoded locally.
 */
import type { ClientContext } from './context';
import { decodeDataUri, isDataUri } from './dataUri';
import { discardBody, dispatch } from './dispatch';
import { FalProtocolError } from './errors';
import { resultMediaChecker } from './mediaHosts';
import { headerOf } from './retry';
import type { CallOptions, DownloadedFile } from './types';

export type { DownloadedFile } from './types';

const MAX_REDIRECTS = 5;

export async function download(ctx: ClientContext, url: string, options: CallOptions = {}): Promise<DownloadedFile> {
	if (isDataUri(url)) return decodeDataUrl(url);
	let current = httpUrl(url);
	const checkHop = resultMediaChecker(Object.values(ctx.hosts));
	for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
		// Every hop is checked again: a public file may redirect to a private address.
		const verdict = checkHop(current);
		if (!verdict.ok) throw new FalProtocolError(verdict.message);
		const response = await dispatch(
			ctx,
			{
				method: 'GET',
				url: current,
				kind: 'result',
				accept: '*/*',
				acceptStatus: (code) => code < 400 && code !== 304,
				signal: options.signal,
			},
			'stream',
		);
		const location = headerOf(response.headers, 'location');
		if (response.status >= 300 && location) {
			discardBody(response.body);
			current = httpUrl(new URL(location, current).toString());
			continue;
		}
		const length = Number(headerOf(response.headers, 'content-length'));
		return {
			body: response.body,
			contentType: headerOf(response.headers, 'content-type'),
			size: Number.isFinite(length) && length >= 0 && headerOf(response.headers, 'content-length') ? length : undefined,
			fileName: fileNameFromDisposition(headerOf(response.headers, 'content-disposition')) ?? fileNameFromUrl(current),
		};
	}
	throw new FalProtocolError(`download of ${ctx.redactor.url(url)} redirected more than ${MAX_REDIRECTS} times`);
}

/** `filename*=UTF-8''…` wins over `filename="…"`, as RFC 6266 says. */
export function fileNameFromDisposition(header: string | undefined): string | undefined {
	if (!header) return undefined;
	const extended = /filename\*\s*=\s*(?:[\w-]+)?'[^']*'([^;]+)/i.exec(header);
	if (extended) {
		try {
			return safeFileName(decodeURIComponent(extended[1].trim()));
		} catch {
			// Badly encoded: fall back to the plain parameter.
		}
	}
	const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(header);
	const value = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2];
	return value ? safeFileName(value) : undefined;
}

/**
 * The last path segment of an http(s) URL, decoded, as a bare file name; undefined for other
 * URLs (a `data:` URI has no name) and for segments that do not decode.
 */
export function fileNameFromUrl(url: string): string | undefined {
	try {
		const parsed = new URL(url);
		if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
		const segment = parsed.pathname.split('/').filter(Boolean).pop();
		return segment ? safeFileName(decodeURIComponent(segment)) : undefined;
	} catch {
		return undefined;
	}
}

/** Keeps only the base name: a server must not choose where a file lands. */
function safeFileName(name: string): string | undefined {
	const base = name.split(/[/\\]/).pop()?.trim();
	return base && base !== '.' && base !== '..' ? base : undefined;
}

function httpUrl(url: string): string {
	if (!URL.canParse(url)) {
		throw new TypeError(`fal client: not a valid URL to download: ${JSON.stringify(url.slice(0, 200))}`);
	}
	const parsed = new URL(url);
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		throw new TypeError(`fal client: only http(s) and data: URLs can be downloaded, got ${parsed.protocol}`);
	}
	return parsed.toString();
}

function decodeDataUrl(url: string): DownloadedFile {
	if (!url.includes(',')) throw new TypeError('fal client: malformed data: URL');
	const decoded = decodeDataUri(url);
	return { body: decoded.buffer, contentType: decoded.contentType ?? 'text/plain', size: decoded.buffer.length };
}
