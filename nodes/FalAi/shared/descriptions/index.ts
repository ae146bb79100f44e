/** Descriptions shared by the fal nodes. */
export { additionalInputProperty } from './input';
export { executionModeProperty, outputMediaProperty, webhookUrlProperty } from './execution';
export { mediaInputProperties, type MediaInputDescription } from './media';
export { modelLocator } from './model';
export { modelInputsProperty } from './modelInputs';
export { includeLogsOption, maxConcurrencyOption, modelRunOptions, optionsCollection, timeoutOption } from './options';
