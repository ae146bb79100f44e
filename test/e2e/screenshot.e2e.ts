/**
 * The n8n editor shows this package's nodes as a user sees them: headless Chromium (Debian's)
 * signs in, opens a workflow holding every fal.ai node, checks each node draws our fal icon (the
 * file n8n serves from the installed package, not its "?" fallback), opens a node's parameter
 * panel and checks our fields are there. Screenshots of both views are saved in `artifacts/`
 * (`editor-canvas.png`, `editor-node-panel.png`; on another target than 2.8.4 with the target's
 * name appended, e.g. `editor-canvas-latest.png`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { Browser, Page } from 'puppeteer-core';

import { startFakeFal, type FakeFal } from '../fake-fal';
import {
	createUserFolder,
	E2E_OWNER,
	falAiCredential,
	FAL_E2E_CREDENTIAL_ID,
	importCredential,
	importWorkflowObject,
	installN8n,
	packAndInstallPackage,
	removeUserFolder,
	repoRoot,
	setupOwner,
	startN8n,
	target,
	timed,
	type RunningN8n,
} from './lib';
import { launchChromium } from './lib/chromium';
import { canvasNodeIcons, fetchText, nodePanelContent, openNodePanel, openWorkflow, signIn } from './lib/editorPage';

const artifactsDir = path.join(__dirname, 'artifacts');
const artifact = (name: string): string =>
	path.join(artifactsDir, target.name === '2.8.4' ? `${name}.png` : `${name}-${target.name}.png`);
const iconPath = /^\/icons\/n8n-nodes-falai\/dist\/icons\/(fal(?:\.dark)?\.svg)$/;

const credentials = { falAiApi: { id: FAL_E2E_CREDENTIAL_ID, name: 'fal.ai' } };

/** One of each of our nodes, wired like a real pipeline, plus the trigger on its own row. */
const workflow = {
	id: 'e2eEditorShot001',
	name: 'e2e: every fal.ai node in the editor',
	active: false,
	settings: { executionOrder: 'v1' },
	connections: {
		'Start': { main: [[{ node: 'Generate Image', type: 'main', index: 0 }]] },
		'Generate Image': { main: [[{ node: 'Upload File', type: 'main', index: 0 }]] },
		'Upload File': { main: [[{ node: 'Generate Video', type: 'main', index: 0 }]] },
		'Generate Video': { main: [[{ node: 'Transcribe', type: 'main', index: 0 }]] },
		'Fal.ai Trigger': { main: [[{ node: 'Queue Status', type: 'main', index: 0 }]] },
	},
	nodes: [
		{ id: 'a0000000-0000-4000-8000-000000000001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'a0000000-0000-4000-8000-000000000002', name: 'Generate Image', type: 'n8n-nodes-falai.falAiGenerateImage', typeVersion: 1, position: [240, 0], credentials,
			parameters: {
				model: { __rl: true, mode: 'id', value: 'fal-ai/flux/schnell' },
				prompt: 'A watercolor fox in a misty forest at dawn',
				imageSize: 'landscape_4_3',
				numImages: 1,
				executionMode: 'wait',
				outputMedia: 'binary',
				options: {},
			},
		},
		{
			id: 'a0000000-0000-4000-8000-000000000003', name: 'Upload File', type: 'n8n-nodes-falai.falAiUploadFile', typeVersion: 1, position: [480, 0], credentials,
			parameters: { source: 'binary', binaryPropertyName: 'image_0', options: {} },
		},
		{
			id: 'a0000000-0000-4000-8000-000000000004', name: 'Generate Video', type: 'n8n-nodes-falai.falAiGenerateVideo', typeVersion: 1, position: [720, 0], credentials,
			parameters: {
				model: { __rl: true, mode: 'id', value: 'fal-ai/kling-video/v2.1/standard/image-to-video' },
				prompt: 'The fox trots through the snow towards the camera',
				startImageSource: 'url',
				startImageUrl: '={{ $json.url }}',
				duration: 5,
				executionMode: 'wait',
				outputMedia: 'binary',
				options: {},
			},
		},
		{
			id: 'a0000000-0000-4000-8000-000000000005', name: 'Transcribe', type: 'n8n-nodes-falai.falAiTranscribe', typeVersion: 1, position: [960, 0], credentials,
			parameters: {
				model: { __rl: true, mode: 'id', value: 'fal-ai/whisper' },
				audioSource: 'url',
				audioUrl: '={{ $json.video.url }}',
				task: 'transcribe',
				executionMode: 'wait',
				options: {},
			},
		},
		{
			id: 'a0000000-0000-4000-8000-000000000006', name: 'Fal.ai Trigger', type: 'n8n-nodes-falai.falAiTrigger', typeVersion: 1, position: [240, 260], credentials,
			webhookId: 'a0000000-0000-4000-8000-0000000000ff',
			parameters: { outcome: 'any', downloadMedia: false, acceptUnsignedCalls: false, options: {} },
		},
		{
			id: 'a0000000-0000-4000-8000-000000000007', name: 'Queue Status', type: 'n8n-nodes-falai.falAiQueueStatus', typeVersion: 1, position: [480, 260], credentials,
			parameters: { operation: 'getResult', endpointId: '={{ $json.endpoint_id }}', requestId: '={{ $json.request_id }}', outputMedia: 'url', options: {} },
		},
	],
};

const ourNodeNames = workflow.nodes.filter((node) => node.type.startsWith('n8n-nodes-falai.')).map((node) => node.name);

describe('n8n editor with the fal.ai nodes (headless Chromium)', () => {
	let userFolder: string;
	let fal: FakeFal;
	let n8n: RunningN8n | undefined;
	let browser: Browser | undefined;
	let page: Page;

	beforeAll(async () => {
		await timed('install n8n (cached)', installN8n);
		userFolder = createUserFolder('editor');
		await timed('build + pack + install package', () => packAndInstallPackage(userFolder));
		fal = await startFakeFal({ port: 0 });
		await importCredential(userFolder, falAiCredential({ apiKey: fal.key, hosts: fal.hosts, name: 'fal.ai' }));
		await importWorkflowObject(userFolder, workflow);
		n8n = await timed('start n8n', () => startN8n(userFolder));
		await setupOwner(n8n.url);
		browser = await timed('launch chromium', launchChromium);
		page = await browser.newPage();
		await timed('sign in', () => signIn(page, n8n!.url, E2E_OWNER));
	});

	afterAll(async () => {
		await browser?.close();
		await n8n?.stop();
		await fal?.close();
		if (userFolder) removeUserFolder(userFolder);
	});

	it('draws every fal.ai node on the canvas with the fal icon served from the installed package', async () => {
		await timed('open workflow', () => openWorkflow(page, n8n!.url, workflow.id, workflow.nodes.length));
		await page.screenshot({ path: artifact('editor-canvas') });

		const icons = await canvasNodeIcons(page);
		const ours = icons.filter((icon) => icon.type.startsWith('n8n-nodes-falai.'));
		expect(ours.map((icon) => icon.name).sort()).toEqual([...ourNodeNames].sort());
		for (const icon of ours) {
			expect({ name: icon.name, fallbackText: icon.fallbackText, loaded: icon.iconLoaded }).toEqual({
				name: icon.name,
				fallbackText: undefined,
				loaded: true,
			});
			expect(icon.iconSrc).toMatch(iconPath);
		}

		// The image n8n shows is byte for byte the icon this package ships.
		const src = ours[0].iconSrc!;
		const served = await fetchText(page, src);
		expect(served.status).toBe(200);
		const shipped = fs.readFileSync(path.join(repoRoot, 'icons', iconPath.exec(src)![1]), 'utf8');
		expect(served.body).toBe(shipped);
	});

	it('opens the Generate Image parameter panel with our fields on double-click', async () => {
		await timed('open node panel', () => openNodePanel(page, 'Generate Image'));
		await page.screenshot({ path: artifact('editor-node-panel') });

		const panel = await nodePanelContent(page);
		expect(panel.title).toContain('Generate Image');
		expect(panel.labels).toEqual(expect.arrayContaining(['Model', 'Prompt', 'Image Size', 'Number of Images']));
		// n8n 2.8 labels the credential field "Credential to connect with", 2.41 "Credential".
		expect(panel.labels).toContainEqual(expect.stringMatching(/^Credential( to connect with)?$/));
		const prompt = await page.$eval('[data-test-id=parameter-input-prompt] textarea', (field) => (field as unknown as { value: string }).value);
		expect(prompt).toBe('A watercolor fox in a misty forest at dawn');
	});
});
