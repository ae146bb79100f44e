/**
 * Runs a credential type's `test` request the way n8n's credential tester does
 * (packages/cli/src/services/credentials-tester.service.ts): the decrypted data gets the type's
 * defaults (hidden fields dropped), the `test.request` becomes the routing of a throw-away node,
 * and n8n-core's RoutingNode sends it through `httpRequestWithAuthentication`, which applies the
 * type's `authenticate` block. Any non-2xx answer or transport error fails the test.
 */
import { ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialType,
	INode,
	INodeType,
	INodeTypes,
} from 'n8n-workflow';
import { createRunExecutionData, NodeHelpers, Workflow } from 'n8n-workflow';

import { createAdditionalData } from '../harness/additional-data';
import { HarnessCredentialsHelper } from '../harness/credentials-helper';
import { prepareEnvironment } from '../harness/environment';

/** What n8n's editor shows after "Test" (plus the HTTP status when there was an answer). */
export interface CredentialTestOutcome {
	status: 'OK' | 'Error';
	message: string;
	httpStatus?: number;
}

/** n8n tests request-based credentials on a copy of its No Operation node. */
const TEMP_NODE_TYPE = 'n8n-nodes-base.noOp';

export async function testCredential(type: ICredentialType, data: ICredentialDataDecryptedObject): Promise<CredentialTestOutcome> {
	if (!type.test) throw new Error(`credential type ${type.name} has no test request`);
	prepareEnvironment();
	const credentialsHelper = new HarnessCredentialsHelper([type], { [type.name]: data });
	const additionalData = createAdditionalData({ executionId: 'credential-test', credentialsHelper });
	const credentials: ICredentialsDecrypted = {
		id: 'credential-under-test',
		name: 'Credential under test',
		type: type.name,
		data: await credentialsHelper.getDecrypted(additionalData, { id: 'credential-under-test', name: 'x' }, type.name),
	};

	const nodeType: INodeType = {
		description: {
			displayName: 'Temp',
			name: TEMP_NODE_TYPE,
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name: 'Temp' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: type.name, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', default: '', routing: { request: type.test.request } }],
		},
	};
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: (_name, version) => NodeHelpers.getVersionedNodeType(nodeType, version),
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: TEMP_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [type.name]: { id: credentials.id, name: credentials.name } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createRunExecutionData({ resultData: { runData: {} } }),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);

	try {
		await new RoutingNode(context, nodeType, credentials).runNode();
	} catch (error) {
		// n8n's own reading of the failure: an axios-style `cause.response` (its HTTP status), else a
		// transport code, else the message (n8n-core 2.x wraps answers in a NodeApiError).
		const { cause, message, httpCode } = error as {
			cause?: { response?: { status?: number; statusText?: string }; code?: string };
			message: string;
			httpCode?: string | null;
		};
		const answered = cause?.response?.status ?? (httpCode ? Number(httpCode) : undefined);
		const httpStatus = Number.isFinite(answered) ? answered : undefined;
		if (cause?.response?.status !== undefined) {
			return { status: 'Error', message: cause.response.statusText || `Received HTTP status code: ${httpStatus}`, httpStatus };
		}
		return { status: 'Error', message: cause?.code ?? message, httpStatus };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
