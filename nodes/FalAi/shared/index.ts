/**
 * The layer every fal node is built on. A task node usually needs only:
 * - `descriptions`: the model picker, execution mode, output media, options, media inputs;
 * - `executeModelNode` with its typed fields, required fields and media inputs;
 * - `resolveMediaInput` to turn a media input into URLs.
 * The other helpers are the pieces these are made of, for nodes that work differently
 * (Upload File, Queue Status).
 */
export * as descriptions from './descriptions';
export { runWithConcurrency, type ConcurrencyReport, type TaskOutcome } from './concurrency';
export { errorItemJson, toNodeError, type ToNodeErrorOptions } from './errors';
export {
	awaitResult,
	callModel,
	completedResult,
	type AwaitResultOptions,
	type ExecutionMode,
	type ModelCall,
	type ModelCallOutcome,
} from './execution';
export { assertRequiredFields, buildModelInput, compactInput, parseAdditionalInput, type RequiredField } from './input';
export {
	isMediaUrl,
	resolveMediaInput,
	splitPropertyNames,
	splitUrlList,
	uploadBinaryProperty,
	type MediaInputLimits,
	type MediaSource,
} from './mediaInput';
export { downloadMediaOutputs, findMediaOutputs, withDataUrisMarked, type MediaOutput } from './mediaOutput';
export { decodeDataUri } from '../client/dataUri';
export { fileNameFromUrl } from '../client/download';
export { endpointSchemaIfAvailable } from './endpointSchema';
export { executeModelNode, type InputCheckContext, type ModelNodeSpec, type TypedInputContext } from './modelNode';
export { ENDPOINT_ID_PATTERN, readModelId, validateEndpointId } from './modelId';
export { assertSchemaRequired, readModelInputs, uploadModelInputBinaries, type MappedModelInputs } from './modelInputs';
export { resultItem, toOutputItem } from './output';
export { processItems, type ItemHandler } from './processItems';
export { ProgressTracker, type ProgressReport, type QueueHistoryEntry } from './progress';
export {
	DEFAULT_MAX_CONCURRENCY,
	DEFAULT_TIMEOUT_SECONDS,
	readMaxConcurrency,
	readOptions,
	readRunSettings,
	type OutputMedia,
	type RunSettings,
} from './settings';
