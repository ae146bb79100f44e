/**
 * Installs this package into an n8n user folder (what `packAndInstallPackage` does), building and
 * packing it only once per version of its sources: the tarball is kept in `.cache/packages/`
 * under a hash of everything that goes into it. Each e2e file has its own user folder, so without
 * the cache every file would rebuild the same package.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { withInstallLock } from './installLock';
import { npmEnvironment } from './npmEnvironment';
import type { InstalledPackage } from './packAndInstallPackage';
import { e2eCacheDir, repoRoot } from './paths';
import { runCommandOrThrow } from './runCommand';

/** What `npm run build` and `npm pack` read (package.json `files`, the build's inputs). */
const buildInputs = [
	'package.json',
	'tsconfig.json',
	'tsconfig.build.json',
	'gulpfile.js',
	'index.js',
	'README.md',
	'LICENSE',
	'nodes',
	'credentials',
	'icons',
];

const packagesDir = path.join(e2eCacheDir, 'packages');
const packLockDir = path.join(e2eCacheDir, 'package-pack.lock');

/** Installs the packed package into `<userFolder>/.n8n/nodes`, packing it first if its sources changed. */
export async function installCachedPackage(userFolder: string): Promise<InstalledPackage> {
	const tarball = await packedTarball();
	const { name, version } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
		name: string;
		version: string;
	};
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const manifest = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(manifest)) {
		fs.writeFileSync(manifest, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	}
	await runCommandOrThrow(
		'npm',
		[
			'install',
			tarball,
			'--ignore-scripts',
			// n8n-workflow is a peer dependency that n8n itself provides at run time (it puts its own
			// modules on the resolution path); installing a second copy next to the package would
			// shadow it. n8n's own community-package installer leaves peers out too.
			'--legacy-peer-deps',
			'--no-audit',
			'--no-fund',
		],
		{ cwd: nodesDir, env: npmEnvironment(), timeoutMs: 300_000 },
	);
	return { name, version, directory: path.join(nodesDir, 'node_modules', name) };
}

/** The cached tarball for the current sources, built and packed under a lock when missing. */
export async function packedTarball(): Promise<string> {
	const tarball = path.join(packagesDir, `n8n-nodes-falai-${sourcesHash()}.tgz`);
	if (fs.existsSync(tarball)) return tarball;
	return withInstallLock(packLockDir, async () => {
		if (fs.existsSync(tarball)) return tarball;
		const env = npmEnvironment();
		await runCommandOrThrow('npm', ['run', 'build'], { cwd: repoRoot, env, timeoutMs: 300_000 });
		const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-falai-pack-'));
		try {
			const packed = await runCommandOrThrow('npm', ['pack', '--json', '--pack-destination', packDir], {
				cwd: repoRoot,
				env,
			});
			const [{ filename }] = JSON.parse(packed.stdout) as Array<{ filename: string }>;
			fs.mkdirSync(packagesDir, { recursive: true });
			// Copied under a temporary name then renamed, so a reader never sees half a tarball.
			const partial = `${tarball}.${process.pid}.partial`;
			fs.copyFileSync(path.join(packDir, filename), partial);
			fs.renameSync(partial, tarball);
			removeOtherTarballs(tarball);
			return tarball;
		} finally {
			fs.rmSync(packDir, { recursive: true, force: true });
		}
	});
}

/** Keeps the cache to the current tarball: older ones belong to sources that no longer exist. */
function removeOtherTarballs(current: string): void {
	for (const name of fs.readdirSync(packagesDir)) {
		const file = path.join(packagesDir, name);
		if (file !== current && name.endsWith('.tgz')) fs.rmSync(file, { force: true });
	}
}

/** SHA-256 over the paths and contents of every build input. */
function sourcesHash(): string {
	const hash = createHash('sha256');
	for (const file of buildInputs.flatMap((input) => filesUnder(path.join(repoRoot, input))).sort()) {
		hash.update(path.relative(repoRoot, file)).update('\0').update(fs.readFileSync(file)).update('\0');
	}
	return hash.digest('hex').slice(0, 16);
}

function filesUnder(target: string): string[] {
	if (!fs.existsSync(target)) return [];
	if (!fs.statSync(target).isDirectory()) return [target];
	return fs
		.readdirSync(target, { withFileTypes: true })
		.flatMap((entry) => filesUnder(path.join(target, entry.name)));
}
