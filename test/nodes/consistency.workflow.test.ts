/**
 * The same mistake reads the same way in every node (issue 10, point 7): an empty prompt is a
 * precise item-and-field error (never n8n's generic "workflow has issues"), fal's 422 is one
 * sentence per field, the picker says when nothing of its task matches, and the canvas subtitle
 * names the model.
 */
import type { INode, INodeParameters, INodeType, INodeTypeDescription, INodeTypes } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { FalAiGenerateImage } from '../../nodes/FalAi/GenerateImage/FalAiGenerateImage.node';
import { FalAiGenerateVideo } from '../../nodes/FalAi/GenerateVideo/FalAiGenerateVideo.node';
import { FalAiTranscribe } from '../../nodes/FalAi/Transcribe/FalAiTranscribe.node';
import { listSearch } from '../harness';
import { falCredentials, imageNode, modelNode, rejectNextSubmit, runSingleNode, useFakeFal } from './support';

const fal = useFakeFal();

const VIDEO = { name: 'Generate Video', type: 'falAiGenerateVideo', model: 'fal-ai/kling-video/v2/master/text-to-video' };

function issuesOf(description: INodeTypeDescription, parameters: INodeParameters) {
	const node: INode = { id: 'n1', name: 'Fal', type: description.name, typeVersion: 1, position: [0, 0], parameters: {} };
	node.parameters = NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description) ?? {};
	return NodeHelpers.getNodeParametersIssues(description.properties, node, description);
}

describe('an empty prompt', () => {
	it('is no parameter issue for n8n in any model node (that would stop the run with a generic toast)', () => {
		const model = { __rl: true, mode: 'id', value: 'fal-ai/kling-video/v2/master/text-to-video' };
		expect(issuesOf(new FalAiGenerateVideo().description, { model, prompt: '' })).toBeNull();
		expect(issuesOf(new FalAiGenerateImage().description, { model: { ...model, value: 'fal-ai/flux/dev' }, prompt: '' })).toBeNull();
		expect(issuesOf(new FalAiTranscribe().description, { model: { ...model, value: 'fal-ai/whisper' }, audioSource: 'url', audioUrl: 'https://example.com/a.wav' })).toBeNull();
	});

	it.each([
		['Generate Video', modelNode(VIDEO, { prompt: '', outputMedia: 'url' })],
		['Generate Image', imageNode({ prompt: '', outputMedia: 'url' })],
	])('fails in %s naming the item and the field, and nothing reaches fal', async (_name, node) => {
		const result = await runSingleNode(fal(), node);
		expect(result.error?.message).toBe('Item 0: "Prompt" is required');
		expect(fal().requestsOf('submit')).toHaveLength(0);
	});
});

describe('fal\'s 422', () => {
	it('becomes one clean sentence naming the field', async () => {
		rejectNextSubmit(fal(), [{ loc: ['body', 'prompt'], msg: 'The prompt was rejected by the content filter', type: 'value_error' }]);
		const result = await runSingleNode(fal(), imageNode({ prompt: 'a fox', outputMedia: 'url' }));
		expect(result.error?.message).toBe('Item 0: fal rejected "prompt": The prompt was rejected by the content filter.');
		expect(fal().requestsOf('submit')[0].body).toMatchObject({ prompt: 'a fox' });
	});
});

describe('model search', () => {
	it('says when no model of the node\'s task matches, and points to "By ID"', async () => {
		const { results } = await listSearch({ nodeType: 'falAiGenerateImage', method: 'searchImageModels', credentials: falCredentials(fal()), filter: 'whisper' });
		expect(results).toEqual([
			expect.objectContaining({ name: 'No image model matches "whisper": use "By ID"', value: '' }),
		]);
		expect(fal().requestsOf('models')[0].query).toMatchObject({ q: 'whisper' });
	});

	it('offers typed text that is an endpoint id as the pick when nothing matches it', async () => {
		const { results } = await listSearch({ nodeType: 'falAiGenerateImage', method: 'searchImageModels', credentials: falCredentials(fal()), filter: 'someone/private-app' });
		expect(results).toEqual([expect.objectContaining({ name: 'No image model matches: use "someone/private-app" as ID', value: 'someone/private-app' })]);
	});
});

describe('the canvas subtitle', () => {
	/** The subtitle as n8n's editor computes it (`getSimpleParameterValue` of the node's expression). */
	function subtitleOf(nodeType: INodeType, model: unknown): unknown {
		const nodeTypes = { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) } as unknown as INodeTypes;
		const node: INode = { id: '1', name: 'N', type: 'x', typeVersion: 1, position: [0, 0], parameters: { model } as INodeParameters };
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		return workflow.expression.getSimpleParameterValue(node, nodeType.description.subtitle as string, 'internal', {});
	}

	it('shows the display name of a curated model, by ID or from the list, and the id otherwise', () => {
		const video = new FalAiGenerateVideo();
		expect(subtitleOf(video, { __rl: true, mode: 'id', value: 'fal-ai/kling-video/v2.1/master/text-to-video' })).toBe('Kling 2.1 Master');
		expect(subtitleOf(video, { __rl: true, mode: 'list', value: 'fal-ai/veo3', cachedResultName: 'Veo 3 (fal-ai/veo3)' })).toBe('Veo 3');
		expect(subtitleOf(video, { __rl: true, mode: 'id', value: 'someone/app' })).toBe('someone/app');
		expect(subtitleOf(new FalAiGenerateImage(), { __rl: true, mode: 'list', value: 'fal-ai/flux/schnell' })).toBe('FLUX.1 [schnell]');
		expect(subtitleOf(new FalAiTranscribe(), { __rl: true, mode: 'list', value: 'fal-ai/whisper' })).toBe('Whisper');
	});
});
