/**
 * `executeModelNode` for tasks that need a little more than typed fields and media inputs:
 * a longer default wait (video runs for minutes), gentler polling, and a last step on the
 * result item (e.g. subtitle files made from a transcript).
 *
 * Same item pipeline as ./modelNode: model id, run settings, additional JSON, typed fields,
 * required fields, media inputs (the additional JSON merged last), execution mode, output item,
 * all under the shared item loop (concurrency, pairing, Continue On Fail, cancellation).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { FalClient } from '../client/types';
import { withFalClient } from '../transport';
import { callModel } from './execution';
import { buildModelInput, parseAdditionalInput } from './input';
import { readModelId } from './modelId';
import type { ModelNodeSpec } from './modelNode';
import { toOutputItem } from './output';
import { processItems } from './processItems';
import { readMaxConcurrency, readOptions, readRunSettings, type RunSettings } from './settings';
import { withWaitDefaults, type WaitDefaults } from './waitDefaults';

/** What the last step of a result item gets to know. */
export interface ResultContext {
	itemIndex: number;
	endpointId: string;
	/** The input the model ran with. */
	input: IDataObject;
	/** The model's output as fal returned it. */
	data: unknown;
	settings: RunSettings;
	signal: AbortSignal;
}

export interface TaskModelNodeSpec extends ModelNodeSpec {
	/** "Timeout" in seconds when the option is not set (the shared default otherwise). */
	defaultTimeoutSeconds?: number;
	/** Polling while waiting, when fal's status stream is not available. */
	waitDefaults?: WaitDefaults;
	/**
	 * Completes the output item of Wait for Result and Direct Run (never called for Submit Only,
	 * which has no result yet). Returns the item to output.
	 */
	completeResult?(this: IExecuteFunctions, item: INodeExecutionData, context: ResultContext): Promise<INodeExecutionData>;
}

/** Runs the model for every input item; returns the node's single output. */
export async function executeTaskModelNode(
	this: IExecuteFunctions,
	spec: TaskModelNodeSpec,
): Promise<INodeExecutionData[][]> {
	const maxConcurrency = readMaxConcurrency(this);
	return await withFalClient(this, async (baseClient) => {
		const client = spec.waitDefaults ? withWaitDefaults(baseClient, spec.waitDefaults) : baseClient;
		return [
			await processItems.call(this, maxConcurrency, async (itemIndex, signal) => [
				await runItem.call(this, client, spec, itemIndex, signal),
			]),
		];
	});
}

/** The run settings of one item, with the task's own default timeout. */
export function readTaskRunSettings(ctx: IExecuteFunctions, itemIndex: number, defaultTimeoutSeconds?: number): RunSettings {
	const settings = readRunSettings(ctx, itemIndex);
	const timeout = readOptions(ctx, itemIndex).timeout;
	if (defaultTimeoutSeconds !== undefined && (timeout === undefined || timeout === null || timeout === '')) {
		settings.timeoutMs = defaultTimeoutSeconds * 1000;
	}
	return settings;
}

async function runItem(
	this: IExecuteFunctions,
	client: FalClient,
	spec: TaskModelNodeSpec,
	itemIndex: number,
	signal: AbortSignal,
): Promise<INodeExecutionData> {
	const node = this.getNode();
	const endpointId = readModelId.call(this, itemIndex);
	const settings = readTaskRunSettings(this, itemIndex, spec.defaultTimeoutSeconds);
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
	const item = await toOutputItem.call(this, client, endpointId, outcome, settings, signal);
	if (outcome.mode === 'submit' || !spec.completeResult) return item;
	return await spec.completeResult.call(this, item, { itemIndex, endpointId, input, data: outcome.data, settings, signal });
}
