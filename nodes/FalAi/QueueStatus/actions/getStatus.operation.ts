/**
 * Get Status: where a request stands (queue position, running, completed), optionally with logs.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { FalClient } from '../../client/types';
import { readRequestRef } from './common';

export const description: INodeProperties[] = [
	{
		displayName: 'Include Logs',
		name: 'includeLogs',
		type: 'boolean',
		default: false,
		description: 'Whether to return the model\'s logs so far',
		displayOptions: { show: { operation: ['getStatus'] } },
	},
];

export async function execute(
	this: IExecuteFunctions,
	client: FalClient,
	itemIndex: number,
	signal: AbortSignal,
): Promise<INodeExecutionData> {
	const ref = readRequestRef.call(this, itemIndex);
	const logs = this.getNodeParameter('includeLogs', itemIndex, false) as boolean;
	const status = await client.queue.status(ref, { logs, signal });
	const json: IDataObject = { ...(status as unknown as IDataObject), endpoint_id: ref.endpointId };
	if (!logs) delete json.logs;
	return { json };
}
