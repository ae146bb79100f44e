/**
 * Model search for the model picker: the task's curated endpoints first, then a live search of
 * fal's catalogue through the platform API, paged with its cursor.
 */
import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import type { ModelInfo, ModelSearchPage } from '../client/types';
import { toNodeError } from '../shared/errors';
import { withFalClient } from '../transport';
import { ENDPOINT_ID_PATTERN } from '../shared/modelId';
import { IMAGE_TASK, type CuratedModel, type ModelTask } from './curatedModels';

const ENDPOINT_ID_REGEX = new RegExp(ENDPOINT_ID_PATTERN);

/** Catalogue entries asked for per page. */
export const DEFAULT_PAGE_SIZE = 40;

type ListSearchMethod = (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>;

/**
 * Builds a listSearch method for a task. Without a filter the first page lists the curated
 * models and the task's main category; with one, the whole catalogue is searched and results
 * outside the task's categories are left out. When the catalogue cannot be reached the curated
 * models still show, so the picker stays usable behind gateways without the platform API.
 */
export function createModelSearch(task: ModelTask, pageSize = DEFAULT_PAGE_SIZE): ListSearchMethod {
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		const { query, includeDeprecated } = parseFilter(filter);
		const firstPage = !paginationToken;
		const matching = matchingCurated(task.curated, query);
		const curated = firstPage ? matching.map(curatedItem) : [];
		// Curated models are listed on the first page only, never again on the next ones.
		const seen = new Set(matching.map((model) => model.id));

		let page: ModelSearchPage;
		try {
			page = await withFalClient(this, async (client) =>
				client.platform.searchModels({
					query: query || undefined,
					// A task without categories (Run Model) lists the whole catalogue.
					category: query ? undefined : task.categories[0],
					limit: pageSize,
					cursor: paginationToken || undefined,
					includeDeprecated,
				}),
			);
		} catch (error) {
			if (curated.length) return { results: curated };
			throw toNodeError(this.getNode(), error, 0);
		}

		const live = page.models
			.filter((model) => !seen.has(model.endpoint_id) && inTask(model, task))
			.map(catalogueItem);
		const results = [...curated, ...live];
		if (query && firstPage && !results.length && !page.has_more) return { results: [noMatchItem(task, query)] };
		return {
			results,
			paginationToken: page.has_more && page.next_cursor ? page.next_cursor : undefined,
		};
	};
}

/** Typing `all:` before the search (e.g. `all: flux`) also lists fal's deprecated models. */
export const INCLUDE_DEPRECATED_PREFIX = 'all:';

/** The search text, and whether deprecated models were asked for. */
export function parseFilter(filter: string | undefined): { query: string; includeDeprecated: boolean } {
	const text = filter?.trim() ?? '';
	if (!text.toLowerCase().startsWith(INCLUDE_DEPRECATED_PREFIX)) return { query: text, includeDeprecated: false };
	return { query: text.slice(INCLUDE_DEPRECATED_PREFIX.length).trim(), includeDeprecated: true };
}

/** Curated entries whose id, name or description contains the query (all when empty). */
export function matchingCurated(curated: CuratedModel[], query: string): CuratedModel[] {
	const needle = query.toLowerCase();
	if (!needle) return curated;
	return curated.filter((model) =>
		[model.id, model.name, model.description ?? ''].some((text) => text.toLowerCase().includes(needle)),
	);
}

function inTask(model: ModelInfo, task: ModelTask): boolean {
	const category = model.metadata?.category;
	return !category || task.categories.length === 0 || task.categories.includes(category);
}

function curatedItem(model: CuratedModel): INodeListSearchItems {
	return {
		name: `${model.name} (${model.id})`,
		value: model.id,
		description: model.description,
		url: modelPage(model.id),
	};
}

function catalogueItem(model: ModelInfo): INodeListSearchItems {
	const displayName = model.metadata?.display_name;
	return {
		name: displayName ? `${displayName} (${model.endpoint_id})` : model.endpoint_id,
		value: model.endpoint_id,
		description: model.metadata?.description,
		url: modelPage(model.endpoint_id),
	};
}

/**
 * The one entry shown when nothing of the task matches: n8n's list has no room for a message,
 * so the entry itself says so and points to "By ID". When the text is an endpoint id, picking
 * the entry uses it (what "By ID" would do).
 */
function noMatchItem(task: ModelTask, query: string): INodeListSearchItems {
	const kind = task.noun ?? task.categories.join(' or ');
	// Short: n8n cuts list entries at the width of the field.
	const usable = ENDPOINT_ID_REGEX.test(query);
	return {
		name: usable ? `No ${kind} model matches: use "${query}" as ID` : `No ${kind} model matches "${query}": use "By ID"`,
		value: usable ? query : '',
		description: 'fal\'s catalogue was searched for this text; models of other tasks are not listed here. Switch the mode to "By ID" to enter any endpoint ID.',
	};
}

function modelPage(endpointId: string): string {
	return `https://fal.ai/models/${endpointId}`;
}

/** Picker for image models (Generate Image). */
export const searchImageModels = createModelSearch(IMAGE_TASK);
