/**
 * A 404 of the platform API, said for what was asked (a workflow, a request) rather than with
 * the model nodes' generic "check the endpoint id and request id".
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { FalApiError } from '../../client/errors';

/** Runs `call`; a 404 becomes an error naming the item and `what` (e.g. `workflow "a/b"`). */
export async function namingNotFound<T>(ctx: IExecuteFunctions, itemIndex: number, what: string, call: () => Promise<T>): Promise<T> {
	let failure: unknown;
	try {
		return await call();
	} catch (error) {
		failure = error;
	}
	if (failure instanceof FalApiError && failure.status === 404) {
		throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: fal knows no ${what} (404)`, { description: failure.message, itemIndex });
	}
	throw failure;
}
