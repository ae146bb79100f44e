/**
 * The request and response of a webhook call, as n8n hands them to a node (Express objects over
 * node's HTTP ones). Named from n8n-workflow's own signatures: the package may not import node's
 * HTTP module, not even for types.
 */
import type { IWebhookFunctions } from 'n8n-workflow';

export type WebhookRequest = ReturnType<IWebhookFunctions['getRequestObject']>;
export type WebhookResponse = ReturnType<IWebhookFunctions['getResponseObject']>;
