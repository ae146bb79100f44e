/**
 * The node type registry and credentials helper of one run (or one node method call): the
 * package's own types, plus the extra types a test brings, with the test's credentials.
 */
import type { ICredentialType } from 'n8n-workflow';

import type { HarnessCredentials } from './credentials-helper';
import { HarnessCredentialsHelper } from './credentials-helper';
import { HarnessNodeTypes } from './node-types';
import type { AnyNodeType } from './package-types';
import { loadPackageTypes } from './package-types';

export interface RegistryOptions {
	/** Decrypted credentials by type, e.g. `{ falAiApi: { apiKey, customHosts: true, queueUrl } }`. */
	credentials?: HarnessCredentials;
	/** Node types beyond the package's own (test fixtures), as instances or classes. */
	nodeTypes?: Array<AnyNodeType | (new () => AnyNodeType)>;
	/** Credential types beyond the package's own (test fixtures), as instances or classes. */
	credentialTypes?: Array<ICredentialType | (new () => ICredentialType)>;
	/** Package whose `nodes/` and `credentials/` are loaded; default: this repository. */
	packageRoot?: string;
}

function instances<T extends object>(types: Array<T | (new () => T)> = []): T[] {
	return types.map((type) => (typeof type === 'function' ? new type() : type));
}

export function createRegistries(
	options: RegistryOptions,
	runNodeTypes: AnyNodeType[] = [],
): { nodeTypes: HarnessNodeTypes; credentialsHelper: HarnessCredentialsHelper } {
	const packageTypes = loadPackageTypes(options.packageRoot);
	return {
		nodeTypes: new HarnessNodeTypes(
			[...packageTypes.nodeTypes, ...instances(options.nodeTypes), ...runNodeTypes],
			packageTypes.packageName,
			packageTypes.loadErrors,
		),
		credentialsHelper: new HarnessCredentialsHelper(
			[...packageTypes.credentialTypes, ...instances(options.credentialTypes)],
			options.credentials ?? {},
		),
	};
}
