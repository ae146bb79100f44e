/**
 * `npm start`: a real n8n with this package installed, a fal.ai credential and the example
 * workflows, ready to click through at http://localhost:5678. Started by start.ts, which picks the
 * n8n (`--n8n=latest` for the newest).
 *
 *   1. install the pinned n8n (once per machine, cached in ~/.cache/n8n-nodes-falai)
 *   2. build + pack this package and install it into a fresh user folder, `.n8n-demo/`
 *   3. create the `falAiApi` credential: real fal.ai with FAL_KEY, else a fake fal started here
 *   4. import the workflows in `examples/`
 *   5. start n8n on localhost only, create the owner account, print where to click
 * Ctrl-C stops n8n (and its task runner) and the fake fal.
 *
 * Environment: FAL_KEY (use the real fal.ai), DEMO_PORT (default 5678), DEMO_USER_FOLDER (default
 * `.n8n-demo`; it is emptied at every start).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { importCredential } from '../lib/importCredential';
import { installN8n, isInstalled } from '../lib/installN8n';
import { restRequest, setupOwner, type WorkflowSummary } from '../lib/n8nRest';
import { packAndInstallPackage } from '../lib/packAndInstallPackage';
import { n8nDir, repoRoot, target } from '../lib/paths';
import { type RunningN8n, startN8n } from '../lib/startN8n';
import { DEMO_OWNER } from './demoAccount';
import { firstToTry, importExampleWorkflows, readExampleWorkflows } from './exampleWorkflows';
import { startFalBackend, type FalBackend } from './falBackend';
import { readyScreen } from './instructions';
import { portIsFree } from './portCheck';
import { stopOnSignals } from './stopSignals';

const userFolder = path.resolve(process.env.DEMO_USER_FOLDER ?? path.join(repoRoot, '.n8n-demo'));
const port = Number(process.env.DEMO_PORT ?? 5678);
const editorUrl = `http://localhost:${port}`;

let fal: FalBackend | undefined;
let n8n: RunningN8n | undefined;

async function main(): Promise<void> {
	stopOnSignals(async (signal) => {
		say(`\n${signal}: stopping…`);
		await stopEverything();
		say('Stopped.');
		return 0;
	});

	if (!(await portIsFree(port))) {
		throw new Error(`port ${port} is already in use (another n8n?). Stop it, or run with DEMO_PORT=<port>.`);
	}

	if (!isInstalled()) {
		say(`${target.label} is not installed yet: installing it once into ${n8nDir}`);
		say('(about 5 to 8 minutes and 2.3 to 3 GB; later starts reuse it)');
	}
	await step(`Pinned ${target.label}`, installN8n);

	emptyUserFolder(userFolder);
	await step(`Build, pack and install n8n-nodes-falai into ${path.relative(repoRoot, userFolder) || userFolder}`, () =>
		packAndInstallPackage(userFolder),
	);

	fal = await startFalBackend();
	say(`fal backend: ${fal.description}`);
	const credential = fal.credential;
	await step('Create the "fal.ai" credential', () => importCredential(userFolder, credential));

	const examples = readExampleWorkflows(warn);
	const imported = await step(`Import ${examples.length} example workflows from examples/`, () =>
		importExampleWorkflows(userFolder, examples, warn),
	);

	n8n = await step(`Start n8n on ${editorUrl}`, () =>
		startN8n(userFolder, { port, env: { N8N_HOST: 'localhost' } }),
	);
	const session = await step('Create the owner account', () => setupOwner(n8n!.url, DEMO_OWNER));
	const workflows = await restRequest<WorkflowSummary[]>(session, 'GET', '/workflows');
	const byName = (name: string) => workflows.find((workflow) => workflow.name === name);
	const suggested = firstToTry(imported);

	say(
		readyScreen({
			editorUrl,
			owner: DEMO_OWNER,
			falDescription: fal.description,
			credentialValues: fal.credentialValues,
			fakeFal: fal.kind === 'fake',
			workflows: workflows.map(({ id, name }) => ({ id, name })),
			suggested: suggested && byName(suggested.name),
			userFolder,
		}),
	);
	await watchUntilN8nDies(n8n);
}

/**
 * Starts every demo from a clean instance. Refuses to empty a folder that is neither empty nor an
 * n8n user folder, so a mistyped DEMO_USER_FOLDER cannot wipe anything else.
 */
function emptyUserFolder(folder: string): void {
	if (fs.existsSync(folder)) {
		const entries = fs.readdirSync(folder);
		if (entries.length > 0 && !entries.includes('.n8n')) {
			throw new Error(`${folder} is not an n8n user folder (no .n8n inside); not emptying it`);
		}
		fs.rmSync(folder, { recursive: true, force: true });
	}
	fs.mkdirSync(folder, { recursive: true });
}

/** Returns when n8n stops answering `/healthz` (crashed or killed from outside). */
async function watchUntilN8nDies(running: RunningN8n): Promise<void> {
	let failures = 0;
	while (failures < 3) {
		await sleep(5000);
		const ok = await fetch(`${running.url}/healthz`, { signal: AbortSignal.timeout(4000) }).then(
			(response) => response.ok,
			() => false,
		);
		failures = ok ? 0 : failures + 1;
	}
	throw new Error(`n8n stopped answering.\n--- last n8n output ---\n${running.output().slice(-4000)}`);
}

async function stopEverything(): Promise<void> {
	await n8n?.stop();
	await fal?.close();
}

async function step<T>(label: string, work: () => Promise<T>): Promise<T> {
	const startedAt = Date.now();
	process.stdout.write(`• ${label} … `);
	try {
		const result = await work();
		process.stdout.write(`done (${((Date.now() - startedAt) / 1000).toFixed(1)}s)\n`);
		return result;
	} catch (error) {
		process.stdout.write('FAILED\n');
		throw error;
	}
}

function say(text: string): void {
	process.stdout.write(`${text}\n`);
}

function warn(text: string): void {
	process.stdout.write(`  warning: ${text}\n`);
}

main().catch(async (error: unknown) => {
	process.stderr.write(`\nThe demo could not start: ${(error as Error).message}\n`);
	await stopEverything().catch(() => undefined);
	process.exit(1);
});
