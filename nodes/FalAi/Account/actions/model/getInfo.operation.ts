/**
 * Model → Get Info: an endpoint's catalogue metadata and its input and output schemas (from
 * the OpenAPI document fal publishes), `$ref`s resolved.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FalClient } from '../../../client/types';
import { readModelId } from '../../../shared/modelId';
import { endpointLocator, showFor } from '../common';
import { inputAndOutputSchemas } from './openApiSchemas';

export const description: INodeProperties[] = [
	endpointLocator('model', ['getInfo']),
	{
		displayName: 'Include OpenAPI Document',
		name: 'includeOpenApi',
		type: 'boolean',
		default: false,
		description: 'Whether to add the whole OpenAPI document fal publishes for the endpoint (field "openapi")',
		displayOptions: showFor('model', ['getInfo']),
	},
];

export async function execute(this: IExecuteFunctions, client: FalClient, itemIndex: number, signal: AbortSignal): Promise<INodeExecutionData[]> {
	const endpointId = readModelId.call(this, itemIndex);
	const page = await client.platform.searchModels({ endpointIds: [endpointId], expandOpenApi: true, signal });
	const model = page.models.find((entry) => entry.endpoint_id === endpointId);
	if (!model) {
		throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: fal's catalogue has no endpoint "${endpointId}"`, {
			description: 'Check the endpoint ID on its fal.ai model page. Private apps and fal Workflows are not in the catalogue.',
			itemIndex,
		});
	}
	const { input, output } = inputAndOutputSchemas(model.openapi);
	const json: IDataObject = {
		endpoint_id: endpointId,
		...(model.metadata as IDataObject | undefined),
		input_schema: (input ?? null) as IDataObject | null,
		output_schema: (output ?? null) as IDataObject | null,
		model_page: `https://fal.ai/models/${endpointId}`,
	};
	if (this.getNodeParameter('includeOpenApi', itemIndex, false)) json.openapi = (model.openapi ?? null) as IDataObject | null;
	return [{ json }];
}
