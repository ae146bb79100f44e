/**
 * Installs the run target's pinned n8n (and the Node.js it runs on, when it has its own) from the
 * committed lockfiles, once per machine, into the install cache (see cachedInstall.ts).
 */
import * as path from 'node:path';

import { type CachedInstall, ensureInstalled, isComplete } from './cachedInstall';
import { npmInFolder } from './npmInFolder';
import { n8nBin, n8nDir, nodeBinDir, nodeRuntimeDir, target } from './paths';
import type { E2eTarget } from './targets';

export interface InstallN8nResult {
	/** false when the cache already held complete installs of the current pins. */
	installed: boolean;
	durationMs: number;
}

/** The Node.js of the target (the npm package `node`, whose preinstall puts the binary in place). */
function nodeRuntimeInstall(): CachedInstall | undefined {
	if (!target.nodeSpecDir || !nodeRuntimeDir || !nodeBinDir) return undefined;
	return {
		specDir: target.nodeSpecDir,
		folder: nodeRuntimeDir,
		requiredFile: path.join(nodeBinDir, 'node'),
		install: (staging) => npmInFolder(staging, ['ci', '--ignore-scripts=false']),
	};
}

function n8nInstall(installTarget: E2eTarget): CachedInstall {
	// n8n's dependencies check the engine and build native modules with the Node that runs it.
	const pathPrefix = nodeBinDir ? [nodeBinDir] : [];
	return {
		specDir: installTarget.n8nSpecDir,
		folder: n8nDir,
		requiredFile: n8nBin,
		install: async (staging) => {
			if (installTarget.n8nInstall === 'npm-ci') {
				// Explicit flag: scripts must run (sqlite3 builds from source) whatever the caller's config.
				await npmInFolder(staging, ['ci', '--ignore-scripts=false'], { pathPrefix });
				return;
			}
			await npmInFolder(staging, ['ci', '--ignore-scripts'], { pathPrefix });
			await npmInFolder(staging, ['rebuild', 'sqlite3', '--ignore-scripts=false'], { pathPrefix });
		},
	};
}

/** Installs whatever of the target is not in the cache yet. */
export async function installN8n(): Promise<InstallN8nResult> {
	const startedAt = Date.now();
	let installed = false;
	const runtime = nodeRuntimeInstall();
	if (runtime) installed = (await ensureInstalled(runtime)).installed;
	installed = (await ensureInstalled(n8nInstall(target))).installed || installed;
	return { installed, durationMs: Date.now() - startedAt };
}

/** Whether the cache holds everything the target needs. */
export function isInstalled(): boolean {
	const runtime = nodeRuntimeInstall();
	return (!runtime || isComplete(runtime)) && isComplete(n8nInstall(target));
}
