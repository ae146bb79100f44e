/**
 * The execute side of "Wait for Webhook": submit with the execution's resume URL as fal's
 * webhook, then put the execution to wait (n8n's Wait-node mechanism) instead of polling.
 *
 * The submit itself goes through the shared item pipeline (input building, uploads, errors);
 * this module supplies the resume URL before it and puts the execution to wait after it.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, WAIT_INDEFINITELY } from 'n8n-workflow';

import { storePendingItem, waitLimitItem, type PendingRequest } from './pendingRequest';

/** Value of the `executionMode` parameter for this mode. */
export const WEBHOOK_MODE = 'webhook';

/** Default "Wait Limit" in minutes: fal keeps results about an hour and retries webhooks for two. */
export const DEFAULT_WAIT_LIMIT_MINUTES = 60;

/**
 * One execution has one resume URL and resumes once, so the mode serves exactly one item.
 * Called before anything is sent to fal.
 */
export function assertSingleItem(ctx: IExecuteFunctions): void {
	const count = ctx.getInputData().length;
	if (count <= 1) return;
	throw new NodeOperationError(ctx.getNode(), `"Wait for Webhook" handles one item per execution, but this node received ${count}`, {
		description:
			'Use "Wait for Result" to run several items here, or "Submit Only" with a Fal.ai Trigger node as the Webhook URL to receive each result in its own execution. Or split the items upstream so that each execution carries one.',
	});
}

/** The URL that resumes this execution (n8n's `$execution.resumeUrl`). */
export function resumeUrlOf(ctx: IExecuteFunctions): string {
	const url = ctx.evaluateExpression('{{ $execution.resumeUrl }}', 0);
	if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) {
		throw new NodeOperationError(ctx.getNode(), 'n8n gave no resume URL for this execution, so fal cannot be asked to call back', {
			description: 'Use "Wait for Result" instead, or check the instance\'s WEBHOOK_URL setting.',
		});
	}
	return url;
}

/** "Wait Limit (Minutes)" (`options.waitLimit`); 0 waits until fal calls back, however long. */
export function readWaitLimitMinutes(ctx: IExecuteFunctions): number {
	const options = (ctx.getNodeParameter('options', 0, {}) as IDataObject) ?? {};
	const raw = options.waitLimit;
	const value = typeof raw === 'string' && raw.trim() ? Number(raw) : raw;
	return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : DEFAULT_WAIT_LIMIT_MINUTES;
}

/** True when the node runs in "Wait for Webhook" mode (read from the first item, like n8n's Wait node). */
export function isWebhookMode(ctx: IExecuteFunctions): boolean {
	return ctx.getInputData().length > 0 && ctx.getNodeParameter('executionMode', 0, '') === WEBHOOK_MODE;
}

/**
 * Wraps a generation node's item loop: in "Wait for Webhook" mode, refuses several items before
 * anything is sent, then puts the execution to wait after the submit. Other modes pass through.
 */
export async function withWebhookWait(
	ctx: IExecuteFunctions,
	runItems: () => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	if (!isWebhookMode(ctx)) return await runItems();
	assertSingleItem(ctx);
	return await enterWebhookWait(ctx, await runItems());
}

/**
 * Given the node's output after submitting its one item, puts the execution to wait for fal's
 * call. An item that failed under "Continue On Fail" (nothing was queued) is returned as is,
 * without waiting.
 */
export async function enterWebhookWait(ctx: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const pending = items.length === 1 ? submittedRequestOf(items[0]) : undefined;
	if (!pending) return items;
	const waitLimitMinutes = readWaitLimitMinutes(ctx);
	storePendingItem(ctx, waitLimitItem(pending, waitLimitMinutes));
	const waitTill = waitLimitMinutes > 0 ? new Date(Date.now() + waitLimitMinutes * 60_000) : WAIT_INDEFINITELY;
	await ctx.putExecutionToWait(waitTill);
	return items;
}

/** The request a submit output item describes (see the shared output's submit item). */
function submittedRequestOf(item: INodeExecutionData): PendingRequest | undefined {
	const json = item.json;
	if (json.error !== undefined || typeof json.request_id !== 'string' || !json.request_id) return undefined;
	return {
		requestId: json.request_id,
		endpointId: typeof json.endpoint_id === 'string' ? json.endpoint_id : '',
		statusUrl: typeof json.status_url === 'string' ? json.status_url : undefined,
		responseUrl: typeof json.response_url === 'string' ? json.response_url : undefined,
		cancelUrl: typeof json.cancel_url === 'string' ? json.cancel_url : undefined,
	};
}
