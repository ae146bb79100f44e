/**
 * Runs the Fal.ai Trigger's `webhook()` the way n8n 2.8 does, on a real local HTTP server.
 *
 * Each request goes through what n8n's webhook path does around a node: the raw-body reader
 * (`req.readRawBody()` filling `req.rawBody`), the JSON body parser (a 422 on invalid JSON), a
 * `Workflow` built fresh from the stored static data, n8n-core 2.8.1's real `WebhookContext`,
 * then n8n's handling of the result (`noWebhookResponse`, `webhookResponse`, `workflowData`)
 * and the static data save when it changed. Runs that would start are recorded, not executed.
 */
import '../support/n8nEnv';

import type { IncomingMessage, ServerResponse } from 'node:http';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { HookContext } from 'n8n-core';
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

import { FalAiApi } from '../../credentials/FalAiApi.credentials';
import { FalAiTrigger } from '../../nodes/FalAi/Trigger/FalAiTrigger.node';
import { HarnessCredentialsHelper } from '../harness/credentials-helper';
import { LocalWebhookEndpoint } from '../support/localWebhookEndpoint';
import { endUnansweredCall, readBodyAsN8nDoes, runWebhookAsN8nDoes, webhookContextFor } from '../support/webhookContext';

export interface HandledCall {
	status: number;
	body: unknown;
	/** The items the workflow would have started with, when it would have started. */
	started?: INodeExecutionData[];
}

export class TriggerHarness extends LocalWebhookEndpoint {
	/** Every workflow run the calls started, in order. */
	readonly runs: INodeExecutionData[][] = [];
	/** Errors thrown by `webhook()` (n8n turns them into a 500 and a failed execution). */
	readonly errors: Error[] = [];
	/** The workflow's static data as n8n would have stored it. */
	storedStaticData: IDataObject = {};

	private readonly trigger = new FalAiTrigger();
	private readonly nodeTypes: INodeTypes;

	/** n8n's logger, which the node's `this.logger` is (spy on it to see what the node logs). */
	get logger(): Logger {
		return Container.get(Logger);
	}

	/** The trigger's optional Fal.ai API credential; none when undefined. */
	credential?: Record<string, unknown>;

	private constructor(public parameters: INodeParameters) {
		super('/webhook/fal');
		this.nodeTypes = {
			getByName: () => this.trigger,
			getByNameAndVersion: () => this.trigger,
			getKnownTypes: () => ({}),
		};
	}

	/** A harness listening for calls (`settled()` waits for them: the node answers fal before it downloads media). */
	static async start(parameters: INodeParameters): Promise<TriggerHarness> {
		const harness = new TriggerHarness(parameters);
		await harness.listen();
		return harness;
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
			...(this.credential ? { credentials: { falAiApi: { id: 'cred-1', name: 'Fal.ai account' } } } : {}),
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

	protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		if (!(await readBodyAsN8nDoes(request, response))) return;

		const workflow = this.workflow();
		const credentialsHelper = new HarnessCredentialsHelper([new FalAiApi()], this.credential ? { falAiApi: this.credential as never } : {});
		const context = webhookContextFor(
			{ workflow, node: workflow.getNode('Fal.ai Trigger')!, webhookData: this.webhookData(), credentialsHelper },
			request,
			response,
		);
		const result = await runWebhookAsN8nDoes(async () => await this.trigger.webhook.call(context), response, this.errors);
		if (result === undefined) return;

		if (result.workflowData !== undefined) this.runs.push(result.workflowData[0]);
		if (result.noWebhookResponse !== true && !response.headersSent) {
			const body =
				result.workflowData !== undefined
					? { message: 'Workflow was started' }
					: (result.webhookResponse ?? { message: 'Webhook call received' });
			response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
		}
		endUnansweredCall(response);

		const staticData = workflow.staticData as IDataObject & { __dataChanged?: boolean };
		// Saved as JSON, like n8n's database column (the change flag is not enumerable).
		if (staticData.__dataChanged === true) this.storedStaticData = JSON.parse(JSON.stringify(staticData)) as IDataObject;
	}
}
