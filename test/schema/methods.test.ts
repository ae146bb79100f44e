/**
 * The editor methods behind "Model Inputs" and the model picker, called the way n8n's editor
 * backend calls them (n8n-core's LoadOptionsContext through the harness).
 */
import { listSearch, resourceMapping } from '../harness';
import { falCredentials, useFakeFal } from './support';

const fal = useFakeFal();

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const fromList = (value: string) => ({ __rl: true, mode: 'list', value, cachedResultName: value });

describe('getModelInputFields (resourceMapping)', () => {
	it.each([
		['falAiGenerateImage', 'fal-ai/flux/dev', ['prompt', 'image_size', 'image_size__object', 'num_inference_steps']],
		['falAiGenerateVideo', 'fal-ai/kling-video/v2/master/image-to-video', ['prompt', 'image_url', 'tail_image_url', 'duration']],
		['falAiTranscribe', 'fal-ai/whisper', ['audio_url', 'task', 'language', 'chunk_level']],
	])('lists the inputs of the chosen endpoint in %s, in fal\'s order', async (nodeType, endpointId, firstIds) => {
		const { fields } = await resourceMapping({
			nodeType,
			method: 'getModelInputFields',
			parameters: { model: fromList(endpointId) },
			credentials: falCredentials(fal()),
		});

		expect(fields.slice(0, firstIds.length).map((field) => field.id)).toEqual(firstIds);
		const [request] = fal().requestsOf('models');
		expect(request.query).toMatchObject({ endpoint_id: endpointId, expand: 'openapi-3.0' });
	});

	it('types the fields for the editor', async () => {
		const { fields } = await resourceMapping({
			nodeType: 'falAiGenerateVideo',
			method: 'getModelInputFields',
			parameters: { model: byId('fal-ai/kling-video/v2/master/image-to-video') },
			credentials: falCredentials(fal()),
		});
		const field = (id: string) => fields.find((entry) => entry.id === id);

		expect(field('image_url')).toMatchObject({ type: 'string', required: false, displayName: 'Image Url (required, URL or binary)' });
		expect(field('duration')).toMatchObject({ type: 'options', defaultValue: '5' });
		expect(field('cfg_scale')).toMatchObject({ type: 'number', defaultValue: 0.5, displayName: 'Cfg Scale (0–1)' });
		expect(fields.every((entry) => entry.canBeUsedToMatch === false)).toBe(true);
		// Generate Video's own fields set these: not offered again.
		expect(fields.filter((entry) => !entry.display).map((entry) => entry.id).sort()).toEqual(['aspect_ratio', 'duration', 'image_url', 'negative_prompt', 'prompt', 'tail_image_url']);
	});

	it('reads each endpoint\'s schema once while the cache holds it', async () => {
		const ask = () =>
			resourceMapping({
				nodeType: 'falAiGenerateImage',
				method: 'getModelInputFields',
				parameters: { model: byId('fal-ai/flux-lora') },
				credentials: falCredentials(fal()),
			});
		const first = await ask();
		const second = await ask();

		expect(second).toEqual(first);
		expect(fal().requestsOf('models')).toHaveLength(1);
	});

	it('says why there are no fields for an endpoint without a published schema', async () => {
		const result = await resourceMapping({
			nodeType: 'falAiGenerateImage',
			method: 'getModelInputFields',
			parameters: { model: byId('someone/private-app') },
			credentials: falCredentials(fal()),
		});

		expect(result.fields).toEqual([]);
		expect(result.emptyFieldsNotice).toBe('fal publishes no input schema for "someone/private-app", so its inputs cannot be listed here. Meanwhile, any input can be set in "Additional Input (Raw JSON, Applied Last)".');
	});

	it('asks for a fixed model when the model is an expression', async () => {
		const result = await resourceMapping({
			nodeType: 'falAiGenerateImage',
			method: 'getModelInputFields',
			parameters: { model: byId('={{ $json.model }}') },
			credentials: falCredentials(fal()),
		});

		expect(result.fields).toEqual([]);
		expect(result.emptyFieldsNotice).toMatch(/^A model given as an expression has no inputs to list while editing: they appear when the model is a fixed endpoint ID/);
		expect(fal().requestsOf('models')).toHaveLength(0);
	});

	it('says that fal did not accept the key instead of failing (the editor would show nothing), and lists the inputs once it does', async () => {
		const rule = fal().inject({ match: { kind: 'models' }, times: Infinity, action: { type: 'status', status: 401 } });
		const ask = () =>
			resourceMapping({
				nodeType: 'falAiGenerateImage',
				method: 'getModelInputFields',
				parameters: { model: byId('fal-ai/flux/dev') },
				credentials: falCredentials(fal()),
			});

		const rejected = await ask();
		expect(rejected.fields).toEqual([]);
		expect(rejected.emptyFieldsNotice).toMatch(/^fal did not accept the API key of this node's credential \(401\), so the inputs of "fal-ai\/flux\/dev" cannot be read\. Fix the key in the credential, then close and reopen this node/);

		fal().removeFault(rule);
		const accepted = await ask();
		expect(accepted.emptyFieldsNotice).toBeUndefined();
		expect(accepted.fields.map((field) => field.id)).toContain('prompt');
	});

	it('says when fal\'s platform API cannot be reached', async () => {
		fal().inject({ match: { kind: 'models' }, times: Infinity, action: { type: 'drop' } });
		const result = await resourceMapping({
			nodeType: 'falAiGenerateImage',
			method: 'getModelInputFields',
			parameters: { model: byId('fal-ai/flux/dev') },
			credentials: falCredentials(fal()),
		});
		expect(result.emptyFieldsNotice).toMatch(/^fal's platform API could not be reached/);
	});

	it('does not offer the inputs the node\'s typed fields set, nor fal-internal ones', async () => {
		const { fields } = await resourceMapping({
			nodeType: 'falAiGenerateImage',
			method: 'getModelInputFields',
			parameters: { model: byId('fal-ai/flux/dev') },
			credentials: falCredentials(fal()),
		});
		const offered = fields.filter((field) => field.display).map((field) => field.id);
		expect(offered).toEqual([]);
		const hidden = fields.filter((field) => !field.display).map((field) => field.id);
		expect(hidden).toEqual(expect.arrayContaining(['prompt', 'image_size', 'image_size__object', 'seed', 'num_inference_steps', 'sync_mode']));

		const lora = await resourceMapping({
			nodeType: 'falAiGenerateImage',
			method: 'getModelInputFields',
			parameters: { model: byId('fal-ai/flux-lora') },
			credentials: falCredentials(fal()),
		});
		expect(lora.fields.filter((field) => field.display).map((field) => field.id)).toEqual(['loras']);
	});
});

describe('model search (listSearch) paging', () => {
	it('follows fal\'s cursor: the token of one page asks for the next', async () => {
		const direct = await fetch(`${fal().hosts.platformUrl}/models?category=text-to-video&limit=1`);
		const { next_cursor: realCursor } = (await direct.json()) as { next_cursor: string };
		fal().reset();
		fal().inject({
			match: { kind: 'models' },
			action: {
				type: 'status',
				status: 200,
				body: {
					models: [{ endpoint_id: 'fal-ai/kling-video/v2/master/text-to-video', metadata: { display_name: 'Kling 2.0 Master', category: 'text-to-video' } }],
					next_cursor: realCursor,
					has_more: true,
				},
			},
		});

		const first = await listSearch({ nodeType: 'falAiGenerateVideo', method: 'searchVideoModels', credentials: falCredentials(fal()) });
		expect(first.paginationToken).toBe(realCursor);
		expect(first.results.map((result) => result.value)).toContain('fal-ai/kling-video/v2/master/text-to-video');

		const second = await listSearch({
			nodeType: 'falAiGenerateVideo',
			method: 'searchVideoModels',
			paginationToken: String(first.paginationToken),
			credentials: falCredentials(fal()),
		});
		const [, secondRequest] = fal().requestsOf('models');
		expect(secondRequest.query).toMatchObject({ cursor: realCursor });
		// The catalogue's text-to-video entries after the first, without the curated ones
		// (Kling 2.1 Master, Veo 3: listed on the first page, not again).
		expect(second.results.map((result) => result.value)).toEqual(['fal-ai/ltx-video']);
		expect(second.paginationToken).toBeUndefined();
	});
});
