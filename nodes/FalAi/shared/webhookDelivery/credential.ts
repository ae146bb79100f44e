/**
 * The fal credential of a webhook receiver, when one is selected: the Fal.ai Trigger's is
 * optional (it needs none to verify fal's signature), but its API key and Custom Hosts serve the
 * "Only Requests Submitted by This n8n" check and the media host allow-list.
 */
import type { IWebhookFunctions } from 'n8n-workflow';

import { clientConfigFromCredential, type FalAiCredential } from '../../transport';

export interface ReceiverCredential {
	apiKey: string;
	/** The credential's Custom Hosts (queue, run, REST, platform URLs) when that option is on. */
	customHostUrls: string[];
}

/** The selected `falAiApi` credential, or undefined when the node has none. */
export async function readReceiverCredential(ctx: IWebhookFunctions): Promise<ReceiverCredential | undefined> {
	if (!ctx.getNode().credentials?.falAiApi) return undefined;
	const credential = await ctx.getCredentials<FalAiCredential & Record<string, unknown>>('falAiApi');
	const config = clientConfigFromCredential(credential);
	const hosts = config.hosts ?? {};
	return {
		apiKey: typeof config.credentials === 'string' ? config.credentials : '',
		customHostUrls: Object.values(hosts).filter((url): url is string => typeof url === 'string' && url !== ''),
	};
}
