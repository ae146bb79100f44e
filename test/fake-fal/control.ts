/**
 * `/__fake/*`: the control API for tests running in another process (n8n, the benchmark).
 * No key needed. Mirrors the in-process API of `startFakeFal`.
 */
import { detail, json, type Reply } from './http-util';
import type { Route } from './routes';
import type { FakeFal, FaultRule, Kind, TunableOptions } from './types';

const ACTIONS = ['status', 'drop', 'drop-after-processing', 'delay', 'cut-stream'];

export function classifyControl(fake: FakeFal, method: string, segments: string[]): Route | undefined {
	const [area, id] = segments;
	const route = (handle: Route['handle']): Route => ({ kind: 'control', auth: 'none', handle });
	if (method === 'GET' && area === 'info') {
		return route(() => json(200, { baseUrl: fake.baseUrl, hosts: fake.hosts, key: fake.key }));
	}
	if (method === 'GET' && area === 'requests') {
		return route(({ url }) => {
			const kind = url.searchParams.get('kind') as Kind | null;
			return json(200, kind ? fake.requestsOf(kind) : fake.requests);
		});
	}
	if (area === 'faults') {
		if (method === 'POST' && !id) return route(({ body }) => addFault(fake, body));
		if (method === 'DELETE' && !id) return route(() => (fake.clearFaults(), json(200, { cleared: true })));
		if (method === 'DELETE' && id) return route(() => (fake.removeFault(id), json(200, { removed: id })));
	}
	if (method === 'POST' && area === 'reset') return route(() => (fake.reset(), json(200, { reset: true })));
	if (method === 'POST' && area === 'config') {
		return route(({ body }) => (fake.configure((body ?? {}) as TunableOptions), json(200, { configured: true })));
	}
	if (method === 'GET' && area === 'jobs') {
		if (!id) return route(() => json(200, fake.jobs));
		return route(() => {
			const job = fake.job(id);
			return job ? json(200, job) : detail(404, 'Job not found');
		});
	}
	if (method === 'GET' && area === 'webhooks') return route(() => json(200, fake.webhookDeliveries));
	return undefined;
}

/** A FaultRule from JSON: `match.path` is a RegExp source, `times` may be "Infinity" or null (= all). */
function addFault(fake: FakeFal, body: unknown): Reply {
	const rule = body as Partial<Omit<FaultRule, 'times'>> & { times?: unknown };
	if (!rule || typeof rule !== 'object' || !rule.action || !ACTIONS.includes(rule.action.type)) {
		return detail(422, `A fault needs an action whose type is one of ${ACTIONS.join(', ')}`);
	}
	const times = rule.times === null || rule.times === 'Infinity' ? Infinity : rule.times === undefined ? undefined : Number(rule.times);
	const id = fake.inject({ match: rule.match ?? {}, action: rule.action, skip: rule.skip, times });
	return json(201, { id });
}
