/**
 * Where fal's webhook keys are fetched from, and which redirects the fetch may follow.
 *
 * fal's clients moved every REST call from `rest.alpha.fal.ai` to `rest.fal.ai` in 2026, and
 * recent implementations citing fal's docs fetch the key set from the new host; older ones use
 * the alpha host. Both are tried, the new one first, so that neither the alpha host going away
 * nor the new host lacking the file stops webhook verification. A host that starts redirecting
 * (e.g. alpha → new) is followed, but only to https: the keys decide which deliveries are
 * trusted, so they must not come over plain http from wherever a redirect points.
 */

/** fal's key set URLs, in the order they are tried. */
export const FAL_JWKS_URLS: readonly string[] = Object.freeze([
	'https://rest.fal.ai/.well-known/jwks.json',
	'https://rest.alpha.fal.ai/.well-known/jwks.json',
]);

/** Redirects followed per key set URL. */
export const MAX_KEY_SET_REDIRECTS = 3;

/**
 * The URLs to try: the configured ones (the "Public Key Set URL" option, several separated by
 * commas or spaces), or fal's own when none is configured.
 */
export function keySetUrlCandidates(configured?: string): string[] {
	const urls = (configured ?? '').split(/[\s,]+/).map((url) => url.trim()).filter(Boolean);
	return urls.length > 0 ? [...new Set(urls)] : [...FAL_JWKS_URLS];
}

export type KeySetRedirectVerdict = { ok: true } | { ok: false; message: string };

/**
 * Whether a redirect from the key set at `startUrl` to `target` may be followed: to any https
 * URL, or within the start URL's own origin (a gateway or test server on http keeps its scheme,
 * and an https start can never be downgraded that way).
 */
export function checkKeySetRedirect(startUrl: string, target: string): KeySetRedirectVerdict {
	if (!URL.canParse(target)) return { ok: false, message: `The key set at ${startUrl} redirects to an invalid URL` };
	const to = new URL(target);
	if (to.protocol === 'https:') return { ok: true };
	if (URL.canParse(startUrl) && new URL(startUrl).origin === to.origin) return { ok: true };
	return { ok: false, message: `The key set at ${startUrl} redirects to ${to.origin}, which is not https; the redirect is not followed` };
}
