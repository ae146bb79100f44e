/**
 * Every file in any fal result, wherever it sits, for the node that runs any endpoint.
 *
 * fal's task nodes know their result shape (`images: [...]`, `video`); an arbitrary endpoint
 * may put its files anywhere: File objects `{url, content_type, file_name, file_size}` at any
 * depth (`model_mesh`, `output.images[0]`), lists of them, or bare URLs under keys such as
 * `audio_url` or `video`. Each becomes one entry named after its path in the result
 * (`audio`, `images_0`, `model_mesh`, `output_video`; a trailing `_url` is dropped), which is
 * the binary property it is downloaded into.
 */
import type { MediaOutput } from './mediaOutput';

/** A result file with its place in the result (object keys and list indexes). */
export interface ResultFile extends MediaOutput {
	path: Array<string | number>;
}

/** Keys whose string value is a media URL even when the URL has no file extension. */
const MEDIA_KEYS = new Set(['image', 'images', 'video', 'videos', 'audio', 'audio_file', 'model_mesh', 'mesh', 'file', 'files', 'glb', 'zip']);

/** `*_url` keys that point at fal's API or pages, never at a result file. */
const NOT_FILE_KEYS = new Set(['status_url', 'response_url', 'cancel_url', 'webhook_url', 'model_url', 'logs_url']);

/** File extensions of a bare URL that make it a result file whatever its key. */
const FILE_EXTENSION = /\.(png|jpe?g|webp|gif|bmp|tiff?|svg|mp4|webm|mov|mkv|avi|gif|wav|mp3|m4a|aac|ogg|opus|flac|glb|gltf|obj|fbx|ply|stl|usdz|zip|pdf|srt|vtt|json|txt|npz|safetensors)$/i;

const MAX_DEPTH = 8;
const MAX_FILES = 50;

/** The files of a result in document order, each URL once, at most 50. */
export function findResultFiles(data: unknown): ResultFile[] {
	const found: ResultFile[] = [];
	const seen = new Set<string>();
	const names = new Set<string>();
	const add = (url: string, path: Array<string | number>, record?: Record<string, unknown>): void => {
		if (seen.has(url) || found.length >= MAX_FILES) return;
		seen.add(url);
		const property = uniqueName(propertyName(path), names);
		const last = path[path.length - 1];
		const key = typeof path[0] === 'string' ? path[0] : undefined;
		found.push({
			property,
			path,
			key,
			index: typeof last === 'number' && path.length === 2 ? last : undefined,
			url,
			fileName: textOf(record?.file_name),
			contentType: textOf(record?.content_type),
		});
	};
	const visit = (value: unknown, path: Array<string | number>, key: string | undefined, depth: number): void => {
		if (depth > MAX_DEPTH) return;
		if (typeof value === 'string') {
			if (key !== undefined && isBareFileUrl(value, key)) add(value, path);
			return;
		}
		if (Array.isArray(value)) {
			value.forEach((entry, index) => visit(entry, [...path, index], key, depth + 1));
			return;
		}
		if (!isRecord(value)) return;
		if (typeof value.url === 'string' && isFetchable(value.url) && path.length > 0) {
			add(value.url, path, value);
			return;
		}
		for (const [childKey, child] of Object.entries(value)) visit(child, [...path, childKey], childKey, depth + 1);
	};
	visit(data, [], undefined, 0);
	return found;
}

/**
 * The result JSON with each `data:` URI that went into binary data replaced by a short marker
 * `"[binary <property>]"`, at any depth; what it copies on the way, it leaves unchanged.
 */
export function markInlineFiles<T>(json: T, files: ResultFile[]): T {
	let result: unknown = json;
	for (const file of files) {
		if (!/^data:/i.test(file.url)) continue;
		const marker = `[binary ${file.property}]`;
		result = replaceAt(result, file.path, (value) => (isRecord(value) ? { ...value, url: marker } : marker));
	}
	return result as T;
}

function replaceAt(value: unknown, path: Array<string | number>, change: (value: unknown) => unknown): unknown {
	if (path.length === 0) return change(value);
	const [head, ...rest] = path;
	if (Array.isArray(value) && typeof head === 'number') {
		const copy = [...value];
		copy[head] = replaceAt(value[head], rest, change);
		return copy;
	}
	if (isRecord(value) && typeof head === 'string') return { ...value, [head]: replaceAt(value[head], rest, change) };
	return value;
}

/** `['images', 0]` → `images_0`, `['audio_url']` → `audio`, `['output', 'video']` → `output_video`. */
function propertyName(path: Array<string | number>): string {
	const parts = path.map((part, index) => {
		const text = String(part);
		return index === path.length - 1 || typeof path[index + 1] === 'number' ? text.replace(/_urls?$/, '') : text;
	});
	return parts.filter(Boolean).join('_').replace(/[^A-Za-z0-9_]/g, '_') || 'file';
}

function isBareFileUrl(value: string, key: string): boolean {
	if (!isFetchable(value) || NOT_FILE_KEYS.has(key)) return false;
	if (/^data:/i.test(value)) return true;
	if (MEDIA_KEYS.has(key) || /_urls?$/.test(key)) return true;
	try {
		return FILE_EXTENSION.test(new URL(value).pathname);
	} catch {
		return false;
	}
}

function isFetchable(url: string): boolean {
	return /^https?:\/\//i.test(url) || /^data:/i.test(url);
}

function uniqueName(name: string, used: Set<string>): string {
	let candidate = name;
	for (let suffix = 2; used.has(candidate); suffix++) candidate = `${name}_${suffix}`;
	used.add(candidate);
	return candidate;
}

function textOf(value: unknown): string | undefined {
	return typeof value === 'string' && value ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
