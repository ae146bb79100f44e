/**
 * Calls a waiting Fal.ai Generate Image node's resume webhook the way n8n 2.8 does, on a local
 * HTTP server.
 *
 * Each request goes through what n8n's waiting-webhook path does around a node: the raw-body
 * reader and JSON body parser, then n8n-core 2.8.1's real `WebhookContext` built with the
 * waiting execution's data (whose first stack entry holds the node's waiting items, which the
 * webhook sees as `$json`), then n8n's handling of the answer. Resumes are recorded, not run.
 */
import '../trigger/n8nEnv';

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buffer } from 'node:stream/consumers';

import { WebhookContext } from 'n8n-core';
import {
	createRunExecutionData,
	Workflow,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeTypes,
	type IWebhookData,
	type IWebhookFunctions,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { FalAiGenerateImage } from '../../nodes/FalAi/GenerateImage/FalAiGenerateImage.node';
import { waitForWebhookWebhooks } from '../../nodes/FalAi/shared/waitForWebhook';

const NODE_NAME = 'Generate Image';

/** The real node: its description (webhooks, parameters) and its `webhook()`. */
const generateImage = new FalAiGenerateImage();

export class ResumeHarness {
	readonly url: string;
	/** The outputs the execution resumed with, one entry per resume. */
	readonly resumes: INodeExecutionData[][] = [];
	readonly errors: Error[] = [];
	private readonly inFlight = new Set<Promise<void>>();
	private readonly nodeTypes: INodeTypes = {
		getByName: () => generateImage,
		getByNameAndVersion: () => generateImage,
		getKnownTypes: () => ({}),
	};

	private constructor(
		private readonly server: Server,
		/** The node's parameters. */
		public parameters: INodeParameters,
		/** The items in the waiting node's stack entry (what execute left there). */
		public waitingItems: INodeExecutionData[],
	) {
		this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook-waiting/1`;
	}

	static async start(parameters: INodeParameters, waitingItems: INodeExecutionData[]): Promise<ResumeHarness> {
		const server = createServer();
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const harness = new ResumeHarness(server, parameters, waitingItems);
		server.on('request', (request, response) => {
			const handling = harness.handle(request, response);
			harness.inFlight.add(handling);
			void handling.finally(() => harness.inFlight.delete(handling));
		});
		return harness;
	}

	/** Waits until every call received so far is fully handled (downloads included). */
	async settled(): Promise<void> {
		while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
	}

	async close(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise((resolve) => this.server.close(resolve));
	}

	private node(): INode {
		return {
			id: 'generation-node',
			name: NODE_NAME,
			type: 'n8n-nodes-falai.falAiGenerateImage',
			typeVersion: 1,
			position: [0, 0],
			parameters: this.parameters,
		};
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		installRawBodyReader(request);
		if ((request.headers['content-type'] ?? '').startsWith('application/json')) {
			await request.readRawBody();
			try {
				(request as IncomingMessage & { body?: unknown }).body = JSON.parse(request.rawBody.toString('utf8'));
			} catch {
				response.writeHead(422).end(JSON.stringify({ message: 'Failed to parse request body' }));
				return;
			}
		}

		const node = this.node();
		const workflow = new Workflow({ id: 'workflow-1', nodes: [node], connections: {}, active: false, nodeTypes: this.nodeTypes });
		// The waiting execution as n8n stores it: the node first on the stack, with its waiting items.
		const runExecutionData = createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node, data: { main: [this.waitingItems] }, source: null }] },
		});
		const webhookData: IWebhookData = {
			httpMethod: 'POST',
			node: NODE_NAME,
			path: '',
			webhookDescription: waitForWebhookWebhooks[0],
			workflowId: 'workflow-1',
			workflowExecuteAdditionalData: {} as IWorkflowExecuteAdditionalData,
		};
		const additionalData = { httpRequest: request, httpResponse: response } as unknown as IWorkflowExecuteAdditionalData;
		const context = new WebhookContext(workflow, node, additionalData, 'webhook', webhookData, [], runExecutionData);

		let result: IWebhookResponseData;
		try {
			result = await generateImage.webhook.call(context as unknown as IWebhookFunctions);
		} catch (error) {
			this.errors.push(error as Error);
			if (!response.headersSent) response.writeHead(500).end(JSON.stringify({ message: 'Error in workflow' }));
			return;
		}
		if (result.workflowData !== undefined) this.resumes.push(result.workflowData[0]);
		if (!response.writableEnded) response.writeHead(599).end('the node neither answered nor let n8n answer');
	}
}

/** What n8n's `rawBodyReader` middleware installs on every request. */
function installRawBodyReader(request: IncomingMessage): void {
	request.readRawBody = async () => {
		if (!request.rawBody) request.rawBody = await buffer(request);
	};
}
