/**
 * Endpoint ids (`owner/alias[/path]`) and the queue URLs built from them.
 *
 * Submit goes to the FULL id, but status, result and cancel live under the app only
 * (`[namespace/]owner/alias`): fal routes the request by app, and the sub-path only chose
 * which handler ran it.
 */
import { FalEndpointIdError } from './errors';
import type { FalHosts, RequestRef } from './types';
import { isUnderBase } from './hosts';

/** First segments that are namespaces rather than owners. */
const NAMESPACES = ['workflows', 'comfy'] as const;

/** A legacy single-segment id, `123-app`, meaning owner `123`, alias `app`. */
const LEGACY_APP_ID = /^([0-9]+)-([a-zA-Z0-9-]+)$/;

/** Characters that would change the URL's structure if they sat in a path segment. */
const UNSAFE_SEGMENT = /[\s?#%\\]/;

export interface ParsedEndpointId {
	namespace?: (typeof NAMESPACES)[number];
	owner: string;
	alias: string;
	/** Sub-path after the alias, e.g. `dev` in `fal-ai/flux/dev`; empty when absent. */
	path: string;
	/** The normalised full id, used for submit and direct runs. */
	id: string;
	/** `[namespace/]owner/alias`: the part status, result and cancel URLs use. */
	appId: string;
}

/** Parses and validates an endpoint id; throws {@link FalEndpointIdError} with a hint when invalid. */
export function parseEndpointId(endpointId: string): ParsedEndpointId {
	const trimmed = String(endpointId ?? '').trim().replace(/^\/+|\/+$/g, '');
	let segments = trimmed.split('/');
	if (segments.length === 1) {
		const legacy = LEGACY_APP_ID.exec(trimmed);
		if (!legacy) {
			throw new FalEndpointIdError(
				endpointId,
				'expected "owner/alias" or "owner/alias/path", e.g. "fal-ai/flux/dev"',
			);
		}
		segments = [legacy[1], legacy[2]];
	}
	for (const segment of segments) {
		if (segment === '' || segment === '.' || segment === '..' || UNSAFE_SEGMENT.test(segment)) {
			throw new FalEndpointIdError(endpointId, `invalid path segment ${JSON.stringify(segment)}`);
		}
	}
	const namespace = (NAMESPACES as readonly string[]).includes(segments[0])
		? (segments[0] as ParsedEndpointId['namespace'])
		: undefined;
	const rest = namespace ? segments.slice(1) : segments;
	if (rest.length < 2) {
		throw new FalEndpointIdError(endpointId, `"${namespace}/" must be followed by "owner/alias"`);
	}
	const [owner, alias, ...path] = rest;
	const appId = [namespace, owner, alias].filter(Boolean).join('/');
	return {
		namespace,
		owner,
		alias,
		path: path.join('/'),
		id: [appId, ...path].join('/'),
		appId,
	};
}

/** `POST` target of a queue submit: the full id. */
export function submitUrl(hosts: FalHosts, endpointId: string): string {
	return `${hosts.queueUrl}/${parseEndpointId(endpointId).id}`;
}

/** Which per-request queue URL to build. */
export type RequestUrlKind = 'status' | 'statusStream' | 'result' | 'cancel';

const SUFFIX: Record<RequestUrlKind, string> = {
	status: '/status',
	statusStream: '/status/stream',
	result: '',
	cancel: '/cancel',
};

/** Builds a per-request URL from the app id (no sub-path) and the request id. */
export function buildRequestUrl(hosts: FalHosts, endpointId: string, requestId: string, kind: RequestUrlKind): string {
	if (!requestId || !String(requestId).trim()) {
		throw new TypeError('fal client: a request id is required');
	}
	const { appId } = parseEndpointId(endpointId);
	return `${hosts.queueUrl}/${appId}/requests/${encodeURIComponent(String(requestId).trim())}${SUFFIX[kind]}`;
}

/**
 * The URL to use for one request: the one fal returned at submit when there is one (fal's own
 * advice), otherwise a built one.
 *
 * A returned URL is only used when it lies under the configured queue host: that keeps a proxy or
 * gateway in the path, and never sends the key to a host taken from elsewhere (a `RequestRef` may
 * be assembled from user input).
 */
export function requestUrl(hosts: FalHosts, ref: RequestRef, kind: RequestUrlKind): string {
	const given = givenUrl(ref, kind);
	if (given && isTrustedQueueUrl(given, hosts)) return given;
	return buildRequestUrl(hosts, ref.endpointId, ref.requestId, kind);
}

function givenUrl(ref: RequestRef, kind: RequestUrlKind): string | undefined {
	switch (kind) {
		case 'status':
			return ref.statusUrl;
		case 'statusStream':
			// fal returns no stream URL; it sits beside the status URL.
			return ref.statusUrl ? `${stripQuery(ref.statusUrl).replace(/\/+$/, '')}/stream` : undefined;
		case 'result':
			return ref.responseUrl;
		case 'cancel':
			return ref.cancelUrl;
	}
}

function stripQuery(url: string): string {
	return url.split(/[?#]/, 1)[0];
}

function isTrustedQueueUrl(url: string, hosts: FalHosts): boolean {
	try {
		return isUnderBase(new URL(url), hosts.queueUrl);
	} catch {
		return false;
	}
}
