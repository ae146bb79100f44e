/**
 * `/rest/...`, fal's REST host: storage upload initiation, short-lived tokens and the webhook JWKS.
 */
import { json } from './http-util';
import type { FakeContext, Route } from './routes';

export function classifyRest(context: FakeContext, method: string, segments: string[]): Route | undefined {
	const path = segments.join('/');
	if (method === 'POST' && (path === 'storage/upload/initiate' || path === 'storage/upload/initiate-multipart')) {
		const multipart = path.endsWith('multipart');
		return {
			kind: multipart ? 'upload-initiate-multipart' : 'upload-initiate',
			auth: 'required',
			handle: ({ body }) => context.storage.initiate(body, multipart),
		};
	}
	if (method === 'GET' && path === '.well-known/jwks.json') {
		return { kind: 'jwks', auth: 'none', handle: () => json(200, context.webhooks.jwks, { 'cache-control': 'public, max-age=86400' }) };
	}
	if (method === 'POST' && (path === 'tokens' || path === 'tokens/')) {
		// A temporary token for client-side connections; fal answers the token as a JSON string.
		return { kind: 'token', auth: 'required', handle: ({ body }) => json(201, context.realtime.issueToken(body)) };
	}
	return undefined;
}
