/**
 * Keeps the API key out of everything the client emits: error messages, stacks, JSON, logs.
 *
 * Errors are built from server answers and from transport errors, either of which could echo a
 * header back; so every string leaving the client passes through one {@link Redactor}.
 */

export const REDACTED = '[REDACTED]';

/** What stands in for anything nested deeper than {@link MAX_DEPTH}: it was not inspected. */
export const TOO_DEEP = '[REDACTED: nested too deep]';

/** Server bodies are this shallow in practice; deeper ones are cut rather than walked unchecked. */
const MAX_DEPTH = 20;

/** Parts of a `KEY_ID:KEY_SECRET` credential shorter than this are too generic to scrub alone. */
const MIN_SECRET_PART = 6;

export class Redactor {
	private readonly secrets: string[];

	constructor(credentials: string) {
		const parts = credentials.split(':').filter((part) => part.length >= MIN_SECRET_PART);
		// Longest first, so the whole credential is replaced before its parts are.
		this.secrets = [...new Set([credentials, ...parts])]
			.filter((secret) => secret.length > 0)
			.sort((a, b) => b.length - a.length);
	}

	/** Replaces every occurrence of the key (or of its id or secret part). */
	text(value: string): string {
		let out = value;
		for (const secret of this.secrets) {
			if (out.includes(secret)) out = out.split(secret).join(REDACTED);
		}
		return out;
	}

	/**
	 * Redacts every string inside a JSON-like value (server bodies kept on errors). Objects nested
	 * deeper than 20 levels are replaced by {@link TOO_DEEP}: returning them unwalked could let a
	 * key buried there through.
	 */
	deep<T>(value: T): T {
		return this.deepValue(value, 0) as T;
	}

	/**
	 * A URL fit for messages and logs: origin and path only. Queries are dropped because
	 * `fal_webhook` or pre-signed upload URLs can carry someone else's tokens.
	 */
	url(value: string): string {
		try {
			const parsed = new URL(value);
			return this.text(`${parsed.origin}${parsed.pathname}`);
		} catch {
			return this.text(value.split(/[?#]/, 1)[0]);
		}
	}

	private deepValue(value: unknown, depth: number): unknown {
		if (typeof value === 'string') return this.text(value);
		if (value === null || typeof value !== 'object') return value;
		if (depth >= MAX_DEPTH) return TOO_DEEP;
		if (Array.isArray(value)) return value.map((item) => this.deepValue(item, depth + 1));
		const out: Record<string, unknown> = {};
		for (const [key, item] of Object.entries(value)) out[key] = this.deepValue(item, depth + 1);
		return out;
	}
}
