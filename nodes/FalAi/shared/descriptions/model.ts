/**
 * The model picker: a resource locator listing curated and searched endpoints, or taking any id.
 */
import type { INodeProperties } from 'n8n-workflow';

import { ENDPOINT_ID_PATTERN } from '../modelId';

/**
 * Parameter `model`. `searchListMethod` names the node's `methods.listSearch` entry, and
 * `example` is an endpoint id of the node's task shown as placeholder.
 */
export function modelLocator(searchListMethod: string, example: string): INodeProperties {
	return {
		displayName: 'Model',
		name: 'model',
		type: 'resourceLocator',
		default: { mode: 'list', value: example },
		required: true,
		description:
			'The fal endpoint to run. Pick one from the list (curated models and a live search of fal\'s active models; start the search with "all:" to include deprecated ones) or enter any endpoint ID.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${example}`,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: ENDPOINT_ID_PATTERN,
							errorMessage: 'Use an endpoint id such as "owner/alias" or "owner/alias/path"',
						},
					},
				],
			},
		],
	};
}
