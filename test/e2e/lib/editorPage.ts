/**
 * Drives n8n's editor in a browser page the way a person does (sign in, open a workflow,
 * double-click a node) and reads back what is on screen. Selectors are the `data-test-id`s n8n's
 * own UI tests use, so they are the stable ones.
 */
import type { Page } from 'puppeteer-core';

import type { OwnerAccount } from './n8nRest';

/**
 * The few DOM members the in-page functions use. The project compiles without the DOM library
 * (it is Node code), so the functions that run in the browser describe what they touch here.
 */
interface DomElement {
	getAttribute(name: string): string | null;
	querySelector(selector: string): DomElement | null;
	querySelectorAll(selector: string): ArrayLike<DomElement>;
	textContent: string | null;
	getClientRects(): ArrayLike<unknown>;
	/** <img> only. */
	complete?: boolean;
	naturalWidth?: number;
}

export interface CanvasNodeIcon {
	/** The node's name on the canvas. */
	name: string;
	/** Its type, e.g. `n8n-nodes-falai.falAiGenerateImage`. */
	type: string;
	/** `src` of the icon <img> n8n renders for file icons; undefined when there is none. */
	iconSrc?: string;
	/** Whether that image finished loading with real pixels (a 404 leaves naturalWidth 0). */
	iconLoaded: boolean;
	/** Text of n8n's fallback icon (a "?" or the name's first letter) when it drew one instead. */
	fallbackText?: string;
}

/** Signs in on `/signin` with the form and waits until the editor has left the sign-in page. */
export async function signIn(page: Page, url: string, owner: OwnerAccount): Promise<void> {
	await page.goto(`${url}/signin`, { waitUntil: 'networkidle0' });
	await page.type('input[name=emailOrLdapLoginId]', owner.email);
	await page.type('input[name=password]', owner.password);
	await page.click('[data-test-id=form-submit-button]');
	await page.waitForFunction(
		() => !(globalThis as unknown as { location: { pathname: string } }).location.pathname.startsWith('/signin'),
		{ timeout: 30_000 },
	);
}

/**
 * Opens workflow `id` and waits until it shows `nodeCount` nodes whose icon images have all
 * finished loading (or failed to). The editor keeps connections open to the server, so waiting
 * for an idle network is not a reliable signal.
 */
export async function openWorkflow(page: Page, url: string, id: string, nodeCount: number): Promise<void> {
	await page.goto(`${url}/workflow/${id}`, { waitUntil: 'load' });
	await page.waitForFunction(
		(count) => {
			const document = (globalThis as unknown as { document: DomElement }).document;
			const nodes = document.querySelectorAll('[data-test-id=canvas-node]');
			const images = Array.from(document.querySelectorAll('[data-test-id=canvas-node] img'));
			return nodes.length === count && images.every((image) => image.complete === true);
		},
		{ timeout: 60_000 },
		nodeCount,
	);
	await waitForLoadingOverlayToGo(page);
}

/**
 * The editor covers the page with a "Loading" overlay (element-plus `.el-loading-mask`) for a
 * moment while it fetches what an opened workflow or node needs, sometimes only after the nodes
 * are drawn. Screenshots and clicks wait until no overlay has been shown for `quietMs`.
 */
async function waitForLoadingOverlayToGo(page: Page, quietMs = 1500): Promise<void> {
	const giveUpAt = Date.now() + 60_000;
	let quietSince = Date.now();
	while (Date.now() - quietSince < quietMs) {
		if (Date.now() > giveUpAt) throw new Error('The editor kept showing its "Loading" overlay for 60 s');
		const overlayShown = await page.evaluate(() => {
			const document = (globalThis as unknown as { document: DomElement }).document;
			const overlays = Array.from(document.querySelectorAll('.el-loading-mask'));
			return overlays.some((overlay) => overlay.getClientRects().length > 0);
		});
		if (overlayShown) quietSince = Date.now();
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/** The icon each node on the canvas shows. */
export async function canvasNodeIcons(page: Page): Promise<CanvasNodeIcon[]> {
	return page.$$eval('[data-test-id=canvas-node]', (nodes) =>
		(nodes as unknown as DomElement[]).map((element) => {
			const image = element.querySelector('img[class*="nodeIconImage"]');
			const fallback = element.querySelector('[class*="nodeIconPlaceholder"]');
			return {
				name: element.getAttribute('data-node-name') ?? '',
				type: element.getAttribute('data-node-type') ?? '',
				iconSrc: image?.getAttribute('src') ?? undefined,
				iconLoaded: image !== null && image.complete === true && (image.naturalWidth ?? 0) > 0,
				fallbackText: fallback?.textContent?.trim() ?? undefined,
			};
		}),
	);
}

/** Fetches `path` from the page's origin (with its cookies) and returns the body as text. */
export async function fetchText(page: Page, path: string): Promise<{ status: number; body: string }> {
	return page.evaluate(async (resource) => {
		const response = await fetch(resource);
		return { status: response.status, body: await response.text() };
	}, path);
}

/** Double-clicks node `name` on the canvas and waits for its parameter panel (NDV) to be shown. */
export async function openNodePanel(page: Page, name: string): Promise<void> {
	const node = await page.$(`[data-test-id=canvas-node][data-node-name="${name.replace(/"/g, '\\"')}"]`);
	if (!node) throw new Error(`No node named "${name}" on the canvas`);
	await node.click({ count: 2 });
	await page.waitForSelector('[data-test-id=ndv] [data-test-id=parameter-item]', { visible: true, timeout: 60_000 });
	await waitForLoadingOverlayToGo(page);
	// The panel slides in; let the animation end so a screenshot does not catch it half-way.
	await new Promise((resolve) => setTimeout(resolve, 1000));
}

/** The title and the parameter labels shown in the open parameter panel. */
export async function nodePanelContent(page: Page): Promise<{ title: string; labels: string[] }> {
	return page.$eval('[data-test-id=ndv]', (element) => {
		const panel = element as unknown as DomElement;
		// A label also holds the Fixed/Expression switch; its title part is the field's name.
		const labels = panel.querySelectorAll('[data-test-id$=label] label [class*="_title_"]');
		return {
			title: panel.querySelector('[data-test-id=node-title-container]')?.textContent?.trim() ?? '',
			labels: Array.from(labels)
				.map((label) => label.textContent?.trim() ?? '')
				.filter((text) => text !== ''),
		};
	});
}

/** Closes the open parameter panel with its close button and waits until it is gone. */
export async function closeNodePanel(page: Page): Promise<void> {
	// Not Escape: with a text field focused it only leaves the field.
	await page.click('[data-test-id=ndv-close-button]');
	await page.waitForSelector('[data-test-id=ndv]', { hidden: true, timeout: 30_000 });
	await new Promise((resolve) => setTimeout(resolve, 500));
}

/** The visible text of every element matching `selector` (in document order). */
export async function textsOf(page: Page, selector: string): Promise<string[]> {
	return page.$$eval(selector, (elements) =>
		(elements as unknown as Array<{ innerText: string }>).map((element) => element.innerText.trim()),
	);
}

/** Clicks the entry labelled `label` of the open dropdown menu (n8n's N8nDropdownMenu). */
export async function clickMenuItem(page: Page, label: string): Promise<void> {
	const items = await page.$$('[data-menu-items] [role=menuitem]');
	for (const item of items) {
		const text = await item.evaluate((element) => (element as unknown as { innerText: string }).innerText.trim());
		if (text === label) {
			await item.click();
			await new Promise((resolve) => setTimeout(resolve, 500));
			return;
		}
	}
	throw new Error(`No menu entry "${label}"`);
}
