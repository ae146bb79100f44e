/**
 * Builds this package and installs it into an n8n user folder exactly as a user installs a
 * community node by hand: `npm install <package>` inside `~/.n8n/nodes`. n8n then loads it with
 * node types named `n8n-nodes-falai.<nodeName>`, the names users' workflows contain.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { npmEnvironment } from './npmEnvironment';
import { repoRoot } from './paths';
import { runCommandOrThrow } from './runCommand';

export interface InstalledPackage {
	name: string;
	version: string;
	/** `<userFolder>/.n8n/nodes/node_modules/<name>` */
	directory: string;
}

export interface PackOptions {
	/** Skip `npm run build` when dist/ is known to be fresh (e.g. a second user folder). */
	skipBuild?: boolean;
}

/** `npm run build`, `npm pack` into a temp dir, then install the tarball into `userFolder`. */
export async function packAndInstallPackage(
	userFolder: string,
	options: PackOptions = {},
): Promise<InstalledPackage> {
	const env = npmEnvironment();
	if (!options.skipBuild) {
		await runCommandOrThrow('npm', ['run', 'build'], { cwd: repoRoot, env, timeoutMs: 300_000 });
	}

	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-falai-pack-'));
	try {
		const packed = await runCommandOrThrow('npm', ['pack', '--json', '--pack-destination', packDir], {
			cwd: repoRoot,
			env,
		});
		const [{ name, version, filename }] = JSON.parse(packed.stdout) as Array<{
			name: string;
			version: string;
			filename: string;
		}>;

		const nodesDir = path.join(userFolder, '.n8n', 'nodes');
		fs.mkdirSync(nodesDir, { recursive: true });
		const manifest = path.join(nodesDir, 'package.json');
		if (!fs.existsSync(manifest)) {
			fs.writeFileSync(
				manifest,
				JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
			);
		}
		await runCommandOrThrow(
			'npm',
			[
				'install',
				path.join(packDir, filename),
				'--ignore-scripts',
				// n8n-workflow is a peer dependency that n8n itself provides at run time (it puts its own
				// modules on the resolution path); installing a second copy next to the package would
				// shadow it. n8n's own community-package installer leaves peers out too.
				'--legacy-peer-deps',
				'--no-audit',
				'--no-fund',
			],
			{ cwd: nodesDir, env, timeoutMs: 300_000 },
		);
		return { name, version, directory: path.join(nodesDir, 'node_modules', name) };
	} finally {
		fs.rmSync(packDir, { recursive: true, force: true });
	}
}
