/** Descriptions shared by the fal nodes. */
export { ADDITIONAL_INPUT_LABEL, additionalInputProperty } from './input';
export { executionModeProperty, outputMediaProperty, webhookUrlProperty } from './execution';
export { mediaInputProperties, type MediaInputDescription } from './media';
export { modelLocator } from './model';
export { INPUT_ORDER_NOTICE, modelInputsProperty, OTHER_MODEL_INPUTS_LABEL, taskModelInputsProperties } from './modelInputs';
export { includeLogsOption, maxConcurrencyOption, modelRunOptions, optionsCollection, timeoutOption } from './options';
