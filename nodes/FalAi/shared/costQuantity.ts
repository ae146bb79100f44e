/**
 * How many of an endpoint's billing units one planned request uses, read from its input.
 *
 * fal prices an endpoint per unit ("image", "megapixels", "second", "minute", "1000 characters",
 * "request"…, as `GET /models/pricing` names them); the quantity depends on the input (number of images, image size, duration,
 * text length). When the input does not say (e.g. a duration left to the model's default, or
 * compute seconds), one unit is assumed and the estimate says so.
 */

export interface UnitQuantity {
	quantity: number;
	/** True when the input did not say and one unit was assumed. */
	assumed: boolean;
}

const IMAGE_SIZES: Record<string, [number, number]> = {
	square_hd: [1024, 1024],
	square: [512, 512],
	portrait_4_3: [768, 1024],
	portrait_16_9: [576, 1024],
	landscape_4_3: [1024, 768],
	landscape_16_9: [1024, 576],
};

/** The number of units `unit` the request with `input` will be billed for. */
export function unitQuantity(unit: string, input: Record<string, unknown>): UnitQuantity {
	const name = unit.trim().toLowerCase();
	const count = positive(input.num_images) ?? positive(input.num_outputs) ?? 1;
	if (/megapixel/.test(name)) return { quantity: round(megapixels(input.image_size) * count), assumed: false };
	if (/^images?$/.test(name)) {
		// fal prices an image at about one megapixel and adjusts for resolution: a larger image
		// counts once per started megapixel, so the estimate does not fall short.
		const size = input.image_size === undefined ? 1 : Math.max(1, Math.ceil(megapixels(input.image_size) - 1e-9));
		return { quantity: count * size, assumed: false };
	}
	const perCharacters = /^(\d+)?\s*characters?$/.exec(name);
	if (perCharacters) {
		const text = [input.text, input.prompt, input.input].find((value): value is string => typeof value === 'string') ?? '';
		return { quantity: round(text.length / Number(perCharacters[1] ?? 1)), assumed: false };
	}
	const perTime = /^(?:video |audio )?(seconds?|minutes?)$/.exec(name);
	if (perTime) {
		const seconds = secondsOf(input.duration) ?? secondsOf(input.seconds_total) ?? secondsOf(input.duration_seconds);
		if (seconds === undefined) return { quantity: 1, assumed: true };
		const units = perTime[1].startsWith('minute') ? Math.ceil(seconds / 60) : seconds;
		return { quantity: units * count, assumed: false };
	}
	if (/^(requests?|calls?|videos?|generations?|units?)$/.test(name)) return { quantity: count, assumed: false };
	return { quantity: 1, assumed: true };
}

/** Megapixels of fal's `image_size` (a preset or `{width, height}`); fal's usual default 1024×768. */
function megapixels(size: unknown): number {
	const [width, height] =
		typeof size === 'string' && IMAGE_SIZES[size]
			? IMAGE_SIZES[size]
			: size && typeof size === 'object' && typeof (size as { width?: unknown }).width === 'number'
				? [Number((size as { width: number }).width), Number((size as { height?: number }).height ?? 0)]
				: IMAGE_SIZES.landscape_4_3;
	return (width * height) / 1_000_000;
}

/** `5`, `"5"`, `"5s"`, `"10 seconds"` → seconds. */
function secondsOf(value: unknown): number | undefined {
	const number = typeof value === 'number' ? value : typeof value === 'string' ? Number.parseFloat(value) : Number.NaN;
	return Number.isFinite(number) && number > 0 ? number : undefined;
}

function positive(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

function round(value: number): number {
	return Math.round(value * 1e6) / 1e6;
}
