/**
 * What every Fal.ai Account operation is: its parameters, and what it does for one item.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { FalClient } from '../../client/types';
import { modelLocator } from '../../shared/descriptions';

/** One item's outputs (a list operation gives one item per entry). */
export type AccountOperation = (
	this: IExecuteFunctions,
	client: FalClient,
	itemIndex: number,
	signal: AbortSignal,
) => Promise<INodeExecutionData[]>;

export interface OperationModule {
	description: INodeProperties[];
	execute: AccountOperation;
}

/** Shows a parameter for one resource's operations. */
export function showFor(resource: string, operations: string[]) {
	return { show: { resource: [resource], operation: operations } };
}

/** The endpoint picker (parameter `model`, read with `readModelId`) for some operations. */
export function endpointLocator(resource: string, operations: string[]): INodeProperties {
	return {
		...modelLocator('searchAnyModels', 'fal-ai/flux/dev'),
		displayName: 'Endpoint',
		description: 'The fal endpoint: search fal\'s whole catalogue or enter its ID',
		displayOptions: showFor(resource, operations),
	};
}

/** `"a, b\nc"` → `['a', 'b', 'c']`. */
export function splitList(value: unknown): string[] {
	return String(value ?? '').split(/[\s,]+/).map((part) => part.trim()).filter(Boolean);
}
