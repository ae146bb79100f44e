/**
 * What the demo prints once n8n is up: where to click, how to log in, which fal is used.
 */
import type { OwnerAccount } from '../lib/n8nRest';

export interface ImportedWorkflow {
	id: string;
	name: string;
}

export interface DemoScreen {
	editorUrl: string;
	owner: OwnerAccount;
	falDescription: string;
	/** The exact values of a hand-made credential for the fake fal (printed when given). */
	credentialValues?: string[];
	/** Whether a fake fal server runs alongside (it stops with n8n). */
	fakeFal: boolean;
	workflows: ImportedWorkflow[];
	/** The workflow to suggest first, when there is one. */
	suggested?: ImportedWorkflow;
	userFolder: string;
}

/** The "ready" screen, as lines of text. */
export function readyScreen(screen: DemoScreen): string {
	const { editorUrl, owner, suggested } = screen;
	const rule = '='.repeat(78);
	const lines = [
		'',
		rule,
		` n8n with the fal.ai nodes is running: ${editorUrl}`,
		rule,
		'',
		` fal backend: ${screen.falDescription}`,
		...(screen.credentialValues?.length
			? ['', ' The examples use the ready-made credential "fal.ai". For a Fal.ai API credential of your own, enter:', ...screen.credentialValues.map((line) => `   ${line}`)]
			: []),
		'',
		' 1. Open ' + editorUrl + ' in your browser.',
		` 2. Sign in as  ${owner.email}  with password  ${owner.password}`,
	];
	if (suggested) {
		lines.push(
			` 3. Open the workflow "${suggested.name}"`,
			`    (${editorUrl}/workflow/${suggested.id}).`,
			' 4. Press "Execute workflow" at the bottom of the canvas, then click a node to see its output.',
		);
	} else {
		lines.push(' 3. No example workflows were found in examples/: add a node by searching for "fal.ai".');
	}
	if (screen.workflows.length > 0) {
		lines.push('', ' Example workflows:');
		for (const workflow of screen.workflows) {
			lines.push(`   - ${workflow.name}  ${editorUrl}/workflow/${workflow.id}`);
		}
	}
	lines.push(
		'',
		` Data of this demo instance: ${screen.userFolder} (recreated at every start).`,
		' Press Ctrl-C to stop n8n' + (screen.fakeFal ? ' and the fake fal server.' : '.'),
		'',
	);
	return lines.join('\n');
}
