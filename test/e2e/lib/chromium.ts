/**
 * Headless Chromium for the editor tests: Debian's `chromium` package (installed with apt-get when
 * missing, never a browser downloaded by puppeteer), driven through `puppeteer-core`.
 */
import puppeteer, { type Browser } from 'puppeteer-core';

import { ensureDebianPackage } from './debianPackage';

export const chromiumPath = '/usr/bin/chromium';

/**
 * Quiet, sandbox-free, GPU-free headless mode that works in containers, and no traffic to
 * Google's update, sync or field-trial services (the tests must only talk to 127.0.0.1).
 */
export const chromiumFlags = [
	'--headless=new',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-dev-shm-usage',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];

/** Debian's chromium, installed with apt-get unless it is already there. */
export async function ensureChromium(): Promise<string> {
	return await ensureDebianPackage('chromium', chromiumPath);
}

/** Starts headless Chromium with a fixed 1440x900 viewport. */
export async function launchChromium(): Promise<Browser> {
	return puppeteer.launch({
		executablePath: await ensureChromium(),
		headless: true,
		args: [...chromiumFlags, '--window-size=1440,900'],
		defaultViewport: { width: 1440, height: 900 },
	});
}
