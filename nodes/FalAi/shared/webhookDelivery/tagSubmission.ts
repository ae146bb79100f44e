/**
 * The submitting side of "Only Requests Submitted by This n8n": a Submit Only node tags the
 * Webhook URL it gives fal with its credential's key (see ./submissionTag).
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { FalAiCredential } from '../../transport';
import { tagWebhookUrl } from './submissionTag';

/** `webhookUrl` with a submission tag; unchanged when it is not a URL or there is no key. */
export async function tagSubmissionUrl(this: IExecuteFunctions, webhookUrl: string): Promise<string> {
	if (!URL.canParse(webhookUrl)) return webhookUrl;
	const credential = await this.getCredentials<FalAiCredential & Record<string, unknown>>('falAiApi');
	const apiKey = String(credential.apiKey ?? '').trim();
	return apiKey ? tagWebhookUrl(webhookUrl, apiKey) : webhookUrl;
}
