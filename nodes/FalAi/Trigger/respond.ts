/**
 * Answers a webhook call directly on the HTTP response.
 *
 * n8n only lets a node choose the status code by writing the response itself and then returning
 * `noWebhookResponse: true`; that is how a 401 (or a 200 sent before slow work) gets out.
 */
import type { IDataObject } from 'n8n-workflow';

import type { WebhookResponse } from './webhookTypes';

/** Sends a JSON answer unless one was already sent. */
export function respondJson(
	response: WebhookResponse,
	statusCode: number,
	body: IDataObject,
	headers: Record<string, string> = {},
): void {
	if (response.headersSent) return;
	response.writeHead(statusCode, { 'content-type': 'application/json; charset=utf-8', ...headers });
	response.end(JSON.stringify(body));
}
