/**
 * The model inputs Generate Image's own fields set, so its "Other Model Inputs" leaves them out
 * (one obvious place per setting).
 */
import type { ModelInputSchema } from '../schema';

/** Inputs set by Prompt, Image Size, Number of Images, Source Image and the Common Inputs. */
export const IMAGE_TYPED_INPUTS = [
	'prompt',
	'image_size',
	'num_images',
	'image_url',
	'image_urls',
	'negative_prompt',
	'seed',
	'num_inference_steps',
	'guidance_scale',
	'enable_safety_checker',
	'output_format',
] as const;

export function imageTypedInputs(_endpointId: string, _schema: ModelInputSchema): readonly string[] {
	return IMAGE_TYPED_INPUTS;
}
