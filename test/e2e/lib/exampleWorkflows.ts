/**
 * The example workflows shipped in `examples/`, loaded for the e2e tests. The committed files
 * point at fal's real hosts and at placeholder URLs users replace; a test adapts a copy to the
 * fake fal of its run (URLs, the Trigger's key set) without touching the file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { repoRoot } from './paths';

/** Where the example workflows live. */
export const examplesDir = path.join(repoRoot, 'examples');

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	[key: string]: unknown;
}

export interface ExampleWorkflow {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

/** A fresh copy of `examples/<fileName>`, safe to modify. */
export function loadExample(fileName: string): ExampleWorkflow {
	return JSON.parse(fs.readFileSync(path.join(examplesDir, fileName), 'utf8')) as ExampleWorkflow;
}

/** The node called `name`; throws when the workflow has none, so a renamed node fails loudly. */
export function workflowNode(workflow: ExampleWorkflow, name: string): WorkflowNode {
	const node = workflow.nodes.find((candidate) => candidate.name === name);
	if (!node) {
		const names = workflow.nodes.map((candidate) => candidate.name).join(', ');
		throw new Error(`Workflow "${workflow.name}" has no node "${name}" (nodes: ${names})`);
	}
	return node;
}

interface SetAssignment {
	name: string;
	value: unknown;
}

/**
 * Replaces the value a Set node (v3.3+, manual mode) assigns to `field`: how the examples take
 * user input such as an audio URL.
 */
export function setAssignedValue(workflow: ExampleWorkflow, setNodeName: string, field: string, value: string): void {
	const node = workflowNode(workflow, setNodeName);
	const assignments = (node.parameters.assignments as { assignments?: SetAssignment[] } | undefined)?.assignments ?? [];
	const assignment = assignments.find((candidate) => candidate.name === field);
	if (!assignment) throw new Error(`Set node "${setNodeName}" assigns no field "${field}"`);
	assignment.value = value;
}
