/**
 * JSON parsing that keeps integers above 2^53 exact.
 *
 * fal returns seeds such as `17454220438242315174`; `JSON.parse` rounds them to the nearest
 * double (`17454220438242316000`), and a rounded seed does not reproduce the image. The number
 * stays where it is (so existing workflows keep working), and each object holding such an
 * integer gets its exact digits beside it as a string: `seed_exact: "17454220438242315174"`.
 *
 * Speed: the parsed value is first walked for a number beyond ±(2^53 - 1), which costs about a
 * tenth of the parse itself (cheaper than any regular expression over the text, measured); only
 * when there is one is the text scanned for integer literals (strings skipped). Results without
 * such a number, nearly all of them, take only the walk.
 */

/** Suffix of the string field added beside an unsafe integer. */
export const EXACT_INTEGER_SUFFIX = '_exact';

/** A JSON string (skipped) or an integer literal of 16+ digits not followed by a fraction or exponent. */
const TOKENS = /"(?:[^"\\]|\\.)*"|(?<![\d.eE+-])-?\d{16,}(?![\d.eE])/g;

/** `JSON.parse(text)`, with the exact digits of unsafe integers added beside them (see module comment). */
export function parseJsonExact(text: string): unknown {
	const value = JSON.parse(text) as unknown;
	if (!holdsUnsafeNumber(value, 0)) return value;
	const literals = unsafeIntegerLiterals(text);
	if (literals.size === 0) return value;
	addExactDigits(value, literals, 0);
	return value;
}

/** The integer literals of `text` that a double cannot hold, by the number they parse to (in document order). */
function unsafeIntegerLiterals(text: string): Map<number, string[]> {
	const found = new Map<number, string[]>();
	for (const match of text.matchAll(TOKENS)) {
		const token = match[0];
		if (token.startsWith('"')) continue;
		const parsed = Number(token);
		if (Number.isSafeInteger(parsed)) continue;
		const same = found.get(parsed);
		if (same) same.push(token);
		else found.set(parsed, [token]);
	}
	return found;
}

const MAX_DEPTH = 64;

/** True when a number beyond the safe integer range sits anywhere in `value`. */
function holdsUnsafeNumber(value: unknown, depth: number): boolean {
	if (typeof value === 'number') return value > Number.MAX_SAFE_INTEGER || value < Number.MIN_SAFE_INTEGER;
	if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return false;
	if (Array.isArray(value)) {
		for (const item of value) if (holdsUnsafeNumber(item, depth + 1)) return true;
		return false;
	}
	for (const key in value) if (holdsUnsafeNumber((value as Record<string, unknown>)[key], depth + 1)) return true;
	return false;
}

function addExactDigits(value: unknown, literals: Map<number, string[]>, depth: number): void {
	if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return;
	if (Array.isArray(value)) {
		for (const item of value) {
			if (typeof item === 'number') literals.get(item)?.shift();
			else addExactDigits(item, literals, depth + 1);
		}
		return;
	}
	const record = value as Record<string, unknown>;
	for (const key of Object.keys(record)) {
		const child = record[key];
		if (typeof child === 'number') {
			const exact = Number.isInteger(child) && !Number.isSafeInteger(child) ? literals.get(child)?.shift() : undefined;
			if (exact !== undefined && !(`${key}${EXACT_INTEGER_SUFFIX}` in record)) record[`${key}${EXACT_INTEGER_SUFFIX}`] = exact;
		} else {
			addExactDigits(child, literals, depth + 1);
		}
	}
}
