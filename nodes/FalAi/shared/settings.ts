/**
 * Reads the shared execution parameters (see ./descriptions) of one item.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ExecutionMode } from './execution';
import { resumeUrlOf } from './waitForWebhook/enterWait';

/** Default "Max Concurrent Requests": fal accounts run 2 to 40 requests at once; extra ones queue. */
export const DEFAULT_MAX_CONCURRENCY = 4;

/** Default "Timeout" of Wait for Result / Direct Run, in seconds. */
export const DEFAULT_TIMEOUT_SECONDS = 600;

/** How media in a result is returned (values of `outputMedia`). */
export type OutputMedia = 'binary' | 'url';

export interface RunSettings {
	mode: ExecutionMode;
	webhookUrl?: string;
	outputMedia: OutputMedia;
	priority?: 'normal' | 'low';
	requestTimeoutSeconds?: number;
	/** 0 = wait until the execution is stopped. */
	timeoutMs: number;
	includeQueueHistory: boolean;
	includeLogs: boolean;
	includeMetrics: boolean;
}

/** The `options` collection of one item, empty when the node has none. */
export function readOptions(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return (ctx.getNodeParameter('options', itemIndex, {}) as IDataObject) ?? {};
}

/** Execution mode, webhook, media output and the shared options of one item. */
export function readRunSettings(ctx: IExecuteFunctions, itemIndex: number): RunSettings {
	const mode = ctx.getNodeParameter('executionMode', itemIndex, 'wait') as ExecutionMode;
	const options = readOptions(ctx, itemIndex);
	const timeoutSeconds = toNumber(options.timeout, DEFAULT_TIMEOUT_SECONDS);
	return {
		mode,
		webhookUrl: webhookUrlOf(ctx, mode, itemIndex),
		outputMedia: mode === 'submit' ? 'url' : (ctx.getNodeParameter('outputMedia', itemIndex, 'binary') as OutputMedia),
		priority: options.priority === 'low' ? 'low' : options.priority === 'normal' ? 'normal' : undefined,
		requestTimeoutSeconds: toNumber(options.requestTimeout, 0) || undefined,
		timeoutMs: Math.max(0, timeoutSeconds) * 1000,
		includeQueueHistory: options.includeQueueHistory === true,
		includeLogs: options.includeLogs === true,
		includeMetrics: options.includeMetrics === true,
	};
}

/** Submit Only: the optional "Webhook URL"; Wait for Webhook: the execution's resume URL. */
function webhookUrlOf(ctx: IExecuteFunctions, mode: ExecutionMode, itemIndex: number): string | undefined {
	if (mode === 'webhook') return resumeUrlOf(ctx);
	if (mode !== 'submit') return undefined;
	return String(ctx.getNodeParameter('webhookUrl', itemIndex, '') ?? '').trim() || undefined;
}

/** "Max Concurrent Requests", read once per execution from the first item. */
export function readMaxConcurrency(ctx: IExecuteFunctions): number {
	if (!ctx.getInputData().length) return 1;
	const value = toNumber(readOptions(ctx, 0).maxConcurrency, DEFAULT_MAX_CONCURRENCY);
	return Math.max(1, Math.floor(value));
}

function toNumber(value: unknown, fallback: number): number {
	const number = typeof value === 'string' && value.trim() ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) ? number : fallback;
}
