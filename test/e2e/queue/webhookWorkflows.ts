/**
 * Workflows started by n8n's Webhook node, the way production traffic reaches a queue-mode
 * installation: the main receives the call, a worker runs the execution. Manual executions stay on
 * the main unless told otherwise, so the queue-mode tests start everything from webhooks.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import type { ExampleWorkflow, WorkflowNode } from '../lib/exampleWorkflows';

export interface WebhookResponse {
	/** `onReceived` answers at once; `lastNode` waits for the execution and answers with its result. */
	responseMode: 'onReceived' | 'lastNode';
	/** With `lastNode`: the first item's JSON, or the bytes of one of its binary fields. */
	responseData?: 'firstEntryJson' | 'firstEntryBinary';
	responseBinaryPropertyName?: string;
}

/** A Webhook node listening for POST at `/webhook/<path>`. */
export function webhookNode(name: string, path: string, response: WebhookResponse): WorkflowNode {
	return {
		id: `${path}-webhook`,
		name,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: `${path}-webhook-id`,
		parameters: {
			httpMethod: 'POST',
			path,
			responseMode: response.responseMode,
			...(response.responseData ? { responseData: response.responseData } : {}),
			...(response.responseBinaryPropertyName
				? { responseBinaryPropertyName: response.responseBinaryPropertyName }
				: {}),
			options: {},
		},
	};
}

/**
 * `workflow` (an example, modified in place) with its trigger `triggerName` replaced by a Webhook
 * node of the same name, so its connections stay as they are.
 */
export function startedByWebhook(
	workflow: ExampleWorkflow,
	triggerName: string,
	path: string,
	response: WebhookResponse,
): ExampleWorkflow {
	const index = workflow.nodes.findIndex((node) => node.name === triggerName);
	if (index === -1) throw new Error(`Workflow "${workflow.name}" has no node "${triggerName}"`);
	workflow.nodes[index] = { ...webhookNode(triggerName, path, response), position: workflow.nodes[index].position };
	return workflow;
}

/**
 * POSTs to a production webhook. Right after activation n8n may still answer 404 ("not
 * registered") for a moment, so that answer is retried for a few seconds.
 */
export async function postToWebhook(url: string, init: RequestInit = {}): Promise<Response> {
	const giveUpAt = Date.now() + 10_000;
	for (;;) {
		const response = await fetch(url, { method: 'POST', ...init });
		if (response.status !== 404 || Date.now() > giveUpAt) return response;
		await response.arrayBuffer();
		await sleep(250);
	}
}
