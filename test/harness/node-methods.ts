/**
 * Calls a node type's editor methods (`methods.loadOptions`, `listSearch`, `resourceMapping`)
 * the way n8n's editor backend does: a one-node workflow, the node's current parameters in
 * `additionalData.currentNodeParameters`, and n8n-core's real `LoadOptionsContext` as `this`,
 * so `getCredentials`, `getNodeParameter`, `getCurrentNodeParameter` and the HTTP helpers
 * behave as in n8n.
 */
import type {
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodeType,
	INodeParameters,
	INodePropertyOptions,
	ResourceMapperFields,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { LoadOptionsContext } from 'n8n-core';

import { createAdditionalData } from './additional-data';
import { prepareEnvironment } from './environment';
import type { RegistryOptions } from './registries';
import { createRegistries } from './registries';
import { completeNodes } from './workflow-definition';

export interface NodeMethodOptions extends RegistryOptions {
	/** Node type name, e.g. `falAiGenerateImage`. */
	nodeType: string;
	/** Name of the method inside `methods.loadOptions` / `listSearch` / `resourceMapping`. */
	method: string;
	typeVersion?: number;
	/** The node's parameters as currently set in the editor. */
	parameters?: INodeParameters;
	/** Path of the parameter asking (relevant to `&sibling` lookups); default `parameters`. */
	path?: string;
}

type MethodKind = 'loadOptions' | 'listSearch' | 'resourceMapping';

/** The real n8n-core `ILoadOptionsFunctions` for a node with the given parameters. */
export function createLoadOptionsContext(
	options: Omit<NodeMethodOptions, 'method'>,
): ILoadOptionsFunctions {
	prepareEnvironment();
	const { nodeTypes, credentialsHelper } = createRegistries(options);
	const [node] = completeNodes(
		[
			{
				name: 'Node',
				type: options.nodeType,
				typeVersion: options.typeVersion,
				parameters: options.parameters,
			},
		],
		nodeTypes,
		Object.keys(options.credentials ?? {}),
	);
	const workflow = new Workflow({
		id: 'harness-node-methods',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: false,
	});
	const additionalData = createAdditionalData({
		executionId: 'harness-node-methods',
		credentialsHelper,
		// n8n hands the methods the parameters with their defaults resolved.
		currentNodeParameters: workflow.getNode('Node')?.parameters,
	});
	return new LoadOptionsContext(workflow, node, additionalData, options.path ?? 'parameters');
}

type NodeMethods = NonNullable<INodeType['methods']>;

function findMethod<K extends MethodKind>(
	options: NodeMethodOptions,
	kind: K,
): NonNullable<NodeMethods[K]>[string] {
	const { nodeTypes } = createRegistries(options);
	const nodeType = nodeTypes.getByNameAndVersion(options.nodeType, options.typeVersion);
	const methods = nodeType.methods?.[kind] as
		| Record<string, NonNullable<NodeMethods[K]>[string]>
		| undefined;
	const method = methods?.[options.method];
	if (!method) {
		const available = Object.keys(nodeType.methods?.[kind] ?? {}).join(', ') || 'none';
		throw new Error(
			`Node type "${options.nodeType}" has no ${kind} method "${options.method}" (available: ${available})`,
		);
	}
	return method;
}

/** Runs `methods.loadOptions[method]` and returns the options it offers. */
export async function loadOptions(options: NodeMethodOptions): Promise<INodePropertyOptions[]> {
	const method = findMethod(options, 'loadOptions');
	return await method.call(createLoadOptionsContext(options));
}

/** Runs `methods.listSearch[method]` with the search text and pagination token. */
export async function listSearch(
	options: NodeMethodOptions & { filter?: string; paginationToken?: string },
): Promise<INodeListSearchResult> {
	const method = findMethod(options, 'listSearch');
	return await method.call(createLoadOptionsContext(options), options.filter, options.paginationToken);
}

/** Runs `methods.resourceMapping[method]` and returns the fields it maps. */
export async function resourceMapping(options: NodeMethodOptions): Promise<ResourceMapperFields> {
	const method = findMethod(options, 'resourceMapping');
	return await method.call(createLoadOptionsContext(options));
}
