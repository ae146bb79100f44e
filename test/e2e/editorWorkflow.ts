/**
 * The workflow the editor screenshot test opens: one of each fal.ai node wired like a real
 * pipeline (its model nodes store their Model Inputs field list as the editor does, so opening
 * them changes nothing), plus nodes that put Model Inputs in each state a user can meet.
 */
import { editorModelInputs } from '../support/editorModelInputs';
import { FAL_E2E_CREDENTIAL_ID } from './lib';

const credentials = { falAiApi: { id: FAL_E2E_CREDENTIAL_ID, name: 'fal.ai' } };

const IMAGE = 'n8n-nodes-falai.falAiGenerateImage';
const VIDEO = 'n8n-nodes-falai.falAiGenerateVideo';
const TRANSCRIBE = 'n8n-nodes-falai.falAiTranscribe';

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const node = (n: number) => `a0000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;

export const RECRAFT = 'fal-ai/recraft/v3/text-to-image';

export const editorWorkflow = {
	id: 'e2eEditorShot001',
	name: 'e2e: every fal.ai node in the editor',
	active: false,
	settings: { executionOrder: 'v1' },
	connections: {
		'Start': {
			main: [
				[
					{ node: 'Generate Image', type: 'main', index: 0 },
					{ node: 'Recraft', type: 'main', index: 0 },
				],
			],
		},
		'Generate Image': { main: [[{ node: 'Upload File', type: 'main', index: 0 }]] },
		'Upload File': { main: [[{ node: 'Generate Video', type: 'main', index: 0 }]] },
		'Generate Video': { main: [[{ node: 'Transcribe', type: 'main', index: 0 }]] },
		'Fal.ai Trigger': { main: [[{ node: 'Queue Status', type: 'main', index: 0 }]] },
	},
	nodes: [
		{ id: node(1), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: node(2), name: 'Generate Image', type: IMAGE, typeVersion: 1, position: [240, 0], credentials,
			parameters: {
				model: { __rl: true, mode: 'list', value: 'fal-ai/flux/schnell', cachedResultName: 'FLUX.1 [schnell] (fal-ai/flux/schnell)' },
				prompt: 'A watercolor fox in a misty forest at dawn',
				imageSize: 'landscape_4_3',
				numImages: 1,
				modelInputs: editorModelInputs(IMAGE, 'fal-ai/flux/schnell'),
				executionMode: 'wait',
				outputMedia: 'binary',
				options: {},
			},
		},
		{
			id: node(3), name: 'Upload File', type: 'n8n-nodes-falai.falAiUploadFile', typeVersion: 1, position: [480, 0], credentials,
			parameters: { source: 'binary', binaryPropertyName: 'image_0', options: {} },
		},
		{
			id: node(4), name: 'Generate Video', type: VIDEO, typeVersion: 1, position: [720, 0], credentials,
			parameters: {
				model: byId('fal-ai/kling-video/v2.1/standard/image-to-video'),
				prompt: 'The fox trots through the snow towards the camera',
				startImageSource: 'url',
				startImageUrl: '={{ $json.url }}',
				duration: 5,
				modelInputs: editorModelInputs(VIDEO, 'fal-ai/kling-video/v2.1/standard/image-to-video'),
				executionMode: 'wait',
				outputMedia: 'url',
				options: {},
			},
		},
		{
			id: node(5), name: 'Transcribe', type: TRANSCRIBE, typeVersion: 1, position: [960, 0], credentials,
			parameters: {
				model: byId('fal-ai/whisper'),
				audioSource: 'url',
				audioUrl: '={{ $json.video.url }}',
				task: 'transcribe',
				modelInputs: editorModelInputs(TRANSCRIBE, 'fal-ai/whisper'),
				executionMode: 'wait',
				options: {},
			},
		},
		{
			id: node(6), name: 'Fal.ai Trigger', type: 'n8n-nodes-falai.falAiTrigger', typeVersion: 1, position: [240, 420], credentials,
			webhookId: 'a0000000-0000-4000-8000-0000000000ff',
			parameters: { outcome: 'any', downloadMedia: false, acceptUnsignedCalls: false, options: {} },
		},
		{
			id: node(7), name: 'Queue Status', type: 'n8n-nodes-falai.falAiQueueStatus', typeVersion: 1, position: [480, 420], credentials,
			parameters: { operation: 'getResult', endpointId: '={{ $json.endpoint_id }}', requestId: '={{ $json.request_id }}', outputMedia: 'url', options: {} },
		},
		{
			id: node(8), name: 'Recraft', type: IMAGE, typeVersion: 1, position: [240, 200], credentials,
			parameters: {
				model: byId(RECRAFT),
				prompt: 'A lighthouse on a cliff, flat vector art',
				modelInputs: editorModelInputs(IMAGE, RECRAFT),
				executionMode: 'wait',
				outputMedia: 'url',
				options: {},
			},
		},
		// Model Inputs states: fal rejects the key (a fault of the fake), no schema, an expression.
		{
			id: node(9), name: 'Schema Load Fails', type: IMAGE, typeVersion: 1, position: [720, 420], credentials,
			parameters: { model: byId('fal-ai/flux-lora'), prompt: 'x', executionMode: 'wait', outputMedia: 'url', options: {} },
		},
		{
			id: node(10), name: 'No Schema', type: IMAGE, typeVersion: 1, position: [960, 420], credentials,
			parameters: { model: byId('someone/private-app'), prompt: 'x', executionMode: 'wait', outputMedia: 'url', options: {} },
		},
		{
			id: node(11), name: 'Model From Expression', type: IMAGE, typeVersion: 1, position: [1200, 420], credentials,
			parameters: { model: byId('={{ $json.model }}'), prompt: 'x', executionMode: 'wait', outputMedia: 'url', options: {} },
		},
	],
};

/** Names of this package's nodes in the workflow. */
export const ourNodeNames = editorWorkflow.nodes.filter((entry) => entry.type.startsWith('n8n-nodes-falai.')).map((entry) => entry.name);
