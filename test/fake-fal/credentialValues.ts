/**
 * The exact values to type into an n8n "Fal.ai API" credential so it talks to this fake, with
 * the field labels n8n shows. Printed by `npm run fake-fal` and `npm start`.
 */
import type { FakeFal } from './index';

export function credentialValues(fal: Pick<FakeFal, 'key' | 'baseUrl' | 'hosts'>): string[] {
	const { hosts } = fal;
	return [
		`API Key:           ${fal.key}`,
		'Custom Hosts:      on',
		`Gateway Base URL:  ${fal.baseUrl}`,
		'(or, leaving Gateway Base URL empty, the four URLs one by one:',
		` Queue URL ${hosts.queueUrl}, Run URL ${hosts.runUrl},`,
		` REST URL ${hosts.restUrl}, Platform API URL ${hosts.platformUrl})`,
	];
}
