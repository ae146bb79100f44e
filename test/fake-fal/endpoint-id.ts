/**
 * fal endpoint ids: `owner/alias[/path...]`, optionally behind a `workflows/` or `comfy/`
 * namespace; a legacy single segment `123-app` means `123/app`.
 */

const NAMESPACES = ['workflows', 'comfy'];

export interface EndpointParts {
	namespace?: string;
	owner: string;
	alias: string;
	path?: string;
}

/** Splits an id into its parts, or returns undefined when it is not a valid endpoint id. */
export function parseEndpointId(id: string): EndpointParts | undefined {
	let segments = id.split('/').filter((segment) => segment.length > 0);
	if (segments.length === 1) {
		const legacy = /^([0-9]+)-([a-zA-Z0-9-]+)$/.exec(segments[0]);
		if (!legacy) return undefined;
		segments = [legacy[1], legacy[2]];
	}
	const namespace = NAMESPACES.includes(segments[0]) ? segments[0] : undefined;
	const rest = namespace ? segments.slice(1) : segments;
	if (rest.length < 2) return undefined;
	return {
		namespace,
		owner: rest[0],
		alias: rest[1],
		path: rest.length > 2 ? rest.slice(2).join('/') : undefined,
	};
}

/** `[namespace/]owner/alias`: the part of an id that queue status/result/cancel URLs use. */
export function appIdOf(parts: EndpointParts): string {
	return [parts.namespace, parts.owner, parts.alias].filter(Boolean).join('/');
}

/** The full normalised id (`[namespace/]owner/alias[/path]`). */
export function endpointIdOf(parts: EndpointParts): string {
	return [appIdOf(parts), parts.path].filter(Boolean).join('/');
}
