/**
 * Parameters of Fal.ai Run Model: the model, its inputs (Model Inputs from the endpoint's
 * schema, raw JSON), the execution modes of every model node plus Stream, output media, options.
 */
import type { INodeProperties, INodePropertyOptions, ResourceMapperTypeOptions } from 'n8n-workflow';

import {
	additionalInputProperty,
	executionModeProperty,
	modelInputsProperty,
	modelLocator,
	optionsCollection,
	outputMediaProperty,
	webhookUrlProperty,
} from '../../shared/descriptions';

const streamMode: INodePropertyOptions = {
	name: 'Stream',
	value: 'stream',
	description:
		'For endpoints that stream (LLMs, some image models): follow the partial results, sent on to a streaming Chat Trigger or Webhook response as they arrive, and return the final result',
};

const modes = [...(executionModeProperty.options as INodePropertyOptions[]), streamMode].sort((a, b) => a.name.localeCompare(b.name));

export const runModelProperties: INodeProperties[] = [
	{
		...modelLocator('searchAnyModels', 'fal-ai/kokoro/american-english'),
		description:
			'Any fal endpoint: speech, music, 3D, LLM, upscaling, image, video, or a fal Workflow ("workflows/owner/name"). Search fal\'s whole catalogue or enter the endpoint ID.',
	},
	{
		...modelInputsProperty,
		// fal Workflows' inputs come from the workflows API, other endpoints' from the catalogue.
		typeOptions: {
			...modelInputsProperty.typeOptions,
			resourceMapper: { ...(modelInputsProperty.typeOptions?.resourceMapper as ResourceMapperTypeOptions), resourceMapperMethod: 'getRunModelInputFields' } as ResourceMapperTypeOptions,
		},
		description:
			'The inputs of the chosen model, typed from the schema fal publishes for it. "Input (JSON)" overrides them. A URL input also takes the name of a binary field, which is uploaded to fal storage.',
	},
	{
		...additionalInputProperty,
		displayName: 'Input (JSON)',
		description:
			'Model input as a JSON object, merged last so it overrides "Model Inputs". Use it for endpoints without a published schema or for whole inputs built by an expression.',
		placeholder: '{"text": "Hello from n8n", "voice": "af_heart"}',
	},
	{ ...executionModeProperty, options: modes },
	webhookUrlProperty,
	{
		...outputMediaProperty,
		options: [
			{
				name: 'Download as Binary Data',
				value: 'binary',
				description: 'Download every file of the result, wherever it sits, into a binary field named after its place (audio, images_0, model_mesh…)',
			},
			{
				name: 'Keep as URLs',
				value: 'url',
				description: 'Return only the URLs. Fal keeps results for a limited time (about an hour or less), so download or copy them soon.',
			},
		],
		displayOptions: { show: { executionMode: ['wait', 'run', 'webhook', 'stream'] } },
	},
	optionsCollection(),
];
