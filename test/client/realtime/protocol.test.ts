/**
 * fal's realtime protocol as fal-js speaks it: the URL, and what each kind of server frame means.
 */
import { encode } from '@msgpack/msgpack';

import { classifyFrame, decodeFrame, realtimeUrl } from '../../../nodes/FalAi/client/realtime/protocol';

describe('realtime protocol', () => {
	it('builds fal-js\'s URL on the credential\'s run host, wss for https and ws for http', () => {
		expect(realtimeUrl('https://fal.run', 'fal-ai/fast-lcm-diffusion', 'tok', 4)).toBe(
			'wss://fal.run/fal-ai/fast-lcm-diffusion/realtime?fal_jwt_token=tok&max_buffering=4',
		);
		expect(realtimeUrl('http://127.0.0.1:9/run', 'fal-ai/flux/dev', 'a b')).toBe('ws://127.0.0.1:9/run/fal-ai/flux/dev/realtime?fal_jwt_token=a+b');
		expect(realtimeUrl('https://fal.run', 'fal-ai/app/realtime', 't')).toBe('wss://fal.run/fal-ai/app/realtime?fal_jwt_token=t');
	});

	it('keeps max_buffering within the 1..60 fal-js accepts', () => {
		expect(realtimeUrl('https://fal.run', 'a/b', 't', 500)).toContain('max_buffering=60');
		expect(realtimeUrl('https://fal.run', 'a/b', 't', 0)).toContain('max_buffering=1');
	});

	it('classifies frames as fal-js does: results, errors, Unauthorized, idle timeouts and messages', () => {
		expect(classifyFrame({ images: [] })).toEqual({ kind: 'result', data: { images: [] } });
		expect(classifyFrame({ status: 'error', error: 'Unauthorized' })).toEqual({ kind: 'unauthorized' });
		expect(classifyFrame({ type: 'x-fal-error', error: 'TIMEOUT', reason: 'idle' })).toEqual({ kind: 'ignored' });
		expect(classifyFrame({ type: 'x-fal-message', message: 'hello' })).toEqual({ kind: 'ignored' });
		expect(classifyFrame({ type: 'x-fal-error', error: 'BAD', reason: 'no' })).toMatchObject({ kind: 'error', message: 'BAD: no' });
		expect(classifyFrame({ status: 'error', error: 'Boom' })).toMatchObject({ kind: 'error', message: 'Boom' });
		expect(() => classifyFrame([1])).toThrow(/not an object/);
	});

	it('decodes text frames as JSON and binary frames (ArrayBuffer, bytes, Blob) as msgpack', async () => {
		const packed = encode({ a: 1 });
		expect(await decodeFrame('{"a":1}')).toEqual({ a: 1 });
		expect(await decodeFrame(packed)).toEqual({ a: 1 });
		expect(await decodeFrame(packed.buffer.slice(packed.byteOffset, packed.byteOffset + packed.byteLength))).toEqual({ a: 1 });
		expect(await decodeFrame(new Blob([packed]))).toEqual({ a: 1 });
	});
});
