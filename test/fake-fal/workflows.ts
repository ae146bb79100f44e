/**
 * The fake account's fal Workflows (owner `fake-user`), as the platform API lists and details
 * them; running `workflows/fake-user/<name>` through the queue gives the `workflow` output of
 * ./models-beyond-images.
 */

export interface FakeWorkflow {
	name: string;
	title: string;
	description: string;
	user_nickname: string;
	created_at: string;
	updated_at: string;
	tags: string[];
	endpoint_ids: string[];
	thumbnail_url: string | null;
	is_public: boolean;
	contents: Record<string, unknown>;
}

const OWNER = 'fake-user';

function workflow(name: string, title: string, description: string, endpointIds: string[], day: number): FakeWorkflow {
	return {
		name,
		title,
		description,
		user_nickname: OWNER,
		created_at: `2025-05-${String(day).padStart(2, '0')}T09:00:00Z`,
		updated_at: `2025-06-${String(day).padStart(2, '0')}T09:00:00Z`,
		tags: ['n8n', 'test'],
		endpoint_ids: endpointIds,
		thumbnail_url: null,
		is_public: false,
		contents: {
			name,
			version: '1',
			nodes: Object.fromEntries(endpointIds.map((id, index) => [`node_${index}`, { id: `node_${index}`, type: 'run', app: id, depends: index ? [`node_${index - 1}`] : ['input'] }])),
			schema: {
				input: { prompt: { name: 'prompt', label: 'Prompt', type: 'string', required: true, description: 'What the workflow works from.', examples: ['A short story about a fox'] } },
				output: { script: { name: 'script', label: 'Script', type: 'string' }, audio: { name: 'audio', label: 'Audio', type: 'File' } },
			},
		},
	};
}

export const FAKE_WORKFLOWS: FakeWorkflow[] = [
	workflow('script-to-speech', 'Script to speech', 'An LLM writes a script from the prompt, Kokoro reads it aloud.', ['fal-ai/any-llm', 'fal-ai/kokoro/american-english'], 1),
	workflow('product-shots', 'Product shots', 'Three styled product images from one prompt.', ['fal-ai/flux/dev'], 2),
	workflow('podcast-clip', 'Podcast clip', 'Transcribe, summarise and voice a clip.', ['fal-ai/whisper', 'fal-ai/any-llm', 'fal-ai/kokoro/american-english'], 3),
];

export function workflowDetails(owner: string, name: string): FakeWorkflow | undefined {
	return FAKE_WORKFLOWS.find((entry) => entry.user_nickname === owner && entry.name === name);
}
