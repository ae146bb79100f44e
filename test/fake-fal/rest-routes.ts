/**
 * `/rest/...`, fal's REST host: storage upload initiation, short-lived tokens and the webhook JWKS.
 */
import { detail, json, type Reply } from './http-util';
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
	if (method === 'GET' && path === '.well-known/jwks.json') return keySetRoute(context, 'new');
	if (method === 'GET' && path === '.well-known/keys/current.json' && context.settings.jwksHosting === 'redirect') {
		return { kind: 'jwks', auth: 'none', handle: () => keySet(context) };
	}
	if (method === 'POST' && (path === 'tokens' || path === 'tokens/')) {
		// A temporary token for client-side connections; fal answers the token as a JSON string.
		return { kind: 'token', auth: 'required', handle: ({ body }) => json(201, context.realtime.issueToken(body)) };
	}
	return undefined;
}

/** `/rest-alpha/...`, the old REST host `rest.alpha.fal.ai`: only the key set is served there. */
export function classifyLegacyRest(context: FakeContext, method: string, segments: string[]): Route | undefined {
	if (method === 'GET' && segments.join('/') === '.well-known/jwks.json') return keySetRoute(context, 'old');
	return undefined;
}

/** The key set at one host, as `jwksHosting` says: served, missing (404), or a 301 elsewhere. */
function keySetRoute(context: FakeContext, host: 'new' | 'old'): Route {
	return {
		kind: 'jwks',
		auth: 'none',
		handle: () => {
			const hosting = context.settings.jwksHosting;
			if (hosting === 'redirect') return { status: 301, headers: { location: '/rest/.well-known/keys/current.json' }, raw: '' };
			if ((hosting === 'new-only' && host === 'old') || (hosting === 'old-only' && host === 'new')) return detail(404, 'Not Found');
			return keySet(context);
		},
	};
}

function keySet(context: FakeContext): Reply {
	return json(200, context.webhooks.jwks, { 'cache-control': 'public, max-age=86400' });
}
