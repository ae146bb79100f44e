/**
 * The clients under comparison, all pointed at the fake: ours (`createFalClient`) on the
 * transport the package ships (n8n-core's real `httpRequest`) and on undici (the transport before
 * n8n verification ruled out runtime dependencies), and the official `@fal-ai/client`, whose
 * `requestMiddleware` rewrites fal's public hosts to the fake's path prefixes (URLs the fake
 * hands out, such as upload URLs, are already local).
 */
import { createFalClient as createOfficialClient, type FalClient as OfficialClient } from '@fal-ai/client';

import { createFalClient, type FalClient } from '../../nodes/FalAi/client';
import { createN8nCoreTransport } from '../support/n8nCoreTransport';
import { createUndiciTransport } from '../support/undiciTransport';
import type { FakeHosts } from './fake-control';

export type OurTransport = 'n8n' | 'undici';

export function ourClient(hosts: FakeHosts, key: string, transport: OurTransport = 'n8n'): FalClient {
	return createFalClient({
		credentials: key,
		hosts,
		transport: transport === 'n8n' ? createN8nCoreTransport(key) : createUndiciTransport({ credentials: key }),
	});
}

export function officialClient(hosts: FakeHosts, key: string): OfficialClient {
	const targets: Record<string, string> = {
		'queue.fal.run': hosts.queueUrl,
		'fal.run': hosts.runUrl,
		'rest.fal.ai': hosts.restUrl,
		'rest.alpha.fal.ai': hosts.restUrl,
		'api.fal.ai': hosts.platformUrl.replace(/\/v1$/, ''),
	};
	return createOfficialClient({
		credentials: key,
		requestMiddleware: async (request) => {
			const url = new URL(request.url);
			const target = targets[url.host];
			return target ? { ...request, url: `${target}${url.pathname}${url.search}` } : request;
		},
	});
}

/** One way of running a queued job to its result: what the latency and fan-out scenarios time. */
export interface Subscriber {
	label: string;
	/** Submits, waits for completion and fetches the result; resolves with the request id. */
	subscribe(endpointId: string, input: Record<string, unknown>): Promise<string>;
}

/** Per-job bound: the scenarios' jobs last about a second. */
const JOB_TIMEOUT_MS = 30_000;

export function ourSubscriber(client: FalClient): Subscriber {
	return {
		label: 'ours: queue.subscribe (SSE status stream)',
		subscribe: async (endpointId, input) => {
			const { requestId } = await client.queue.subscribe(endpointId, input, { timeoutMs: JOB_TIMEOUT_MS });
			return requestId;
		},
	};
}

export function officialSubscriber(client: OfficialClient, mode: 'polling' | 'streaming'): Subscriber {
	return {
		label: `official: fal.subscribe (${mode === 'polling' ? 'polling, default 500 ms' : 'streaming'})`,
		subscribe: async (endpointId, input) => {
			const { requestId } = await client.subscribe(endpointId, { input, mode, timeout: JOB_TIMEOUT_MS });
			return requestId;
		},
	};
}

/**
 * The four ways of running a job the bench compares, in table order: ours on n8n's helper (what
 * the package ships), ours on undici, the official client streaming and polling (its default).
 */
export const CONTESTANTS = ['n8n', 'undici', 'official-streaming', 'official-polling'] as const;
export type ContestantName = (typeof CONTESTANTS)[number];

export const CONTESTANT_TITLES: Record<ContestantName, string> = {
	n8n: "Ours on n8n's httpRequest (shipped)",
	undici: 'Ours on undici',
	'official-streaming': 'Official, streaming',
	'official-polling': 'Official, polling (its default)',
};

/** A contestant's subscriber on its own new client (so its connection pool starts empty). */
export interface Contestant {
	name: ContestantName;
	subscriber: Subscriber;
	close(): Promise<void>;
}

export function openContestant(name: ContestantName, hosts: FakeHosts, key: string): Contestant {
	if (name === 'n8n' || name === 'undici') {
		const client = ourClient(hosts, key, name);
		const subscriber = ourSubscriber(client);
		return { name, subscriber: { ...subscriber, label: `${subscriber.label}, ${name === 'n8n' ? "n8n-core's httpRequest" : 'undici pool'}` }, close: () => client.close() };
	}
	const subscriber = officialSubscriber(officialClient(hosts, key), name === 'official-streaming' ? 'streaming' : 'polling');
	// The official client keeps Node's global fetch pool; nothing of its own to close.
	return { name, subscriber, close: async () => undefined };
}

/** The same hosts reached through `baseUrl` (a proxy) instead of the fake's own `fakeBaseUrl`. */
export function hostsVia(hosts: FakeHosts, fakeBaseUrl: string, baseUrl: string): FakeHosts {
	const via = (url: string) => {
		if (!url.startsWith(fakeBaseUrl)) throw new Error(`${url} is not on the fake (${fakeBaseUrl})`);
		return `${baseUrl}${url.slice(fakeBaseUrl.length)}`;
	};
	return { queueUrl: via(hosts.queueUrl), runUrl: via(hosts.runUrl), restUrl: via(hosts.restUrl), platformUrl: via(hosts.platformUrl) };
}
