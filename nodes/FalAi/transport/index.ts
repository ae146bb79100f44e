/**
 * The one place nodes get a fal client: built from the `falAiApi` credential, one per node
 * execution, speaking HTTP through n8n's own helpers (see n8nTransport.ts).
 */
import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { createFalClient } from '../client';
import type { FalClient, FalClientConfig } from '../client/types';
import { customHosts } from './credentialHosts';
import { n8nTransportOf } from './n8nTransport';

export { n8nTransportOf, createN8nTransport, FAL_CREDENTIAL_TYPE, type N8nHttpHelpers } from './n8nTransport';

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

/** Client settings from a credential (all but the transport): custom hosts only count when "Custom Hosts" is on. */
export function clientConfigFromCredential(credential: FalAiCredential): Omit<FalClientConfig, 'transport'> {
	const config: Omit<FalClientConfig, 'transport'> = { credentials: String(credential.apiKey ?? '').trim() };
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
		transport: n8nTransportOf(this),
		logger: ({ message, ...details }) => logger?.debug(`fal.ai: ${message}`, { ...details }),
	});
}

/** Runs `work` with a fresh client and always closes it afterwards. */
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
