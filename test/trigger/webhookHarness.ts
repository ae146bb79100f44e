/**
 * Runs the Fal.ai Trigger's `webhook()` the way n8n 2.8 does, on a real local HTTP server.
 *
 * Each request goes through what n8n's webhook path does around a node: the raw-body reader
 * (`req.readRawBody()` filling `req.rawBody`), the JSON body parser (a 422 on invalid JSON), a
 * `Workflow` built fresh from the stored static data, n8n-core 2.8.1's real `WebhookContext`,
 * then n8n's handling of the result (`noWebhookResponse`, `webhookResponse`, `workflowData`)
 * and the static data save when it changed. Runs that would start are recorded, not executed.
 */
import './n8nEnv';

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buffer } from 'node:stream/consumers';

import { HookContext, WebhookContext } from 'n8n-core';
import {
	Workflow,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeTypes,
	type IWebhookData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { FalAiTrigger } from '../../nodes/FalAi/Trigger/FalAiTrigger.node';

export interface HandledCall {
	status: number;
	body: unknown;
	/** The items the workflow would have started with, when it would have started. */
	started?: INodeExecutionData[];
}

export class TriggerHarness {
	readonly url: string;
	/** Every workflow run the calls started, in order. */
	readonly runs: INodeExecutionData[][] = [];
	/** Errors thrown by `webhook()` (n8n turns them into a 500 and a failed execution). */
	readonly errors: Error[] = [];
	/** The workflow's static data as n8n would have stored it. */
	storedStaticData: IDataObject = {};

	private readonly trigger = new FalAiTrigger();
	private readonly nodeTypes: INodeTypes;
	private readonly inFlight = new Set<Promise<void>>();

	private constructor(
		private readonly server: Server,
		public parameters: INodeParameters,
	) {
		this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/fal`;
		this.nodeTypes = {
			getByName: () => this.trigger,
			getByNameAndVersion: () => this.trigger,
			getKnownTypes: () => ({}),
		};
	}

	static async start(parameters: INodeParameters): Promise<TriggerHarness> {
		const server = createServer();
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const harness = new TriggerHarness(server, parameters);
		server.on('request', (request, response) => {
			const handling = harness.handle(request, response);
			harness.inFlight.add(handling);
			void handling.finally(() => harness.inFlight.delete(handling));
		});
		return harness;
	}

	/**
	 * Waits until every call received so far is fully handled. The node answers fal before it
	 * downloads media, so the HTTP answer arrives before the run would start.
	 */
	async settled(): Promise<void> {
		while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
	}

	async close(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise((resolve) => this.server.close(resolve));
	}

	/** Runs the node's activation hooks (`checkExists`, then `create` when it says false). */
	async activate(): Promise<{ existed: boolean; created?: boolean }> {
		const workflow = this.workflow();
		const context = new HookContext(workflow, this.node(), {} as IWorkflowExecuteAdditionalData, 'webhook', 'activate', this.webhookData());
		const methods = this.trigger.webhookMethods.default;
		const existed = await methods.checkExists.call(context);
		if (existed) return { existed };
		return { existed, created: await methods.create.call(context) };
	}

	private node(): INode {
		return {
			id: 'trigger-node',
			name: 'Fal.ai Trigger',
			type: 'n8n-nodes-falai.falAiTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: 'fal',
			parameters: this.parameters,
		};
	}

	private workflow(): Workflow {
		return new Workflow({
			id: 'workflow-1',
			name: 'fal trigger test',
			nodes: [this.node()],
			connections: {},
			active: true,
			nodeTypes: this.nodeTypes,
			// n8n reads the workflow (and its static data) from the database for every call.
			staticData: structuredClone(this.storedStaticData),
		});
	}

	private webhookData(): IWebhookData {
		const [description] = this.trigger.description.webhooks!;
		return {
			httpMethod: 'POST',
			node: 'Fal.ai Trigger',
			path: 'fal',
			webhookDescription: description,
			workflowId: 'workflow-1',
			workflowExecuteAdditionalData: {} as IWorkflowExecuteAdditionalData,
		};
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		installRawBodyReader(request);
		if ((request.headers['content-type'] ?? '').startsWith('application/json')) {
			await request.readRawBody();
			try {
				(request as IncomingMessage & { body?: unknown }).body = JSON.parse(request.rawBody.toString('utf8'));
			} catch {
				response.writeHead(422, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Failed to parse request body' }));
				return;
			}
		}

		const workflow = this.workflow();
		const additionalData = { httpRequest: request, httpResponse: response } as unknown as IWorkflowExecuteAdditionalData;
		const context = new WebhookContext(workflow, workflow.getNode('Fal.ai Trigger')!, additionalData, 'webhook', this.webhookData(), [], null);

		let result;
		try {
			result = await this.trigger.webhook.call(context);
		} catch (error) {
			this.errors.push(error as Error);
			if (!response.headersSent) response.writeHead(500).end(JSON.stringify({ message: 'Error in workflow' }));
			return;
		}

		if (result.workflowData !== undefined) this.runs.push(result.workflowData[0]);
		if (result.noWebhookResponse !== true && !response.headersSent) {
			const body =
				result.workflowData !== undefined
					? { message: 'Workflow was started' }
					: (result.webhookResponse ?? { message: 'Webhook call received' });
			response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
		}
		if (!response.writableEnded) {
			// n8n would leave this request hanging; make it visible instead.
			response.writeHead(599).end('the node neither answered nor let n8n answer');
		}

		const staticData = workflow.staticData as IDataObject & { __dataChanged?: boolean };
		// Saved as JSON, like n8n's database column (the change flag is not enumerable).
		if (staticData.__dataChanged === true) this.storedStaticData = JSON.parse(JSON.stringify(staticData)) as IDataObject;
	}
}

/** What n8n's `rawBodyReader` middleware installs on every request. */
function installRawBodyReader(request: IncomingMessage): void {
	request.readRawBody = async () => {
		if (!request.rawBody) request.rawBody = await buffer(request);
	};
}
