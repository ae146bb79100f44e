/**
 * What a harness run produced, with accessors for what tests usually look at: a node's
 * output items, the run's error and the bytes of a binary property.
 */
import type { BinaryDataService } from 'n8n-core';
import type {
	ExecutionError,
	ExecutionStatus,
	IBinaryData,
	INodeExecutionData,
	IRun,
	IRunData,
	ITaskData,
} from 'n8n-workflow';
import { BINARY_ENCODING, BINARY_IN_JSON_PROPERTY } from 'n8n-workflow';

export class WorkflowResult {
	constructor(
		/** The engine's complete answer. */
		readonly run: IRun,
		private readonly binaryDataService: BinaryDataService,
	) {}

	/** Every run of every node that executed, keyed by node name. */
	get runData(): IRunData {
		return this.run.data.resultData.runData;
	}

	/** `success`, `error` or `canceled` (and `waiting` for nodes that put the run to sleep). */
	get status(): ExecutionStatus {
		return this.run.status;
	}

	/** The error that stopped the run, if any (node errors carry `message` and `description`). */
	get error(): ExecutionError | undefined {
		return this.run.data.resultData.error;
	}

	/** Names of the nodes that ran, in the order they ran. */
	get executedNodes(): string[] {
		return Object.entries(this.runData)
			.flatMap(([name, tasks]) => tasks.map((task) => ({ name, index: task.executionIndex })))
			.sort((a, b) => a.index - b.index)
			.map(({ name }) => name);
	}

	/** One run of a node (the last one by default); throws if the node never ran. */
	task(nodeName: string, runIndex?: number): ITaskData {
		const tasks = this.runData[nodeName];
		if (!tasks?.length) {
			const ran = Object.keys(this.runData).join(', ') || 'none';
			const why = this.error ? ` The run failed: ${this.error.message}` : '';
			throw new Error(`Node "${nodeName}" did not run (nodes that ran: ${ran}).${why}`);
		}
		const task = tasks[runIndex ?? tasks.length - 1];
		if (!task) throw new Error(`Node "${nodeName}" has no run ${runIndex}`);
		return task;
	}

	/** Items of a node's main output (output 0, last run by default). */
	output(nodeName: string, outputIndex = 0, runIndex?: number): INodeExecutionData[] {
		return this.task(nodeName, runIndex).data?.main[outputIndex] ?? [];
	}

	/** The error a node's last run ended with, if any. */
	nodeError(nodeName: string, runIndex?: number): ExecutionError | undefined {
		return this.task(nodeName, runIndex).error;
	}

	/** The binary data entry of an output item, wherever n8n put it (see {@link binary}). */
	binaryData(nodeName: string, itemIndex: number, property: string, outputIndex = 0): IBinaryData {
		const item = this.output(nodeName, outputIndex)[itemIndex];
		if (!item) throw new Error(`Node "${nodeName}" has no output item ${itemIndex}`);
		const inJson = (item.json[BINARY_IN_JSON_PROPERTY] as Record<string, IBinaryData> | undefined)?.[
			property
		];
		const binary = item.binary?.[property] ?? inJson;
		if (!binary) {
			const present = [
				...Object.keys(item.binary ?? {}),
				...Object.keys((item.json[BINARY_IN_JSON_PROPERTY] as object | undefined) ?? {}),
			];
			throw new Error(
				`Item ${itemIndex} of "${nodeName}" has no binary property "${property}" ` +
					`(present: ${present.join(', ') || 'none'})`,
			);
		}
		return binary;
	}

	/**
	 * The bytes of a binary property of an output item, whatever the binary data mode: inline
	 * base64 (memory mode) or a stored file (`id`, filesystem mode). With the workflow setting
	 * `binaryMode: 'combined'` n8n moves stored binaries into `json._files`; found there too.
	 */
	async binary(nodeName: string, itemIndex: number, property: string, outputIndex = 0): Promise<Buffer> {
		const binary = this.binaryData(nodeName, itemIndex, property, outputIndex);
		if (binary.id) return await this.binaryDataService.getAsBuffer(binary);
		return Buffer.from(binary.data, BINARY_ENCODING);
	}
}
