/**
 * The `INodeTypes` registry the engine asks for node types. Every type answers to its short
 * name (`falAiGenerateImage`, what tests write) and to the name n8n gives community nodes
 * (`n8n-nodes-falai.falAiGenerateImage`, what exported workflows contain).
 */
import type { IDataObject, INodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import type { AnyNodeType, TypeLoadError } from './package-types';

export class HarnessNodeTypes {
	private readonly types = new Map<string, AnyNodeType>();

	constructor(
		nodeTypes: AnyNodeType[],
		private readonly packageName: string,
		private readonly loadErrors: TypeLoadError[] = [],
	) {
		for (const nodeType of nodeTypes) {
			const { name } = nodeType.description;
			this.types.set(name, nodeType);
			this.types.set(`${packageName}.${name}`, nodeType);
		}
	}

	has(name: string): boolean {
		return this.types.has(name);
	}

	getByName(name: string): AnyNodeType {
		const nodeType = this.types.get(name);
		if (!nodeType) throw new Error(this.unknownTypeMessage(name));
		return nodeType;
	}

	getByNameAndVersion(name: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(name), version);
	}

	getKnownTypes(): IDataObject {
		const known: IDataObject = {};
		for (const name of this.types.keys()) known[name] = { className: name, sourcePath: '' };
		return known;
	}

	/** The version n8n's editor gives a newly added node: the highest (or the default) one. */
	latestVersion(name: string): number {
		const { version } = this.getByNameAndVersion(name).description;
		return Array.isArray(version) ? Math.max(...version) : version;
	}

	private unknownTypeMessage(name: string): string {
		const known = [...this.types.keys()].filter((key) => !key.startsWith(`${this.packageName}.`));
		const failures = this.loadErrors.map(({ file, message }) => `\n  ${file}: ${message}`).join('');
		return (
			`Unknown node type "${name}". Known: ${known.join(', ') || '(none)'}.` +
			(failures ? `\nThese node/credential files failed to load:${failures}` : '')
		);
	}
}
