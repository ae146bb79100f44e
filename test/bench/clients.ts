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
