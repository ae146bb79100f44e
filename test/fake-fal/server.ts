/**
 * The HTTP server: routes each request by path prefix (one fake answers for every fal host),
 * records it, applies injected faults, checks the key, then lets the route answer.
 *
 * | prefix | fal host |
 * | `/queue` | queue.fal.run | `/run` | fal.run | `/rest` | rest.fal.ai | `/rest-alpha` | rest.alpha.fal.ai (key set only) | `/api/v1` | api.fal.ai/v1 |
 * | `/upload`, `/media` | the CDN | `/__fake` | control API |
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

import { checkAuth } from './auth';
import { classifyControl } from './control';
import { faultReply } from './faults';
import { detail, headerValue, json, parseBody, readBody, writeReply, type Reply } from './http-util';
import { classifyMedia, classifyUpload } from './media-routes';
import { classifyPlatform } from './platform';
import { classifyQueue } from './queue-routes';
import { classifyLegacyRest, classifyRest } from './rest-routes';
import { classifyRun } from './run';
import type { FakeContext, RequestContext, Route } from './routes';
import type { FakeFal } from './types';

function classify(context: FakeContext, fake: FakeFal, method: string, url: URL): Route {
	const segments = pathSegments(url.pathname);
	const [prefix, ...rest] = segments ?? [];
	let route: Route | undefined;
	if (segments) {
		if (prefix === 'queue') route = classifyQueue(context, method, rest);
		else if (prefix === 'run') route = classifyRun(context, method, rest);
		else if (prefix === 'rest') route = classifyRest(context, method, rest);
		else if (prefix === 'rest-alpha') route = classifyLegacyRest(context, method, rest);
		else if (prefix === 'api' && rest[0] === 'v1') route = classifyPlatform(context, method, rest.slice(1));
		else if (prefix === 'upload') route = classifyUpload(context, method, rest);
		else if (prefix === 'media') route = classifyMedia(context, method, rest);
		else if (prefix === '__fake') route = classifyControl(fake, method, rest);
	}
	return route ?? { kind: 'unknown', auth: 'none', handle: () => detail(404, 'Not Found') };
}

function pathSegments(pathname: string): string[] | undefined {
	try {
		return pathname.split('/').filter(Boolean).map(decodeURIComponent);
	} catch {
		return undefined;
	}
}

/** Answers one request; every failure ends in an answer or a destroyed socket, never a hang. */
async function handle(context: FakeContext, fake: FakeFal, req: IncomingMessage, res: ServerResponse): Promise<void> {
	const method = (req.method ?? 'GET').toUpperCase();
	const url = new URL(req.url ?? '/', context.baseUrl());
	const route = classify(context, fake, method, url);
	const recorded = context.recorder.record(req, url, route.kind, { endpointId: route.endpointId, requestId: route.requestId });

	let body: unknown;
	let bodyError: string | undefined;
	if (route.streamsBody) {
		recorded.bodySize = Number(headerValue(req, 'content-length') ?? 0) || 0;
	} else {
		const raw = await readBody(req);
		recorded.bodySize = raw.length;
		const parsed = parseBody(raw, headerValue(req, 'content-type'));
		if (parsed.ok) body = parsed.value;
		else bodyError = parsed.error;
		recorded.body = parsed.ok ? parsed.value : raw.toString('utf8');
	}

	const request: RequestContext = { req, url, body, recorded };
	let dropAfterProcessing = false;
	const action = context.faults.take({ kind: route.kind, method, path: url.pathname, endpointId: recorded.endpointId });
	if (action?.type === 'drop') return void req.socket.destroy();
	if (action?.type === 'status') {
		if (route.streamsBody) req.resume();
		return writeReply(res, faultReply(action.status, action.body, action.headers), method);
	}
	if (action?.type === 'delay') await context.timers.sleep(action.ms);
	if (action?.type === 'cut-stream') request.cutAfterEvents = action.afterEvents;
	if (action?.type === 'drop-after-processing') dropAfterProcessing = true;

	const denied = checkAuth(route.auth, req, context.settings.key);
	let reply: Reply;
	if (denied) {
		if (route.streamsBody) req.resume();
		reply = denied;
	} else if (bodyError !== undefined) {
		reply = json(422, { detail: [{ loc: ['body', 0], msg: `Invalid JSON: ${bodyError}`, type: 'value_error.jsondecode' }] });
	} else {
		reply = await route.handle(request);
	}
	if (dropAfterProcessing) return void req.socket.destroy();
	writeReply(res, reply, method);
}

export function createFakeServer(context: FakeContext, fake: FakeFal): Server {
	const server = createServer((req, res) => {
		handle(context, fake, req, res).catch((error: unknown) => {
			if (res.headersSent || req.destroyed) return void res.destroy();
			process.stderr.write(`fake-fal: ${req.method} ${req.url} failed: ${(error as Error).message}\n`);
			writeReply(res, detail(500, 'Internal Server Error'), req.method ?? 'GET');
		});
	});
	// Big uploads and long SSE streams must not be cut by Node's default request timeouts.
	server.requestTimeout = 0;
	server.headersTimeout = 60_000;
	return server;
}
