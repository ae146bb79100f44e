/**
 * Headless Chromium for the editor tests: Debian's `chromium` package (installed with apt-get when
 * missing, never a browser downloaded by puppeteer), driven through `puppeteer-core`.
 */
import * as fs from 'node:fs';

import puppeteer, { type Browser } from 'puppeteer-core';

import { runCommandOrThrow } from './runCommand';

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

/** Installs Debian's chromium (`apt-get update` + `apt-get install`) unless it is already there. */
export async function ensureChromium(): Promise<string> {
	if (fs.existsSync(chromiumPath)) return chromiumPath;
	const asRoot = process.getuid?.() === 0;
	const run = (args: string[]) =>
		runCommandOrThrow(asRoot ? args[0] : 'sudo', asRoot ? args.slice(1) : args, {
			cwd: '/',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
			timeoutMs: 10 * 60_000,
		});
	await run(['apt-get', 'update', '-qq']);
	await run(['apt-get', 'install', '-y', '-qq', 'chromium']);
	if (!fs.existsSync(chromiumPath)) throw new Error(`apt-get installed chromium but ${chromiumPath} is missing`);
	return chromiumPath;
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
