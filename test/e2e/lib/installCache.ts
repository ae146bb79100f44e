/**
 * Where the pinned installs of the e2e tests live (n8n itself, and the Node.js that runs the newest
 * n8n): a cache OUTSIDE the repository, shared by every clone, CI run and the demo on one machine,
 * so only the first of them pays for an install (minutes: n8n's sqlite3 compiles from source).
 *
 * Each install lives in its own folder named after what it is and a hash of what pins it (the
 * committed package.json, lockfile and .npmrc), e.g. `~/.cache/n8n-nodes-falai/n8n-3f2a…/` or
 * `…/node-9c1e…/`. A changed pin gets a new folder; a folder is never rewritten once complete, so
 * checkouts at different commits can run side by side.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The committed files that decide what gets installed; they are copied into the install folder. */
export const pinFiles = ['package.json', 'package-lock.json', '.npmrc'] as const;

/**
 * The cache root: `$N8N_NODES_FALAI_CACHE_DIR` when set, else `$XDG_CACHE_HOME/n8n-nodes-falai`,
 * else `~/.cache/n8n-nodes-falai`.
 */
export function installCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
	if (env.N8N_NODES_FALAI_CACHE_DIR) return path.resolve(env.N8N_NODES_FALAI_CACHE_DIR);
	const cacheHome = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(cacheHome, 'n8n-nodes-falai');
}

/** A short, stable name for the install pinned by the files in `specDir`. */
export function pinHash(specDir: string): string {
	const hash = createHash('sha256');
	for (const name of pinFiles) {
		const file = path.join(specDir, name);
		hash.update(`${name}\0`);
		if (fs.existsSync(file)) hash.update(fs.readFileSync(file));
		hash.update('\0');
	}
	return hash.digest('hex').slice(0, 16);
}

/** The cache folder of the install of `specDir`: `<cache root>/<kind>-<pin hash>`. */
export function installFolder(kind: string, specDir: string): string {
	return path.join(installCacheRoot(), `${kind}-${pinHash(specDir)}`);
}
