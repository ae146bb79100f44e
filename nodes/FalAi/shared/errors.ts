/**
 * Turns whatever a fal call threw into the error n8n shows the user.
 *
 * The client's typed errors already carry fal's explanation (and never the API key); this module
 * picks a short headline the user can act on and keeps the client's full text as description.
 */
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	FalAbortError,
	FalApiError,
	FalEndpointIdError,
	FalError,
	FalModelError,
	FalNetworkError,
	FalTimeoutError,
	FalValidationError,
} from '../client/errors';
import { networkErrorDescription, networkErrorMessage } from './networkErrorText';

export type NodeError = NodeApiError | NodeOperationError;

export interface ToNodeErrorOptions {
	/**
	 * Start the message of fal's rejection of the input (422) with `Item <n>: `, as the node's
	 * own input checks do. For the item loop; a webhook delivery or an editor call has no item.
	 */
	nameItem?: boolean;
}

/** Maps any thrown value to a NodeApiError / NodeOperationError tied to `itemIndex`. */
export function toNodeError(node: INode, error: unknown, itemIndex: number, options: ToNodeErrorOptions = {}): NodeError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	const nodeError =
		error instanceof FalValidationError
			? validationError(node, error, itemIndex, options.nameItem === true)
			: mapError(node, error, itemIndex);
	// Kept so "Continue On Fail" output can add fal's request id and field errors.
	if (error instanceof FalError) nodeError.cause = error;
	return nodeError;
}

function mapError(node: INode, error: unknown, itemIndex: number): NodeError {
	if (error instanceof FalApiError) return apiError(node, error, itemIndex);
	if (error instanceof FalModelError) {
		return new NodeApiError(node, errorData(error), {
			message: 'The fal model failed to process the request',
			description: error.message,
			itemIndex,
		});
	}
	if (error instanceof FalTimeoutError) {
		return new NodeOperationError(node, timeoutHeadline(error), {
			description:
				'Raise the "Timeout" option, or use the "Submit Only" execution mode and follow the request with the Fal.ai Queue Status node or a webhook.',
			itemIndex,
		});
	}
	if (error instanceof FalAbortError) {
		return new NodeOperationError(node, 'The fal request was stopped because the execution was cancelled', {
			description: error.message,
			itemIndex,
		});
	}
	if (error instanceof FalNetworkError) {
		return new NodeOperationError(node, networkErrorMessage(error), {
			description: networkErrorDescription(error),
			itemIndex,
		});
	}
	if (error instanceof FalEndpointIdError || error instanceof FalError) {
		return new NodeOperationError(node, error.message, { itemIndex });
	}
	if (error instanceof Error) return new NodeOperationError(node, error, { itemIndex });
	return new NodeOperationError(node, String(error), { itemIndex });
}

/**
 * The JSON of a failed item when "Continue On Fail" is on: the message, plus what helps to
 * follow up (HTTP status, fal's request id, field errors). For "Continue (using error output)"
 * `processItems` gives the message alone, which n8n needs to route the item there.
 */
export function errorItemJson(error: NodeError): JsonObject {
	const json: JsonObject = { error: error.message };
	if (error.description) json.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) json.http_code = error.httpCode;
	const cause = error.cause;
	if (cause instanceof FalApiError || cause instanceof FalModelError) {
		if (cause.requestId) json.request_id = cause.requestId;
	}
	if (cause instanceof FalValidationError && cause.fieldErrors.length) {
		json.field_errors = cause.fieldErrors.map((field) => ({ field: field.field, message: field.message }));
	}
	return json;
}

function validationError(node: INode, error: FalValidationError, itemIndex: number, nameItem: boolean): NodeApiError {
	const item = nameItem ? `Item ${itemIndex}: ` : '';
	const message = error.contentPolicyViolation
		? rejectionMessage(`${item}fal refused the input: it violates the content policy`, error.fieldErrors)
		: rejectionMessage(`${item}fal rejected`, error.fieldErrors, 'the input');
	return new NodeApiError(node, errorData(error), {
		message,
		description: error.message,
		httpCode: '422',
		itemIndex,
	});
}

function apiError(node: INode, error: FalApiError, itemIndex: number): NodeApiError {
	return new NodeApiError(node, errorData(error), {
		message: apiHeadline(error),
		description: error.message,
		httpCode: String(error.status),
		itemIndex,
	});
}

/** A headline for each status the user can do something about. */
function apiHeadline(error: FalApiError): string {
	switch (error.status) {
		case 401:
			return 'fal did not accept the API key (401): check your fal key in the Fal.ai API credential';
		case 403:
			return 'fal refused access (403): the key lacks permission for this, or the account is locked (e.g. no balance left)';
		case 404:
			return 'fal does not know this endpoint or request (404): check the endpoint id and request id';
		case 429:
			return 'fal is limiting requests (429): too many requests at once for this account; lower "Max Concurrent Requests" or try again later';
		case 504:
			return error.errorType === 'request_timeout'
				? 'The fal request timed out before processing started (504): raise "Request Timeout" or try again later'
				: 'fal timed out (504): try again later';
	}
	if (error.status >= 500) return `fal had a server error (${error.status}): try again later`;
	return `fal answered ${error.status}`;
}

function timeoutHeadline(error: FalTimeoutError): string {
	const seconds = Math.round(error.timeoutMs / 1000);
	const request = error.requestId ? ` (request ${error.requestId})` : '';
	return error.cancelled
		? `The fal request${request} did not finish within ${seconds} s and was cancelled`
		: `The fal request${request} did not finish within ${seconds} s; it may still be running on fal`;
}

/** What NodeApiError keeps as the raw error: the client's redacted summary, never headers. */
function errorData(error: FalError): JsonObject {
	return error.toJSON() as JsonObject;
}

/**
 * One sentence per rejected field, so the message reads well on one line (n8n's toast joins
 * lines): `fal rejected "prompt": The prompt was rejected.`; several fields follow on their own
 * lines as `"field": Message.` `what` is the object of the headline when no field is named.
 */
export function rejectionMessage(headline: string, fields: Array<{ field: string; message: string }>, what?: string): string {
	const sentences = fields.map(({ field, message }) => ({ field, text: sentence(message) }));
	const subject = what ? `${headline} ${what}` : headline;
	if (!sentences.length) return `${subject}.`;
	if (sentences.length === 1) {
		const [{ field, text }] = sentences;
		if (!field) return `${subject}: ${text}`;
		return what ? `${headline} "${field}": ${text}` : `${headline}. "${field}": ${text}`;
	}
	const lines = sentences.map(({ field, text }) => (field ? `"${field}": ${text}` : text));
	return `${what ? `${headline} ${sentences.length} inputs` : headline}:\n${lines.join('\n')}`;
}

/** The text with a capital first letter and a closing full stop. */
function sentence(message: string): string {
	const text = message.trim();
	if (!text) return 'Not accepted.';
	const capital = text[0].toUpperCase() + text.slice(1);
	return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
