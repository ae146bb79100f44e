/**
 * The credentials helper the engine asks for decrypted credentials, holding test credentials
 * in memory instead of n8n's encrypted database rows.
 *
 * It behaves like n8n's own helper where our nodes can tell the difference:
 * - `getDecrypted` fills in the credential type's defaults and, like n8n, drops properties
 *   whose `displayOptions` hide them (e.g. `queueUrl` without `customHosts: true`);
 * - `authenticate` applies the type's `authenticate` block (function or `generic` with
 *   `{{$credentials.x}}` expressions), used by `helpers.httpRequestWithAuthentication`.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	IRequestOptionsSimplified,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers } from 'n8n-workflow';

/** Test credentials by credential type name, e.g. `{ falAiApi: { apiKey: '…' } }`. */
export type HarnessCredentials = Record<string, ICredentialDataDecryptedObject>;

function notSupported(what: string): never {
	throw new Error(`The workflow harness does not support ${what}`);
}

export class HarnessCredentialsHelper extends ICredentialsHelper {
	private readonly types = new Map<string, ICredentialType>();

	constructor(
		credentialTypes: ICredentialType[],
		private readonly credentials: HarnessCredentials,
	) {
		super();
		for (const type of credentialTypes) this.types.set(type.name, type);
	}

	getCredentialType(name: string): ICredentialType {
		const type = this.types.get(name);
		if (!type) {
			throw new Error(
				`Unknown credential type "${name}". Known: ${[...this.types.keys()].join(', ') || '(none)'}`,
			);
		}
		return type;
	}

	getParentTypes(name: string): string[] {
		const parents = this.types.get(name)?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const { properties: own, extends: parents = [] } = this.getCredentialType(type);
		const inherited = parents.flatMap((parent) => this.getCredentialsProperties(parent));
		const ownNames = new Set(own.map((property) => property.name));
		return [...inherited.filter((property) => !ownNames.has(property.name)), ...own];
	}

	async getDecrypted(
		_additionalData: unknown,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const given = this.credentials[type];
		if (!given) {
			throw new Error(
				`No test credentials of type "${type}" were given to the harness (option "credentials")`,
			);
		}
		const withDefaults = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			given as INodeParameters,
			true,
			false,
			null,
			null,
		);
		return (withDefaults ?? {}) as ICredentialDataDecryptedObject;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.getCredentialType(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (authenticate?.type !== 'generic') return requestOptions as IHttpRequestOptions;

		const resolve = (value: string) =>
			String(
				workflow.expression.getSimpleParameterValue(
					node,
					value,
					'internal',
					{ $credentials: credentials },
					undefined,
					value,
				),
			);
		const options = requestOptions as unknown as Record<string, Record<string, string> | undefined>;
		for (const [target, entries] of Object.entries(authenticate.properties)) {
			const resolved = { ...(options[target] ?? {}) };
			for (const [key, value] of Object.entries(entries as Record<string, string>)) {
				resolved[resolve(key)] = resolve(value);
			}
			options[target] = resolved;
		}
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		return notSupported('reading stored (encrypted) credentials');
	}

	async updateCredentials(): Promise<void> {
		notSupported('updating credentials');
	}

	async updateCredentialsOauthTokenData(): Promise<void> {
		notSupported('OAuth token updates');
	}
}
