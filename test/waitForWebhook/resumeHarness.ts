/**
 * Calls a waiting Fal.ai Generate Image node's resume webhook the way n8n 2.8 does, on a local
 * HTTP server.
 *
 * Each request goes through what n8n's waiting-webhook path does around a node: the raw-body
 * reader and JSON body parser, then n8n-core 2.8.1's real `WebhookContext` built with the
 * waiting execution's data (whose first stack entry holds the node's waiting items, which the
 * webhook sees as `$json`), then n8n's handling of the answer. Resumes are recorded, not run.
 */
import '../support/n8nEnv';

import type { IncomingMessage, ServerResponse } from 'node:http';

import {
	createRunExecutionData,
	Workflow,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeTypes,
	type IWebhookData,
	type IWebhookFunctions,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { FalAiGenerateImage } from '../../nodes/FalAi/GenerateImage/FalAiGenerateImage.node';
import { waitForWebhookWebhooks } from '../../nodes/FalAi/shared/waitForWebhook';
import { LocalWebhookEndpoint } from '../support/localWebhookEndpoint';
import { FalAiApi } from '../../credentials/FalAiApi.credentials';
import { HarnessCredentialsHelper } from '../harness/credentials-helper';
import { endUnansweredCall, readBodyAsN8nDoes, runWebhookAsN8nDoes, webhookContextFor } from '../support/webhookContext';

const NODE_NAME = 'Generate Image';

/** The real node: its description (webhooks, parameters) and its `webhook()`. */
const generateImage = new FalAiGenerateImage();

export class ResumeHarness extends LocalWebhookEndpoint {
	/** The outputs the execution resumed with, one entry per resume. */
	readonly resumes: INodeExecutionData[][] = [];
	readonly errors: Error[] = [];
	private readonly nodeTypes: INodeTypes = {
		getByName: () => generateImage,
		getByNameAndVersion: () => generateImage,
		getKnownTypes: () => ({}),
	};

	/** The node's Fal.ai API credential (its Custom Hosts are where private-address result files may be). */
	credential?: Record<string, unknown>;

	private constructor(
		/** The node's parameters. */
		public parameters: INodeParameters,
		/** The items in the waiting node's stack entry (what execute left there). */
		public waitingItems: INodeExecutionData[],
	) {
		super('/webhook-waiting/1');
	}

	/** A harness listening for calls to the waiting execution's resume URL (`settled()` includes downloads). */
	static async start(parameters: INodeParameters, waitingItems: INodeExecutionData[]): Promise<ResumeHarness> {
		const harness = new ResumeHarness(parameters, waitingItems);
		await harness.listen();
		return harness;
	}

	private node(): INode {
		return {
			id: 'generation-node',
			name: NODE_NAME,
			type: 'n8n-nodes-falai.falAiGenerateImage',
			typeVersion: 1,
			position: [0, 0],
			parameters: this.parameters,
			...(this.credential ? { credentials: { falAiApi: { id: 'cred-1', name: 'Fal.ai account' } } } : {}),
		};
	}

	protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		if (!(await readBodyAsN8nDoes(request, response))) return;

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
		const credentialsHelper = new HarnessCredentialsHelper([new FalAiApi()], this.credential ? { falAiApi: this.credential as never } : {});
		const context = webhookContextFor({ workflow, node, webhookData, runExecutionData, credentialsHelper }, request, response);
		const result = await runWebhookAsN8nDoes(
			async () => await generateImage.webhook.call(context as unknown as IWebhookFunctions),
			response,
			this.errors,
		);
		if (result === undefined) return;
		if (result.workflowData !== undefined) this.resumes.push(result.workflowData[0]);
		endUnansweredCall(response);
	}
}
