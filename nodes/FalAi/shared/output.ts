/**
 * Turns a model call's outcome into the item the node outputs.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { FalClient } from '../client/types';
import type { ModelCallOutcome } from './execution';
import { downloadMediaOutputs, findMediaOutputs, withDataUrisMarked, type MediaOutput } from './mediaOutput';
import type { ProgressReport } from './progress';
import type { RunSettings } from './settings';

/**
 * Where a node looks for the files of a result, and how it marks inline files it moved to
 * binary data. The task nodes use the top-level rule of ./mediaOutput; Run Model looks anywhere
 * (./resultFiles).
 */
export interface FileFinder<F extends MediaOutput = MediaOutput> {
	find(data: unknown): F[];
	mark<T extends Record<string, unknown>>(json: T, files: F[]): T;
}

export const TOP_LEVEL_FILES: FileFinder = { find: findMediaOutputs, mark: withDataUrisMarked };

/**
 * Result outcomes: the model's output fields plus `request_id` and `endpoint_id`, the optional
 * progress fields, and (when asked) the media downloaded into binary properties, a `data:` URI
 * then replaced in the JSON by `[binary <property>]`.
 * Submit outcomes: everything needed to follow the request later.
 */
export async function toOutputItem(
	this: IExecuteFunctions,
	client: FalClient,
	endpointId: string,
	outcome: ModelCallOutcome,
	settings: RunSettings,
	signal?: AbortSignal,
	files: FileFinder = TOP_LEVEL_FILES,
): Promise<INodeExecutionData> {
	if (outcome.mode === 'submit' || outcome.mode === 'webhook') {
		const { submission } = outcome;
		const json: IDataObject = {
			request_id: submission.requestId,
			endpoint_id: endpointId,
			status: 'IN_QUEUE',
			status_url: submission.statusUrl,
			response_url: submission.responseUrl,
			cancel_url: submission.cancelUrl,
		};
		if (typeof submission.queuePosition === 'number') json.queue_position = submission.queuePosition;
		if (settings.webhookUrl && outcome.mode === 'submit') json.webhook_url = settings.webhookUrl;
		return { json };
	}
	return await resultItem.call(this, client, endpointId, outcome.requestId, outcome.data, settings, outcome.progress, signal, files);
}

/** A result item: model output, ids, optional progress fields and optional binary media. */
export async function resultItem(
	this: IExecuteFunctions,
	client: FalClient,
	endpointId: string,
	requestId: string,
	data: unknown,
	settings: Pick<RunSettings, 'outputMedia' | 'includeQueueHistory' | 'includeLogs' | 'includeMetrics'>,
	progress?: ProgressReport,
	signal?: AbortSignal,
	files: FileFinder = TOP_LEVEL_FILES,
): Promise<INodeExecutionData> {
	const output = isRecord(data) ? data : { result: data };
	const json: IDataObject = { ...(output as IDataObject), request_id: requestId, endpoint_id: endpointId };
	if (progress && settings.includeQueueHistory) json.queue_history = progress.queueHistory as unknown as IDataObject[];
	if (progress && settings.includeLogs) json.logs = progress.logs as unknown as IDataObject[];
	if (progress && settings.includeMetrics && progress.inferenceTime !== undefined) {
		json.inference_time = progress.inferenceTime;
	}
	if (settings.outputMedia !== 'binary') return { json };
	const media = files.find(data);
	if (!media.length) return { json };
	const binary = await downloadMediaOutputs.call(this, client, media, signal);
	return { json: files.mark(json, media), binary };
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
