/**
 * Where things live for the end-to-end tests. Every helper resolves paths from here so the
 * tests can be started from any working directory.
 */
import * as path from 'node:path';

/** The package's root (where its package.json and `npm run build` live). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** The folder holding the pinned, real n8n (its own package.json and lockfile). */
export const n8nDir = path.join(repoRoot, 'test', 'e2e', 'n8n');

/** The n8n executable installed by `installN8n()`. */
export const n8nBin = path.join(n8nDir, 'node_modules', '.bin', 'n8n');

/** Records which lockfile the installed node_modules came from (see installN8n). */
export const installStampFile = path.join(n8nDir, 'node_modules', '.e2e-install-stamp');

/** Scratch space for user folders and packed tarballs; ignored by git. */
export const e2eCacheDir = path.join(repoRoot, 'test', 'e2e', '.cache');
