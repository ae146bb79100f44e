/**
 * Receiving fal webhooks: the signature check, and who may start a workflow (the fal account,
 * and this n8n's own submits).
 */
export { checkUserId, parseAllowedUserIds, type SenderVerdict } from './allowedUserIds';
export {
	checkSubmissionTag,
	tagWebhookUrl,
	SUBMISSION_TAG_MAX_AGE_SECONDS,
	SUBMISSION_TAG_PARAMETER,
	type SubmissionTagVerdict,
} from './submissionTag';
export { readToleranceSeconds, timestampToleranceOption } from './descriptions';
export { verifyDelivery, type DeliveryToVerify, type DeliveryVerdict } from './verifyDelivery';
