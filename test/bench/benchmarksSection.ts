/**
 * BENCHMARKS.md holds the output of more than one benchmark script: `npm run bench` writes the
 * whole file, other scripts (queue mode in real n8n) own a section between marker comments. Each
 * keeps the others' sections when it rewrites the file.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const benchmarksFile = join(__dirname, '..', '..', 'BENCHMARKS.md');

const markers = (name: string) => ({ start: `<!-- ${name}:start -->`, end: `<!-- ${name}:end -->` });

/** The sections other scripts own, as they are in the file now (markers included). */
export function ownedSections(text: string): string[] {
	return [...text.matchAll(/<!-- ([\w-]+):start -->[\s\S]*?<!-- \1:end -->/g)].map((match) => match[0]);
}

/** `text` (a whole report) followed by the sections of other scripts kept from the current file. */
export function withOwnedSections(text: string): string {
	const current = existsSync(benchmarksFile) ? readFileSync(benchmarksFile, 'utf8') : '';
	const kept = ownedSections(current);
	return kept.length === 0 ? text : `${text.trimEnd()}\n\n${kept.join('\n\n')}\n`;
}

/** Replaces (or appends) section `name` of BENCHMARKS.md with `body`. */
export function writeSection(name: string, body: string): void {
	const { start, end } = markers(name);
	const section = `${start}\n${body.trim()}\n${end}`;
	const current = existsSync(benchmarksFile) ? readFileSync(benchmarksFile, 'utf8') : '# Benchmarks\n';
	const at = current.indexOf(start);
	const next =
		at === -1
			? `${current.trimEnd()}\n\n${section}\n`
			: `${current.slice(0, at)}${section}${current.slice(current.indexOf(end, at) + end.length)}`;
	writeFileSync(benchmarksFile, next);
}
