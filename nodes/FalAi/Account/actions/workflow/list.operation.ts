/**
 * Workflow → List: the account's fal Workflows, one item each, with the endpoint ID to run
 * them by (`workflows/<owner>/<name>`, e.g. in Fal.ai Run Model).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { FalClient } from '../../../client/types';
import { showFor, splitList } from '../common';
import { collectPages, pagingProperties } from '../paging';
import { workflowIds } from './workflowIds';

const show = showFor('workflow', ['list']);

export const description: INodeProperties[] = [
	...pagingProperties(show),
	{
		displayName: 'Filters',
		name: 'workflowFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show,
		options: [
			{ displayName: 'Search', name: 'search', type: 'string', default: '', description: 'Only workflows whose name or title contains this' },
			{
				displayName: 'Using Endpoints',
				name: 'usedEndpointIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. fal-ai/flux/dev',
				description: 'Only workflows that use these endpoints (separated by commas)',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, client: FalClient, itemIndex: number, signal: AbortSignal): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('workflowFilters', itemIndex, {}) as { search?: string; usedEndpointIds?: string };
	const query = { search: filters.search?.trim() || undefined, used_endpoint_ids: splitList(filters.usedEndpointIds).join(',') || undefined };
	const workflows = await collectPages(this, itemIndex, async (limit, cursor) => await client.platform.listWorkflows({ ...query, limit, cursor }, { signal }));
	return workflows.map((workflow) => ({ json: { ...workflowIds(workflow), ...(workflow as IDataObject) } }));
}
