/**
 * Runs a workflow through n8n's real engine (`WorkflowExecute` from n8n-core) in-process.
 *
 * The nodes are our package's node types (found under `nodes/`) plus any given; the run starts
 * at a stand-in manual trigger named `Start` that emits the given items. Cancelling the run is
 * n8n's own cancellation (the engine's `PCancelable`), which aborts the signal nodes get from
 * `this.getExecutionCancelSignal()` — the same path as the "Stop" button in the editor.
 */
import type { IRun, IWorkflowSettings, StructuredChunk, WorkflowExecuteMode } from 'n8n-workflow';
import { createDeferredPromise, createRunExecutionData, Workflow } from 'n8n-workflow';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';

import { createAdditionalData } from './additional-data';
import type { BinaryDataMode } from './environment';
import { useBinaryDataMode } from './environment';
import type { HarnessInputItem } from './input-items';
import { prepareInputItems } from './input-items';
import type { RegistryOptions } from './registries';
import { createRegistries } from './registries';
import { createStartNodeType, HARNESS_START_NODE_TYPE } from './start-node';
import type { HarnessConnections, HarnessNode } from './workflow-definition';
import { completeConnections, completeNodes } from './workflow-definition';
import { WorkflowResult } from './workflow-result';

export interface RunWorkflowOptions extends RegistryOptions {
	/** The workflow's nodes (ids, positions and type versions are optional). */
	nodes: HarnessNode[];
	/** `[from, to]` pairs or n8n's `IConnections`; default: `Start` → nodes in the given order. */
	connections?: HarnessConnections;
	/** Items the start node emits; default one empty item. Binaries may be raw bytes. */
	items?: HarnessInputItem[];
	/** Aborting it cancels the run, like `run.cancel()`. */
	signal?: AbortSignal;
	/** Where binary data lives during the run; default `memory`. */
	binaryDataMode?: BinaryDataMode;
	/** Workflow settings; `executionOrder` defaults to `v1` like every new workflow. */
	settings?: IWorkflowSettings;
	/** Execution mode; default `manual` (the editor's "Execute workflow"). */
	mode?: WorkflowExecuteMode;
	/**
	 * Streams the run's response, as n8n does for a Webhook or Chat Trigger with streaming on:
	 * the engine's `sendChunk` hook receives every chunk a node sends (`isStreaming()` is true).
	 */
	onChunk?: (chunk: StructuredChunk) => void;
	/** Name of the start node; a stand-in manual trigger is added unless a node has this name. */
	startNodeName?: string;
	/** Receives what the engine would push to the editor (e.g. `sendConsoleMessage` of `sendMessageToUI`). */
	onUiMessage?: (type: string, data: unknown) => void;
}

const WORKFLOW_ID = 'harness-workflow';

let executionCounter = 0;

/**
 * A workflow run in progress. Await it for the {@link WorkflowResult}; it never rejects for
 * errors inside the workflow (they are in `result.error`), only for harness misuse.
 */
export class WorkflowRun implements PromiseLike<WorkflowResult> {
	readonly executionId = `harness-execution-${++executionCounter}`;

	private engineRun?: { cancel(): void };

	private cancelRequested = false;

	private ended = false;

	private readonly started = new Map<string, ReturnType<typeof createDeferredPromise<void>>>();

	private readonly result: Promise<WorkflowResult>;

	constructor(options: RunWorkflowOptions) {
		options.signal?.addEventListener('abort', () => this.cancel(), { once: true });
		if (options.signal?.aborted) this.cancelRequested = true;
		this.result = this.execute(options).finally(() => this.rejectUnstarted());
	}

	/** Stops the run the way n8n's "Stop execution" does: the cancel signal of nodes aborts. */
	cancel(): void {
		this.cancelRequested = true;
		this.engineRun?.cancel();
	}

	/**
	 * Resolves when the engine is about to execute `nodeName` (its `nodeExecuteBefore` hook, so
	 * the node's own code may not have run yet); rejects if the run ends before that.
	 */
	nodeStarted(nodeName: string): Promise<void> {
		const deferred = this.startedDeferred(nodeName);
		if (this.ended) this.rejectUnstarted();
		return deferred.promise;
	}

	then<TResult1 = WorkflowResult, TResult2 = never>(
		onFulfilled?: ((value: WorkflowResult) => TResult1 | PromiseLike<TResult1>) | null,
		onRejected?: ((reason: unknown) => TResult2 | PromiseLike<TResult2>) | null,
	): Promise<TResult1 | TResult2> {
		return this.result.then(onFulfilled, onRejected);
	}

	private startedDeferred(nodeName: string) {
		let deferred = this.started.get(nodeName);
		if (!deferred) {
			deferred = createDeferredPromise<void>();
			// Nobody may be waiting for it; an unhandled rejection would fail the test file.
			deferred.promise.catch(() => undefined);
			this.started.set(nodeName, deferred);
		}
		return deferred;
	}

	private rejectUnstarted(): void {
		this.ended = true;
		for (const [nodeName, deferred] of this.started) {
			deferred.reject(new Error(`The run ended before node "${nodeName}" started`));
		}
	}

	private async execute(options: RunWorkflowOptions): Promise<WorkflowResult> {
		const binaryData = await useBinaryDataMode(options.binaryDataMode ?? 'memory');
		try {
			const items = await prepareInputItems(
				options.items ?? [{ json: {} }],
				this.executionId,
				WORKFLOW_ID,
			);
			const { nodeTypes, credentialsHelper } = createRegistries(options, [
				createStartNodeType(items),
			]);

			const startNodeName = options.startNodeName ?? 'Start';
			const givenNodes = options.nodes.some((node) => node.name === startNodeName)
				? options.nodes
				: [{ name: startNodeName, type: HARNESS_START_NODE_TYPE }, ...options.nodes];
			const nodes = completeNodes(givenNodes, nodeTypes, Object.keys(options.credentials ?? {}));
			const connections = completeConnections(
				options.connections,
				nodes.map((node) => node.name),
			);
			const settings: IWorkflowSettings = { executionOrder: 'v1', ...options.settings };
			const workflow = new Workflow({
				id: WORKFLOW_ID,
				name: 'Harness workflow',
				nodes,
				connections,
				nodeTypes,
				active: false,
				settings,
			});
			const mode = options.mode ?? 'manual';

			const hooks = new ExecutionLifecycleHooks(mode, this.executionId, {
				id: WORKFLOW_ID,
				name: 'Harness workflow',
				active: false,
				isArchived: false,
				activeVersionId: null,
				createdAt: new Date(),
				updatedAt: new Date(),
				nodes,
				connections,
				settings,
			});
			hooks.addHandler('nodeExecuteBefore', (nodeName) => this.startedDeferred(nodeName).resolve());
			const onChunk = options.onChunk;
			if (onChunk) hooks.addHandler('sendChunk', (chunk) => onChunk(chunk));

			const additionalData = createAdditionalData({
				executionId: this.executionId,
				hooks,
				credentialsHelper,
				sendDataToUI: options.onUiMessage,
			});
			if (onChunk) additionalData.streamingEnabled = true;
			const startNode = workflow.getNode(startNodeName);
			if (!startNode) throw new Error(`No start node "${startNodeName}"`);
			const runExecutionData = createRunExecutionData({
				executionData: {
					nodeExecutionStack: [{ node: startNode, data: { main: [items] }, source: null }],
				},
			});

			const engineRun = new WorkflowExecute(
				additionalData,
				mode,
				runExecutionData,
			).processRunExecutionData(workflow);
			this.engineRun = engineRun;
			if (this.cancelRequested) engineRun.cancel();

			const run: IRun = await engineRun;
			return new WorkflowResult(run, binaryData.service);
		} finally {
			binaryData.release();
		}
	}
}

/**
 * Runs a workflow through n8n's engine. `await` the returned run for the result, or keep it to
 * `cancel()` the run or wait for `nodeStarted(name)` first.
 *
 * @example
 * const result = await runWorkflow({
 *   nodes: [{ name: 'Generate Image', type: 'falAiGenerateImage', parameters: { prompt: 'a fox' } }],
 *   credentials: { falAiApi: { apiKey: fal.key, customHosts: true, ...fal.hosts } },
 * });
 * result.output('Generate Image'); // INodeExecutionData[]
 */
export function runWorkflow(options: RunWorkflowOptions): WorkflowRun {
	return new WorkflowRun(options);
}
