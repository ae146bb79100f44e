/**
 * `npm start` (the one-command demo) as a person uses it: it prints the sign-in details, the
 * example workflows are in n8n, the suggested one runs against the bundled fake fal from the
 * editor's own "Execute workflow" REST call, and Ctrl-C stops everything.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { freePort } from '../lib/freePort';
import { installN8n } from '../lib/installN8n';
import { npmEnvironment } from '../lib/npmEnvironment';
import { repoRoot, target } from '../lib/paths';
import { timed } from '../lib/timings';
import { DEMO_OWNER } from './demoAccount';
import { firstToTry, readExampleWorkflows } from './exampleWorkflows';

// n8n binds its auth cookie to this header; any constant value works for a scripted client.
const browserId = 'n8n-nodes-falai-demo-e2e';

describe('npm start (the demo)', () => {
	let userFolder: string;
	let port: number;
	let demo: ChildProcess;
	let output = '';
	let exited: Promise<number | null>;

	beforeAll(async () => {
		await timed('install n8n (cached)', installN8n);
		userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-demo-e2e-'));
		port = await freePort();
		const env: NodeJS.ProcessEnv = { ...npmEnvironment(), DEMO_PORT: String(port), DEMO_USER_FOLDER: userFolder };
		delete env.FAL_KEY;
		delete env.NODE_ENV;
		// On another target than the default, the documented option chooses the n8n, not the variable.
		delete env.N8N_E2E_TARGET;
		const args = target.name === '2.8.4' ? ['start'] : ['start', '--', `--n8n=${target.name}`];
		// Own process group, so the test can send Ctrl-C's SIGINT to npm and everything under it.
		demo = spawn('npm', args, { cwd: repoRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		demo.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
		demo.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
		exited = new Promise((resolve) => demo.once('exit', (code) => resolve(code)));
		await timed('npm start until ready', () => waitForOutput('Press Ctrl-C', 10 * 60_000));
	});

	afterAll(async () => {
		if (demo?.exitCode === null && demo.signalCode === null) {
			process.kill(-demo.pid!, 'SIGKILL');
			await exited;
		}
		if (userFolder) fs.rmSync(userFolder, { recursive: true, force: true });
	});

	it('says it uses the fake fal and prints the demo account', () => {
		expect(output).toContain(`Pinned ${target.label}`);
		expect(output).toContain('FAKE fal server at http://127.0.0.1:');
		expect(output).toContain(`Sign in as  ${DEMO_OWNER.email}  with password  ${DEMO_OWNER.password}`);
		expect(output).toContain(`http://localhost:${port}`);
	});

	it('serves /healthz and the editor on localhost', async () => {
		expect((await fetch(`http://localhost:${port}/healthz`)).status).toBe(200);
		expect((await fetch(`http://localhost:${port}/`)).status).toBe(200);
	});

	it('has imported every example workflow and runs the suggested one successfully', async () => {
		const cookie = await logIn();
		const workflows = await rest<Array<{ id: string; name: string }>>(cookie, 'GET', '/workflows');
		const examples = readExampleWorkflows(() => undefined);
		expect(workflows.map((workflow) => workflow.name).sort()).toEqual(examples.map((example) => example.name).sort());

		const suggested = firstToTry(examples)!;
		expect(output).toContain(`Open the workflow "${suggested.name}"`);
		const { id } = workflows.find((workflow) => workflow.name === suggested.name)!;
		const workflowData = await rest<{ nodes: Array<{ name: string; type: string }> }>(cookie, 'GET', `/workflows/${id}`);
		const trigger = workflowData.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger')!;

		// What the editor's "Execute workflow" button sends.
		const run = await rest<{ executionId: string }>(cookie, 'POST', `/workflows/${id}/run`, {
			workflowData,
			triggerToStartFrom: { name: trigger.name },
		});
		const status = await timed('suggested workflow run', () => waitForExecution(cookie, run.executionId));
		expect(status).toBe('success');
	});

	it('stops n8n and the fake fal on Ctrl-C', async () => {
		const fakeFalUrl = /FAKE fal server at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1];
		process.kill(-demo.pid!, 'SIGINT');
		const giveUp = new AbortController();
		await Promise.race([exited, sleep(30_000, undefined, { signal: giveUp.signal }).catch(() => undefined)]);
		giveUp.abort();

		expect(demo.exitCode !== null || demo.signalCode !== null).toBe(true);
		expect(output).toContain('Stopped.');
		await expect(fetch(`http://localhost:${port}/healthz`)).rejects.toThrow();
		await expect(fetch(`${fakeFalUrl}/__fake/info`)).rejects.toThrow();
	});

	async function waitForOutput(text: string, timeoutMs: number): Promise<void> {
		const giveUpAt = Date.now() + timeoutMs;
		while (!output.includes(text)) {
			if (demo.exitCode !== null || Date.now() > giveUpAt) {
				throw new Error(`npm start did not print "${text}"\n--- output ---\n${output.slice(-6000)}`);
			}
			await sleep(500);
		}
	}

	async function logIn(): Promise<string> {
		const response = await fetch(`http://localhost:${port}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': browserId },
			body: JSON.stringify({ emailOrLdapLoginId: DEMO_OWNER.email, password: DEMO_OWNER.password }),
		});
		expect(response.status).toBe(200);
		const cookie = response.headers.getSetCookie().map((header) => header.split(';')[0]).find((pair) => pair.startsWith('n8n-auth='));
		if (!cookie) throw new Error('n8n did not set the n8n-auth cookie after login');
		return cookie;
	}

	async function rest<T>(cookie: string, method: string, route: string, body?: unknown): Promise<T> {
		const response = await fetch(`http://localhost:${port}/rest${route}`, {
			method,
			headers: { cookie, 'browser-id': browserId, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${await response.text()}`);
		return ((await response.json()) as { data: T }).data;
	}

	async function waitForExecution(cookie: string, executionId: string): Promise<string> {
		for (let attempt = 0; attempt < 120; attempt++) {
			const execution = await rest<{ status: string; finished: boolean }>(cookie, 'GET', `/executions/${executionId}`);
			if (!['new', 'running', 'waiting'].includes(execution.status)) return execution.status;
			await sleep(500);
		}
		throw new Error(`execution ${executionId} did not finish`);
	}
});
