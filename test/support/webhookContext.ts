/**
 * What n8n 2.8's webhook path does around a node's `webhook()` on every call, for the harnesses
 * that run a node's webhook (the Fal.ai Trigger, the "Wait for Webhook" resume): the raw-body
 * reader and JSON body parser before it, n8n-core's real `WebhookContext` for it, and n8n's
 * answers when the node throws or answers nothing.
 */
import './n8nEnv';

import type { IncomingMessage, ServerResponse } from 'node:http';
import { buffer } from 'node:stream/consumers';

import { WebhookContext } from 'n8n-core';
import type {
	ICredentialsHelper,
	INode,
	IRunExecutionData,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';

/**
 * n8n's `rawBodyReader` middleware and JSON body parser: makes `request.readRawBody()` available
 * and, for a JSON call, fills `request.rawBody` and `request.body`. Invalid JSON gets n8n's 422
 * and never reaches the node: then this returns false.
 */
export async function readBodyAsN8nDoes(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
	// Express's query parser, which `getQueryData()` reads.
	const query = Object.fromEntries(new URL(request.url ?? '/', 'http://n8n.local').searchParams);
	(request as IncomingMessage & { query?: Record<string, string> }).query = query;
	request.readRawBody = async () => {
		if (!request.rawBody) request.rawBody = await buffer(request);
	};
	if (!(request.headers['content-type'] ?? '').startsWith('application/json')) return true;
	await request.readRawBody();
	try {
		(request as IncomingMessage & { body?: unknown }).body = JSON.parse(request.rawBody.toString('utf8'));
		return true;
	} catch {
		response.writeHead(422, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Failed to parse request body' }));
		return false;
	}
}

/** The call a `WebhookContext` is built for: the workflow, its node, and the webhook called. */
export interface WebhookCall {
	workflow: Workflow;
	node: INode;
	webhookData: IWebhookData;
	/** The waiting execution, for a resume webhook; none for a trigger's. */
	runExecutionData?: IRunExecutionData | null;
	/** Hands out the node's credentials (`getCredentials`); none when omitted. */
	credentialsHelper?: ICredentialsHelper;
}

/** n8n-core's `WebhookContext` for one call, the HTTP request and response travelling with it as n8n passes them. */
export function webhookContextFor(call: WebhookCall, request: IncomingMessage, response: ServerResponse): WebhookContext {
	const additionalData = {
		httpRequest: request,
		httpResponse: response,
		credentialsHelper: call.credentialsHelper,
	} as unknown as IWorkflowExecuteAdditionalData;
	return new WebhookContext(call.workflow, call.node, additionalData, 'webhook', call.webhookData, [], call.runExecutionData ?? null);
}

/**
 * Runs the node's `webhook()` as n8n does: when it throws, the error is recorded in `errors` and
 * the caller gets n8n's 500 "Error in workflow" (unless the node already answered); this then
 * returns undefined.
 */
export async function runWebhookAsN8nDoes(
	webhook: () => Promise<IWebhookResponseData>,
	response: ServerResponse,
	errors: Error[],
): Promise<IWebhookResponseData | undefined> {
	try {
		return await webhook();
	} catch (error) {
		errors.push(error as Error);
		if (!response.headersSent) response.writeHead(500).end(JSON.stringify({ message: 'Error in workflow' }));
		return undefined;
	}
}

/** A call n8n would leave hanging, since neither the node nor n8n answered it, made visible as a 599. */
export function endUnansweredCall(response: ServerResponse): void {
	if (!response.writableEnded) response.writeHead(599).end('the node neither answered nor let n8n answer');
}
