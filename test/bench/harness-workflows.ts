/**
 * The real nodes, run the way users run them: workflows through n8n's own engine in-process
 * (test/harness), the credential pointing at the fake. Shared by the CPU scenario (in the bench
 * process) and the file scenarios (each in its own child process).
 */
import type { IDataObject } from 'n8n-workflow';

import { runWorkflow, type HarnessInputItem, type HarnessNode, type RunWorkflowOptions, type WorkflowResult } from '../harness';
import type { FakeHosts } from './fake-control';

export function falCredentials(hosts: FakeHosts, key: string): NonNullable<RunWorkflowOptions['credentials']> {
	return { falAiApi: { apiKey: key, customHosts: true, ...hosts } };
}

/** A model node (Generate Image / Video) running `model` by id, waiting for the result. */
export function modelNode(name: string, type: string, model: string, parameters: IDataObject): HarnessNode {
	return { name, type, parameters: { model: { __rl: true, mode: 'id', value: model }, executionMode: 'wait', ...parameters } as HarnessNode['parameters'] };
}

/** Runs `nodes` after the start node and fails loudly if the run did not succeed. */
export async function runOrThrow(options: RunWorkflowOptions & { items?: HarnessInputItem[] }): Promise<WorkflowResult> {
	const result = await runWorkflow(options);
	if (result.status !== 'success') {
		throw new Error(`the workflow ended ${result.status}: ${result.error?.message ?? 'no error given'} ${result.error?.description ?? ''}`.trim());
	}
	return result;
}
