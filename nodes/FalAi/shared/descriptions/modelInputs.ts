/**
 * "Model Inputs": every input of the chosen endpoint as a typed field, built from the schema fal
 * publishes for it, so new or rarely used parameters need no node update.
 */
import type { INodeProperties } from 'n8n-workflow';

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
			noFieldsError: 'fal publishes no input schema for this model. Use "Additional Input (JSON)" instead.',
		},
	},
	description:
		'Any input of the chosen model, typed from the schema fal publishes for it. Overrides the fields above; "Additional Input (JSON)" overrides it. A URL input also takes the name of a binary field, which is uploaded to fal storage.',
};
