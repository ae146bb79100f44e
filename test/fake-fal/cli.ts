/**
 * `npm run fake-fal`: runs the fake fal server on 127.0.0.1 (FAKE_FAL_PORT, default 8787) so the
 * nodes can be tried in n8n without a fal key. Stops cleanly on Ctrl-C / SIGTERM.
 */
import { credentialValues } from './credentialValues';
import { startFakeFal } from './index';

async function main(): Promise<void> {
	const port = Number(process.env.FAKE_FAL_PORT ?? 8787);
	const fal = await startFakeFal({ port });
	const { hosts } = fal;
	process.stdout.write(
		[
			`Fake fal server listening on ${fal.baseUrl}`,
			'',
			`  queue     ${hosts.queueUrl}      (https://queue.fal.run)`,
			`  run       ${hosts.runUrl}        (https://fal.run)`,
			`  rest      ${hosts.restUrl}       (https://rest.fal.ai)`,
			`  platform  ${hosts.platformUrl}     (https://api.fal.ai/v1)`,
			`  jwks      ${hosts.jwksUrl}`,
			`  control   ${fal.baseUrl}/__fake/requests, /__fake/faults, /__fake/reset, /__fake/jobs/:id, /__fake/webhooks`,
			'',
			`API key:    ${fal.key}`,
			'',
			'Point an n8n "Fal.ai API" credential at it with these values:',
			...credentialValues(fal).map((line) => `  ${line}`),
			'',
			'Press Ctrl-C to stop.',
			'',
		].join('\n'),
	);
	let stopping = false;
	const stop = (signal: string): void => {
		if (stopping) return;
		stopping = true;
		process.stdout.write(`\n${signal}: stopping the fake fal server\n`);
		fal.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
	process.stderr.write(`fake-fal: ${(error as Error).message}\n`);
	process.exit(1);
});
