/**
 * The video endpoints offered first in the model picker, and the picker's search.
 */
import { createModelSearch } from '../methods/listSearch';
import type { ModelTask } from '../methods/curatedModels';

/** The default model of a new Generate Video node. */
export const DEFAULT_VIDEO_MODEL = 'fal-ai/kling-video/v2.1/master/text-to-video';

export const VIDEO_TASK: ModelTask = {
	noun: 'video',
	categories: ['text-to-video', 'image-to-video'],
	curated: [
		{ id: DEFAULT_VIDEO_MODEL, name: 'Kling 2.1 Master', description: 'Text to video, 5 or 10 s' },
		{ id: 'fal-ai/kling-video/v2.1/master/image-to-video', name: 'Kling 2.1 Master image to video', description: 'Animate an image, 5 or 10 s' },
		{ id: 'fal-ai/kling-video/v2.1/pro/image-to-video', name: 'Kling 2.1 Pro image to video', description: 'Start and optional end image (tail_image_url), 5 or 10 s' },
		{ id: 'fal-ai/kling-video/v2.1/standard/image-to-video', name: 'Kling 2.1 Standard image to video', description: 'Cost-efficient, 5 or 10 s' },
		{ id: 'fal-ai/kling-video/v2.5-turbo/pro/text-to-video', name: 'Kling 2.5 Turbo Pro', description: 'Text to video, 5 or 10 s' },
		{ id: 'fal-ai/kling-video/v2.5-turbo/pro/image-to-video', name: 'Kling 2.5 Turbo Pro image to video', description: 'Animate an image, 5 or 10 s' },
		{ id: 'fal-ai/veo3', name: 'Veo 3', description: 'Google\'s text to video with sound, 4, 6 or 8 s' },
		{ id: 'fal-ai/veo3/fast', name: 'Veo 3 Fast', description: 'Faster, cheaper Veo 3 with sound' },
		{ id: 'fal-ai/veo3/fast/image-to-video', name: 'Veo 3 Fast image to video', description: 'Animate an image with sound' },
		{ id: 'fal-ai/wan/v2.2-a14b/text-to-video', name: 'Wan 2.2 A14B', description: 'Open text to video (duration as frames at 16 fps)' },
		{ id: 'fal-ai/wan/v2.2-a14b/image-to-video', name: 'Wan 2.2 A14B image to video', description: 'Open image to video' },
		{ id: 'fal-ai/wan-25-preview/text-to-video', name: 'Wan 2.5', description: 'Text to video, 5 or 10 s' },
		{ id: 'fal-ai/ltx-2/text-to-video/fast', name: 'LTX-2 Fast', description: 'Text to video with sound, 6 to 20 s' },
		{ id: 'fal-ai/ltx-2/image-to-video/fast', name: 'LTX-2 Fast image to video', description: 'Animate an image with sound' },
		{ id: 'fal-ai/minimax/hailuo-02/standard/text-to-video', name: 'MiniMax Hailuo 02 Standard', description: 'Text to video, 6 or 10 s, 768P' },
		{ id: 'fal-ai/minimax/hailuo-02/standard/image-to-video', name: 'MiniMax Hailuo 02 Standard image to video', description: 'Start and optional end image (end_image_url)' },
		{ id: 'fal-ai/minimax/hailuo-02/pro/image-to-video', name: 'MiniMax Hailuo 02 Pro image to video', description: '1080P image to video' },
	],
};

/** Picker for video models (Generate Video). */
export const searchVideoModels = createModelSearch(VIDEO_TASK);
