/**
 * A long job says what it does (issue 10, point 6): while a Wait for Result node waits, each
 * change of the request's status and queue position goes to the editor through n8n's
 * `sendMessageToUI` (the only progress channel n8n 2.8 gives a running node), once per change.
 */
import { runWorkflow } from '../harness';
import { falCredentials, modelNode, useFakeFal } from './support';

// One job at a time, each running 400 ms: the second item waits in the queue behind the first.
const fal = useFakeFal({ queueMs: 20, runMs: 400, concurrency: 1 });

const VIDEO = { name: 'Generate Video', type: 'falAiGenerateVideo', model: 'fal-ai/kling-video/v2.1/master/text-to-video' };

it('tells the editor each status and queue position of every item, in order', async () => {
	const messages: unknown[] = [];
	const result = await runWorkflow({
		nodes: [modelNode(VIDEO, { prompt: '={{ $json.prompt }}', outputMedia: 'url', options: { maxConcurrency: 2 } })],
		items: [{ json: { prompt: 'one' } }, { json: { prompt: 'two' } }],
		credentials: falCredentials(fal()),
		onUiMessage: (type, data) => {
			if (type === 'sendConsoleMessage') messages.push(data);
		},
	});

	expect(result.error).toBeUndefined();
	const texts = messages.map((message) => (message as { messages: unknown[] }).messages.join(' '));
	for (const item of [0, 1]) {
		const own = texts.filter((text) => text.startsWith(`fal.ai: Item ${item}, ${VIDEO.model}: `));
		expect(own[0]).toMatch(/: in queue/);
		expect(own).toContain(`fal.ai: Item ${item}, ${VIDEO.model}: running`);
		expect(own[own.length - 1]).toBe(`fal.ai: Item ${item}, ${VIDEO.model}: done`);
		expect(new Set(own).size).toBe(own.length);
	}
	expect(texts.some((text) => /: in queue, position \d+$/.test(text))).toBe(true);
});
