/**
 * The model inputs Generate Video's own fields set for an endpoint, so its "Other Model Inputs"
 * leaves them out (one obvious place per setting). The frame image fields depend on the model
 * (./frameImageFields), and so does the form of the duration (`duration` or `num_frames`).
 */
import type { ModelInputSchema } from '../schema';
import { frameImageFields } from './frameImageFields';

const COMMON = ['prompt', 'duration', 'num_frames', 'aspect_ratio', 'resolution', 'negative_prompt', 'seed', 'generate_audio'];

export function videoTypedInputs(endpointId: string, schema: ModelInputSchema): string[] {
	const frames = frameImageFields(endpointId, schema);
	return [...COMMON, frames.start, frames.end];
}
