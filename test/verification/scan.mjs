#!/usr/bin/env node
/**
 * Runs n8n's own verification scanner (`@n8n/scan-community-package`, its `analyzePackage`) on
 * this package the way n8n does before verifying it, offline:
 *
 * 1. the source, with the scanner's own `SOURCE_FILE_PATTERNS` (package.json, nodes/, credentials/);
 * 2. the tarball users install: `npm pack`, unpacked, every .js/.ts/.json file in it.
 *
 * n8n also checks npm provenance and fetches the attested source from GitHub; neither can happen
 * here (no network), and provenance comes from the release workflow (.github/workflows/release.yml).
 * Exits non-zero on any violation, printing the scanner's report. `--keep` keeps the unpacked
 * tarball and prints where it is.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const keep = process.argv.includes('--keep');

/** Packs the package as `npm publish` would (needs a fresh `npm run build`) and unpacks it. */
function packAndUnpack() {
	const workDir = mkdtempSync(join(tmpdir(), 'falai-scan-'));
	const output = execFileSync('npm', ['pack', '--json', '--pack-destination', workDir], { cwd: root, encoding: 'utf8' });
	const [packed] = JSON.parse(output.slice(output.indexOf('[')));
	const unpacked = join(workDir, 'package');
	execFileSync('tar', ['-xzf', join(workDir, packed.filename), '-C', workDir]);
	return { workDir, unpacked, files: packed.files.map((file) => file.path).sort() };
}

function report(label, result) {
	if (result.passed) {
		process.stdout.write(`scan: ${label}: passed${result.message ? ` (${result.message})` : ''}\n`);
		return true;
	}
	process.stdout.write(`scan: ${label}: FAILED: ${result.message}\n${result.details ?? ''}\n`);
	return false;
}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
let ok = true;
if (Object.keys(manifest.dependencies ?? {}).length > 0) {
	process.stdout.write(`scan: package.json has runtime dependencies: ${Object.keys(manifest.dependencies).join(', ')}\n`);
	ok = false;
}

ok = report(`source (${SOURCE_FILE_PATTERNS.join(', ')})`, await analyzePackage(root, SOURCE_FILE_PATTERNS)) && ok;

const { workDir, unpacked, files } = packAndUnpack();
try {
	process.stdout.write(`scan: npm pack holds ${files.length} files:\n${files.map((file) => `  ${file}`).join('\n')}\n`);
	ok = report('packed tarball (**/*.js, **/*.ts, **/*.json)', await analyzePackage(unpacked)) && ok;
} finally {
	if (keep) process.stdout.write(`scan: unpacked tarball kept in ${unpacked}\n`);
	else rmSync(workDir, { recursive: true, force: true });
}

process.exit(ok ? 0 : 1);
