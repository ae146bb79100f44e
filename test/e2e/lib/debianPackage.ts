/**
 * Debian packages the e2e tests need (Chromium, Redis), installed with apt-get when missing, so
 * `npm run test:all` works on a fresh machine of this kind as `.ci/run` does.
 */
import * as fs from 'node:fs';

import { runCommandOrThrow } from './runCommand';

/** Installs Debian package `name` (`apt-get update` + `apt-get install`) unless `binary` exists. */
export async function ensureDebianPackage(name: string, binary: string): Promise<string> {
	if (fs.existsSync(binary)) return binary;
	const asRoot = process.getuid?.() === 0;
	const run = (args: string[]) =>
		runCommandOrThrow(asRoot ? args[0] : 'sudo', asRoot ? args.slice(1) : args, {
			cwd: '/',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
			timeoutMs: 10 * 60_000,
		});
	await run(['apt-get', 'update', '-qq']);
	await run(['apt-get', 'install', '-y', '-qq', name]);
	if (!fs.existsSync(binary)) throw new Error(`apt-get installed ${name} but ${binary} is missing`);
	return binary;
}
