/**
 * Helpers for running this package inside a real n8n (CLI and server) in the e2e tests and the
 * demo. Typical flow:
 *
 *   await installN8n();                              // cached npm ci of test/e2e/n8n
 *   const userFolder = createUserFolder();
 *   await packAndInstallPackage(userFolder);         // as a user installs a community node
 *   await importCredential(userFolder, falAiCredential({ apiKey, hosts }));
 *   const id = await importWorkflow(userFolder, 'test/e2e/workflows/x.json');
 *   const run = await executeWorkflow(userFolder, id);
 *   const n8n = await startN8n(userFolder);          // { url, stop() }
 *   const session = await setupOwner(n8n.url);
 */
export { installN8n, isInstalled } from './installN8n';
export { packAndInstallPackage } from './packAndInstallPackage';
export { n8nEnv } from './n8nEnv';
export { createUserFolder, removeUserFolder } from './userFolder';
export { importWorkflow, importWorkflowObject } from './importWorkflow';
export { executeWorkflow, parseExecution } from './executeWorkflow';
export type { WorkflowRun } from './executeWorkflow';
export { nodeItems } from './executionData';
export type { N8nExecution, N8nItem } from './executionData';
export { importCredential } from './importCredential';
export type { N8nCredential } from './importCredential';
export { falAiCredential, FAL_E2E_CREDENTIAL_ID, FAL_E2E_CREDENTIAL_NAME } from './falAiCredential';
export { startN8n } from './startN8n';
export type { RunningN8n } from './startN8n';
export {
	setupOwner,
	restRequest,
	activateWorkflow,
	createWorkflow,
	listExecutions,
	E2E_OWNER,
} from './n8nRest';
export type { N8nSession, ExecutionSummary, WorkflowSummary } from './n8nRest';
export { runN8nCommand } from './runN8nCommand';
export { timed } from './timings';
export { n8nBin, n8nDir, repoRoot, target } from './paths';
