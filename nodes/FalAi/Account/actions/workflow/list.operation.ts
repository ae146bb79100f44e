/**
 * Workflow → List: the account's fal Workflows, one item each, with the endpoint ID to run
 * them by (`workflows/<owner>/<name>`, e.g. in Fal.ai Run Model).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { FalClient } from '../../../client/types';
import { showFor } from '../common';
import { collectPages, pagingProperties } from '../paging';
import { workflowIds } from './workflowIds';

export const description: INodeProperties[] = [...pagingProperties(showFor('workflow', ['list']))];

export async function execute(this: IExecuteFunctions, client: FalClient, itemIndex: number, signal: AbortSignal): Promise<INodeExecutionData[]> {
	const workflows = await collectPages(this, itemIndex, async (limit, cursor) => await client.platform.listWorkflows({ limit, cursor }, { signal }));
	return workflows.map((workflow) => ({ json: { ...workflowIds(workflow), ...(workflow as IDataObject) } }));
}
