/**
 * The `additionalData` n8n's engine threads through every node context: lifecycle hooks, the
 * credentials helper and the instance's public URLs. Features that need an n8n server (sub-
 * workflows, task runners, AI event logging) fail loudly instead of pretending to work.
 */
import type { ExecutionLifecycleHooks } from 'n8n-core';
import { ExternalSecretsProxy } from 'n8n-core';
import type { ICredentialsHelper, IWorkflowExecuteAdditionalData } from 'n8n-workflow';

/** Base URL the harness reports as the n8n instance; nothing listens there. */
export const HARNESS_INSTANCE_URL = 'http://127.0.0.1:5678';

function unsupported(feature: string): () => never {
	return () => {
		throw new Error(`The workflow harness does not support ${feature}`);
	};
}

export function createAdditionalData(options: {
	executionId: string;
	hooks?: ExecutionLifecycleHooks;
	credentialsHelper: ICredentialsHelper;
	currentNodeParameters?: IWorkflowExecuteAdditionalData['currentNodeParameters'];
	/** What n8n would push to the editor (`sendMessageToUI` arrives as `sendConsoleMessage`). */
	sendDataToUI?: IWorkflowExecuteAdditionalData['sendDataToUI'];
}): IWorkflowExecuteAdditionalData {
	return {
		sendDataToUI: options.sendDataToUI,
		executionId: options.executionId,
		hooks: options.hooks,
		credentialsHelper: options.credentialsHelper,
		currentNodeParameters: options.currentNodeParameters,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${HARNESS_INSTANCE_URL}/rest`,
		instanceBaseUrl: `${HARNESS_INSTANCE_URL}/`,
		formWaitingBaseUrl: `${HARNESS_INSTANCE_URL}/form-waiting`,
		webhookBaseUrl: `${HARNESS_INSTANCE_URL}/webhook`,
		webhookWaitingBaseUrl: `${HARNESS_INSTANCE_URL}/webhook-waiting`,
		webhookTestBaseUrl: `${HARNESS_INSTANCE_URL}/webhook-test`,
		variables: {},
		externalSecretsProxy: new ExternalSecretsProxy(),
		executeWorkflow: unsupported('executing sub-workflows'),
		getRunExecutionData: unsupported('loading other executions'),
		logAiEvent: unsupported('AI event logging'),
		startRunnerTask: unsupported('task runners (Code node)'),
	};
}
