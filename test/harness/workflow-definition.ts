/**
 * Turns the short workflow description tests write into the `INode[]` and `IConnections` n8n
 * expects: ids, positions and type versions are filled in, credentials are attached to the
 * nodes that declare them, and connections may be written as `[from, to]` pairs.
 */
import type { IConnections, INode, INodeCredentials } from 'n8n-workflow';

import type { HarnessNodeTypes } from './node-types';

/** An `INode` without the fields only the editor needs; missing ones are filled in. */
export type HarnessNode = Omit<INode, 'id' | 'position' | 'typeVersion' | 'parameters'> &
	Partial<Pick<INode, 'id' | 'position' | 'typeVersion' | 'parameters'>>;

/** `[from, to]` joins main output 0 to main input 0; the object form picks other indexes. */
export type HarnessConnection =
	| [from: string, to: string]
	| { from: string; to: string; output?: number; input?: number };

export type HarnessConnections = HarnessConnection[] | IConnections;

/**
 * Fills in the missing fields of every node. A node without `credentials` gets one entry per
 * credential type its node type declares and the run was given credentials for, as if the
 * user had picked them in the editor.
 */
export function completeNodes(
	nodes: HarnessNode[],
	nodeTypes: HarnessNodeTypes,
	credentialTypeNames: string[],
): INode[] {
	const names = new Set<string>();
	return nodes.map((node, index) => {
		if (names.has(node.name)) throw new Error(`Two nodes are named "${node.name}"`);
		names.add(node.name);

		const typeVersion = node.typeVersion ?? nodeTypes.latestVersion(node.type);
		const declared = nodeTypes.getByNameAndVersion(node.type, typeVersion).description.credentials;
		const credentials: INodeCredentials = {};
		for (const { name } of declared ?? []) {
			if (credentialTypeNames.includes(name)) credentials[name] = { id: name, name: `${name} (test)` };
		}
		return {
			...node,
			id: node.id ?? `node-${index}`,
			position: node.position ?? [index * 200, 0],
			typeVersion,
			parameters: structuredClone(node.parameters ?? {}),
			credentials: node.credentials ?? (Object.keys(credentials).length ? credentials : undefined),
		};
	});
}

function isConnectionList(connections: HarnessConnections): connections is HarnessConnection[] {
	return Array.isArray(connections);
}

/**
 * n8n's `IConnections` from the short form; without any connections the nodes are chained in
 * the order given (`Start → first node → second node …`).
 */
export function completeConnections(
	connections: HarnessConnections | undefined,
	nodeNamesInOrder: string[],
): IConnections {
	if (connections !== undefined && !isConnectionList(connections)) return connections;

	const list: HarnessConnection[] =
		connections ??
		nodeNamesInOrder.slice(1).map((to, index): HarnessConnection => [nodeNamesInOrder[index], to]);

	const result: IConnections = {};
	for (const connection of list) {
		const { from, to, output = 0, input = 0 } = Array.isArray(connection)
			? { from: connection[0], to: connection[1] }
			: connection;
		for (const name of [from, to]) {
			if (!nodeNamesInOrder.includes(name)) {
				throw new Error(`Connection ${from} → ${to}: there is no node named "${name}"`);
			}
		}
		const outputs = (result[from] ??= { main: [] }).main;
		while (outputs.length <= output) outputs.push([]);
		(outputs[output] ??= []).push({ node: to, type: 'main', index: input });
	}
	return result;
}
