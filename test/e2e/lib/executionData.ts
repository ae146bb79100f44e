/**
 * The parts of n8n's execution record (`IRun`) the e2e tests read, and a helper to get the items
 * a node produced. Typed here instead of importing n8n-workflow so the e2e library does not
 * depend on which n8n-workflow version the root project has.
 */

export interface N8nItem {
	json: Record<string, unknown>;
	binary?: Record<string, { mimeType?: string; fileName?: string; data?: string; id?: string }>;
}

export interface N8nNodeRun {
	executionStatus?: string;
	error?: { message?: string; description?: string; [key: string]: unknown };
	data?: { main?: Array<N8nItem[] | null> };
}

export interface N8nExecution {
	status: string;
	finished?: boolean;
	mode?: string;
	data: {
		resultData: {
			runData: Record<string, N8nNodeRun[]>;
			lastNodeExecuted?: string;
			error?: { message?: string; description?: string; node?: { name?: string } };
		};
	};
}

/**
 * The items node `nodeName` emitted on output `outputIndex` in its last run. Throws when the node
 * did not run, so a test reading it fails with a clear message.
 */
export function nodeItems(execution: N8nExecution, nodeName: string, outputIndex = 0): N8nItem[] {
	const runs = execution.data.resultData.runData[nodeName];
	if (!runs || runs.length === 0) {
		const ran = Object.keys(execution.data.resultData.runData).join(', ');
		throw new Error(`Node "${nodeName}" did not run (nodes that ran: ${ran || 'none'})`);
	}
	return runs[runs.length - 1].data?.main?.[outputIndex] ?? [];
}
