/**
 * In-process n8n workflow harness: runs real workflows through n8n-core's engine in jest, with
 * the package's node types, test credentials and any binary data mode.
 *
 * @example
 * import { runWorkflow } from '../harness';
 *
 * const result = await runWorkflow({
 *   nodes: [{ name: 'Generate Image', type: 'falAiGenerateImage', parameters: { … } }],
 *   connections: [['Start', 'Generate Image']],
 *   credentials: { falAiApi: { apiKey: fal.key, customHosts: true, ...fal.hosts } },
 * });
 * result.output('Generate Image');
 * await result.binary('Generate Image', 0, 'image_0');
 *
 * The harness closes itself after each test file (`afterAll(closeHarness)` is registered when
 * this module is imported at the top of a test file).
 */
export { runWorkflow, WorkflowRun } from './run-workflow';
export type { RunWorkflowOptions } from './run-workflow';
export { WorkflowResult } from './workflow-result';
export { loadOptions, listSearch, resourceMapping, createLoadOptionsContext } from './node-methods';
export type { NodeMethodOptions } from './node-methods';
export { closeHarness } from './environment';
export type { BinaryDataMode } from './environment';
export { HARNESS_START_NODE_TYPE } from './start-node';
export { HARNESS_INSTANCE_URL } from './additional-data';
export { loadPackageTypes, findPackageRoot } from './package-types';
export type { PackageTypes, AnyNodeType } from './package-types';
export type { HarnessCredentials } from './credentials-helper';
export type { HarnessInputItem, HarnessBinaryInput } from './input-items';
export type { HarnessNode, HarnessConnection, HarnessConnections } from './workflow-definition';
