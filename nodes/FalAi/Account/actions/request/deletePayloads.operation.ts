/**
 * Request → Delete Payloads: removes a request's stored input and output files from fal's CDN
 * (`DELETE /models/requests/{id}/payloads`), and says which files went and which did not.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FalClient } from '../../../client/types';
import { showFor } from '../common';
import { namingNotFound } from '../notFound';

export const description: INodeProperties[] = [
	{
		displayName: 'Request ID',
		name: 'requestId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 764cabcf-b745-4b3e-ae38-1200304cf45b',
		description: 'The request whose payloads to delete, such as "request_id" from a model node',
		displayOptions: showFor('request', ['deletePayloads']),
	},
];

export async function execute(this: IExecuteFunctions, client: FalClient, itemIndex: number, signal: AbortSignal): Promise<INodeExecutionData[]> {
	const requestId = String(this.getNodeParameter('requestId', itemIndex, '') ?? '').trim();
	if (!requestId) throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: "Request ID" is required`, { itemIndex });
	const answer = (await namingNotFound(this, itemIndex, `request "${requestId}"`, async () => await client.platform.deletePayloads(requestId, { signal }))) as IDataObject | undefined;
	const results = Array.isArray(answer?.cdn_delete_results) ? (answer.cdn_delete_results as IDataObject[]) : [];
	return [
		{
			json: {
				request_id: requestId,
				deleted: results.every((result) => result.exception === null || result.exception === undefined),
				files_deleted: results.filter((result) => result.exception === null || result.exception === undefined).length,
				files_failed: results.filter((result) => result.exception !== null && result.exception !== undefined).length,
				cdn_delete_results: results,
			},
		},
	];
}
