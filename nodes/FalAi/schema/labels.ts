/**
 * Readable names for the values of an enum input, as the node's typed fields spell them:
 * `landscape_4_3` → "Landscape 4:3", `square_hd` → "Square HD", `jpeg` → "JPEG". Only the name
 * shown changes; the value sent to fal stays the enum's own. Also the label of an input itself.
 */

/** Words written in capitals (formats, units, abbreviations). */
const CAPITALS = new Set(['hd', 'sd', 'uhd', 'jpeg', 'jpg', 'png', 'webp', 'gif', 'svg', 'mp3', 'mp4', 'wav', 'ogg', 'srt', 'vtt', 'rgb', 'rgba', 'cfg', 'url', 'id', 'ai', 'api', 'tts', 'stt']);

/** The name shown for one enum value. */
export function optionLabel(value: string | number | boolean): string {
	if (typeof value !== 'string') return String(value);
	// "realistic_image/b_and_w": each part on its own.
	if (value.includes('/')) return value.split('/').map((part) => optionLabel(part)).join(' / ');
	// Values that are already written for people ("16:9", "720p", "5", "Portrait") stay as they are.
	if (!/^[a-z0-9]+(?:[_-][a-z0-9]+)*$/.test(value) || /^\d/.test(value)) return value;
	const words = value.split(/[_-]/);
	const parts: string[] = [];
	for (let index = 0; index < words.length; index++) {
		const word = words[index];
		const next = words[index + 1];
		// "4_3", "16_9": an aspect ratio.
		if (/^\d+$/.test(word) && next !== undefined && /^\d+$/.test(next)) {
			parts.push(`${word}:${next}`);
			index++;
			continue;
		}
		parts.push(CAPITALS.has(word) ? word.toUpperCase() : word[0].toUpperCase() + word.slice(1));
	}
	return parts.join(' ');
}

/** The label of an input without notes: fal's title, else its humanized name. */
export function inputLabel(name: string, node: { title?: string } | undefined): string {
	return node?.title?.trim() || humanize(name);
}

/** `output_format` → `Output Format`, as fal titles its fields. */
export function humanize(name: string): string {
	const words = name.split('_').filter(Boolean);
	return words.length ? words.map((word) => word[0].toUpperCase() + word.slice(1)).join(' ') : name;
}
