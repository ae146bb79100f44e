/**
 * Installs the pinned, real n8n of `test/e2e/n8n` from its lockfile, once per machine.
 *
 * The install takes minutes (sqlite3 compiles from source), so it goes into the machine-wide
 * cache folder `n8nDir` (see n8nCache.ts and paths.ts) and is reused by later test runs, fresh
 * clones and the demo.
 *
 * Nothing half-done can ever be taken for an install: `npm ci` runs in a staging folder
 * (`<n8nDir>.partial-<pid>`), the stamp file is written there once it succeeded, and only then is
 * the folder renamed to `n8nDir` (one atomic rename). An interrupted install leaves a staging
 * folder, removed by the next install. Installs are serialised by a lock beside the folder,
 * taken over when its owner process died.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { withInstallLock } from './installLock';
import { n8nPinFiles } from './n8nCache';
import { npmCi } from './npmCi';
import { installStampFile, n8nBin, n8nDir, n8nSpecDir } from './paths';

export interface InstallN8nResult {
	/** false when the cache already held a complete install of the current pin. */
	installed: boolean;
	durationMs: number;
}

/** The install's identity, recorded in the stamp: the cache folder's name. */
const installKey = path.basename(n8nDir);
const installLockDir = `${n8nDir}.lock`;
const stagingPrefix = `${installKey}.partial-`;

/** `npm ci` of the pinned n8n into the cache unless a complete install is already there. */
export async function installN8n(): Promise<InstallN8nResult> {
	const startedAt = Date.now();
	if (isInstalled()) return { installed: false, durationMs: Date.now() - startedAt };

	return withInstallLock(installLockDir, async () => {
		// Another process may have finished the same install while this one waited for the lock.
		if (isInstalled()) return { installed: false, durationMs: Date.now() - startedAt };
		removeLeftovers();
		await installFresh();
		return { installed: true, durationMs: Date.now() - startedAt };
	});
}

/** Whether the cache holds a complete install of the current pin. */
export function isInstalled(wanted = installKey): boolean {
	if (!fs.existsSync(n8nBin) || !fs.existsSync(installStampFile)) return false;
	return fs.readFileSync(installStampFile, 'utf8').trim() === wanted;
}

async function installFresh(): Promise<void> {
	const staging = `${n8nDir}.partial-${process.pid}`;
	fs.rmSync(staging, { recursive: true, force: true });
	fs.mkdirSync(staging, { recursive: true });
	for (const name of n8nPinFiles) {
		const source = path.join(n8nSpecDir, name);
		if (fs.existsSync(source)) fs.copyFileSync(source, path.join(staging, name));
	}
	await npmCi(staging);
	fs.writeFileSync(path.join(staging, path.basename(installStampFile)), `${installKey}\n`);
	fs.renameSync(staging, n8nDir);
}

/**
 * Removes what interrupted installs left: staging folders, and an `n8nDir` without a valid stamp
 * (which only an older version of this code could produce). Called with the lock held.
 */
function removeLeftovers(): void {
	const parent = path.dirname(n8nDir);
	if (!fs.existsSync(parent)) return;
	const leftovers = fs.readdirSync(parent).filter((name) => name.startsWith(stagingPrefix));
	if (fs.existsSync(n8nDir)) leftovers.push(installKey);
	for (const name of leftovers) {
		try {
			fs.rmSync(path.join(parent, name), { recursive: true, force: true, maxRetries: 3 });
		} catch (error) {
			// A killed install's npm may still be writing there; the folder is never used, so only warn.
			process.stderr.write(`could not remove ${name} from the n8n cache: ${(error as Error).message}\n`);
		}
	}
}
