/**
 * Reading a failed request's error, whatever wrapped it: HTTP libraries wrap system errors, and
 * n8n wraps those again (n8n-core 2.8's NodeApiError keeps the system code as `httpCode` and the
 * original text in `messages`, and drops its cause). The client needs exactly two things from
 * it: the code, which says whether a request can have reached fal, and the real reason, for the
 * message. Nothing else is kept: wrappers carry the request's headers, the key among them.
 */

/**
 * Finds the transport error code, looking through `cause` chains: HTTP libraries wrap system
 * errors, and n8n wraps those again. n8n-core 2.8's NodeApiError drops its cause but keeps the
 * code as `httpCode` (e.g. `ECONNREFUSED`) and the original messages in `messages`.
 */
export function errorCodeOf(error: unknown): string | undefined {
	let found: string | undefined;
	for (const current of causeChain(error)) {
		for (const code of [current.code, current.httpCode]) {
			// Only names, not HTTP statuses (NodeApiError's httpCode is '502' for an answer).
			if (typeof code !== 'string' || !/^[A-Z][A-Z0-9_]+$/.test(code)) continue;
			// The innermost system code (E…) is the most precise; library codes (ERR_…, UND_…)
			// are kept only when nothing below them says more.
			if (/^E(?!RR_)[A-Z_]+$/.test(code)) return code;
			found ??= code;
		}
	}
	return found;
}

/** The innermost error message of a `cause` chain: the one that says what really happened. */
export function innermostMessageOf(error: unknown): string {
	let message = error instanceof Error ? error.message : String(error);
	for (const current of causeChain(error)) {
		// NodeApiError rewrites its message for users ("The service refused the connection…")
		// and keeps the original ones.
		const original = Array.isArray(current.messages) ? current.messages.find((entry) => typeof entry === 'string' && entry) : undefined;
		if (typeof original === 'string') message = original;
		else if (current instanceof Error && current.message) message = current.message;
	}
	return message;
}

type ErrorLike = { code?: unknown; httpCode?: unknown; messages?: unknown; cause?: unknown };

function* causeChain(error: unknown): Generator<ErrorLike & object> {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		yield current as ErrorLike & object;
		current = (current as ErrorLike).cause;
	}
}
