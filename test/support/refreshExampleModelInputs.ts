/**
 * Writes into every example workflow the "Model Inputs" value the editor would store for its
 * model nodes (./editorModelInputs.ts), keeping the values a node already has. Run it after a
 * change to the field builder: `npx ts-node --transpile-only test/support/refreshExampleModelInputs.ts`.
 * `test/nodes/examples.model-inputs.test.ts` fails until it has been run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { editorModelInputs, hasModelInputs } from './editorModelInputs';

const examplesDir = path.join(__dirname, '..', '..', 'examples');

for (const file of fs.readdirSync(examplesDir).filter((name) => name.endsWith('.json'))) {
	const full = path.join(examplesDir, file);
	const workflow = JSON.parse(fs.readFileSync(full, 'utf8')) as { nodes: Array<{ type: string; parameters: Record<string, unknown> }> };
	let changed = false;
	for (const node of workflow.nodes) {
		if (!hasModelInputs(node.type)) continue;
		const model = node.parameters.model as { value: string };
		const stored = editorModelInputs(node.type, model.value);
		const current = node.parameters.modelInputs as { value?: Record<string, unknown> } | undefined;
		node.parameters.modelInputs = { ...stored, value: current?.value ?? {} };
		changed = true;
	}
	if (changed) fs.writeFileSync(full, `${JSON.stringify(workflow, null, '\t')}\n`);
}
