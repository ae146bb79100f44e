/**
 * Finds the package's node and credential types the way n8n's loader does: one class per
 * `*.node.ts` / `*.credentials.ts` file, named after the file (`FalAiGenerateImage.node.ts`
 * exports `class FalAiGenerateImage`). Files are found at run time, so new nodes appear without
 * touching the harness; a file that fails to load is remembered, not fatal, so one broken node
 * does not break the tests of the others (the error shows up when that node type is asked for).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

import type { ICredentialType, INodeType, IVersionedNodeType } from 'n8n-workflow';

export type AnyNodeType = INodeType | IVersionedNodeType;

export interface TypeLoadError {
	file: string;
	message: string;
}

export interface PackageTypes {
	/** The package name, used by n8n as the node type prefix (`n8n-nodes-falai.falAiGenerateImage`). */
	packageName: string;
	nodeTypes: AnyNodeType[];
	credentialTypes: ICredentialType[];
	loadErrors: TypeLoadError[];
}

/** The folder of the package under test: the nearest parent of this file with a package.json. */
export function findPackageRoot(from: string = __dirname): string {
	let folder = from;
	while (!existsSync(join(folder, 'package.json'))) {
		const parent = dirname(folder);
		if (parent === folder) throw new Error(`No package.json above ${from}`);
		folder = parent;
	}
	return folder;
}

function filesEndingWith(folder: string, suffix: string): string[] {
	if (!existsSync(folder)) return [];
	return readdirSync(folder, { recursive: true, encoding: 'utf8' })
		.filter((file) => file.endsWith(suffix) && !file.split(/[\\/]/).includes('node_modules'))
		.sort()
		.map((file) => join(folder, file));
}

function describeError(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** Loads the class named after `file` (minus `suffix`) and instantiates it. */
function instantiateNamedClass(file: string, suffix: string): unknown {
	const className = basename(file).slice(0, -suffix.length);
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const exported = (require(file) as Record<string, unknown>)[className];
	if (typeof exported !== 'function') {
		throw new Error(`expected the file to export a class named ${className}`);
	}
	return new (exported as new () => unknown)();
}

function hasDescriptionName(value: unknown): boolean {
	const description = (value as { description?: { name?: unknown } } | null)?.description;
	return typeof description?.name === 'string';
}

function loadAll<T>(
	files: string[],
	suffix: string,
	isType: (value: unknown) => boolean,
	loadErrors: TypeLoadError[],
): T[] {
	const types: T[] = [];
	for (const file of files) {
		try {
			const instance = instantiateNamedClass(file, suffix);
			if (!isType(instance)) throw new Error('the exported class is not of the expected kind');
			types.push(instance as T);
		} catch (error) {
			loadErrors.push({ file, message: describeError(error) });
		}
	}
	return types;
}

const cache = new Map<string, PackageTypes>();

/**
 * The node types under `<root>/nodes/**` and credential types under `<root>/credentials/**`.
 * Cached per root for the life of the module registry (one jest test file).
 */
export function loadPackageTypes(root: string = findPackageRoot()): PackageTypes {
	const cached = cache.get(root);
	if (cached) return cached;

	const { name } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string };
	const loadErrors: TypeLoadError[] = [];
	const nodeTypes = loadAll<AnyNodeType>(
		filesEndingWith(join(root, 'nodes'), '.node.ts'),
		'.node.ts',
		hasDescriptionName,
		loadErrors,
	);
	const credentialTypes = loadAll<ICredentialType>(
		filesEndingWith(join(root, 'credentials'), '.credentials.ts'),
		'.credentials.ts',
		(value) => typeof (value as ICredentialType | null)?.name === 'string',
		loadErrors,
	);
	const types = { packageName: name, nodeTypes, credentialTypes, loadErrors };
	cache.set(root, types);
	return types;
}
