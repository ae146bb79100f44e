/**
 * Turns a failed webhook delivery into the same error "Wait for Result" reports for the same
 * failure, so both modes read alike: fal's `Invalid status code: 422` plus `{detail: [...]}`
 * becomes "fal rejected the input" with one line per field, other codes "The fal model failed".
 */
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiErrorFor, FalModelError, FalValidationError, type FalError } from '../../client/errors';
import type { FalWebhookPayload } from '../../client/webhooks';
import { toNodeError, type NodeError } from '../errors';
import type { PendingRequest } from './pendingRequest';

/** The node error for an ERROR delivery, or an OK delivery whose output fal could not send. */
export function deliveryError(node: INode, delivery: FalWebhookPayload, pending?: PendingRequest): NodeError {
	if (delivery.status === 'OK') {
		return new NodeOperationError(node, `fal finished request ${delivery.request_id} but could not send its output`, {
			description: `fal said: ${delivery.payload_error ?? 'no output'}. Fetch the result with the Fal.ai Queue Status node (Get Result) while fal still keeps it.`,
			itemIndex: 0,
		});
	}
	return toNodeError(node, falErrorOf(delivery, pending), 0);
}

/** The client error the result call would have thrown for this failure. */
function falErrorOf(delivery: FalWebhookPayload, pending?: PendingRequest): FalError {
	const body = isRecord(delivery.payload) ? delivery.payload : undefined;
	const resultError = apiErrorFor({
		status: statusCodeOf(delivery.error) ?? 500,
		method: 'GET',
		url: pending?.responseUrl ?? 'the fal webhook',
		requestId: delivery.request_id,
		detail: body?.detail ?? delivery.payload ?? undefined,
		errorType: typeof body?.error_type === 'string' ? body.error_type : undefined,
		body: delivery.payload,
	});
	if (resultError instanceof FalValidationError) return resultError;
	return new FalModelError(
		{
			status: 'COMPLETED',
			request_id: delivery.request_id,
			error: delivery.error ?? 'the request failed',
			error_type: resultError.errorType,
		},
		resultError,
	);
}

/** `Invalid status code: 422` → 422. */
function statusCodeOf(error: string | undefined): number | undefined {
	const match = error ? /\b([45]\d\d)\b/.exec(error) : null;
	return match ? Number(match[1]) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
