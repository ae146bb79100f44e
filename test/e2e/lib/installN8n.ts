/**
 * Installs the pinned, real n8n of `test/e2e/n8n` from its lockfile, once.
 *
 * The install takes minutes (sqlite3 compiles from source), so it is cached: after a successful
 * `npm ci` the SHA-256 of the lockfile is written into a stamp file inside node_modules. The next
 * call skips the install while the stamp matches the lockfile and the n8n executable exists.
 * `npm ci` removes node_modules first, so an interrupted install never leaves a valid stamp.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { withInstallLock } from './installLock';
import { npmEnvironment } from './npmEnvironment';
import { e2eCacheDir, installStampFile, n8nBin, n8nDir } from './paths';
import { runCommandOrThrow } from './runCommand';

export interface InstallN8nResult {
	/** false when the existing node_modules already matched the lockfile. */
	installed: boolean;
	durationMs: number;
}

const lockFile = path.join(n8nDir, 'package-lock.json');
const installLockDir = path.join(e2eCacheDir, 'n8n-install.lock');

/** `npm ci` in test/e2e/n8n unless node_modules already matches the lockfile. */
export async function installN8n(): Promise<InstallN8nResult> {
	const startedAt = Date.now();
	const wanted = lockfileHash();
	if (isInstalled(wanted)) return { installed: false, durationMs: Date.now() - startedAt };

	return withInstallLock(installLockDir, async () => {
		// Another process may have finished the same install while this one waited for the lock.
		if (isInstalled(wanted)) return { installed: false, durationMs: Date.now() - startedAt };
		await runCommandOrThrow(
			'npm',
			// Explicit flags: scripts must run (sqlite3 builds from source) whatever the caller's config.
			['ci', '--ignore-scripts=false', '--no-audit', '--no-fund'],
			{ cwd: n8nDir, env: npmEnvironment(), timeoutMs: 20 * 60_000 },
		);
		fs.writeFileSync(installStampFile, `${wanted}\n`);
		return { installed: true, durationMs: Date.now() - startedAt };
	});
}

/** Whether node_modules was produced from the current lockfile. */
export function isInstalled(wanted = lockfileHash()): boolean {
	if (!fs.existsSync(n8nBin) || !fs.existsSync(installStampFile)) return false;
	return fs.readFileSync(installStampFile, 'utf8').trim() === wanted;
}

function lockfileHash(): string {
	return createHash('sha256').update(fs.readFileSync(lockFile)).digest('hex');
}
