import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * A fal.ai API key, sent as `Authorization: Key <key>` on every call.
 *
 * The host fields exist for proxies and gateways in front of fal (and so tests can point
 * everything at the bundled fake fal server); left empty they mean fal's own hosts. One gateway
 * base URL can stand for all four; the four fields stay for credentials saved before it.
 */
export class FalAiApi implements ICredentialType {
	name = 'falAiApi';

	displayName = 'Fal.ai API';

	icon = { light: 'file:../icons/fal.svg', dark: 'file:../icons/fal.dark.svg' } as const;

	documentationUrl = 'https://docs.fal.ai/model-apis/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'KEY or KEY_ID:KEY_SECRET',
			description:
				'Your fal.ai API key from fal.ai/dashboard/keys. Both the single-part key and the KEY_ID:KEY_SECRET form are accepted.',
		},
		{
			displayName: 'Custom Hosts',
			name: 'customHosts',
			type: 'boolean',
			default: false,
			description:
				'Whether to send requests to a proxy, gateway or the bundled fake fal server instead of fal.ai',
		},
		{
			displayName: 'Gateway Base URL',
			name: 'gatewayUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://127.0.0.1:8787',
			description:
				'One URL serving all four APIs under /queue, /run, /rest and /api/v1 (the layout of the bundled fake fal server). When set, the four URLs below are not used.',
			displayOptions: { show: { customHosts: [true] } },
		},
		{
			displayName: 'Queue URL',
			name: 'queueUrl',
			type: 'string',
			default: 'https://queue.fal.run',
			description: 'Base URL of the queue API (submit, status, result, cancel)',
			displayOptions: { show: { customHosts: [true] } },
		},
		{
			displayName: 'Run URL',
			name: 'runUrl',
			type: 'string',
			default: 'https://fal.run',
			description: 'Base URL of direct (synchronous) runs',
			displayOptions: { show: { customHosts: [true] } },
		},
		{
			displayName: 'REST URL',
			name: 'restUrl',
			type: 'string',
			default: 'https://rest.fal.ai',
			description: 'Base URL of the REST API used for file uploads to fal storage',
			displayOptions: { show: { customHosts: [true] } },
		},
		{
			displayName: 'Platform API URL',
			name: 'platformUrl',
			type: 'string',
			default: 'https://api.fal.ai/v1',
			description: 'Base URL of the platform API (model catalogue and schemas)',
			displayOptions: { show: { customHosts: [true] } },
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Key {{$credentials.apiKey.trim()}}',
			},
		},
	};

	/**
	 * Proves the key without submitting a job: the pricing lookup needs a valid key (401/403
	 * otherwise) and is free.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{!$credentials.customHosts ? "https://api.fal.ai/v1" : $credentials.gatewayUrl ? $credentials.gatewayUrl.replace(/\\/+$/, "") + "/api/v1" : $credentials.platformUrl ? $credentials.platformUrl.replace(/\\/+$/, "") : "https://api.fal.ai/v1"}}',
			url: '/models/pricing',
			qs: { endpoint_id: 'fal-ai/flux/dev' },
			method: 'GET',
		},
	};
}
