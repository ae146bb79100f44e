/**
 * The input field Generate Image sends its source image(s) in when "Send Source Image As" is
 * Auto: fal's image-to-image and edit endpoints take either one `image_url` or a list
 * `image_urls` (Nano Banana edit, Seedream edit, …), and the wrong one gets a 422.
 */
import type { ModelInputSchema } from '../schema';

export type SourceImageField = 'image_url' | 'image_urls';

/** Endpoints known to take a list, for when their schema cannot be loaded. */
const LIST_ENDPOINTS: RegExp[] = [
	/\/nano-banana[^/]*\/edit$/,
	/\/gemini-[^/]*\/edit$/,
	/\/seedream\/.+\/edit$/,
	/\/qwen-image-edit-plus(\/|$)/,
	/\/kontext\/(max\/)?multi$/,
];

/**
 * The field for `imageCount` images: the one the endpoint's schema has (the list when it has
 * both and several images are given), else the list for known list endpoints or several
 * images, else `image_url`, which most endpoints use.
 */
export function autoSourceImageField(endpointId: string, schema: ModelInputSchema | undefined, imageCount: number): SourceImageField {
	const properties = schema?.root.properties ?? {};
	const takesOne = 'image_url' in properties;
	const takesList = 'image_urls' in properties;
	if (takesList && (!takesOne || imageCount > 1)) return 'image_urls';
	if (takesOne) return 'image_url';
	if (LIST_ENDPOINTS.some((pattern) => pattern.test(endpointId.toLowerCase())) || imageCount > 1) return 'image_urls';
	return 'image_url';
}
