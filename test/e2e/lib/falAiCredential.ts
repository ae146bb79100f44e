/**
 * Builds the `falAiApi` credential the e2e workflows use: the fake fal server's key and base
 * URLs, under a fixed id (see credentials/FalAiApi.credentials.ts for the fields).
 */
import type { N8nCredential } from './importCredential';

/** The id the e2e workflow files reference for their fal.ai credential. */
export const FAL_E2E_CREDENTIAL_ID = 'falE2eCredential';
export const FAL_E2E_CREDENTIAL_NAME = 'fal.ai (fake server)';

export interface FalHostUrls {
	queueUrl: string;
	runUrl: string;
	restUrl: string;
	platformUrl: string;
}

/** A falAiApi credential sending every call to `hosts` (e.g. the fake server's `fal.hosts`). */
export function falAiCredential(options: {
	apiKey: string;
	hosts: FalHostUrls;
	id?: string;
	name?: string;
}): N8nCredential {
	const { queueUrl, runUrl, restUrl, platformUrl } = options.hosts;
	return {
		id: options.id ?? FAL_E2E_CREDENTIAL_ID,
		name: options.name ?? FAL_E2E_CREDENTIAL_NAME,
		type: 'falAiApi',
		data: { apiKey: options.apiKey, customHosts: true, queueUrl, runUrl, restUrl, platformUrl },
	};
}
