/**
 * `npm start [-- --n8n=<target>]`: the demo (runDemo.ts) on the chosen n8n. `--n8n=latest` runs it
 * on the newest n8n the tests cover (2.41.1 on Node 24) instead of the default 2.8.4; the names
 * are those of the e2e targets (../lib/targets.ts), the queue-mode one excepted.
 *
 * The choice has to be made before the e2e helpers are loaded (they resolve the n8n folder when
 * imported), hence this small entry point.
 */
import { e2eTarget } from '../lib/targets';

const demoTargets = ['2.8.4', 'latest'];

function chosenTarget(args: string[]): string | undefined {
	for (const arg of args) {
		const match = /^--n8n=(.*)$/.exec(arg);
		if (match) return match[1];
		throw new Error(`Unknown option "${arg}". Usage: npm start [-- --n8n=${demoTargets.join('|')}]`);
	}
	return undefined;
}

try {
	const name = chosenTarget(process.argv.slice(2)) ?? process.env.N8N_E2E_TARGET ?? '2.8.4';
	e2eTarget(name);
	if (!demoTargets.includes(name)) throw new Error(`The demo runs on ${demoTargets.join(' or ')}, not "${name}"`);
	process.env.N8N_E2E_TARGET = name;
} catch (error) {
	process.stderr.write(`${(error as Error).message}\n`);
	process.exit(2);
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('./runDemo');
