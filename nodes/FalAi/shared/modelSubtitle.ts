/**
 * The canvas subtitle of a model node: the model's display name when the picker knows it (a
 * curated model, or one picked from the list, whose name n8n keeps as `cachedResultName`),
 * else the endpoint id. Raw ids such as "fal-ai/kling-video/v2.1/master/text-to-video" are cut
 * short on the canvas and say less than "Kling 2.1 Master".
 */
import type { CuratedModel } from '../methods/curatedModels';

/** The `subtitle` expression for a node whose picker offers `curated`. */
export function modelSubtitle(curated: CuratedModel[]): string {
	const names = JSON.stringify(Object.fromEntries(curated.map((model) => [model.id, model.name])));
	const model = '$parameter["model"]';
	// A list item is named "Display Name (endpoint/id)": the part before the id is the name.
	const picked = `String(${model}.cachedResultName || "").split(" (")[0]`;
	return `={{ (${names})[${model}.value] || ${picked} || ${model}.value || ${model} }}`;
}
