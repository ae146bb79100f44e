/**
 * Where things live for the end-to-end tests. Every helper resolves paths from here so the
 * tests can be started from any working directory. The n8n (and Node.js) used are those of the
 * run's target (`N8N_E2E_TARGET`, see targets.ts).
 */
import * as path from 'node:path';

import { installFolder } from './installCache';
import { currentTarget } from './targets';

/** The package's root (where its package.json and `npm run build` live). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** The n8n set-up this run tests against. */
export const target = currentTarget();

/** The committed folder that pins the target's n8n (its package.json, lockfile and .npmrc). */
export const n8nSpecDir = target.n8nSpecDir;

/**
 * The folder the pinned n8n is installed in by `installN8n()`: a copy of the pin files plus
 * node_modules, in the machine-wide cache (see installCache.ts). n8n commands run from here.
 */
export const n8nDir = installFolder('n8n', n8nSpecDir);

/** The n8n executable installed by `installN8n()`. */
export const n8nBin = path.join(n8nDir, 'node_modules', '.bin', 'n8n');

/** The cache folder of the target's own Node.js, when it has one. */
export const nodeRuntimeDir = target.nodeSpecDir && installFolder('node', target.nodeSpecDir);

/**
 * The folder holding the `node` executable that runs n8n, put first on n8n's PATH (n8n's bin is a
 * `#!/usr/bin/env node` script); undefined when n8n runs on the Node running the tests.
 */
export const nodeBinDir = nodeRuntimeDir && path.join(nodeRuntimeDir, 'node_modules', 'node', 'bin');

/** Scratch space for user folders and packed tarballs; ignored by git. */
export const e2eCacheDir = path.join(repoRoot, 'test', 'e2e', '.cache');
