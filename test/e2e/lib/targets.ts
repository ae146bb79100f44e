/**
 * The n8n set-ups the end-to-end tests run against. One is chosen per run with the environment
 * variable `N8N_E2E_TARGET` (default `2.8.4`); CI runs the suite once per target.
 *
 * - `2.8.4`: n8n 2.8.4, the newest n8n that runs on Node 20 (the Node running the tests).
 * - `latest`: n8n 2.41.1 on Node 24, what users of the newest 2.x run. 2.41.1 is the newest
 *   version whose exact-pinned `@n8n/*` dependencies are all on the registry CI uses.
 * - `queue`: the same n8n 2.41.1 in queue mode: Redis, one main process and two workers, binary
 *   data kept in the shared database. It runs the files under `queue/`, which prove what queue
 *   mode changes; the other targets run every other file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The names `N8N_E2E_TARGET` (and the demo's `--n8n=`) accept. */
export const targetNames = ['2.8.4', 'latest', 'queue'] as const;
export type TargetName = (typeof targetNames)[number];

/** How the pinned n8n folder is installed from its lockfile. */
export type N8nInstallMethod =
	/** `npm ci` with install scripts on (sqlite3 compiles from source). */
	| 'npm-ci'
	/**
	 * `npm ci --ignore-scripts`, then `npm rebuild sqlite3`: n8n 2.41 has install scripts that
	 * reach hosts CI cannot, and only sqlite3's build is needed to run it.
	 */
	| 'npm-ci-then-rebuild-sqlite3';

export interface E2eTarget {
	name: TargetName;
	/** For logs and test names: `n8n 2.41.1 / Node 24 (queue mode)`. */
	label: string;
	/** The committed folder pinning n8n (package.json, lockfile, .npmrc). */
	n8nSpecDir: string;
	n8nInstall: N8nInstallMethod;
	/**
	 * The committed folder pinning the Node.js that runs n8n (the npm package `node`), or
	 * undefined for the Node running the tests.
	 */
	nodeSpecDir?: string;
	/** Set for every n8n process of this target. */
	env: NodeJS.ProcessEnv;
	queueMode: boolean;
}

const e2eDir = path.resolve(__dirname, '..');

/** What n8n 2.41 needs to start cleanly without internet access. */
const latestEnv: NodeJS.ProcessEnv = {
	// At start-up 2.41 fetches its MCP server registry from an n8n host and logs a stack trace
	// when that fails; nothing here uses it.
	N8N_DISABLED_MODULES: 'mcp-registry',
};

const latest = {
	n8nSpecDir: path.join(e2eDir, 'n8n-latest'),
	n8nInstall: 'npm-ci-then-rebuild-sqlite3',
	nodeSpecDir: path.join(e2eDir, 'node24'),
	env: latestEnv,
} as const;

const targets: Record<TargetName, E2eTarget> = {
	'2.8.4': {
		name: '2.8.4',
		label: 'n8n 2.8.4 / Node 20',
		n8nSpecDir: path.join(e2eDir, 'n8n'),
		n8nInstall: 'npm-ci',
		env: {},
		queueMode: false,
	},
	latest: { name: 'latest', label: 'n8n 2.41.1 / Node 24', ...latest, queueMode: false },
	queue: { name: 'queue', label: 'n8n 2.41.1 / Node 24 (queue mode)', ...latest, queueMode: true },
};

/** The n8n version a pin folder installs (its package.json's exact `n8n` dependency). */
export function pinnedN8nVersion(installTarget: E2eTarget): string {
	const manifest = JSON.parse(fs.readFileSync(path.join(installTarget.n8nSpecDir, 'package.json'), 'utf8')) as {
		dependencies: { n8n: string };
	};
	return manifest.dependencies.n8n;
}

/** The target called `name`; throws naming the valid ones for anything else. */
export function e2eTarget(name: string): E2eTarget {
	if (!(targetNames as readonly string[]).includes(name)) {
		throw new Error(`Unknown n8n e2e target "${name}": use one of ${targetNames.join(', ')}`);
	}
	return targets[name as TargetName];
}

/** The target of this run: `N8N_E2E_TARGET`, else `2.8.4`. */
export function currentTarget(env: NodeJS.ProcessEnv = process.env): E2eTarget {
	return e2eTarget(env.N8N_E2E_TARGET || '2.8.4');
}
