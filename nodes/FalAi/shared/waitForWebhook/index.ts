/**
 * "Wait for Webhook" execution mode of the generation nodes: submit with the execution's resume
 * URL as fal's webhook, pause the execution, resume it from fal's signed call.
 */
export {
	jwksUrlOption,
	waitForWebhookModeOption,
	waitForWebhookOptions,
	waitForWebhookWebhooks,
	waitLimitOption,
} from './descriptions';
export {
	DEFAULT_WAIT_LIMIT_MINUTES,
	WEBHOOK_MODE,
	assertSingleItem,
	enterWebhookWait,
	isWebhookMode,
	readWaitLimitMinutes,
	resumeUrlOf,
	withWebhookWait,
} from './enterWait';
export { deliveryError } from './deliveryError';
export { deliveryItem, FAILED_STATUS } from './deliveryItem';
export { readPendingRequest, storePendingItem, waitLimitItem, WAIT_LIMIT_STATUS, type PendingRequest } from './pendingRequest';
export { resumeFromFalWebhook } from './resumeWebhook';
