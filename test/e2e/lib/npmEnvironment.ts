/**
 * The environment for npm commands started by the e2e helpers.
 *
 * Under `npm run test:e2e` npm exports the root project's settings as `npm_config_*` variables
 * (notably `npm_config_ignore_scripts=true` and the root's `local_prefix`). Passed on, they would
 * override the `.npmrc` of the folder the child npm works in, so sqlite3 would not build and an
 * install could land in the wrong project. They are dropped; each folder's own `.npmrc` and the
 * user's `~/.npmrc` then apply as they do for a person typing the command.
 */
export function npmEnvironment(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [name, value] of Object.entries(base)) {
		if (!/^npm_(config|package|lifecycle)_/i.test(name)) env[name] = value;
	}
	return env;
}
