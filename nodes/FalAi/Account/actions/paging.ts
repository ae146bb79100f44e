/**
 * n8n's "Return All" / "Limit" convention over fal's cursor-paged lists.
 */
import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Page } from '../../client/types';

/** fal's largest page. */
const MAX_PAGE = 100;

export function pagingProperties(displayOptions: IDisplayOptions): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions,
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			displayOptions: { ...displayOptions, show: { ...displayOptions.show, returnAll: [false] } },
		},
	];
}

/**
 * Fetches pages (`fetchPage(pageSize, cursor)`) until the limit is reached or fal has no more.
 * The page size stays the same on every page: fal's cursor encodes a page number counted in
 * the page size, so a smaller last page would repeat entries. The surplus is cut off here.
 */
export async function collectPages(
	ctx: IExecuteFunctions,
	itemIndex: number,
	fetchPage: (pageSize: number, cursor: string | undefined) => Promise<Page>,
): Promise<Array<Record<string, unknown>>> {
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : Math.max(1, Number(ctx.getNodeParameter('limit', itemIndex, 50)));
	const pageSize = Math.min(MAX_PAGE, limit);
	const entries: Array<Record<string, unknown>> = [];
	let cursor: string | undefined;
	do {
		const page = await fetchPage(pageSize, cursor);
		entries.push(...page.entries.slice(0, limit - entries.length));
		cursor = page.has_more && page.next_cursor ? page.next_cursor : undefined;
	} while (cursor && entries.length < limit);
	return entries;
}
