/**
 * Usage → Get Usage: billed quantities and cost over a time range, as a time series and/or a
 * summary per endpoint (`GET /models/usage`; fal requires an admin key for it). fal pages the
 * records; every page is fetched and the time series joined into one item.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { FalClient } from '../../../client/types';
import { validateEndpointId } from '../../../shared/modelId';
import { showFor, splitList } from '../common';
import { readTimeRange, timeRangeProperties } from '../timeRange';
import { bucketSizeProperty } from './bucketSize';

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
	bucketSizeProperty('usageTimeframe', show),
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
	const chosen = this.getNodeParameter('usageExpand', itemIndex, []) as string[];
	// fal needs a time series or a summary (auth method only annotates them).
	const expand = chosen.includes('time_series') || chosen.includes('summary') ? chosen : ['time_series', ...chosen];
	const query = {
		start: timeRange.start,
		end: timeRange.end,
		endpoint_id: endpoints,
		expand: expand.join(','),
		timeframe: (this.getNodeParameter('usageTimeframe', itemIndex, '') as string) || undefined,
	};
	let usage: IDataObject | undefined;
	let cursor: string | undefined;
	for (let pages = 0; pages < MAX_PAGES; pages++) {
		const page = ((await client.platform.usage({ ...query, cursor }, { signal })) ?? {}) as IDataObject;
		usage = usage ? { ...usage, time_series: [...asList(usage.time_series), ...asList(page.time_series)] } : page;
		cursor = page.has_more === true && typeof page.next_cursor === 'string' && page.next_cursor ? page.next_cursor : undefined;
		if (!cursor) break;
	}
	// The paging fields described the last page only; `complete` says whether every page came.
	const records: IDataObject = { ...usage };
	delete records.next_cursor;
	delete records.has_more;
	return [{ json: { time_range: { ...timeRange }, ...records, complete: cursor === undefined } }];
}

/** Pages followed at most (fal's pages hold many buckets; this bounds a runaway cursor). */
const MAX_PAGES = 50;

function asList(value: unknown): IDataObject[] {
	return Array.isArray(value) ? (value as IDataObject[]) : [];
}
