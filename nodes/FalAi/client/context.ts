/**
 * What every module of one client shares: hosts, the transport, the credential (only to keep it
 * out of messages: the transport attaches it), retry overrides, the redactor and the (safe) logger.
 */
import { resolveHosts } from './hosts';
import { Redactor } from './redact';
import type { HttpTransport } from './transport';
import type { FalClientConfig, FalClientLogEvent, FalHosts, RetryOptions } from './types';

export interface ClientContext {
	readonly hosts: FalHosts;
	readonly credentials: string;
	/** Carries every request of this client (n8n's HTTP stack in the package). */
	readonly transport: HttpTransport;
	readonly retry: Partial<RetryOptions>;
	readonly redactor: Redactor;
	/** Emits an event after redacting it; a throwing logger never breaks a call. */
	log(event: FalClientLogEvent): void;
}

export function createContext(config: FalClientConfig): ClientContext {
	const credentials = typeof config.credentials === 'string' ? config.credentials.trim() : '';
	if (!credentials) throw new TypeError('fal client: credentials (the fal API key) are required');
	if (!config.transport || typeof config.transport.send !== 'function') {
		throw new TypeError('fal client: a transport is required');
	}
	const redactor = new Redactor(credentials);
	const logger = config.logger;
	return {
		hosts: resolveHosts(config.hosts),
		credentials,
		transport: config.transport,
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
