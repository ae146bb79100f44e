/**
 * `npm run e2e:install -- [target…]`: installs into the cache what the e2e targets need (default:
 * all of them), printing how long each took, so CI shows its cold install times apart from the
 * test times. The tests install the same on first use; this only does it up front.
 */
import { spawnSync } from 'node:child_process';

import { targetNames } from './lib/targets';

const wanted = process.argv.slice(2);
const names = wanted.length > 0 ? wanted : [...targetNames];

// Each target resolves its folders when the e2e helpers load, so each is installed by a child
// process of its own with N8N_E2E_TARGET set.
const script =
	"require('./test/e2e/lib/installN8n').installN8n().then((r) => " +
	"console.log(`${require('./test/e2e/lib/paths').target.label}: ${r.installed ? 'installed' : 'already in the cache'} in ${(r.durationMs / 1000).toFixed(1)} s`))";
for (const name of names) {
	const result = spawnSync('npx', ['ts-node', '--transpile-only', '-e', script], {
		cwd: `${__dirname}/../..`,
		env: { ...process.env, N8N_E2E_TARGET: name },
		stdio: 'inherit',
	});
	if (result.status !== 0) process.exit(result.status ?? 1);
}
