/**
 * The "Bucket Size" of a usage or analytics time series: fal's `timeframe`, or empty to let fal
 * choose one from the length of the range. Both operations offer the same choice.
 */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** The bucket size parameter, named `name` (each operation keeps its saved parameter name). */
export function bucketSizeProperty(name: string, displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Bucket Size',
		name,
		type: 'options',
		default: '',
		options: [
			{ name: 'Automatic', value: '', description: 'Fal picks one from the length of the range' },
			{ name: 'Day', value: 'day' },
			{ name: 'Hour', value: 'hour' },
			{ name: 'Minute', value: 'minute' },
			{ name: 'Month', value: 'month' },
			{ name: 'Week', value: 'week' },
		],
		displayOptions,
	};
}
