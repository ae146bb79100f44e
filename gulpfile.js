// The TypeScript compiler only emits .js. n8n also loads plain files from beside the compiled
// code: icons (referenced as `file:` paths) and each node's codex file (`*.node.json`, the
// categories shown in the nodes panel), so the build copies them into dist/.
const { src, dest, parallel } = require('gulp');

function copyIcons() {
	return src('icons/**/*.{png,svg}', { encoding: false }).pipe(dest('dist/icons'));
}

function copyCodexFiles() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

exports['build:icons'] = parallel(copyIcons, copyCodexFiles);
