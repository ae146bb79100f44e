/**
 * Where the pinned n8n is installed: a cache OUTSIDE the repository, shared by every clone, CI
 * run and the demo on one machine, so only the first of them pays for the install (minutes: sqlite3
 * compiles from source).
 *
 * Each install lives in its own folder named after a hash of what pins it (package.json, lockfile,
 * .npmrc of `test/e2e/n8n`), e.g. `~/.cache/n8n-nodes-falai/n8n-3f2a…/`. A changed pin gets a new
 * folder; a folder is never rewritten once complete, so checkouts at different commits can run
 * side by side.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The committed files that decide what gets installed; they are copied into the install folder. */
export const n8nPinFiles = ['package.json', 'package-lock.json', '.npmrc'] as const;

/**
 * The cache root: `$N8N_NODES_FALAI_CACHE_DIR` when set, else `$XDG_CACHE_HOME/n8n-nodes-falai`,
 * else `~/.cache/n8n-nodes-falai`.
 */
export function n8nCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
	if (env.N8N_NODES_FALAI_CACHE_DIR) return path.resolve(env.N8N_NODES_FALAI_CACHE_DIR);
	const cacheHome = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(cacheHome, 'n8n-nodes-falai');
}

/** A short, stable name for the install pinned by the files in `specDir`. */
export function n8nInstallKey(specDir: string): string {
	const hash = createHash('sha256');
	for (const name of n8nPinFiles) {
		const file = path.join(specDir, name);
		hash.update(`${name}\0`);
		if (fs.existsSync(file)) hash.update(fs.readFileSync(file));
		hash.update('\0');
	}
	return hash.digest('hex').slice(0, 16);
}
