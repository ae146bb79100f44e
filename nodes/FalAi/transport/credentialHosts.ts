/**
 * The hosts a `falAiApi` credential with "Custom Hosts" on points at.
 *
 * Either one gateway base URL that serves fal's four APIs under fixed paths (the layout of the
 * bundled fake fal server, so trying the nodes takes one URL), or the four URLs one by one, as
 * credentials saved before the gateway field existed have them. The gateway URL wins when set.
 */
import type { FalHosts } from '../client/types';

/** Where each API lives under a gateway base URL. */
export const GATEWAY_PATHS: Readonly<FalHosts> = Object.freeze({
	queueUrl: '/queue',
	runUrl: '/run',
	restUrl: '/rest',
	platformUrl: '/api/v1',
});

export interface CustomHostFields {
	gatewayUrl?: string;
	queueUrl?: string;
	runUrl?: string;
	restUrl?: string;
	platformUrl?: string;
}

/** The overrides the credential's fields give (empty fields mean fal's own host). */
export function customHosts(fields: CustomHostFields): Partial<FalHosts> {
	const gateway = fields.gatewayUrl?.trim().replace(/\/+$/, '');
	const hosts: Partial<FalHosts> = {};
	for (const name of ['queueUrl', 'runUrl', 'restUrl', 'platformUrl'] as const) {
		const value = gateway ? `${gateway}${GATEWAY_PATHS[name]}` : fields[name]?.trim();
		if (value) hosts[name] = value;
	}
	return hosts;
}
