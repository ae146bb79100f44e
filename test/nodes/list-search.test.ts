/**
 * The model picker's search, called the way n8n's editor calls it.
 */
import { createLoadOptionsContext, listSearch } from '../harness';
import { createModelSearch } from '../../nodes/FalAi/methods/listSearch';
import { IMAGE_TASK } from '../../nodes/FalAi/methods/curatedModels';
import { falCredentials, IMAGE_NODE, pickerModelIds, useFakeFal } from './support';

const fal = useFakeFal();

describe('model search', () => {
	it('lists the curated image models first, then catalogue models not already listed', async () => {
		const values = await pickerModelIds(fal(), IMAGE_NODE, 'searchImageModels');
		expect(values.slice(0, IMAGE_TASK.curated.length)).toEqual(IMAGE_TASK.curated.map((model) => model.id));
		expect(values).toContain('fal-ai/fast-sdxl');
		expect(new Set(values).size).toBe(values.length);
		expect(values).not.toContain('fal-ai/veo3');
		expect(fal().requestsOf('models')[0].query).toMatchObject({ category: 'text-to-image' });
	});

	it('searches the whole catalogue for typed text, leaving out other tasks', async () => {
		const { results } = await listSearch({
			nodeType: IMAGE_NODE,
			method: 'searchImageModels',
			credentials: falCredentials(fal()),
			filter: 'sdxl',
		});
		expect(results.map((result) => result.value)).toEqual(['fal-ai/fast-sdxl']);
	});

	it('asks for active models only, so deprecated ones stay out of the list', async () => {
		const { results } = await listSearch({ nodeType: IMAGE_NODE, method: 'searchImageModels', credentials: falCredentials(fal()), filter: 'stable diffusion' });
		expect(results.map((result) => result.value)).not.toContain('fal-ai/stable-diffusion-v15');
		expect(fal().requestsOf('models').map((recorded) => recorded.query.status)).toEqual(['active']);
	});

	it('lists deprecated models too when the search starts with "all:"', async () => {
		const { results } = await listSearch({ nodeType: IMAGE_NODE, method: 'searchImageModels', credentials: falCredentials(fal()), filter: 'all: sdxl' });
		expect(results.map((result) => result.value)).toEqual(['fal-ai/fast-sdxl', 'fal-ai/stable-diffusion-v15']);
		expect(fal().requestsOf('models')[0].query).toMatchObject({ q: 'sdxl' });
		expect(fal().requestsOf('models')[0].query.status).toBeUndefined();
	});

	it('pages through the catalogue with its cursor', async () => {
		const search = createModelSearch({ categories: ['text-to-image'], curated: [] }, 1);
		const context = createLoadOptionsContext({ nodeType: IMAGE_NODE, credentials: falCredentials(fal()) });
		const seen: string[] = [];
		let token: string | undefined;
		do {
			const page = await search.call(context, undefined, token);
			seen.push(...page.results.map((result) => String(result.value)));
			token = page.paginationToken as string | undefined;
		} while (token);
		expect(seen.sort()).toEqual(['fal-ai/fast-sdxl', 'fal-ai/flux-lora', 'fal-ai/flux/dev', 'fal-ai/flux/schnell', 'fal-ai/recraft/v3/text-to-image']);
	});

	it('still offers the curated models when the catalogue cannot be reached', async () => {
		fal().inject({ match: { kind: 'models' }, times: Infinity, action: { type: 'status', status: 404 } });
		expect(await pickerModelIds(fal(), IMAGE_NODE, 'searchImageModels')).toEqual(IMAGE_TASK.curated.map((model) => model.id));
	});
});
