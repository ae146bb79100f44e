/**
 * The package's own n8n transport, driven by n8n-core's real `httpRequest` (axios, n8n's proxy
 * agents, its option handling) outside a workflow run, so client-level tests exercise exactly
 * the HTTP path users run.
 *
 * In a workflow, `httpRequestWithAuthentication('falAiApi', …)` applies the credential's generic
 * `authenticate` block (`Authorization: Key …`) and then calls the same `httpRequest`; here that
 * one step is done by hand. Workflow tests (test/harness) go through the real helper.
 */
import 'reflect-metadata';

import type { IHttpRequestOptions } from 'n8n-workflow';

import type { HttpTransport } from '../../nodes/FalAi/client/transport';
import { createN8nTransport } from '../../nodes/FalAi/transport/n8nTransport';

// n8n-core does not export its request helpers from the package root; this is the module the
// execution contexts' `helpers.httpRequest` calls.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { httpRequest } = require('n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions') as {
	httpRequest(options: IHttpRequestOptions): Promise<unknown>;
};

/** n8n-core's `httpRequest` as the package's transport; `credentials` as the credential would authenticate. */
export function createN8nCoreTransport(credentials: string): HttpTransport {
	const key = credentials.trim();
	return createN8nTransport({
		httpRequest: async (options) => await httpRequest(options),
		httpRequestWithAuthentication: async (options) =>
			await httpRequest({ ...options, headers: { ...options.headers, Authorization: `Key ${key}` } }),
	});
}

export { httpRequest as n8nCoreHttpRequest };
