/**
 * The Fal.ai Account node's resources and operations, and the item loop that runs them.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { maxConcurrencyOption } from '../../shared/descriptions';
import { processItems } from '../../shared/processItems';
import { readMaxConcurrency } from '../../shared/settings';
import { withFalClient } from '../../transport';
import type { OperationModule } from './common';
import * as estimateCost from './model/estimateCost.operation';
import * as getInfo from './model/getInfo.operation';
import * as getPricing from './model/getPricing.operation';
import * as deletePayloads from './request/deletePayloads.operation';
import * as listRequests from './request/list.operation';
import * as getAnalytics from './usage/getAnalytics.operation';
import * as getUsage from './usage/getUsage.operation';
import * as getWorkflow from './workflow/get.operation';
import * as listWorkflows from './workflow/list.operation';

const operations: Record<string, Record<string, OperationModule>> = {
	model: { getInfo, getPricing, estimateCost },
	usage: { getUsage, getAnalytics },
	request: { list: listRequests, deletePayloads },
	workflow: { list: listWorkflows, get: getWorkflow },
};

function operationProperty(resource: string, fallback: string, options: Array<[string, string, string, string]>): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: fallback,
		displayOptions: { show: { resource: [resource] } },
		options: options.map(([name, value, action, description]) => ({ name, value, action, description })),
	};
}

export const accountProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		default: 'model',
		options: [
			{ name: 'Model', value: 'model', description: 'Schemas, prices and cost estimates of endpoints' },
			{ name: 'Request', value: 'request', description: 'The account\'s requests and their stored payloads' },
			{ name: 'Usage', value: 'usage', description: 'What the account used and spent, and how endpoints performed' },
			{ name: 'Workflow', value: 'workflow', description: 'The account\'s fal Workflows' },
		],
	},
	operationProperty('model', 'getInfo', [
		['Estimate Cost', 'estimateCost', 'Estimate the cost of planned requests', 'What a planned batch of requests would cost'],
		['Get Info', 'getInfo', 'Get a model\'s info and schemas', 'Metadata and input/output schema of an endpoint'],
		['Get Pricing', 'getPricing', 'Get the pricing of models', 'Unit price of one or more endpoints'],
	]),
	operationProperty('request', 'list', [
		['Delete Payloads', 'deletePayloads', 'Delete a request\'s payloads', 'Remove the stored input and output files of a request'],
		['List', 'list', 'List requests of an endpoint', 'The account\'s requests to an endpoint, by status and time'],
	]),
	operationProperty('usage', 'getUsage', [
		['Get Analytics', 'getAnalytics', 'Get analytics of an endpoint', 'Request counts, errors and latency over time'],
		['Get Usage', 'getUsage', 'Get usage and cost', 'Billed units and cost over time'],
	]),
	operationProperty('workflow', 'list', [
		['Get', 'get', 'Get a workflow', 'Details and schema of one fal Workflow'],
		['List', 'list', 'List workflows', 'The account\'s fal Workflows'],
	]),
	...Object.values(operations).flatMap((group) => Object.values(group).flatMap((operation) => operation.description)),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [maxConcurrencyOption],
	},
];

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = operations[resource]?.[operationName];
	if (!operation) throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of "${resource}" is not supported`);
	return await withFalClient(this, async (client) => {
		if (operation === estimateCost && estimateCost.isBatch(this)) {
			return [await estimateCost.executeBatch.call(this, client, this.getExecutionCancelSignal() ?? new AbortController().signal)];
		}
		return [
			await processItems.call(this, readMaxConcurrency(this), async (itemIndex, signal) => await operation.execute.call(this, client, itemIndex, signal)),
		];
	});
}
