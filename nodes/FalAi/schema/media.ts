/**
 * Which input fields take media: those get a URL, or the name of a binary field of the item
 * which is then uploaded to fal storage for them.
 *
 * fal's convention is a `_url` / `_urls` suffix (`image_url`, `audio_url`, `image_urls`). Other
 * fields count when they are declared as URIs (`format: uri`) and their name or description
 * speaks of an image, audio or video.
 */
import type { InputSchemaNode } from './types';

const MEDIA_WORDS = /image|photo|picture|audio|sound|speech|voice|video|mask/i;

/** How a media field holds its URLs. */
export type MediaFieldShape = 'single' | 'list';

/** Whether `name` (with its schema) is a media field, and whether it takes one URL or a list. */
export function mediaFieldShape(name: string, node: InputSchemaNode): MediaFieldShape | undefined {
	const list = node.type === 'array' || node.anyOf?.some((branch) => branch.type === 'array') === true;
	if (/_urls$/i.test(name)) return 'list';
	if (/_url$/i.test(name)) return list ? 'list' : 'single';
	const uri = node.format === 'uri' || node.items?.format === 'uri';
	if (uri && MEDIA_WORDS.test(`${name.replace(/_/g, ' ')} ${node.title ?? ''} ${node.description ?? ''}`)) {
		return list ? 'list' : 'single';
	}
	return undefined;
}
