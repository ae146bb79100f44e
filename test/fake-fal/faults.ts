/**
 * Fault injection: rules that make matching requests fail in the ways fal (or the network)
 * fails, so clients' retry, fallback and cancel paths can be tested.
 */
import type { BodyReply } from './http-util';
import type { FaultAction, FaultRule, Kind } from './types';

interface ActiveRule {
	id: string;
	rule: FaultRule;
	pathPattern?: RegExp;
	seen: number;
	applied: number;
}

export interface FaultTarget {
	kind: Kind;
	method: string;
	path: string;
	endpointId?: string;
}

export class Faults {
	private rules: ActiveRule[] = [];
	private nextId = 1;

	add(rule: FaultRule): string {
		const id = `fault-${this.nextId++}`;
		const path = rule.match.path;
		this.rules.push({
			id,
			rule,
			pathPattern: path === undefined ? undefined : typeof path === 'string' ? new RegExp(path) : path,
			seen: 0,
			applied: 0,
		});
		return id;
	}

	remove(id: string): void {
		this.rules = this.rules.filter((active) => active.id !== id);
	}

	clear(): void {
		this.rules = [];
	}

	/** The action to apply to this request, counting it against the first rule that takes it. */
	take(target: FaultTarget): FaultAction | undefined {
		for (const active of this.rules) {
			if (!matches(active, target)) continue;
			const times = active.rule.times ?? 1;
			if (active.applied >= times) continue;
			active.seen++;
			if (active.seen <= (active.rule.skip ?? 0)) continue;
			active.applied++;
			return active.rule.action;
		}
		return undefined;
	}
}

function matches(active: ActiveRule, target: FaultTarget): boolean {
	const { kind, method, endpointId } = active.rule.match;
	if (kind !== undefined && !(Array.isArray(kind) ? kind : [kind]).includes(target.kind)) return false;
	if (method !== undefined && method.toUpperCase() !== target.method.toUpperCase()) return false;
	if (endpointId !== undefined && endpointId !== target.endpointId) return false;
	if (active.pathPattern && !active.pathPattern.test(target.path)) return false;
	return true;
}

/** fal's answer for an injected status when the rule gives no body (fal-protocol.md section 3). */
export function faultReply(status: number, body: unknown, headers: Record<string, string> = {}): BodyReply {
	// Header names are case-insensitive: a rule's `Retry-After` must replace the default
	// `retry-after`, not go out beside it.
	const given = lowerCaseNames(headers);
	const defaults = defaultFault(status, given);
	return {
		status,
		json: body === undefined ? defaults.body : body,
		headers: { ...defaults.headers, ...given },
	};
}

function lowerCaseNames(headers: Record<string, string>): Record<string, string> {
	return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

/** @param given the rule's headers, names lower-cased. */
function defaultFault(status: number, given: Record<string, string>): { body: unknown; headers: Record<string, string> } {
	// A user-set start timeout (`X-Fal-Request-Timeout-Type: user`) is not worth retrying.
	const userTimeout = given['x-fal-request-timeout-type'] === 'user';
	switch (status) {
		case 401:
			return { body: { detail: 'No user found for Key ID and Secret' }, headers: {} };
		case 403:
			return { body: { detail: 'User is locked. Reason: Exhausted balance. Top up your balance at fal.ai/dashboard/billing.' }, headers: {} };
		case 404:
			return { body: { detail: 'Not Found' }, headers: {} };
		case 422:
			return { body: { detail: [{ loc: ['body', 'prompt'], msg: 'field required', type: 'value_error.missing' }] }, headers: {} };
		case 429:
			return { body: { detail: 'Too many concurrent requests', retry_after: 1 }, headers: { 'retry-after': '1' } };
		case 503:
			return infrastructure('Runner scheduling failure', 'runner_scheduling_failure', true);
		case 504:
			return infrastructure('Request timed out', 'request_timeout', !userTimeout);
		default:
			return { body: { detail: status >= 500 ? 'Internal Server Error' : 'Bad Request' }, headers: {} };
	}
}

function infrastructure(message: string, errorType: string, retryable: boolean): { body: unknown; headers: Record<string, string> } {
	return {
		body: { detail: message, error_type: errorType },
		headers: { 'x-fal-error-type': errorType, 'x-fal-retryable': String(retryable) },
	};
}
