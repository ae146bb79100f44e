/**
 * n8n refuses to run a workflow whose nodes have parameter issues ("The workflow has issues and
 * cannot be executed"), in the editor and in production. These tests ask n8n-workflow's own
 * check about nodes saved the way n8n 2.8's editor saves them: a Model Inputs field the model
 * requires but the user did not add (because a typed field or the JSON provides it) must not
 * be an issue, nor an empty Prompt for a model without one.
 */
import type { INode, INodeParameters, INodeTypeDescription, ResourceMapperValue } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { FalAiGenerateImage } from '../../nodes/FalAi/GenerateImage/FalAiGenerateImage.node';
import { FalAiGenerateVideo } from '../../nodes/FalAi/GenerateVideo/FalAiGenerateVideo.node';
import { FalAiTranscribe } from '../../nodes/FalAi/Transcribe/FalAiTranscribe.node';
import { modelInputs } from './support';

const DESCRIPTIONS: Record<string, INodeTypeDescription> = {
	falAiGenerateImage: new FalAiGenerateImage().description,
	falAiGenerateVideo: new FalAiGenerateVideo().description,
	falAiTranscribe: new FalAiTranscribe().description,
};

/** The node as the editor stores it: the parameters given, completed with their defaults. */
function savedNode(type: string, endpointId: string, parameters: INodeParameters): { node: INode; description: INodeTypeDescription } {
	const description = DESCRIPTIONS[type];
	const given = { model: { __rl: true, mode: 'list', value: endpointId }, ...parameters } as INodeParameters;
	const node: INode = {
		id: 'node-1',
		name: 'Fal',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { falAiApi: { id: '1', name: 'fal' } },
	};
	node.parameters = NodeHelpers.getNodeParameters(description.properties, given, true, false, node, description) ?? {};
	return { node, description };
}

function issuesOf(type: string, endpointId: string, parameters: INodeParameters) {
	const { node, description } = savedNode(type, endpointId, parameters);
	return NodeHelpers.getNodeParametersIssues(description.properties, node, description);
}

describe('parameter issues of nodes saved by the editor', () => {
	it.each([
		['falAiGenerateImage', 'fal-ai/flux/dev', { prompt: 'a fox' }, { num_images: 2 }],
		['falAiGenerateImage', 'fal-ai/nano-banana/edit', { prompt: 'edit', sourceImageSource: 'url', sourceImageUrl: 'https://example.com/a.png' }, { aspect_ratio: '16:9' }],
		['falAiGenerateVideo', 'fal-ai/kling-video/v2/master/image-to-video', { prompt: 'walk', startImageSource: 'url', startImageUrl: 'https://example.com/a.png' }, { cfg_scale: 0.5 }],
		['falAiTranscribe', 'fal-ai/whisper', { audioSource: 'url', audioUrl: 'https://example.com/a.mp3' }, { batch_size: 8 }],
	])('%s with %s: a required model input left to a typed field is no issue', (type, endpointId, typed, added) => {
		const issues = issuesOf(type, endpointId, { ...typed, modelInputs: modelInputs(endpointId, added) as never });
		expect(issues).toBeNull();
	});

	it('would report the required inputs if the mapper marked them required (what stopped every run)', () => {
		const inputs = modelInputs('fal-ai/flux/dev', { num_images: 2 });
		const markedRequired: ResourceMapperValue = {
			...inputs,
			schema: inputs.schema.map((field) => (field.id === 'prompt' ? { ...field, required: true } : field)),
		};
		const issues = issuesOf('falAiGenerateImage', 'fal-ai/flux/dev', { prompt: 'a fox', modelInputs: markedRequired as never });
		expect(issues?.parameters?.['modelInputs.prompt']).toEqual(['Input "prompt" is required']);
	});

	it('labels the inputs the model requires instead', () => {
		const { schema } = modelInputs('fal-ai/nano-banana/edit', {});
		expect(schema.find((field) => field.id === 'prompt')).toMatchObject({ required: false, displayName: 'Prompt (required)' });
		expect(schema.find((field) => field.id === 'image_urls')?.displayName).toBe('Image URLs (required, URLs or binary)');
	});

	it('takes an empty Prompt in Generate Image (models without a prompt, e.g. background removal)', () => {
		expect(issuesOf('falAiGenerateImage', 'fal-ai/birefnet', { prompt: '', sourceImageSource: 'binary' })).toBeNull();
	});
});
