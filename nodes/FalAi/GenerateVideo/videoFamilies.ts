/**
 * What each video model family expects for the fields whose form differs between families:
 * duration, resolution and the names of the start and end image fields.
 *
 * fal's video endpoints agree on `prompt`, `aspect_ratio`, `negative_prompt`, `seed` but not on
 * duration: Kling wants "5" or "10" (text), Veo "4s" / "6s" / "8s", LTX-2 an even number of
 * seconds, and Wan 2.2 or LTX-Video a frame count. The node takes seconds and maps them here,
 * from the endpoint id alone (pure functions, no n8n).
 */

/** How a family takes the duration. */
export type DurationRule =
	/** One of a few lengths, sent as text ("5"), text with a unit ("8s") or a number (6). */
	| { kind: 'choice'; seconds: number[]; format: 'text' | 'seconds-suffix' | 'number' }
	/** A frame count `num_frames` at the model's default frame rate, a multiple of `step` plus one. */
	| { kind: 'frames'; framesPerSecond: number; step: number }
	/** Unknown family: the number of seconds as text, the most common form on fal. */
	| { kind: 'text' };

export interface VideoFamily {
	/** Shown in messages, e.g. "Kling". */
	name: string;
	duration: DurationRule;
	/** MiniMax writes resolutions as "768P". */
	uppercaseResolution?: boolean;
}

const FAMILIES: Array<{ matches: (id: string, segments: string[]) => boolean; family: VideoFamily }> = [
	{
		matches: (_id, segments) => segments.some((segment) => segment.startsWith('minimax') || segment.includes('hailuo')),
		family: { name: 'MiniMax Hailuo', duration: { kind: 'choice', seconds: [6, 10], format: 'text' }, uppercaseResolution: true },
	},
	{
		matches: (_id, segments) => segments.some((segment) => segment.includes('kling')),
		family: { name: 'Kling', duration: { kind: 'choice', seconds: [5, 10], format: 'text' } },
	},
	{
		matches: (_id, segments) => segments.some((segment) => segment.startsWith('veo')),
		family: { name: 'Veo', duration: { kind: 'choice', seconds: [4, 6, 8], format: 'seconds-suffix' } },
	},
	{
		// Wan 2.5 and later: `wan-25-preview/...`, `wan/v2.6/...`.
		matches: (id) => /(^|\/)wan(-2\.?|\/v2\.)[5-9]/.test(id),
		family: { name: 'Wan 2.5+', duration: { kind: 'choice', seconds: [5, 10], format: 'text' } },
	},
	{
		matches: (_id, segments) => segments.some((segment) => /^wan($|-)/.test(segment)),
		family: { name: 'Wan', duration: { kind: 'frames', framesPerSecond: 16, step: 1 } },
	},
	{
		matches: (_id, segments) => segments.some((segment) => /^ltx-2/.test(segment)),
		family: { name: 'LTX-2', duration: { kind: 'choice', seconds: [6, 8, 10, 12, 14, 16, 18, 20], format: 'number' } },
	},
	{
		matches: (_id, segments) => segments.some((segment) => segment.startsWith('ltx')),
		family: { name: 'LTX-Video', duration: { kind: 'frames', framesPerSecond: 24, step: 8 } },
	},
];

const OTHER: VideoFamily = { name: 'this model', duration: { kind: 'text' } };

/** The family of an endpoint id (case-insensitive); unknown ids get the generic rules. */
export function videoFamilyOf(endpointId: string): VideoFamily {
	const id = endpointId.trim().toLowerCase();
	const segments = id.split('/');
	return FAMILIES.find((entry) => entry.matches(id, segments))?.family ?? OTHER;
}

export type DurationMapping =
	| { ok: true; fields: Record<string, string | number> }
	| { ok: false; allowed: string };

/** The input fields for a duration of `seconds` (> 0), or the lengths the family offers. */
export function durationFields(family: VideoFamily, seconds: number): DurationMapping {
	const rule = family.duration;
	switch (rule.kind) {
		case 'choice': {
			if (!rule.seconds.includes(seconds)) {
				return { ok: false, allowed: `${listOf(rule.seconds.map(String))} seconds` };
			}
			const value = rule.format === 'number' ? seconds : rule.format === 'seconds-suffix' ? `${seconds}s` : String(seconds);
			return { ok: true, fields: { duration: value } };
		}
		case 'frames': {
			const frames = Math.round((seconds * rule.framesPerSecond) / rule.step) * rule.step + 1;
			return { ok: true, fields: { num_frames: frames } };
		}
		default:
			return { ok: true, fields: { duration: String(seconds) } };
	}
}

/** The resolution as the family writes it ("720p", or "768P" for MiniMax). */
export function resolutionValue(family: VideoFamily, resolution: string): string {
	return family.uppercaseResolution ? resolution.toUpperCase() : resolution.toLowerCase();
}

/** Input field names of the first and last frame images. */
export interface ImageFields {
	start: string;
	end: string;
}

/**
 * Where an endpoint takes its start and end images: `image_url` and `tail_image_url` (Kling),
 * `end_image_url` (MiniMax, Wan), `first_frame_url` / `last_frame_url` (Veo first-last-frame),
 * `start_image_url` / `end_image_url` (first-last-frame "flf2v" endpoints).
 */
export function imageFieldsOf(endpointId: string): ImageFields {
	const id = endpointId.toLowerCase();
	const family = videoFamilyOf(id).name;
	if (id.includes('first-last-frame')) return { start: 'first_frame_url', end: 'last_frame_url' };
	if (id.includes('flf2v')) return { start: 'start_image_url', end: 'end_image_url' };
	if (family === 'MiniMax Hailuo' || family.startsWith('Wan')) return { start: 'image_url', end: 'end_image_url' };
	return { start: 'image_url', end: 'tail_image_url' };
}

/** True for endpoints that animate an image, which cannot run without one. */
export function needsStartImage(endpointId: string): boolean {
	return /image-to-video|i2v|flf2v|first-last-frame/.test(endpointId.toLowerCase());
}

function listOf(values: string[]): string {
	return values.length > 1 ? `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}` : values.join('');
}
