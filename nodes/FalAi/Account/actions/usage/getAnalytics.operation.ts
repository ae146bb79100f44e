/**
 * Usage → Get Analytics: request counts, error counts and latency percentiles of an endpoint
 * over a time range (`GET /models/analytics`).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { FalClient } from '../../../client/types';
import { readModelId } from '../../../shared/modelId';
import { endpointLocator, showFor } from '../common';
import { readTimeRange, timeRangeProperties } from '../timeRange';
import { bucketSizeProperty } from './bucketSize';

const show = showFor('usage', ['getAnalytics']);

const METRICS = [
	['Error Count', 'error_count', 'Server errors (5xx)'],
	['P50 Duration', 'p50_duration', 'Median run time'],
	['P50 Prepare Duration', 'p50_prepare_duration', 'Median time in the queue'],
	['P75 Duration', 'p75_duration', '75th percentile run time'],
	['P75 Prepare Duration', 'p75_prepare_duration', '75th percentile time in the queue'],
	['P90 Duration', 'p90_duration', '90th percentile run time'],
	['P90 Prepare Duration', 'p90_prepare_duration', '90th percentile time in the queue'],
	['Request Count', 'request_count', 'All requests'],
	['Success Count', 'success_count', 'Successful requests (2xx)'],
	['User Error Count', 'user_error_count', 'Requests rejected for their input (4xx)'],
];

export const description: INodeProperties[] = [
	endpointLocator('usage', ['getAnalytics']),
	...timeRangeProperties(show),
	{
		displayName: 'Metrics',
		name: 'metrics',
		type: 'multiOptions',
		default: ['request_count', 'success_count', 'error_count', 'p50_duration', 'p90_duration'],
		options: METRICS.map(([name, value, description]) => ({ name, value, description })),
		displayOptions: show,
	},
	{
		displayName: 'Include',
		name: 'analyticsExpand',
		type: 'multiOptions',
		default: ['time_series', 'summary'],
		options: [
			{ name: 'Summary', value: 'summary', description: 'The metrics over the whole range' },
			{ name: 'Time Series', value: 'time_series', description: 'The metrics per time bucket' },
		],
		displayOptions: show,
	},
	bucketSizeProperty('timeframe', show),
];

export async function execute(this: IExecuteFunctions, client: FalClient, itemIndex: number, signal: AbortSignal): Promise<INodeExecutionData[]> {
	const endpointId = readModelId.call(this, itemIndex);
	const timeRange = readTimeRange(this, itemIndex);
	const expand = [...(this.getNodeParameter('analyticsExpand', itemIndex, []) as string[]), ...(this.getNodeParameter('metrics', itemIndex, []) as string[])];
	const answer = await client.platform.analytics(
		{
			endpoint_id: endpointId,
			start: timeRange.start,
			end: timeRange.end,
			expand: expand.length ? expand.join(',') : undefined,
			timeframe: (this.getNodeParameter('timeframe', itemIndex, '') as string) || undefined,
		},
		{ signal },
	);
	return [{ json: { endpoint_id: endpointId, time_range: { ...timeRange }, ...(answer as IDataObject) } }];
}
