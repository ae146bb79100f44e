/**
 * Request → List: the account's requests to an endpoint in a time range, optionally only those
 * of one status, one output item each (`GET /models/requests/by-endpoint`, cursor-paged).
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { FalClient } from '../../../client/types';
import { readModelId } from '../../../shared/modelId';
import { endpointLocator, showFor } from '../common';
import { collectPages, pagingProperties } from '../paging';
import { readTimeRange, timeRangeProperties } from '../timeRange';

const show = showFor('request', ['list']);

export const description: INodeProperties[] = [
	endpointLocator('request', ['list']),
	...timeRangeProperties(show),
	{
		displayName: 'Status',
		name: 'requestStatus',
		type: 'options',
		default: '',
		options: [
			{ name: 'Any', value: '' },
			{ name: 'Error', value: 'error', description: 'Failed on fal\'s side (5xx)' },
			{ name: 'Success', value: 'success' },
			{ name: 'User Error', value: 'user_error', description: 'Rejected for its input (4xx)' },
		],
		displayOptions: show,
	},
	...pagingProperties(show),
	{
		displayName: 'Options',
		name: 'requestOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show,
		options: [
			{ displayName: 'Include Payloads', name: 'includePayloads', type: 'boolean', default: false, description: 'Whether to add each request\'s input and output ("json_input", "json_output")' },
			{ displayName: 'Request ID', name: 'requestId', type: 'string', default: '', description: 'Only this request' },
			{
				displayName: 'Sort By',
				name: 'sortBy',
				type: 'options',
				default: 'ended_at',
				options: [
					{ name: 'End Time (Newest First)', value: 'ended_at' },
					{ name: 'Duration (Longest First)', value: 'duration' },
				],
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, client: FalClient, itemIndex: number, signal: AbortSignal): Promise<INodeExecutionData[]> {
	const endpointId = readModelId.call(this, itemIndex);
	const { start, end } = readTimeRange(this, itemIndex);
	const options = this.getNodeParameter('requestOptions', itemIndex, {}) as { includePayloads?: boolean; requestId?: string; sortBy?: string };
	const query = {
		endpoint_id: endpointId,
		start,
		end,
		status: (this.getNodeParameter('requestStatus', itemIndex, '') as string) || undefined,
		sort_by: options.sortBy || undefined,
		expand: options.includePayloads ? 'payloads' : undefined,
		request_id: options.requestId?.trim() || undefined,
	};
	const requests = await collectPages(this, itemIndex, async (limit, cursor) => await client.platform.listRequests({ ...query, limit, cursor }, { signal }));
	return requests.map((request) => ({ json: { endpoint_id: endpointId, ...request } as INodeExecutionData['json'] }));
}
