/**
 * Opening a node of a shipped example must not change it (issue 10, point 4): n8n 2.8's editor
 * writes the Model Inputs field list into a node that lacks it, and that write marks the last
 * run's output stale. So every example's model node stores the list the editor would load from
 * the fake fal; refresh them with `test/support/refreshExampleModelInputs.ts`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { editorModelInputs, hasModelInputs } from '../support/editorModelInputs';

const examplesDir = path.join(__dirname, '..', '..', 'examples');

const modelNodes = fs
	.readdirSync(examplesDir)
	.filter((name) => name.endsWith('.json'))
	.flatMap((file) => {
		const workflow = JSON.parse(fs.readFileSync(path.join(examplesDir, file), 'utf8')) as {
			nodes: Array<{ name: string; type: string; parameters: Record<string, unknown> }>;
		};
		return workflow.nodes.filter((node) => hasModelInputs(node.type)).map((node) => [file, node.name, node] as const);
	});

describe('the example workflows', () => {
	it('have model nodes', () => {
		expect(modelNodes.length).toBeGreaterThanOrEqual(4);
	});

	it.each(modelNodes)('%s: "%s" stores the Model Inputs field list the editor would load', (_file, _name, node) => {
		const stored = node.parameters.modelInputs as { value: unknown; schema: unknown };
		const expected = editorModelInputs(node.type, (node.parameters.model as { value: string }).value);
		expect({ ...stored, value: {} }).toEqual(expected);
		// A value of null would make the editor write defaults on open.
		expect(stored.value).toEqual(expect.any(Object));
	});
});
