/**
 * Installs a committed pin folder (package.json + lockfile) into its cache folder, once per
 * machine (see installCache.ts for where).
 *
 * Nothing half-done can ever be taken for an install: the install runs in a staging folder
 * (`<folder>.partial-<pid>`), the stamp file is written there once it succeeded, and only then is
 * the folder renamed into place (one atomic rename). An interrupted install leaves a staging
 * folder, removed by the next install. Installs of one folder are serialised by a lock beside it,
 * taken over when its owner process died.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { withInstallLock } from './installLock';
import { pinFiles } from './installCache';

export interface CachedInstall {
	/** The committed pin folder. */
	specDir: string;
	/** Its cache folder (installFolder() of installCache.ts). */
	folder: string;
	/** A file the install provides; a folder without it is not an install. */
	requiredFile: string;
	/** Installs into `staging`, which already holds copies of the pin files. */
	install(staging: string): Promise<void>;
}

export interface CachedInstallResult {
	/** false when the cache already held a complete install of the current pin. */
	installed: boolean;
	durationMs: number;
}

const stampName = '.install-complete';

/** Runs `spec.install` into the cache unless a complete install of the pin is already there. */
export async function ensureInstalled(spec: CachedInstall): Promise<CachedInstallResult> {
	const startedAt = Date.now();
	if (isComplete(spec)) return { installed: false, durationMs: Date.now() - startedAt };

	return withInstallLock(`${spec.folder}.lock`, async () => {
		// Another process may have finished the same install while this one waited for the lock.
		if (isComplete(spec)) return { installed: false, durationMs: Date.now() - startedAt };
		removeLeftovers(spec.folder);
		await installFresh(spec);
		return { installed: true, durationMs: Date.now() - startedAt };
	});
}

/** Whether the cache holds a complete install of the pin. */
export function isComplete(spec: Pick<CachedInstall, 'folder' | 'requiredFile'>): boolean {
	const stamp = path.join(spec.folder, stampName);
	if (!fs.existsSync(spec.requiredFile) || !fs.existsSync(stamp)) return false;
	return fs.readFileSync(stamp, 'utf8').trim() === path.basename(spec.folder);
}

async function installFresh(spec: CachedInstall): Promise<void> {
	const staging = `${spec.folder}.partial-${process.pid}`;
	fs.rmSync(staging, { recursive: true, force: true });
	fs.mkdirSync(staging, { recursive: true });
	for (const name of pinFiles) {
		const source = path.join(spec.specDir, name);
		if (fs.existsSync(source)) fs.copyFileSync(source, path.join(staging, name));
	}
	await spec.install(staging);
	fs.writeFileSync(path.join(staging, stampName), `${path.basename(spec.folder)}\n`);
	fs.renameSync(staging, spec.folder);
}

/**
 * Removes what interrupted installs left: staging folders, and a folder without a valid stamp
 * (which only an older version of this code could produce). Called with the lock held.
 */
function removeLeftovers(folder: string): void {
	const parent = path.dirname(folder);
	const name = path.basename(folder);
	if (!fs.existsSync(parent)) return;
	const leftovers = fs.readdirSync(parent).filter((entry) => entry.startsWith(`${name}.partial-`));
	if (fs.existsSync(folder)) leftovers.push(name);
	for (const leftover of leftovers) {
		try {
			fs.rmSync(path.join(parent, leftover), { recursive: true, force: true, maxRetries: 3 });
		} catch (error) {
			// A killed install's npm may still be writing there; the folder is never used, so only warn.
			process.stderr.write(`could not remove ${leftover} from the install cache: ${(error as Error).message}\n`);
		}
	}
}
