/**
 * Where things live for the end-to-end tests. Every helper resolves paths from here so the
 * tests can be started from any working directory.
 */
import * as path from 'node:path';

import { n8nCacheRoot, n8nInstallKey } from './n8nCache';

/** The package's root (where its package.json and `npm run build` live). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** The committed folder that pins the real n8n (its package.json, lockfile and .npmrc). */
export const n8nSpecDir = path.join(repoRoot, 'test', 'e2e', 'n8n');

/**
 * The folder the pinned n8n is installed in by `installN8n()`: a copy of the pin files plus
 * node_modules, in the machine-wide cache (see n8nCache.ts). n8n commands run from here.
 */
export const n8nDir = path.join(n8nCacheRoot(), `n8n-${n8nInstallKey(n8nSpecDir)}`);

/** The n8n executable installed by `installN8n()`. */
export const n8nBin = path.join(n8nDir, 'node_modules', '.bin', 'n8n');

/** Written last by a successful install (see installN8n); its absence means "not installed". */
export const installStampFile = path.join(n8nDir, '.install-complete');

/** Scratch space for user folders and packed tarballs; ignored by git. */
export const e2eCacheDir = path.join(repoRoot, 'test', 'e2e', '.cache');
