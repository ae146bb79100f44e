/**
 * The input fields of a video endpoint's start and end images when the node leaves them to the
 * endpoint: the ones its published schema has, else the family's usual names (./videoFamilies).
 *
 * fal spells them differently per model (`image_url` / `tail_image_url` for Kling,
 * `end_image_url` for MiniMax and Wan, `first_frame_url` / `last_frame_url` for Veo, …); the
 * family rules guess from the id, the schema knows.
 */
import type { ModelInputSchema } from '../schema';
import { imageFieldsOf, type ImageFields } from './videoFamilies';

/** Names fal uses for the first frame, most common first. */
const START_FIELDS = ['image_url', 'first_frame_url', 'start_image_url', 'first_frame_image_url', 'start_frame_url'];
/** Names fal uses for the last frame, most common first. */
const END_FIELDS = ['tail_image_url', 'end_image_url', 'last_frame_url', 'last_frame_image_url', 'end_frame_url'];

/** The start and end image fields of `endpointId`, from its schema when it has them. */
export function frameImageFields(endpointId: string, schema: ModelInputSchema | undefined): ImageFields {
	const family = imageFieldsOf(endpointId);
	const properties = schema?.root.properties;
	if (!properties) return family;
	const pick = (familyName: string, names: string[]) =>
		familyName in properties ? familyName : (names.find((name) => name in properties) ?? familyName);
	return { start: pick(family.start, START_FIELDS), end: pick(family.end, END_FIELDS) };
}
