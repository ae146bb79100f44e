/**
 * Smoke test of the e2e machinery: a real n8n runs a workflow from the CLI, and `n8n start`
 * serves its API with this package installed as a community node.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import {
	createUserFolder,
	executeWorkflow,
	falAiCredential,
	importCredential,
	importWorkflow,
	importWorkflowObject,
	installN8n,
	nodeItems,
	packAndInstallPackage,
	removeUserFolder,
	repoRoot,
	restRequest,
	setupOwner,
	startN8n,
	target,
	timed,
	type N8nSession,
	type RunningN8n,
} from './lib';
import { nodeBinDir } from './lib/paths';
import { pinnedN8nVersion } from './lib/targets';

const builtinWorkflowFile = path.join(__dirname, 'workflows', 'smoke-builtin-nodes.json');

describe(`real n8n (smoke), ${target.label}`, () => {
	let userFolder: string;
	let n8n: RunningN8n | undefined;

	beforeAll(async () => {
		const install = await timed('install n8n (npm ci, cached)', installN8n);
		process.stdout.write(`[e2e] n8n ${install.installed ? 'installed from the lockfile' : 'already installed'}\n`);
		userFolder = createUserFolder('smoke');
	});

	afterAll(async () => {
		await n8n?.stop();
		if (userFolder) removeUserFolder(userFolder);
	});

	it('runs a workflow of built-in nodes from the CLI and returns their items', async () => {
		const id = await timed('import:workflow', () => importWorkflow(userFolder, builtinWorkflowFile));
		const run = await timed('execute', () => executeWorkflow(userFolder, id));

		expect(run.exitCode).toBe(0);
		expect(run.execution?.status).toBe('success');
		expect(nodeItems(run.execution!, 'Double the count').map((item) => item.json)).toEqual([
			{ greeting: 'hello from n8n', count: 21, doubled: 42 },
		]);
	});

	it('reports a failing node with exit code 1 and its error message', async () => {
		const workflow = JSON.parse(fs.readFileSync(builtinWorkflowFile, 'utf8'));
		workflow.id = 'e2eSmokeFailing1';
		workflow.name = 'e2e smoke: failing Code node';
		const code = workflow.nodes.find((node: { name: string }) => node.name === 'Double the count');
		code.parameters.jsCode = "throw new Error('failing on purpose');";
		await importWorkflowObject(userFolder, workflow);

		const run = await executeWorkflow(userFolder, workflow.id);

		expect(run.exitCode).toBe(1);
		expect(run.execution?.status).toBe('error');
		expect(run.execution?.data.resultData.error?.message).toContain('failing on purpose');
	});

	it('installs the packed package into the user folder as a community node', async () => {
		const installed = await timed('build + pack + install package', () =>
			packAndInstallPackage(userFolder),
		);

		expect(installed.name).toBe('n8n-nodes-falai');
		expect(installed.directory).toBe(
			path.join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-falai'),
		);
		expect(fs.existsSync(path.join(installed.directory, 'dist', 'credentials', 'FalAiApi.credentials.js'))).toBe(true);
		// n8n provides n8n-workflow itself; a second copy in the nodes folder would shadow it.
		expect(fs.existsSync(path.join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-workflow'))).toBe(false);
	});

	it('imports a falAiApi credential with a fixed id', async () => {
		await timed('import:credentials', () =>
			importCredential(
				userFolder,
				falAiCredential({
					apiKey: 'fake-key-id:fake-key-secret',
					hosts: {
						queueUrl: 'http://127.0.0.1:9/queue',
						runUrl: 'http://127.0.0.1:9/run',
						restUrl: 'http://127.0.0.1:9/rest',
						platformUrl: 'http://127.0.0.1:9/api/v1',
					},
				}),
			),
		);
	});

	describe('n8n start', () => {
		let session: N8nSession;

		beforeAll(async () => {
			n8n = await timed('n8n start (until ready)', () => startN8n(userFolder));
			session = await setupOwner(n8n.url);
		});

		it('is the n8n version the target pins', async () => {
			const settings = await restRequest<{ versionCli: string }>(session, 'GET', '/settings');

			expect(settings.versionCli).toBe(pinnedN8nVersion(target));
		});

		it("runs on the target's Node.js", () => {
			const expected = nodeBinDir ? path.join(nodeBinDir, 'node') : process.execPath;

			expect(fs.realpathSync(`/proc/${n8n!.pid}/exe`)).toBe(fs.realpathSync(expected));
		});

		it('answers /healthz', async () => {
			const response = await fetch(`${n8n!.url}/healthz`);

			expect(response.status).toBe(200);
			expect(await response.json()).toEqual({ status: 'ok' });
		});

		it('loads the falAiApi credential type from the installed package', async () => {
			const response = await fetch(`${n8n!.url}/types/credentials.json`, {
				headers: { cookie: session.cookie },
			});
			const types = (await response.json()) as Array<{ name: string; displayName: string }>;

			expect(types.find((type) => type.name === 'falAiApi')).toMatchObject({
				displayName: 'Fal.ai API',
			});
		});

		it('loads every node the package declares, named n8n-nodes-falai.<nodeName>', async () => {
			const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
				n8n: { nodes: string[] };
			};
			const response = await fetch(`${n8n!.url}/types/nodes.json`, {
				headers: { cookie: session.cookie },
			});
			const types = (await response.json()) as Array<{ name: string }>;
			const ourTypes = new Set(
				types.map((type) => type.name).filter((name) => name.startsWith('n8n-nodes-falai.')),
			);
			// n8n adds a `<name>Tool` twin of every node marked usableAsTool, for AI agents.
			const declaredNodes = [...ourTypes].filter(
				(name) => !(name.endsWith('Tool') && ourTypes.has(name.slice(0, -'Tool'.length))),
			);

			expect(declaredNodes).toHaveLength(manifest.n8n.nodes.length);
		});

		it('lists the imported credential, owned by the instance owner', async () => {
			const credentials = await restRequest<Array<{ id: string; type: string }>>(
				session,
				'GET',
				'/credentials',
			);

			expect(credentials).toContainEqual(
				expect.objectContaining({ id: 'falE2eCredential', type: 'falAiApi' }),
			);
		});
	});
});
