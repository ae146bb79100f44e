/**
 * The fake's CDN: `/upload/{id}[/{part}|/complete]?token=` receives uploads (pre-signed, no key),
 * `/media/files/{id}/{name}` serves them back, `/media/generated/...` and `/media/samples/...`
 * serve model outputs and sample inputs, and `/media/redirect?to=<url>` answers a 302 to any URL
 * (a CDN that redirects to storage, or a hostile payload's redirect to an internal address).
 */
import { detail } from './http-util';
import { serveGeneratedMedia } from './media';
import { requestedMediaSize } from './padded-media';
import type { FakeContext, Route } from './routes';

export function classifyUpload(context: FakeContext, method: string, segments: string[]): Route | undefined {
	const [id, part, ...rest] = segments;
	if (!id || rest.length > 0) return undefined;
	if (method === 'PUT' && part === undefined) {
		return { kind: 'upload-put', auth: 'none', streamsBody: true, handle: ({ req, url }) => context.storage.put(id, url.searchParams.get('token'), req) };
	}
	if (method === 'PUT' && /^\d+$/.test(part ?? '')) {
		return {
			kind: 'upload-part',
			auth: 'none',
			streamsBody: true,
			handle: ({ req, url }) => context.storage.putPart(id, Number(part), url.searchParams.get('token'), req),
		};
	}
	if (method === 'POST' && part === 'complete') {
		return { kind: 'upload-complete', auth: 'none', handle: ({ url, body }) => context.storage.complete(id, url.searchParams.get('token'), body) };
	}
	return undefined;
}

export function classifyMedia(context: FakeContext, method: string, segments: string[]): Route | undefined {
	if (method !== 'GET' && method !== 'HEAD') return undefined;
	const [area, ...rest] = segments;
	if (area === 'files' && rest.length === 2) {
		return { kind: 'media', auth: 'none', handle: () => context.storage.serve(rest[0], method) };
	}
	if (area === 'redirect') {
		return {
			kind: 'media',
			auth: 'none',
			handle: ({ url }) => {
				const to = url.searchParams.get('to');
				return to ? { status: 302, headers: { location: to }, raw: '' } : detail(400, 'redirect needs ?to=');
			},
		};
	}
	if ((area === 'generated' || area === 'samples') && rest.length > 0) {
		return { kind: 'media', auth: 'none', handle: ({ url }) => serveGeneratedMedia(rest[rest.length - 1], requestedMediaSize(url), method) };
	}
	return { kind: 'media', auth: 'none', handle: () => detail(404, 'File not found') };
}
