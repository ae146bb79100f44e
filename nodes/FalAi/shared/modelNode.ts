/**
 * The whole `execute` of a "run a fal model" node, parameterised by the task's inputs.
 *
 * A task node (Generate Image, Generate Video, Transcribe, …) only says how to read its typed
 * fields and media inputs; this runs every item through model id validation, input building,
 * the execution mode, media output and the item loop. It expects the shared parameters of
 * ./descriptions: `model`, `additionalInput`, `executionMode`, `webhookUrl`, `outputMedia`,
 * `options`.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { FalClient } from '../client/types';
import { withFalClient } from '../transport';
import { callModel } from './execution';
import { buildModelInput, parseAdditionalInput, type RequiredField } from './input';
import { readModelId } from './modelId';
import { toOutputItem } from './output';
import { processItems } from './processItems';
import { readMaxConcurrency, readRunSettings } from './settings';

export interface ModelNodeSpec {
	/** Typed input fields of one item, without media (unset values are dropped). */
	typedInput(this: IExecuteFunctions, itemIndex: number): IDataObject;
	/** Fields that must be set once typed fields and the additional JSON are merged. */
	required?: RequiredField[];
	/**
	 * Media inputs of one item (uploads happen here), called after validation. `provided` is the
	 * input so far: a key already set through "Additional Input (JSON)" needs no upload.
	 */
	mediaInput?(
		this: IExecuteFunctions,
		client: FalClient,
		itemIndex: number,
		provided: IDataObject,
		signal: AbortSignal,
	): Promise<IDataObject>;
}

/** Runs the model for every input item; returns the node's single output. */
export async function executeModelNode(this: IExecuteFunctions, spec: ModelNodeSpec): Promise<INodeExecutionData[][]> {
	const maxConcurrency = readMaxConcurrency(this);
	return await withFalClient(this, async (client) => [
		await processItems.call(this, maxConcurrency, async (itemIndex, signal) => [
			await runItem.call(this, client, spec, itemIndex, signal),
		]),
	]);
}

async function runItem(
	this: IExecuteFunctions,
	client: FalClient,
	spec: ModelNodeSpec,
	itemIndex: number,
	signal: AbortSignal,
): Promise<INodeExecutionData> {
	const node = this.getNode();
	const endpointId = readModelId.call(this, itemIndex);
	const settings = readRunSettings(this, itemIndex);
	const additional = parseAdditionalInput(node, this.getNodeParameter('additionalInput', itemIndex, ''), itemIndex);
	const provided = buildModelInput(node, itemIndex, spec.typedInput.call(this, itemIndex), additional, spec.required);
	const media = spec.mediaInput ? await spec.mediaInput.call(this, client, itemIndex, provided, signal) : {};
	// The additional JSON is merged last, so it can override anything.
	const input = { ...provided, ...media, ...additional };

	const outcome = await callModel(client, {
		endpointId,
		input,
		mode: settings.mode,
		webhookUrl: settings.webhookUrl,
		priority: settings.priority,
		requestTimeoutSeconds: settings.requestTimeoutSeconds,
		timeoutMs: settings.timeoutMs,
		logs: settings.includeLogs,
		signal,
	});
	return await toOutputItem.call(this, client, endpointId, outcome, settings, signal);
}
