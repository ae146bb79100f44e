/**
 * "Model Inputs": every input of the chosen endpoint as a typed field, built from the schema fal
 * publishes for it, so new or rarely used parameters need no node update.
 *
 * n8n never shows a resource mapper's description, so a task node (typed fields above, raw
 * JSON below) puts a notice before it saying what it holds and which section wins.
 */
import type { INodeProperties } from 'n8n-workflow';

import { ADDITIONAL_INPUT_LABEL } from './input';

/** Parameter `modelInputs` (a resource mapper); read it with `readModelInputs`. */
export const modelInputsProperty: INodeProperties = {
	displayName: 'Model Inputs',
	name: 'modelInputs',
	type: 'resourceMapper',
	noDataExpression: true,
	default: { mappingMode: 'defineBelow', value: null },
	typeOptions: {
		loadOptionsDependsOn: ['model.value'],
		resourceMapper: {
			resourceMapperMethod: 'getModelInputFields',
			mode: 'add',
			valuesLabel: 'Model Inputs',
			fieldWords: { singular: 'input', plural: 'inputs' },
			addAllFields: false,
			multiKeyMatch: false,
			supportAutoMap: false,
			noFieldsError: `fal publishes no input schema for this model. Use "${ADDITIONAL_INPUT_LABEL}" instead.`,
		},
	},
	description: `Any input of the chosen model, typed from the schema fal publishes for it. "${ADDITIONAL_INPUT_LABEL}" overrides it. A URL input also takes the name of a binary field, which is uploaded to fal storage.`,
};

/** The label of Model Inputs in a node with typed fields, which it then leaves out. */
export const OTHER_MODEL_INPUTS_LABEL = 'Other Model Inputs';

/** The order notice shown above Model Inputs in a task node. */
export const INPUT_ORDER_NOTICE = `Inputs are applied in this order, a later one winning: the fields above, then "${OTHER_MODEL_INPUTS_LABEL}" (every other input of the chosen model; the ones the fields above set are not offered again), then "${ADDITIONAL_INPUT_LABEL}".`;

/**
 * Model Inputs for a node whose typed fields cover the common inputs: the order notice, then the
 * mapper (same parameter name and method name, so saved workflows keep their values). The node's
 * `getModelInputFields` should be made with `createModelInputFieldsMethod(typedInputs)`.
 */
export const taskModelInputsProperties: INodeProperties[] = [
	{
		displayName: INPUT_ORDER_NOTICE,
		name: 'inputOrderNotice',
		type: 'notice',
		default: '',
	},
	{
		...modelInputsProperty,
		displayName: OTHER_MODEL_INPUTS_LABEL,
		typeOptions: {
			...modelInputsProperty.typeOptions,
			resourceMapper: { ...modelInputsProperty.typeOptions!.resourceMapper!, valuesLabel: OTHER_MODEL_INPUTS_LABEL },
		},
		description: `Every other input of the chosen model, typed from the schema fal publishes for it. Applied after the fields above; "${ADDITIONAL_INPUT_LABEL}" overrides it. A URL input also takes the name of a binary field, which is uploaded to fal storage.`,
	},
];
