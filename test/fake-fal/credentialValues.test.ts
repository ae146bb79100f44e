/**
 * What `npm start` and `npm run fake-fal` print for the credential must be exactly what the
 * credential needs: the gateway URL, once resolved the way the nodes resolve it, gives the
 * fake's own host URLs, and the four alternative URLs are those same URLs.
 */
import { clientConfigFromCredential } from '../../nodes/FalAi/transport';
import { credentialValues } from './credentialValues';
import { startFakeFal, type FakeFal } from './index';

let fal: FakeFal;
beforeAll(async () => {
	fal = await startFakeFal({ port: 0 });
});
afterAll(async () => {
	await fal.close();
});

it('prints a gateway URL the nodes resolve to the fake\'s four APIs, and those four URLs', () => {
	const lines = credentialValues(fal).join('\n');
	const value = (label: string) => new RegExp(`${label}:?\\s+(\\S+?)[,)]?(?:\\s|$)`, 'm').exec(lines)?.[1];
	expect(value('API Key')).toBe(fal.key);
	const gateway = value('Gateway Base URL')!;
	const { hosts } = clientConfigFromCredential({ apiKey: fal.key, customHosts: true, gatewayUrl: gateway });
	const { queueUrl, runUrl, restUrl, platformUrl } = fal.hosts;
	expect(hosts).toEqual({ queueUrl, runUrl, restUrl, platformUrl });
	expect([value('Queue URL'), value('Run URL'), value('REST URL'), value('Platform API URL')]).toEqual([queueUrl, runUrl, restUrl, platformUrl]);
});
