/**
 * Picks the Queue Status operation and runs it for every item through the shared item loop.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { maxConcurrencyOption } from '../../shared/descriptions';
import { processItems } from '../../shared/processItems';
import { readMaxConcurrency } from '../../shared/settings';
import { withFalClient } from '../../transport';
import * as cancel from './cancel.operation';
import { requestProperties, type QueueOperation } from './common';
import * as getResult from './getResult.operation';
import * as getStatus from './getStatus.operation';
import * as waitForCompletion from './waitForCompletion.operation';

const operations: Record<string, QueueOperation> = {
	getStatus: getStatus.execute,
	getResult: getResult.execute,
	cancel: cancel.execute,
	waitForCompletion: waitForCompletion.execute,
};

export const queueStatusProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'getStatus',
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				action: 'Cancel a request',
				description: 'Remove a queued request or stop a running one',
			},
			{
				name: 'Get Result',
				value: 'getResult',
				action: 'Get the result of a request',
				description: 'Return the output of a completed request',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				action: 'Get the status of a request',
				description: 'Return whether a request is queued (with its position), running or completed',
			},
			{
				name: 'Wait for Completion',
				value: 'waitForCompletion',
				action: 'Wait for a request to complete',
				description: 'Wait until a request ends, then return its result',
			},
		],
	},
	...requestProperties,
	...getStatus.description,
	...getResult.description,
	...cancel.description,
	...waitForCompletion.description,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...waitForCompletion.waitOptions, maxConcurrencyOption].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	},
];

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = operations[operationName];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" is not supported`);
	}
	const maxConcurrency = readMaxConcurrency(this);
	return await withFalClient(this, async (client) => [
		await processItems.call(this, maxConcurrency, async (itemIndex, signal) => [
			await operation.call(this, client, itemIndex, signal),
		]),
	]);
}
