/**
 * Trying the nodes without a key (`npm start` with the fake fal) must work end to end for the
 * model a new node starts with: the fake must publish its schema, or Model Inputs says "no
 * schema" on the very first node a user opens.
 */
import type { INodeProperties } from 'n8n-workflow';

import { FalAiGenerateImage } from '../../nodes/FalAi/GenerateImage/FalAiGenerateImage.node';
import { FalAiGenerateVideo } from '../../nodes/FalAi/GenerateVideo/FalAiGenerateVideo.node';
import { FalAiTranscribe } from '../../nodes/FalAi/Transcribe/FalAiTranscribe.node';
import { resourceMapping } from '../harness';
import { falCredentials, useFakeFal } from './support';

const fal = useFakeFal();

const nodes = [new FalAiGenerateImage(), new FalAiGenerateVideo(), new FalAiTranscribe()].map((node) => {
	const model = node.description.properties.find((property: INodeProperties) => property.name === 'model')!;
	return [node.description.name, (model.default as { value: string }).value] as const;
});

describe('the default model of every model node', () => {
	it.each(nodes)('of %s (%s) gets its Model Inputs from the fake fal', async (nodeType, endpointId) => {
		const result = await resourceMapping({
			nodeType,
			method: 'getModelInputFields',
			parameters: { model: { __rl: true, mode: 'list', value: endpointId } },
			credentials: falCredentials(fal()),
		});
		expect(result.emptyFieldsNotice).toBeUndefined();
		expect(result.fields.length).toBeGreaterThan(0);
	});
});
