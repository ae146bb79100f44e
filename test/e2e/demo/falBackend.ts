/**
 * Which fal the demo's credential talks to: the real fal.ai when `FAL_KEY` is set, otherwise the
 * bundled fake fal server, started here on 127.0.0.1 so the example workflows run without an
 * account or network access.
 */
import { startFakeFal } from '../../fake-fal';
import { credentialValues } from '../../fake-fal/credentialValues';
import { FAL_E2E_CREDENTIAL_ID, falAiCredential } from '../lib/falAiCredential';
import type { N8nCredential } from '../lib/importCredential';

export interface FalBackend {
	/** `fake` when the bundled fake server was started for the demo. */
	kind: 'real' | 'fake';
	/** One line for the screen saying which fal the workflows will call (never the key). */
	description: string;
	/** The `falAiApi` credential the example workflows reference (by id). */
	credential: N8nCredential;
	/** For the fake: the exact values to type into a Fal.ai API credential of one's own. */
	credentialValues?: string[];
	/** Stops what was started for it (the fake server); nothing for the real fal. */
	close(): Promise<void>;
}

/** The real fal.ai with the user's key, or a freshly started fake fal. */
export async function startFalBackend(env: NodeJS.ProcessEnv = process.env): Promise<FalBackend> {
	const apiKey = env.FAL_KEY?.trim();
	if (apiKey) return realFal(apiKey);
	return fakeFal();
}

function realFal(apiKey: string): FalBackend {
	return {
		kind: 'real',
		description: 'REAL fal.ai (FAL_KEY is set): running a workflow calls fal.ai and is billed to your account.',
		credential: {
			id: FAL_E2E_CREDENTIAL_ID,
			name: 'fal.ai',
			type: 'falAiApi',
			data: { apiKey, customHosts: false },
		},
		close: async () => undefined,
	};
}

async function fakeFal(): Promise<FalBackend> {
	const fal = await startFakeFal({ port: 0, queueMs: 300, runMs: 1500 });
	return {
		kind: 'fake',
		description:
			`FAKE fal server at ${fal.baseUrl} (FAL_KEY is not set): workflows get generated test ` +
			'images, videos and transcripts, nothing leaves this machine. Set FAL_KEY to use the real fal.ai.',
		credential: falAiCredential({ apiKey: fal.key, hosts: fal.hosts, name: 'fal.ai' }),
		credentialValues: credentialValues(fal),
		close: () => fal.close(),
	};
}

