/**
 * Hand-picked endpoints shown first in each node's model picker, with the catalogue category
 * their live search uses. Add a task here (and a search method in ./listSearch) for a new node.
 */

export interface CuratedModel {
	id: string;
	name: string;
	description?: string;
}

export interface ModelTask {
	/** What the task's models are called in messages ("image", "video"). */
	noun?: string;
	/** fal catalogue categories of the task; the first one is listed when nothing is typed. */
	categories: string[];
	curated: CuratedModel[];
}

export const IMAGE_TASK: ModelTask = {
	noun: 'image',
	categories: ['text-to-image', 'image-to-image'],
	curated: [
		{ id: 'fal-ai/flux/dev', name: 'FLUX.1 [dev]', description: 'Text to image, high quality' },
		{ id: 'fal-ai/flux/schnell', name: 'FLUX.1 [schnell]', description: 'Text to image in 1 to 4 steps' },
		{ id: 'fal-ai/flux-pro/v1.1-ultra', name: 'FLUX1.1 [pro] ultra', description: 'Text to image up to 2K' },
		{ id: 'fal-ai/flux-pro/kontext', name: 'FLUX.1 Kontext [pro]', description: 'Edit an image (image_url)' },
		{ id: 'fal-ai/flux/dev/image-to-image', name: 'FLUX.1 [dev] image to image', description: 'Image to image (image_url)' },
		{ id: 'fal-ai/recraft/v3/text-to-image', name: 'Recraft V3', description: 'Text to image, vector and brand styles' },
		{ id: 'fal-ai/ideogram/v3', name: 'Ideogram V3', description: 'Text to image with legible text' },
		{ id: 'fal-ai/imagen4/preview', name: 'Imagen 4', description: 'Google\'s text to image' },
		{ id: 'fal-ai/nano-banana', name: 'Nano Banana', description: 'Gemini text to image' },
		{ id: 'fal-ai/nano-banana/edit', name: 'Nano Banana edit', description: 'Edit images (image_urls)' },
		{ id: 'fal-ai/stable-diffusion-v35-large', name: 'Stable Diffusion 3.5 Large', description: 'Text to image' },
	],
};
