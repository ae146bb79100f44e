/**
 * The MessagePack codec against the spec (https://github.com/msgpack/msgpack/blob/master/spec.md):
 * the example on msgpack.org, every format's first byte and length boundaries, and round trips
 * cross-checked with @msgpack/msgpack (the library fal-js uses; a dev dependency only).
 */
import { decode as referenceDecode, encode as referenceEncode } from '@msgpack/msgpack';

import { decodeMsgpack, encodeMsgpack, MsgpackError } from '../../../nodes/FalAi/client/realtime/msgpack';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const bytesOf = (text: string): Uint8Array => new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'hex'));

describe('MessagePack codec', () => {
	it('encodes the example of msgpack.org: {"compact":true,"schema":0} in 18 bytes', () => {
		const encoded = encodeMsgpack({ compact: true, schema: 0 });
		expect(hex(encoded)).toBe('82a7636f6d70616374c3a6736368656d6100');
		expect(decodeMsgpack(encoded)).toEqual({ compact: true, schema: 0 });
	});

	// [value, the spec's encoding]
	const examples: Array<[string, unknown, string]> = [
		['nil', null, 'c0'],
		['false', false, 'c2'],
		['true', true, 'c3'],
		['positive fixint 0', 0, '00'],
		['positive fixint 127', 127, '7f'],
		['uint 8', 128, 'cc80'],
		['uint 8 max', 255, 'ccff'],
		['uint 16', 256, 'cd0100'],
		['uint 16 max', 65535, 'cdffff'],
		['uint 32', 65536, 'ce00010000'],
		['uint 32 max', 4294967295, 'ceffffffff'],
		['uint 64', 4294967296, 'cf0000000100000000'],
		['uint 64 max safe', Number.MAX_SAFE_INTEGER, 'cf001fffffffffffff'],
		['negative fixint -1', -1, 'ff'],
		['negative fixint -32', -32, 'e0'],
		['int 8', -33, 'd0df'],
		['int 8 min', -128, 'd080'],
		['int 16', -129, 'd1ff7f'],
		['int 16 min', -32768, 'd18000'],
		['int 32', -32769, 'd2ffff7fff'],
		['int 32 min', -2147483648, 'd280000000'],
		['int 64', -2147483649, 'd3ffffffff7fffffff'],
		['float 64', 1.5, 'cb3ff8000000000000'],
		['float 64 negative', -0.1, 'cbbfb999999999999a'],
		['fixstr empty', '', 'a0'],
		['fixstr', 'a', 'a161'],
		['fixstr utf-8', 'é', 'a2c3a9'],
		['str 8', 'x'.repeat(32), `d920${'78'.repeat(32)}`],
		['str 16', 'x'.repeat(256), `da0100${'78'.repeat(256)}`],
		['bin 8', new Uint8Array([1, 2, 3]), 'c403010203'],
		['bin 16', new Uint8Array(256), `c50100${'00'.repeat(256)}`],
		['fixarray empty', [], '90'],
		['fixarray', [1, 'a', null], '9301a161c0'],
		['array 16', Array(16).fill(0), `dc0010${'00'.repeat(16)}`],
		['fixmap empty', {}, '80'],
		['fixmap', { a: 1 }, '81a16101'],
		['map 16', Object.fromEntries(Array.from({ length: 16 }, (_, i) => [String.fromCharCode(97 + i), i])), `de0010${Array.from({ length: 16 }, (_, i) => `a1${(97 + i).toString(16)}${i.toString(16).padStart(2, '0')}`).join('')}`],
	];

	it.each(examples)('encodes and decodes %s as the spec says', (_name, value, expected) => {
		expect(hex(encodeMsgpack(value))).toBe(expected);
		expect(decodeMsgpack(bytesOf(expected))).toEqual(value);
	});

	it('decodes the 32-bit forms and float 32 it never writes itself', () => {
		expect(decodeMsgpack(bytesOf('db00000001 61'))).toBe('a');
		expect(decodeMsgpack(bytesOf('c6000000020102'))).toEqual(new Uint8Array([1, 2]));
		expect(decodeMsgpack(bytesOf('dd0000000101'))).toEqual([1]);
		expect(decodeMsgpack(bytesOf('df00000001a16101'))).toEqual({ a: 1 });
		expect(decodeMsgpack(bytesOf('ca3fc00000'))).toBe(1.5);
		expect(decodeMsgpack(bytesOf('cb7ff0000000000000'))).toBe(Infinity);
	});

	it('keeps 64-bit integers beyond the safe range exact as bigint', () => {
		expect(decodeMsgpack(bytesOf('cfffffffffffffffff'))).toBe(2n ** 64n - 1n);
		expect(decodeMsgpack(bytesOf('d38000000000000000'))).toBe(-(2n ** 63n));
		expect(hex(encodeMsgpack(2n ** 64n - 1n))).toBe('cfffffffffffffffff');
		expect(hex(encodeMsgpack(-(2n ** 63n)))).toBe('d38000000000000000');
		expect(() => encodeMsgpack(2n ** 64n)).toThrow(MsgpackError);
	});

	it('round-trips a realistic fal input and output, byte-compatible with @msgpack/msgpack', () => {
		const message = {
			prompt: 'a red fox in the snow, 🦊',
			image_size: { width: 512, height: 512 },
			num_inference_steps: 4,
			guidance_scale: 1.25,
			seed: 3_000_000_000,
			sync_mode: true,
			negative_prompt: null,
			images: [{ url: 'data:image/png;base64,AAAA', width: 512, height: 512, content_type: 'image/png' }],
			timings: { inference: 0.151 },
			has_nsfw_concepts: [false],
			raw: new Uint8Array([0, 255, 16]),
		};
		const ours = encodeMsgpack(message);
		expect(referenceDecode(ours)).toEqual(message);
		expect(decodeMsgpack(referenceEncode(message))).toEqual(message);
		expect(decodeMsgpack(ours)).toEqual(message);
	});

	it('drops undefined map values like JSON does and writes undefined elsewhere as nil', () => {
		expect(decodeMsgpack(encodeMsgpack({ a: 1, b: undefined }))).toEqual({ a: 1 });
		expect(hex(encodeMsgpack([undefined]))).toBe('91c0');
	});

	it('keeps a "__proto__" key from the wire as a plain key', () => {
		const decoded = decodeMsgpack(bytesOf('81a95f5f70726f746f5f5f01')) as Record<string, unknown>;
		expect(Object.keys(decoded)).toEqual(['__proto__']);
		expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
	});

	it('refuses truncated data, trailing bytes, invalid UTF-8 and extension types with a clear error', () => {
		expect(() => decodeMsgpack(bytesOf('cd01'))).toThrow(/truncated/);
		expect(() => decodeMsgpack(bytesOf('a3616263'.slice(0, 6)))).toThrow(/truncated/);
		expect(() => decodeMsgpack(bytesOf('0101'))).toThrow(/unexpected bytes/);
		expect(() => decodeMsgpack(bytesOf('a1ff'))).toThrow(/UTF-8/);
		expect(() => decodeMsgpack(bytesOf('d6ff00000000'))).toThrow(/unsupported type byte 0xd6/);
		expect(() => decodeMsgpack(bytesOf('c1'))).toThrow(/0xc1/);
	});

	it('refuses values nested beyond its limit instead of exhausting the stack', () => {
		expect(() => decodeMsgpack(new Uint8Array(10_000).fill(0x91))).toThrow(/nested too deeply/);
	});
});
