/**
 * What every module of one client shares: hosts, the pooled connection dispatcher, credentials,
 * retry overrides, the redactor and the (safe) logger.
 */
import { Agent, type Dispatcher } from 'undici';
import { resolveHosts } from './hosts';
import { Redactor } from './redact';
import type { FalClientConfig, FalClientLogEvent, FalHosts, RetryOptions } from './types';

export interface ClientContext {
	readonly hosts: FalHosts;
	readonly credentials: string;
	/** One keep-alive pool per origin, shared by every call of this client. */
	readonly dispatcher: Dispatcher;
	readonly retry: Partial<RetryOptions>;
	readonly redactor: Redactor;
	/** Emits an event after redacting it; a throwing logger never breaks a call. */
	log(event: FalClientLogEvent): void;
}

/** Default connections per origin: enough for parallel multipart parts plus polling. */
const DEFAULT_CONNECTIONS = 16;

export function createContext(config: FalClientConfig): ClientContext & { dispatcher: Agent } {
	const credentials = typeof config.credentials === 'string' ? config.credentials.trim() : '';
	if (!credentials) throw new TypeError('fal client: credentials (the fal API key) are required');
	const redactor = new Redactor(credentials);
	const logger = config.logger;
	return {
		hosts: resolveHosts(config.hosts),
		credentials,
		dispatcher: new Agent({
			connections: config.connections ?? DEFAULT_CONNECTIONS,
			keepAliveTimeout: 10_000,
			keepAliveMaxTimeout: 60_000,
			// An SSE status stream idles between events (fal pings every ~15 s); results of long
			// models may take long to start. Waiting is bounded by the caller's timeout/signal.
			// Direct runs pass their own (the node's timeout), see RunOptions.responseTimeoutMs.
			headersTimeout: config.responseTimeoutMs ?? 300_000,
			bodyTimeout: config.responseTimeoutMs ?? 300_000,
		}),
		retry: config.retry ?? {},
		redactor,
		log(event) {
			if (!logger) return;
			try {
				logger({ ...event, message: redactor.text(event.message), url: event.url && redactor.url(event.url) });
			} catch {
				// A logger's failure is not the call's failure.
			}
		},
	};
}
