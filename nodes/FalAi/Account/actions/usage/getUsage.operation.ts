/**
 * Usage → Get Usage: billed quantities and cost over a time range, as a time series and/or a
 * summary per endpoint (`GET /models/usage`; fal may require an admin key for it).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { FalClient } from '../../../client/types';
import { validateEndpointId } from '../../../shared/modelId';
import { showFor, splitList } from '../common';
import { readTimeRange, timeRangeProperties } from '../timeRange';

const show = showFor('usage', ['getUsage']);

export const description: INodeProperties[] = [
	...timeRangeProperties(show),
	{
		displayName: 'Endpoint IDs',
		name: 'usageEndpointIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. fal-ai/flux/dev',
		description: 'Only these endpoints (separated by commas); empty for all',
		displayOptions: show,
	},
	{
		displayName: 'Include',
		name: 'usageExpand',
		type: 'multiOptions',
		default: ['time_series', 'summary'],
		options: [
			{ name: 'Auth Method', value: 'auth_method', description: 'Which kind of key made the requests' },
			{ name: 'Summary', value: 'summary', description: 'Totals per endpoint over the whole range' },
			{ name: 'Time Series', value: 'time_series', description: 'Usage per time bucket' },
		],
		displayOptions: show,
	},
];

export async function execute(this: IExecuteFunctions, client: FalClient, itemIndex: number, signal: AbortSignal): Promise<INodeExecutionData[]> {
	const timeRange = readTimeRange(this, itemIndex);
	const endpoints = splitList(this.getNodeParameter('usageEndpointIds', itemIndex, '')).map((id) => validateEndpointId.call(this, id, itemIndex));
	const expand = this.getNodeParameter('usageExpand', itemIndex, []) as string[];
	const answer = await client.platform.usage(
		{ start: timeRange.start, end: timeRange.end, endpoint_id: endpoints, expand: expand.length ? expand.join(',') : undefined },
		{ signal },
	);
	return [{ json: { time_range: { ...timeRange }, ...(answer as IDataObject) } }];
}
