/**
 * The one place nodes get a fal client: built from the `falAiApi` credential, one per node
 * execution (its connection pool is closed when the execution's work is done).
 */
import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { createFalClient } from '../client';
import type { FalClient, FalClientConfig } from '../client/types';
import { customHosts } from './credentialHosts';

/** The `falAiApi` credential's fields. */
export interface FalAiCredential {
	apiKey: string;
	customHosts?: boolean;
	/** One base URL serving all four APIs (see ./credentialHosts); wins over the four below. */
	gatewayUrl?: string;
	queueUrl?: string;
	runUrl?: string;
	restUrl?: string;
	platformUrl?: string;
}

/** Client settings from a credential: custom hosts only count when "Custom Hosts" is on. */
export function clientConfigFromCredential(credential: FalAiCredential): FalClientConfig {
	const config: FalClientConfig = { credentials: String(credential.apiKey ?? '').trim() };
	if (credential.customHosts) config.hosts = customHosts(credential);
	return config;
}

/**
 * Builds a client for this node's credential. The caller closes it (see {@link withFalClient}).
 * The client's events (retries, fallbacks; already redacted) go to n8n's log at debug level, so
 * an instance started with N8N_LOG_LEVEL=debug shows why a call took longer.
 */
export async function createClient(this: IExecuteFunctions | ILoadOptionsFunctions): Promise<FalClient> {
	const credential = await this.getCredentials<FalAiCredential & Record<string, unknown>>('falAiApi');
	const logger = this.logger;
	return createFalClient({
		...clientConfigFromCredential(credential),
		logger: ({ message, ...details }) => logger?.debug(`fal.ai: ${message}`, { ...details }),
	});
}

/** Runs `work` with a fresh client and always closes its connections afterwards. */
export async function withFalClient<T>(
	ctx: IExecuteFunctions | ILoadOptionsFunctions,
	work: (client: FalClient) => Promise<T>,
): Promise<T> {
	const client = await createClient.call(ctx);
	try {
		return await work(client);
	} finally {
		await client.close();
	}
}
