/**
 * The whole `execute` of a "run a fal model" node, parameterised by the task's inputs.
 *
 * A task node (Generate Image, Generate Video, Transcribe, …) only says how to read its typed
 * fields and media inputs, and optionally a longer default wait, gentler polling and a last step
 * on the result item; this runs every item through model id validation, input building, the
 * execution mode, media output and the item loop (concurrency, pairing, Continue On Fail,
 * cancellation). It expects the shared parameters of ./descriptions: `model`,
 * `additionalInput`, `executionMode`, `webhookUrl`, `outputMedia`, `options`.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { FalClient } from '../client/types';
import { withFalClient } from '../transport';
import { callModel } from './execution';
import { buildModelInput, parseAdditionalInput, type RequiredField } from './input';
import { readModelId } from './modelId';
import { assertSchemaRequired, readModelInputs, uploadModelInputBinaries } from './modelInputs';
import { toOutputItem, type FileFinder } from './output';
import { partialSender } from './partialResults';
import { processItems } from './processItems';
import { progressToUi } from './progressMessage';
import { withRealtimeBatch, type RealtimeBatch } from './realtime/batch';
import { readMaxConcurrency, readOptions, readRunSettings, type RunSettings } from './settings';
import { ExecutionBudget, readSpendingLimit } from './spendingLimit';
import { withWaitDefaults, type WaitDefaults } from './waitDefaults';
import { tagSubmissionUrl } from './webhookDelivery/tagSubmission';
import { withWebhookWait } from './waitForWebhook/enterWait';

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

/** What reading the typed fields of one item gets to know (already read, so not read again). */
export interface TypedInputContext {
	endpointId: string;
	/** The parsed "Additional Input (Raw JSON, Applied Last)", which overrides the typed fields. */
	additional: IDataObject;
}

/** What an endpoint-dependent input check gets to know. */
export interface InputCheckContext {
	itemIndex: number;
	endpointId: string;
	/** Typed fields, Model Inputs and the additional JSON merged (media not yet uploaded). */
	input: IDataObject;
	signal: AbortSignal;
}

export interface ModelNodeSpec {
	/** Typed input fields of one item, without media (unset values are dropped). */
	typedInput(this: IExecuteFunctions, itemIndex: number, context: TypedInputContext): IDataObject;
	/** Fields that must be set once typed fields and the additional JSON are merged. */
	required?: RequiredField[];
	/**
	 * Checks that depend on the endpoint (e.g. a field only some models require), run after
	 * `required` and before any upload; throws to fail the item.
	 */
	checkInput?(this: IExecuteFunctions, client: FalClient, context: InputCheckContext): Promise<void>;
	/**
	 * Media inputs of one item (uploads happen here), called after validation. `provided` is the
	 * input so far: a key already set through "Additional Input (Raw JSON, Applied Last)" needs no upload.
	 */
	mediaInput?(
		this: IExecuteFunctions,
		client: FalClient,
		itemIndex: number,
		provided: IDataObject,
		signal: AbortSignal,
	): Promise<IDataObject>;
	/** "Timeout" in seconds when the option is not set (video runs for minutes). */
	defaultTimeoutSeconds?: number;
	/** Polling while waiting, when fal's status stream is not available. */
	waitDefaults?: WaitDefaults;
	/**
	 * Completes the output item of Wait for Result and Direct Run (never called for Submit Only,
	 * which has no result yet, nor for Wait for Webhook, whose result arrives in `webhook()`),
	 * e.g. subtitle files made from a transcript.
	 */
	completeResult?(this: IExecuteFunctions, item: INodeExecutionData, context: ResultContext): Promise<INodeExecutionData>;
	/** Where the result's files are looked for; default: top-level media keys. */
	files?: FileFinder;
}

/** Runs the model for every input item; returns the node's single output. */
export async function executeModelNode(this: IExecuteFunctions, spec: ModelNodeSpec): Promise<INodeExecutionData[][]> {
	const maxConcurrency = readMaxConcurrency(this);
	const limit = readSpendingLimit(this);
	const budget = limit ? new ExecutionBudget(this.getNode(), limit, this.getInputData().length) : undefined;
	return await withFalClient(this, async (baseClient) => {
		const client = spec.waitDefaults ? withWaitDefaults(baseClient, spec.waitDefaults) : baseClient;
		return [
			await withRealtimeBatch(this, client, maxConcurrency, async (realtime) =>
				await withWebhookWait(this, async () =>
					await processItems.call(this, maxConcurrency, async (itemIndex, signal) => {
						try {
							return [await runItem.call(this, client, spec, itemIndex, signal, budget, realtime)];
						} finally {
							budget?.pass(itemIndex);
							realtime?.release(itemIndex); // Realtime: later items stop waiting for this one's send.
						}
					}),
				),
			),
		];
	});
}

/** The run settings of one item, with the task's own default timeout when the option is unset. */
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
	spec: ModelNodeSpec,
	itemIndex: number,
	signal: AbortSignal,
	budget?: ExecutionBudget,
	realtime?: RealtimeBatch,
): Promise<INodeExecutionData> {
	const node = this.getNode();
	const endpointId = readModelId.call(this, itemIndex);
	const settings = readTaskRunSettings(this, itemIndex, spec.defaultTimeoutSeconds);
	// Lets a Fal.ai Trigger with "Only Requests Submitted by This n8n" recognise this request.
	if (settings.mode === 'submit' && settings.webhookUrl) settings.webhookUrl = await tagSubmissionUrl.call(this, settings.webhookUrl);
	const additional = parseAdditionalInput(node, this.getNodeParameter('additionalInput', itemIndex, ''), itemIndex);
	const mapped = await readModelInputs.call(this, client, endpointId, itemIndex, signal);
	const typed = spec.typedInput.call(this, itemIndex, { endpointId, additional });
	const provided = buildModelInput(node, itemIndex, typed, { ...mapped?.values, ...additional }, spec.required);
	await spec.checkInput?.call(this, client, { itemIndex, endpointId, input: provided, signal });
	// Priced before any upload or submit, so a refused item costs nothing.
	const estimate = await budget?.admit(client, itemIndex, endpointId, provided, signal);
	const media = spec.mediaInput ? await spec.mediaInput.call(this, client, itemIndex, provided, signal) : {};
	const uploaded = mapped ? await uploadModelInputBinaries.call(this, client, mapped, itemIndex, additional, signal) : {};
	// Typed fields, then Model Inputs, then the additional JSON last, so it can override anything.
	const input = { ...provided, ...media, ...uploaded, ...additional };
	if (mapped) assertSchemaRequired(node, itemIndex, input, mapped.root);

	const partials = settings.mode === 'stream' ? partialSender(this, itemIndex) : undefined;
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
		onPartial: partials ? (data) => partials.push(data) : undefined,
		onProgress: progressToUi(this, itemIndex, endpointId),
		realtime: realtime?.callerFor(itemIndex),
	});
	partials?.end();
	let item = await toOutputItem.call(this, client, endpointId, outcome, settings, signal, spec.files);
	if (outcome.mode !== 'submit' && outcome.mode !== 'webhook' && spec.completeResult) {
		item = await spec.completeResult.call(this, item, { itemIndex, endpointId, input, data: outcome.data, settings, signal });
	}
	if (estimate) item.json = { ...item.json, cost_estimate_usd: estimate.usd, cost_estimate: { ...estimate } as IDataObject };
	return item;
}
