/**
 * The per-item loop every fal node uses: bounded concurrency, output order and `pairedItem`
 * following the input, "Continue On Fail", and the execution's cancel signal.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runWithConcurrency } from './concurrency';
import { errorItemJson, toNodeError, type NodeError } from './errors';

/** Handles one input item; returns its output items (their `pairedItem` is set by the caller). */
export type ItemHandler = (itemIndex: number, signal: AbortSignal) => Promise<INodeExecutionData[]>;

/**
 * Runs `handler` for every input item with at most `maxConcurrency` in flight.
 *
 * - Outputs come in input order and each one is paired with its input item.
 * - With "Continue On Fail" a failed item becomes an error item and the others go on: on the
 *   regular output `{ json: { error, description, http_code, request_id, field_errors } }`; with
 *   "Continue (using error output)" `{ json: { error } }`, see {@link failedItemJson}.
 * - Without it the first failure cancels the items still running (and their fal jobs), then is
 *   thrown as a NodeApiError / NodeOperationError naming the item.
 * - Stopping the execution aborts the signal handed to every handler, which cancels the fal
 *   requests in flight; the items finished by then are returned.
 */
export async function processItems(
	this: IExecuteFunctions,
	maxConcurrency: number,
	handler: ItemHandler,
): Promise<INodeExecutionData[]> {
	const count = this.getInputData().length;
	const continueOnFail = this.continueOnFail();
	const toErrorOutput = this.getNode().onError === 'continueErrorOutput';
	const report = await runWithConcurrency(count, handler, {
		limit: maxConcurrency,
		signal: this.getExecutionCancelSignal(),
		stopOnError: !continueOnFail,
	});

	if (report.cancelled) {
		// n8n marks the run as cancelled and runs nothing after this node; an error thrown here
		// would turn that into a failed run. What finished before the stop is still returned.
		return report.outcomes.flatMap((outcome, itemIndex) =>
			outcome?.ok ? outcome.value.map((item) => ({ ...item, pairedItem: { item: itemIndex } })) : [],
		);
	}
	if (!continueOnFail && report.firstFailure !== undefined) {
		const failed = report.outcomes[report.firstFailure];
		throw toNodeError(this.getNode(), failed && !failed.ok ? failed.error : undefined, report.firstFailure, { nameItem: true });
	}

	const output: INodeExecutionData[] = [];
	report.outcomes.forEach((outcome, itemIndex) => {
		if (!outcome) return;
		if (outcome.ok) {
			for (const item of outcome.value) output.push({ ...item, pairedItem: { item: itemIndex } });
		} else {
			const error = toNodeError(this.getNode(), outcome.error, itemIndex, { nameItem: true });
			output.push({ json: failedItemJson(error, toErrorOutput), pairedItem: { item: itemIndex } });
		}
	});
	return output;
}

/**
 * The json of a failed item. n8n 2.8 sends an item to the error output only when it has an
 * `error` of its own or its json holds nothing but `error` (and `message`). An item `error`
 * makes n8n-core replace the json by `{ error: message }`, dropping the input item's fields it
 * merges into error output items, so the json-only form is used: `{ error: message }`, to which
 * n8n adds the input item's fields. The regular output keeps fal's details (request id, HTTP
 * status, field errors) next to the message.
 */
function failedItemJson(error: NodeError, toErrorOutput: boolean): IDataObject {
	return toErrorOutput ? { error: error.message || 'The fal request failed' } : errorItemJson(error);
}
