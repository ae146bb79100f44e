/**
 * The time range of usage, analytics and request lists: the presets a user expects (last 30
 * minutes … last 30 days, this and last calendar month in UTC) or a custom start and end,
 * sent to fal as ISO 8601 `start` / `end`.
 */
import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export type TimeRangePreset = '30m' | '1h' | '24h' | '7d' | '30d' | 'thisMonth' | 'lastMonth' | 'custom';

export interface TimeRange {
	start: string;
	end: string;
	range: TimeRangePreset;
}

const MINUTE = 60_000;
const DURATIONS: Partial<Record<TimeRangePreset, number>> = {
	'30m': 30 * MINUTE,
	'1h': 60 * MINUTE,
	'24h': 24 * 60 * MINUTE,
	'7d': 7 * 24 * 60 * MINUTE,
	'30d': 30 * 24 * 60 * MINUTE,
};

/** The `timeRange`, `startDate` and `endDate` parameters, shown for `displayOptions`. */
export function timeRangeProperties(displayOptions: IDisplayOptions, fallback: TimeRangePreset = '24h'): INodeProperties[] {
	const custom = { ...displayOptions, show: { ...displayOptions.show, timeRange: ['custom'] } };
	return [
		{
			displayName: 'Time Range',
			name: 'timeRange',
			type: 'options',
			default: fallback,
			options: [
				{ name: 'Custom', value: 'custom', description: 'From a start to an end date' },
				{ name: 'Last 24 Hours', value: '24h' },
				{ name: 'Last 30 Days', value: '30d' },
				{ name: 'Last 30 Minutes', value: '30m' },
				{ name: 'Last 7 Days', value: '7d' },
				{ name: 'Last Hour', value: '1h' },
				{ name: 'Last Month', value: 'lastMonth', description: 'The previous calendar month (UTC)' },
				{ name: 'This Month', value: 'thisMonth', description: 'From the first of this month (UTC) until now' },
			],
			description: 'The period to look at, ending now unless custom',
			displayOptions,
		},
		{
			displayName: 'Start',
			name: 'startDate',
			type: 'dateTime',
			default: '',
			required: true,
			description: 'Beginning of the period',
			displayOptions: custom,
		},
		{
			displayName: 'End',
			name: 'endDate',
			type: 'dateTime',
			default: '',
			description: 'End of the period; empty means now',
			displayOptions: custom,
		},
	];
}

/** The item's time range as ISO strings. */
export function readTimeRange(ctx: IExecuteFunctions, itemIndex: number, now = new Date()): TimeRange {
	const range = ctx.getNodeParameter('timeRange', itemIndex, '24h') as TimeRangePreset;
	return { ...resolveTimeRange(ctx, itemIndex, range, now), range };
}

function resolveTimeRange(ctx: IExecuteFunctions, itemIndex: number, range: TimeRangePreset, now: Date): { start: string; end: string } {
	const duration = DURATIONS[range];
	if (duration !== undefined) return { start: new Date(now.getTime() - duration).toISOString(), end: now.toISOString() };
	if (range === 'thisMonth') return { start: monthStart(now, 0).toISOString(), end: now.toISOString() };
	if (range === 'lastMonth') return { start: monthStart(now, -1).toISOString(), end: new Date(monthStart(now, 0).getTime() - 1).toISOString() };
	const start = dateOf(ctx, itemIndex, 'startDate', 'Start');
	const end = String(ctx.getNodeParameter('endDate', itemIndex, '') ?? '').trim() ? dateOf(ctx, itemIndex, 'endDate', 'End') : now;
	if (start > end) throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: "Start" is after "End"`, { itemIndex });
	return { start: start.toISOString(), end: end.toISOString() };
}

function monthStart(now: Date, offset: number): Date {
	return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
}

function dateOf(ctx: IExecuteFunctions, itemIndex: number, name: string, label: string): Date {
	const raw = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	const date = raw instanceof Date ? raw : new Date(String(raw ?? ''));
	if (!String(raw ?? '').trim() || Number.isNaN(date.getTime())) {
		throw new NodeOperationError(ctx.getNode(), `Item ${itemIndex}: "${label}" must be a date (got "${String(raw ?? '')}")`, { itemIndex });
	}
	return date;
}
