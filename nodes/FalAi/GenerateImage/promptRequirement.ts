/**
 * Whether an image endpoint needs a prompt. Most do, but background removal, upscalers and
 * similar image-to-image endpoints have none, and a dummy prompt would only be sent for nothing.
 *
 * The endpoint's published schema decides when it can be loaded; without it, the curated models
 * of the picker (all prompt-driven) need one and any other endpoint gets none when Prompt is empty.
 */
import { IMAGE_TASK } from '../methods/curatedModels';
import type { ModelInputSchema } from '../schema';

const CURATED_IMAGE_MODELS = new Set(IMAGE_TASK.curated.map((model) => model.id));

/** True when `endpointId` cannot run without a prompt, judged by its schema (if known). */
export function requiresPrompt(endpointId: string, schema: ModelInputSchema | undefined): boolean {
	if (schema) return schema.root.required?.includes('prompt') === true;
	return CURATED_IMAGE_MODELS.has(endpointId);
}
