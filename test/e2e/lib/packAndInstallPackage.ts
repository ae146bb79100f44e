/**
 * Installs this package into an n8n user folder exactly as a user installs a community node by
 * hand: `npm install <tarball>` inside `~/.n8n/nodes`. n8n then loads it with node types named
 * `n8n-nodes-falai.<nodeName>`, the names users' workflows contain.
 *
 * The tarball is built (`npm run build`) and packed (`npm pack`) once per version of the sources,
 * not once per call: see cachedPackage.ts. Every e2e file and the demo install into a user folder
 * of their own, and would otherwise each rebuild the same package.
 */
import { installCachedPackage } from './cachedPackage';

export interface InstalledPackage {
	name: string;
	version: string;
	/** `<userFolder>/.n8n/nodes/node_modules/<name>` */
	directory: string;
}

/** Builds and packs the package when its sources changed, then installs the tarball into `userFolder`. */
export async function packAndInstallPackage(userFolder: string): Promise<InstalledPackage> {
	return installCachedPackage(userFolder);
}
