/**
 * The n8n editor shows this package's nodes as a user sees them: headless Chromium (Debian's)
 * signs in, opens a workflow holding every fal.ai node, checks each node draws our fal icon (the
 * file n8n serves from the installed package, not its "?" fallback) and names its model, then
 * opens the parameter panels and checks, in the page, each state a user meets (issue 10): the
 * three input sections and their order, Model Inputs offering only what the typed fields do not
 * set and sending nothing the user did not change, Model Inputs saying why it has no fields and
 * coming back once the cause is gone, a run that stays fresh when a node is opened, the video
 * node's notice, the picker's "no match", fal's 422 as one sentence, and the credential's
 * gateway URL. One screenshot per state is saved in `artifacts/` (on another target than 2.8.4
 * with the target's name appended, e.g. `editor-canvas-latest.png`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { Browser, Page } from 'puppeteer-core';

import { startFakeFal, type FakeFal } from '../fake-fal';
import { editorWorkflow, ourNodeNames, RECRAFT } from './editorWorkflow';
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
import {
	canvasNodeIcons,
	clickMenuItem,
	closeNodePanel,
	fetchText,
	nodePanelContent,
	openNodePanel,
	openWorkflow,
	signIn,
	textsOf,
} from './lib/editorPage';

const artifactsDir = path.join(__dirname, 'artifacts');
const artifact = (name: string): string =>
	path.join(artifactsDir, target.name === '2.8.4' ? `${name}.png` : `${name}-${target.name}.png`);
const iconPath = /^\/icons\/n8n-nodes-falai\/dist\/icons\/(fal(?:\.dark)?\.svg)$/;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The text of the first element matching `selector` inside the parameter panel, or undefined. */
async function panelText(page: Page, selector: string): Promise<string | undefined> {
	const texts = await textsOf(page, `[data-test-id=ndv] ${selector}`);
	return texts[0];
}

describe('n8n editor with the fal.ai nodes (headless Chromium)', () => {
	let userFolder: string;
	let fal: FakeFal;
	let n8n: RunningN8n | undefined;
	let browser: Browser | undefined;
	let page: Page;
	const shot = (name: string) => page.screenshot({ path: artifact(name.replace(/\.png$/, '')) });

	beforeAll(async () => {
		await timed('install n8n (cached)', installN8n);
		userFolder = createUserFolder('editor');
		await timed('build + pack + install package', () => packAndInstallPackage(userFolder));
		fal = await startFakeFal({ port: 0 });
		await importCredential(userFolder, falAiCredential({ apiKey: fal.key, hosts: fal.hosts, name: 'fal.ai' }));
		await importWorkflowObject(userFolder, editorWorkflow);
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

	afterEach(() => fal.clearFaults());

	it('draws every fal.ai node on the canvas with the fal icon served from the installed package, named after its model', async () => {
		await timed('open workflow', () => openWorkflow(page, n8n!.url, editorWorkflow.id, editorWorkflow.nodes.length));
		await shot('editor-canvas.png');

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

		// Subtitles: the model's display name, not its endpoint id cut short.
		const subtitle = async (name: string) => (await textsOf(page, `[data-test-id=canvas-node][data-node-name="${name}"]`))[0];
		expect(await subtitle('Generate Image')).toContain('FLUX.1 [schnell]');
		expect(await subtitle('Generate Video')).toContain('Kling 2.1 Standard image to video');
		expect(await subtitle('Transcribe')).toContain('Whisper');
		expect(await subtitle('Recraft')).toContain('Recraft V3');
	});

	it('opens Generate Image with three named input sections, the order notice, and no Model Input the typed fields already set', async () => {
		await timed('open node panel', () => openNodePanel(page, 'Generate Image'));
		await shot('editor-node-panel.png');

		const panel = await nodePanelContent(page);
		expect(panel.title).toContain('Generate Image');
		expect(panel.labels).toEqual(
			expect.arrayContaining(['Model', 'Prompt', 'Image Size', 'Number of Images', 'Common Inputs']),
		);
		expect(await textsOf(page, '[data-test-id=ndv] [data-test-id=mapping-fields-container] [data-test-id=input-label]')).toEqual(['Other Model Inputs']);
		expect(panel.labels).toContain('Additional Input (Raw JSON, Applied Last)');
		expect(await panelText(page, '.notice.parameter-item')).toBe(
			'Inputs are applied in this order, a later one winning: the fields above, then "Other Model Inputs" (every other input of the chosen model; the ones the fields above set are not offered again), then "Additional Input (Raw JSON, Applied Last)".',
		);
		// FLUX.1 [schnell] has no input the typed fields do not cover (sync_mode is fal-internal).
		expect(await page.$('[data-test-id=ndv] [data-test-id=add-fields-select]')).toBeNull();
		// n8n 2.8 labels the credential field "Credential to connect with", 2.41 "Credential".
		expect(panel.labels).toContainEqual(expect.stringMatching(/^Credential( to connect with)?$/));
		const prompt = await page.$eval('[data-test-id=parameter-input-prompt] textarea', (field) => (field as unknown as { value: string }).value);
		expect(prompt).toBe('A watercolor fox in a misty forest at dawn');
		await closeNodePanel(page);
	});

	it('keeps a run fresh when a node is opened and closed without edits (only an edit marks it stale)', async () => {
		// Run the pipeline up to Transcribe from its panel, as a user does.
		await openNodePanel(page, 'Transcribe');
		await page.click('[data-test-id=ndv] [data-test-id=node-execute-button]');
		await page.waitForFunction(
			() => /Hello from the fake fal server/.test((globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText),
			{ timeout: 60_000 },
		);
		await closeNodePanel(page);

		await openNodePanel(page, 'Generate Image');
		await sleep(1500);
		await shot('run-fresh-after-open.png');
		expect(await page.$('[data-test-id=ndv] [data-test-id=node-run-info-stale]')).toBeNull();
		await closeNodePanel(page);
		await openNodePanel(page, 'Generate Video');
		expect(await page.$('[data-test-id=ndv] [data-test-id=node-run-info-stale]')).toBeNull();
		await closeNodePanel(page);

		// The check can fail: an edit does mark the output stale.
		await openNodePanel(page, 'Generate Image');
		await page.type('[data-test-id=parameter-input-prompt] textarea', ', in spring');
		await page.waitForSelector('[data-test-id=ndv] [data-test-id=node-run-info-stale]', { timeout: 10_000 });
		await closeNodePanel(page);
	});

	it('says on Generate Video that jobs take minutes, what stopping does and when to choose another mode', async () => {
		await openNodePanel(page, 'Generate Video');
		await shot('video-long-job-notice.png');
		const notice = await panelText(page, '.notice.parameter-item');
		expect(notice).toMatch(/^Video jobs take minutes/);
		expect(notice).toContain('stopping the execution cancels the fal job');
		expect(notice).toContain('"Submit Only"');
		expect(notice).toContain('"Wait for Webhook"');
		expect(notice).toContain('"Include Queue Position History"');
		await closeNodePanel(page);
	});

	it('offers the other inputs of Recraft V3 with short labels, shows an added input\'s default and sends none the user left as shown', async () => {
		await openNodePanel(page, 'Recraft');
		await page.click('[data-test-id=ndv] [data-test-id=add-fields-select] button');
		await sleep(800);
		await shot('model-inputs-add-menu.png');
		expect(await textsOf(page, '[data-menu-items] [role=menuitem]')).toEqual(['Style', 'Colors (JSON)', 'Style Id']);

		await clickMenuItem(page, 'Style');
		await page.click('[data-test-id=ndv] [data-test-id=add-fields-select] button');
		await sleep(800);
		await clickMenuItem(page, 'Style Id');
		const value = (id: string) =>
			page.$eval(`[data-test-id=ndv] [data-test-id="parameter-input-${id}"] input`, (input) => (input as unknown as { value: string }).value);
		expect(await value('style')).toBe('Realistic Image');
		expect(await value('style_id')).toBe('');
		// The enum's values under readable names.
		await page.click('[data-test-id=ndv] [data-test-id="parameter-input-style"] input');
		await sleep(800);
		await shot('model-inputs-added.png');
		expect(await textsOf(page, '.el-select-dropdown__item:not(.is-disabled)')).toEqual(
			expect.arrayContaining(['Any', 'Realistic Image', 'Digital Illustration', 'Vector Illustration', 'Realistic Image / B And W', 'Digital Illustration / Pixel Art']),
		);
		await page.keyboard.press('Escape');
		await sleep(300);

		const before = fal.requestsOf('submit').length;
		await page.click('[data-test-id=ndv] [data-test-id=node-execute-button]');
		await waitFor(() => fal.requestsOf('submit').slice(before).some((request) => request.endpointId === RECRAFT));
		const [submitted] = fal.requestsOf('submit').slice(before).filter((request) => request.endpointId === RECRAFT);
		expect(submitted.body).toMatchObject({ prompt: 'A lighthouse on a cliff, flat vector art' });
		expect(submitted.body).not.toHaveProperty('style');
		expect(submitted.body).not.toHaveProperty('style_id');
		await sleep(1500);
		await closeNodePanel(page);
	});

	it('says why Model Inputs has no fields when fal rejects the key, and lists them on reopening once it accepts it', async () => {
		fal.inject({ match: { kind: 'models' }, times: Infinity, action: { type: 'status', status: 401 } });
		await openNodePanel(page, 'Schema Load Fails');
		await shot('model-inputs-key-rejected.png');
		expect(await panelText(page, '[data-test-id=empty-fields-notice]')).toMatch(
			/^fal did not accept the API key of this node's credential \(401\), so the inputs of "fal-ai\/flux-lora" cannot be read\. Fix the key in the credential, then close and reopen this node/,
		);
		await closeNodePanel(page);

		fal.clearFaults();
		await openNodePanel(page, 'Schema Load Fails');
		await shot('model-inputs-back.png');
		expect(await page.$('[data-test-id=ndv] [data-test-id=empty-fields-notice]')).toBeNull();
		expect(await textsOf(page, '[data-test-id=ndv] [data-test-id=mapping-fields-container] [data-test-id=input-label]')).toEqual(['Other Model Inputs']);
		// The one input of FLUX.1 [dev] with LoRAs the typed fields do not set.
		expect(await page.$('[data-test-id=ndv] [data-test-id=add-fields-select]')).not.toBeNull();
		await closeNodePanel(page);
	});

	it('says when fal publishes no schema for the model', async () => {
		await openNodePanel(page, 'No Schema');
		await shot('model-inputs-no-schema.png');
		expect(await panelText(page, '[data-test-id=empty-fields-notice]')).toMatch(
			/^fal publishes no input schema for "someone\/private-app", so its inputs cannot be listed here\. Meanwhile, any input can be set in "Additional Input \(Raw JSON, Applied Last\)"/,
		);
		await closeNodePanel(page);
	});

	it('says that a model given as an expression has no inputs to list while editing', async () => {
		await openNodePanel(page, 'Model From Expression');
		await shot('model-inputs-expression.png');
		expect(await panelText(page, '[data-test-id=empty-fields-notice]')).toContain(
			'A model given as an expression has no inputs to list while editing: they appear when the model is a fixed endpoint ID ("From List" or "By ID").',
		);
		await closeNodePanel(page);
	});

	it('says in the model picker when no model of the node\'s task matches, pointing to "By ID"', async () => {
		await openNodePanel(page, 'Generate Image');
		await page.click('[data-test-id=ndv] [data-test-id=rlc-input]');
		await sleep(800);
		await page.keyboard.type('whisper');
		await page.waitForFunction(
			() => Array.from((globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ innerText: string }> } }).document.querySelectorAll('[data-test-id=rlc-item]')).some((item) => item.innerText.includes('No image model matches')),
			{ timeout: 30_000 },
		);
		await shot('model-search-no-match.png');
		expect(await textsOf(page, '[data-test-id=rlc-item]')).toContain('No image model matches "whisper": use "By ID"');
		await page.keyboard.press('Escape');
		await sleep(300);
		await closeNodePanel(page);
	});

	it('shows fal\'s 422 as one sentence naming the field', async () => {
		fal.inject({
			match: { kind: 'submit', endpointId: RECRAFT },
			times: Infinity,
			action: { type: 'status', status: 422, body: { detail: [{ loc: ['body', 'prompt'], msg: 'The prompt was rejected by the content filter', type: 'value_error' }] } },
		});
		await openNodePanel(page, 'Recraft');
		await page.click('[data-test-id=ndv] [data-test-id=node-execute-button]');
		await page.waitForSelector('[data-test-id=ndv] [data-test-id=node-error-message]', { timeout: 60_000 });
		await sleep(500);
		await shot('error-422-one-sentence.png');
		expect(await panelText(page, '[data-test-id=node-error-message]')).toBe('Item 0: fal rejected "prompt": The prompt was rejected by the content filter.');
		await closeNodePanel(page);
	});

	it('lets the credential take one gateway base URL, keeping the four host URLs', async () => {
		await page.goto(`${n8n!.url}/home/credentials/${FAL_E2E_CREDENTIAL_ID}`, { waitUntil: 'load' });
		await page.waitForSelector('[data-test-id=credential-edit-dialog]', { visible: true, timeout: 60_000 });
		await sleep(1500);
		await shot('credential-gateway-url.png');
		const [dialog] = await textsOf(page, '[data-test-id=credential-edit-dialog]');
		for (const label of ['Gateway Base URL', 'Queue URL', 'Run URL', 'REST URL', 'Platform API URL']) expect(dialog).toContain(label);
	});
});

/** Waits (up to 60 s) until `check` holds. */
async function waitFor(check: () => boolean): Promise<void> {
	const giveUpAt = Date.now() + 60_000;
	while (!check()) {
		if (Date.now() > giveUpAt) throw new Error('timed out waiting');
		await sleep(200);
	}
}
