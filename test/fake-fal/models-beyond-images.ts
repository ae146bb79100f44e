/**
 * Outputs of the fake's speech, music, 3D, LLM and fal Workflows endpoints, shaped like the
 * real ones on fal: Kokoro / MiniMax speech `{audio: File}` (WAV), ElevenLabs `{audio: File}`
 * (MP3), Stable Audio `{audio_file: File}`, Trellis `{model_mesh: File, timings}` (GLB), any-llm
 * `{output, reasoning, partial, error}`, and a workflow whose output nodes give `{audio, script}`.
 */
import type { OutputContext } from './models';

export type BeyondImageKind = 'speech' | 'music' | '3d' | 'llm' | 'workflow';

/** The fake's File object: `{url, content_type, file_name, file_size}` (fal's `File`). */
function file(context: OutputContext, fileName: string, contentType: string, size: number): Record<string, unknown> {
	return {
		url: `${context.baseUrl}/media/generated/${context.requestId}/${fileName}`,
		content_type: contentType,
		file_name: fileName,
		file_size: size,
	};
}

/** What the LLM endpoint answers: the prompt's words, echoed in a fixed sentence. */
export function llmText(input: Record<string, unknown>): string {
	const prompt = typeof input.prompt === 'string' ? input.prompt : '';
	return `The fake model read ${prompt.split(/\s+/).filter(Boolean).length} words and answers: ${prompt}`.trim();
}

export function beyondImageOutput(
	kind: BeyondImageKind,
	input: Record<string, unknown>,
	context: OutputContext,
	sizeOf: (fileName: string) => number,
): Record<string, unknown> {
	switch (kind) {
		case 'speech': {
			const mp3 = context.endpointId.includes('elevenlabs') || input.output_format === 'mp3';
			const name = mp3 ? 'speech.mp3' : 'speech.wav';
			return { audio: file(context, name, mp3 ? 'audio/mpeg' : 'audio/wav', sizeOf(name)) };
		}
		case 'music':
			return { audio_file: file(context, 'music.wav', 'audio/wav', sizeOf('music.wav')) };
		case '3d':
			return { model_mesh: file(context, 'model_mesh.glb', 'model/gltf-binary', sizeOf('model_mesh.glb')), timings: { prepare: 0.01, generation: context.inferenceSeconds } };
		case 'llm':
			return { output: llmText(input), reasoning: null, partial: false, error: null };
		case 'workflow':
			return { script: llmText(input), audio: file(context, 'narration.wav', 'audio/wav', sizeOf('narration.wav')) };
	}
}

/** A partial streamed result: LLM text grows word by word, media endpoints report progress. */
export function beyondImagePartial(kind: BeyondImageKind, input: Record<string, unknown>, step: number, steps: number): Record<string, unknown> {
	if (kind !== 'llm') return { progress: step / steps };
	const words = llmText(input).split(' ');
	return { output: words.slice(0, Math.max(1, Math.floor((words.length * step) / steps))).join(' '), reasoning: null, partial: true, error: null };
}
