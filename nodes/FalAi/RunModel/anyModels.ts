/**
 * The Run Model picker: endpoints of every kind, searched across all of fal's categories.
 */
import type { ModelTask } from '../methods/curatedModels';
import { createModelSearch } from '../methods/listSearch';

export const ANY_MODEL_TASK: ModelTask = {
	// No categories: the live search covers the whole catalogue.
	categories: [],
	curated: [
		{ id: 'fal-ai/kokoro/american-english', name: 'Kokoro TTS (American English)', description: 'Text to speech (WAV)' },
		{ id: 'fal-ai/elevenlabs/tts/multilingual-v2', name: 'ElevenLabs TTS Multilingual v2', description: 'Text to speech (MP3)' },
		{ id: 'fal-ai/minimax/speech-02-hd', name: 'MiniMax Speech 02 HD', description: 'Text to speech' },
		{ id: 'fal-ai/stable-audio', name: 'Stable Audio Open', description: 'Music and sound effects from a prompt' },
		{ id: 'cassetteai/music-generator', name: 'CassetteAI Music Generator', description: 'Music from a prompt' },
		{ id: 'fal-ai/trellis', name: 'Trellis', description: 'Image to 3D mesh (GLB)' },
		{ id: 'fal-ai/any-llm', name: 'Any LLM', description: 'Text from a prompt with the LLM of your choice' },
		{ id: 'openrouter/router', name: 'OpenRouter', description: 'Any OpenRouter model' },
		{ id: 'fal-ai/birefnet', name: 'BiRefNet', description: 'Background removal' },
		{ id: 'fal-ai/clarity-upscaler', name: 'Clarity Upscaler', description: 'Image upscaling' },
		{ id: 'fal-ai/sync-lipsync', name: 'Sync Lipsync', description: 'Lip-sync a video to audio' },
		{ id: 'fal-ai/flux/dev', name: 'FLUX.1 [dev]', description: 'Text to image' },
	],
};

/** `methods.listSearch.searchAnyModels`. */
export const searchAnyModels = createModelSearch(ANY_MODEL_TASK);
