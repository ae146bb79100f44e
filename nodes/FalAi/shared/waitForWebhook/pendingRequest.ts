/**
 * What a waiting execution remembers about its fal request, and what it outputs if fal never
 * calls back.
 *
 * n8n resumes a waiting node without running its code again: on the resume webhook the node's
 * output is what `webhook()` returns; when the wait limit passes instead, the node (disabled by
 * n8n for the resumed run) passes on the items waiting in its execution-stack entry. So before
 * waiting, the node replaces those items with one "wait limit reached" item: it is the node's
 * output on timeout, and it tells `webhook()` which request it waits for (n8n hands the entry's
 * items to the webhook as `$json`).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';

/** `status` of the item output when the wait limit passes; also marks a pending item. */
export const WAIT_LIMIT_STATUS = 'WAIT_LIMIT_REACHED';

/** The request a waiting execution expects fal to report on. */
export interface PendingRequest {
	requestId: string;
	endpointId: string;
	statusUrl?: string;
	responseUrl?: string;
	cancelUrl?: string;
}

/** The item the node outputs if the wait limit passes before fal calls back. */
export function waitLimitItem(pending: PendingRequest, waitLimitMinutes: number): INodeExecutionData {
	const json: IDataObject = {
		error: `fal did not report on request ${pending.requestId} within the wait limit of ${formatMinutes(waitLimitMinutes)}`,
		description:
			'The fal request may still complete (and is billed if it does). Follow it with the Fal.ai Queue Status node (Get Status, Get Result or Cancel) using this request_id, or raise "Wait Limit" in the node\'s options.',
		status: WAIT_LIMIT_STATUS,
		request_id: pending.requestId,
		endpoint_id: pending.endpointId,
	};
	if (pending.statusUrl) json.status_url = pending.statusUrl;
	if (pending.responseUrl) json.response_url = pending.responseUrl;
	if (pending.cancelUrl) json.cancel_url = pending.cancelUrl;
	// Not set as the item's `error`: n8n would then replace the json with the message alone.
	return { json, pairedItem: { item: 0 } };
}

/**
 * Puts the wait-limit item in the node's execution-stack entry (see the module comment), so it
 * is stored with the waiting execution.
 */
export function storePendingItem(ctx: IExecuteFunctions, item: INodeExecutionData): void {
	const executeData = ctx.getExecuteData();
	executeData.data = { ...executeData.data, main: [[item]] };
}

/**
 * The pending request stored by {@link storePendingItem}, read back in `webhook()`; undefined
 * when the waiting entry holds something else (then the delivery's request id is not checked).
 */
export function readPendingRequest(ctx: IWebhookFunctions): PendingRequest | undefined {
	let json: unknown;
	try {
		json = ctx.evaluateExpression('{{ $json }}', 0);
	} catch {
		return undefined;
	}
	if (typeof json !== 'object' || json === null) return undefined;
	const record = json as Record<string, unknown>;
	if (record.status !== WAIT_LIMIT_STATUS || typeof record.request_id !== 'string' || !record.request_id) return undefined;
	return {
		requestId: record.request_id,
		endpointId: typeof record.endpoint_id === 'string' ? record.endpoint_id : '',
		statusUrl: stringOrUndefined(record.status_url),
		responseUrl: stringOrUndefined(record.response_url),
		cancelUrl: stringOrUndefined(record.cancel_url),
	};
}

function stringOrUndefined(value: unknown): string | undefined {
	return typeof value === 'string' && value ? value : undefined;
}

function formatMinutes(minutes: number): string {
	return minutes === 1 ? '1 minute' : `${Number(minutes.toFixed(2))} minutes`;
}
