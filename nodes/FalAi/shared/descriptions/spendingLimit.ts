/**
 * The spending limit options of every model node (read by ../spendingLimit).
 */
import type { INodeProperties } from 'n8n-workflow';

export const spendingLimitOptions: INodeProperties[] = [
	{
		displayName: 'Max Estimated Cost per Execution (USD)',
		name: 'maxCostUsd',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0, numberPrecision: 4 },
		description:
			'Before submitting, price each item\'s request with fal\'s published unit price and refuse the items that would take the estimated total of this node\'s requests in this execution past this amount. Each item\'s output gets its estimate ("cost_estimate_usd", "cost_estimate"). 0 means no limit (and no estimate).',
	},
	{
		displayName: 'Unpriced Endpoints',
		name: 'unpricedEndpoints',
		type: 'options',
		default: 'block',
		options: [
			{ name: 'Refuse', value: 'block', description: 'Do not submit to an endpoint fal publishes no price for' },
			{ name: 'Run Anyway', value: 'allow', description: 'Submit, and say in the output that no estimate was possible' },
		],
		description: 'With a spending limit set: what to do when fal publishes no price for the endpoint',
	},
];
