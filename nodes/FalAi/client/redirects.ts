/**
 * Redirects followed by hand, one hop at a time, so each hop's URL is checked before it is
 * requested (the media host policy, the key set's https rule).
 */

/** Where a redirect answer points, resolved against the URL that answered; undefined when it is not a redirect. */
export function redirectTarget(currentUrl: string, statusCode: number, location: unknown): string | undefined {
	if (![301, 302, 303, 307, 308].includes(statusCode)) return undefined;
	const value = Array.isArray(location) ? location[0] : location;
	if (typeof value !== 'string' || value === '') return undefined;
	return URL.canParse(value, currentUrl) ? new URL(value, currentUrl).toString() : undefined;
}
