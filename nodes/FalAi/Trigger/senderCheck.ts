/**
 * After the signature: may this fal delivery start the workflow? Checks "Allowed fal User IDs"
 * (the signed user id) and "Only Requests Submitted by This n8n" (the URL's submission tag).
 */
import type { IWebhookFunctions } from 'n8n-workflow';

import { checkSubmissionTag, checkUserId, parseAllowedUserIds, SUBMISSION_TAG_PARAMETER } from '../shared/webhookDelivery';

export type SenderCheck = { allowed: true } | { allowed: false; reason: 'user_id_not_allowed' | 'not_submitted_here'; message: string };

export interface Sender {
	/** The signed `X-Fal-Webhook-User-Id`; undefined for an accepted unsigned call. */
	userId?: string;
	/** The API key of the trigger's credential, when one is selected. */
	apiKey?: string;
}

export function checkSender(ctx: IWebhookFunctions, sender: Sender): SenderCheck {
	const byUser = checkUserId(sender.userId, parseAllowedUserIds(ctx.getNodeParameter('allowedUserIds', '')));
	if (!byUser.allowed) return { allowed: false, reason: 'user_id_not_allowed', message: byUser.message };

	if (ctx.getNodeParameter('onlyOwnSubmissions', false) !== true) return { allowed: true };
	if (!sender.apiKey) {
		return {
			allowed: false,
			reason: 'not_submitted_here',
			message: '"Only Requests Submitted by This n8n" needs the Fal.ai API credential the submitting nodes use; select it on the trigger',
		};
	}
	const tag = checkSubmissionTag((ctx.getQueryData() as Record<string, unknown>)[SUBMISSION_TAG_PARAMETER], sender.apiKey);
	return tag.ok ? { allowed: true } : { allowed: false, reason: 'not_submitted_here', message: tag.message };
}
