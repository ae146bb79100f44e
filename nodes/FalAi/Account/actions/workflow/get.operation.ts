/**
 * Workflow → Get: one fal Workflow's details, its input and output schema included.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FalClient } from '../../../client/types';
import { showFor } from '../common';
import { namingNotFound } from '../notFound';
import { workflowIds } from './workflowIds';

export const description: INodeProperties[] = [
	{
		displayName: 'Workflow ID',
		name: 'workflowId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. my-user/script-to-speech',
		description: 'The workflow as "owner/name" (or its endpoint ID "workflows/owner/name")',
		displayOptions: showFor('workflow', ['get']),
	},
];

export async function execute(this: IExecuteFunctions, client: FalClient, itemIndex: number, signal: AbortSignal): Promise<INodeExecutionData[]> {
	const id = String(this.getNodeParameter('workflowId', itemIndex, '') ?? '').trim();
	if (!/^(workflows\/)?[^/\s]+\/[^/\s]+$/.test(id)) {
		throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: "Workflow ID" must be "owner/name" (got "${id}")`, { itemIndex });
	}
	const workflow = (await namingNotFound(this, itemIndex, `workflow "${id}" in this account`, async () => await client.platform.getWorkflow(id, { signal }))) as IDataObject;
	const schema = ((workflow?.contents as IDataObject | undefined)?.schema ?? null) as IDataObject | null;
	return [{ json: { ...workflowIds({ ...workflow, id: id.replace(/^workflows\//, '') }), ...workflow, input_schema: (schema?.input ?? null) as IDataObject, output_schema: (schema?.output ?? null) as IDataObject } }];
}
