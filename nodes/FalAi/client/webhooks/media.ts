/**
 * Finds the media files a model result points at.
 *
 * fal results reference files as objects with a `url`, usually with a `content_type` and
 * sometimes a `file_name` (`{images: [{url, content_type}]}`, `{video: {url, ...}}`). Some older
 * models leave out `content_type`, so objects under the usual media keys count as well.
 */

/** One file referenced by a result. */
export interface MediaReference {
	url: string;
	contentType?: string;
	fileName?: string;
	/** Where the reference sits in the result, e.g. `images[0]` or `video`. */
	path: string;
	/**
	 * A short unique name for it: the key it sits under, singular with the index for arrays
	 * (`image_0`, `image_1`, `video`), the naming the package's generation nodes use too.
	 */
	name: string;
}

/** Keys whose objects are media even without a `content_type`. */
const MEDIA_KEYS = new Set(['image', 'images', 'video', 'videos', 'audio', 'audio_file']);

const MAX_DEPTH = 8;

/** Lists the files in a result, in document order, each URL once, at most `limit` of them. */
export function findMediaReferences(result: unknown, limit = 50): MediaReference[] {
	const found: MediaReference[] = [];
	const seenUrls = new Set<string>();
	const usedNames = new Set<string>();

	const visit = (value: unknown, path: string, key: string | undefined, depth: number): void => {
		if (found.length >= limit || depth > MAX_DEPTH || typeof value !== 'object' || value === null) return;
		if (Array.isArray(value)) {
			value.forEach((item, index) => visit(item, `${path}[${index}]`, key, depth + 1));
			return;
		}
		const record = value as Record<string, unknown>;
		const reference = asMediaReference(record, path, key);
		if (reference) {
			if (!seenUrls.has(reference.url)) {
				seenUrls.add(reference.url);
				found.push({ ...reference, name: uniqueName(nameOf(path, key), usedNames) });
			}
			return;
		}
		for (const [childKey, child] of Object.entries(record)) {
			visit(child, path ? `${path}.${childKey}` : childKey, childKey, depth + 1);
		}
	};

	visit(result, '', undefined, 0);
	return found;
}

function asMediaReference(
	record: Record<string, unknown>,
	path: string,
	key: string | undefined,
): Omit<MediaReference, 'name'> | undefined {
	const { url } = record;
	if (typeof url !== 'string' || !isFetchableUrl(url)) return undefined;
	const contentType = typeof record.content_type === 'string' && record.content_type ? record.content_type : undefined;
	if (!contentType && !(key !== undefined && MEDIA_KEYS.has(key))) return undefined;
	const fileName = typeof record.file_name === 'string' && record.file_name ? record.file_name : undefined;
	return { url, contentType, fileName, path: path || 'payload' };
}

/** `images[1]` → `image_1`, `output.video` → `video`, a top-level file → `data`. */
function nameOf(path: string, key: string | undefined): string {
	if (key === undefined) return 'data';
	const index = /\[(\d+)\]$/.exec(path)?.[1];
	if (index === undefined) return key;
	const singular = key.length > 1 && key.endsWith('s') ? key.slice(0, -1) : key;
	return `${singular}_${index}`;
}

function uniqueName(name: string, used: Set<string>): string {
	let candidate = name;
	for (let suffix = 2; used.has(candidate); suffix++) candidate = `${name}_${suffix}`;
	used.add(candidate);
	return candidate;
}

/** Only web URLs and inline data URIs (fal's `sync_mode`) are downloadable. */
function isFetchableUrl(url: string): boolean {
	return /^https?:\/\//i.test(url) || /^data:/i.test(url);
}
