/**
 * The README's "Manual install", typed as a user types it: its shell block is run with the user
 * folder of this test in place of `~/.n8n` and the packed tarball in place of the registry name
 * (the package is not on the registry CI uses), on the target's Node.js. Plain `npm install` must
 * not add a second n8n-workflow beside n8n's (the peer dependency is optional; a second copy
 * fails to compile on Node 20 and hides error messages on Node 24), and n8n must then run the
 * package's nodes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { startFakeFal, type FakeFal } from '../fake-fal';
import {
	createUserFolder,
	executeWorkflow,
	falAiCredential,
	importCredential,
	installN8n,
	nodeItems,
	removeUserFolder,
	repoRoot,
	target,
	timed,
} from './lib';
import { binaryField, readBinaryContent } from './lib/binaryContent';
import { packedTarball } from './lib/cachedPackage';
import { loadExample } from './lib/exampleWorkflows';
import { importWorkflowObjects } from './lib/importWorkflows';
import { npmEnvironment } from './lib/npmEnvironment';
import { nodeBinDir } from './lib/paths';
import { runCommand } from './lib/runCommand';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The shell block under the README's "### Manual install" heading. */
function readmeManualInstall(): string {
	const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
	const section = readme.split(/^### Manual install$/m)[1];
	const block = section && /```sh\n([\s\S]*?)```/.exec(section);
	if (!block) throw new Error('README.md has no ```sh block under "### Manual install"');
	return block[1];
}

describe(`the README's manual install (${target.label})`, () => {
	let userFolder: string;
	let fal: FakeFal;

	beforeAll(async () => {
		await timed('install n8n (cached)', installN8n);
		userFolder = createUserFolder('manual-install');
		fal = await startFakeFal({ port: 0, queueMs: 20, runMs: 80 });
	});

	afterAll(async () => {
		await fal?.close();
		if (userFolder) removeUserFolder(userFolder);
	});

	it('installs the package without a second n8n-workflow, and n8n runs its nodes', async () => {
		const tarball = await packedTarball();
		const script = readmeManualInstall()
			.replaceAll('~/.n8n', path.join(userFolder, '.n8n'))
			.replace(/npm install n8n-nodes-falai$/m, `npm install ${tarball}`);
		expect(script).toContain(`npm install ${tarball}`);
		const env = npmEnvironment();
		if (nodeBinDir) env.PATH = `${nodeBinDir}:${env.PATH ?? ''}`;

		const install = await timed('the README commands', () =>
			runCommand('bash', ['-euo', 'pipefail', '-c', script], { cwd: userFolder, env, timeoutMs: 300_000 }),
		);

		expect(install.stderr).not.toMatch(/ERR!/);
		expect(install.exitCode).toBe(0);
		const nodeModules = path.join(userFolder, '.n8n', 'nodes', 'node_modules');
		expect(fs.existsSync(path.join(nodeModules, 'n8n-nodes-falai', 'package.json'))).toBe(true);
		expect(fs.existsSync(path.join(nodeModules, 'n8n-workflow'))).toBe(false);

		const example = loadExample('generate-image-to-binary.json');
		await importCredential(userFolder, falAiCredential({ apiKey: fal.key, hosts: fal.hosts }));
		await importWorkflowObjects(userFolder, [example]);
		const run = await timed('execute the image example', () => executeWorkflow(userFolder, example.id));

		expect(run.execution?.status).toBe('success');
		const [item] = nodeItems(run.execution!, 'Generate Image');
		expect(readBinaryContent(userFolder, binaryField(item, 'image_0')).subarray(0, 8)).toEqual(PNG_SIGNATURE);
	});
});
