/**
 * A small MessagePack encoder and decoder, for fal's realtime WebSocket.
 *
 * Fact (fal docs, "Realtime endpoints": "It uses fal's binary msgpack protocol"; fal-js
 * `libs/client/src/realtime.ts` encodes every message it sends with msgpack and decodes binary
 * frames with msgpack, text frames with JSON). The package may have no runtime dependency, so
 * this covers what JSON-like model inputs and outputs need, per the MessagePack spec
 * (https://github.com/msgpack/msgpack/blob/master/spec.md): nil, bool, ints (up to 64-bit),
 * float 32/64, str, bin, array and map. Extension types (timestamps…) are not used by fal as far
 * as is known (UNCONFIRMED): the decoder rejects them with a clear error rather than guessing.
 *
 * Encoding choices: integers in the smallest format; numbers that are not safe integers as
 * float 64; `undefined` map values are dropped (as JSON.stringify does), `undefined` elsewhere
 * is nil; `Uint8Array` (and Buffer) as bin; `Date` as its ISO string; other objects as maps.
 * Decoding: 64-bit integers beyond Number's safe range come back as `bigint`; bin as Uint8Array.
 */

export type MsgpackValue =
	| null
	| boolean
	| number
	| bigint
	| string
	| Uint8Array
	| MsgpackValue[]
	| { [key: string]: MsgpackValue };

export class MsgpackError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'MsgpackError';
	}
}

/** Encodes `value` as one MessagePack object. */
export function encodeMsgpack(value: unknown): Uint8Array {
	const writer = new Writer();
	writer.value(value, 0);
	return writer.finish();
}

/** Decodes exactly one MessagePack object filling all of `bytes`. */
export function decodeMsgpack(bytes: Uint8Array): MsgpackValue {
	const reader = new Reader(bytes);
	const value = reader.value(0);
	if (reader.offset !== bytes.length) {
		throw new MsgpackError(`msgpack: ${bytes.length - reader.offset} unexpected bytes after the value`);
	}
	return value;
}

/** Nesting beyond this is refused: a hostile or broken frame must not exhaust the stack. */
const MAX_DEPTH = 512;
const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder('utf-8', { fatal: true });

class Writer {
	private buffer = new Uint8Array(256);
	private view = new DataView(this.buffer.buffer);
	private length = 0;

	finish(): Uint8Array {
		return this.buffer.slice(0, this.length);
	}

	value(value: unknown, depth: number): void {
		if (depth > MAX_DEPTH) throw new MsgpackError('msgpack: value nested too deeply');
		if (value === null || value === undefined) return this.byte(0xc0);
		if (value === false) return this.byte(0xc2);
		if (value === true) return this.byte(0xc3);
		if (typeof value === 'number') return this.number(value);
		if (typeof value === 'bigint') return this.bigint(value);
		if (typeof value === 'string') return this.string(value);
		if (value instanceof Uint8Array) return this.binary(value);
		if (value instanceof ArrayBuffer) return this.binary(new Uint8Array(value));
		if (value instanceof Date) return this.string(value.toISOString());
		if (Array.isArray(value)) {
			this.header(value.length, 0x90, 0x0f, 0xdc, 0xdd);
			for (const element of value) this.value(element, depth + 1);
			return;
		}
		if (typeof value === 'object') {
			const entries = Object.entries(value as Record<string, unknown>).filter(([, entry]) => entry !== undefined);
			this.header(entries.length, 0x80, 0x0f, 0xde, 0xdf);
			for (const [key, entry] of entries) {
				this.string(key);
				this.value(entry, depth + 1);
			}
			return;
		}
		throw new MsgpackError(`msgpack: cannot encode a value of type ${typeof value}`);
	}

	private number(value: number): void {
		if (Number.isSafeInteger(value) && !Object.is(value, -0)) return this.integer(value);
		this.ensure(9);
		this.buffer[this.length] = 0xcb;
		this.view.setFloat64(this.length + 1, value);
		this.length += 9;
	}

	private integer(value: number): void {
		if (value >= 0) {
			if (value < 0x80) return this.byte(value);
			if (value < 0x100) return this.fixed(0xcc, 1, value);
			if (value < 0x10000) return this.fixed(0xcd, 2, value);
			if (value < 0x100000000) return this.fixed(0xce, 4, value);
			return this.big(0xcf, BigInt(value));
		}
		if (value >= -32) return this.byte(value & 0xff);
		if (value >= -0x80) return this.fixed(0xd0, -1, value);
		if (value >= -0x8000) return this.fixed(0xd1, -2, value);
		if (value >= -0x80000000) return this.fixed(0xd2, -4, value);
		return this.big(0xd3, BigInt(value));
	}

	private bigint(value: bigint): void {
		if (value >= -(2n ** 63n) && value < 0n) return this.big(0xd3, value);
		if (value >= 0n && value < 2n ** 64n) return this.big(0xcf, value);
		throw new MsgpackError('msgpack: integer does not fit in 64 bits');
	}

	/** `size` bytes big-endian after `type`; a negative size means signed. */
	private fixed(type: number, size: -4 | -2 | -1 | 1 | 2 | 4, value: number): void {
		const bytes = Math.abs(size);
		this.ensure(1 + bytes);
		this.buffer[this.length] = type;
		const at = this.length + 1;
		if (size === 1) this.view.setUint8(at, value);
		else if (size === 2) this.view.setUint16(at, value);
		else if (size === 4) this.view.setUint32(at, value);
		else if (size === -1) this.view.setInt8(at, value);
		else if (size === -2) this.view.setInt16(at, value);
		else this.view.setInt32(at, value);
		this.length += 1 + bytes;
	}

	private big(type: 0xcf | 0xd3, value: bigint): void {
		this.ensure(9);
		this.buffer[this.length] = type;
		if (type === 0xcf) this.view.setBigUint64(this.length + 1, value);
		else this.view.setBigInt64(this.length + 1, value);
		this.length += 9;
	}

	private string(value: string): void {
		const bytes = textEncoder.encode(value);
		if (bytes.length < 32) this.byte(0xa0 | bytes.length);
		else this.sized(bytes.length, 0xd9, 0xda, 0xdb);
		this.bytes(bytes);
	}

	private binary(value: Uint8Array): void {
		this.sized(value.length, 0xc4, 0xc5, 0xc6);
		this.bytes(value);
	}

	/** Length header of an array or map: fix form below 16, then 16- and 32-bit forms. */
	private header(count: number, fix: number, fixMax: number, type16: number, type32: number): void {
		if (count <= fixMax) return this.byte(fix | count);
		if (count < 0x10000) return this.fixed(type16, 2, count);
		this.fixed(type32, 4, count);
	}

	/** Length header of a str 8/16/32 or bin 8/16/32. */
	private sized(length: number, type8: number, type16: number, type32: number): void {
		if (length < 0x100) return this.fixed(type8, 1, length);
		if (length < 0x10000) return this.fixed(type16, 2, length);
		if (length < 0x100000000) return this.fixed(type32, 4, length);
		throw new MsgpackError('msgpack: string or binary longer than 4 GiB');
	}

	private byte(value: number): void {
		this.ensure(1);
		this.buffer[this.length++] = value;
	}

	private bytes(value: Uint8Array): void {
		this.ensure(value.length);
		this.buffer.set(value, this.length);
		this.length += value.length;
	}

	private ensure(extra: number): void {
		if (this.length + extra <= this.buffer.length) return;
		let size = this.buffer.length * 2;
		while (size < this.length + extra) size *= 2;
		const grown = new Uint8Array(size);
		grown.set(this.buffer.subarray(0, this.length));
		this.buffer = grown;
		this.view = new DataView(grown.buffer);
	}
}

class Reader {
	offset = 0;
	private readonly view: DataView;

	constructor(private readonly bytes: Uint8Array) {
		this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	}

	value(depth: number): MsgpackValue {
		if (depth > MAX_DEPTH) throw new MsgpackError('msgpack: value nested too deeply');
		const type = this.uint(1);
		if (type < 0x80) return type;
		if (type >= 0xe0) return type - 0x100;
		if (type >= 0x80 && type <= 0x8f) return this.map(type & 0x0f, depth);
		if (type >= 0x90 && type <= 0x9f) return this.array(type & 0x0f, depth);
		if (type >= 0xa0 && type <= 0xbf) return this.string(type & 0x1f);
		switch (type) {
			case 0xc0:
				return null;
			case 0xc2:
				return false;
			case 0xc3:
				return true;
			case 0xc4:
				return this.binary(this.uint(1));
			case 0xc5:
				return this.binary(this.uint(2));
			case 0xc6:
				return this.binary(this.uint(4));
			case 0xca:
				return this.read(4, (at) => this.view.getFloat32(at));
			case 0xcb:
				return this.read(8, (at) => this.view.getFloat64(at));
			case 0xcc:
				return this.uint(1);
			case 0xcd:
				return this.uint(2);
			case 0xce:
				return this.uint(4);
			case 0xcf:
				return safeNumber(this.read(8, (at) => this.view.getBigUint64(at)));
			case 0xd0:
				return this.read(1, (at) => this.view.getInt8(at));
			case 0xd1:
				return this.read(2, (at) => this.view.getInt16(at));
			case 0xd2:
				return this.read(4, (at) => this.view.getInt32(at));
			case 0xd3:
				return safeNumber(this.read(8, (at) => this.view.getBigInt64(at)));
			case 0xd9:
				return this.string(this.uint(1));
			case 0xda:
				return this.string(this.uint(2));
			case 0xdb:
				return this.string(this.uint(4));
			case 0xdc:
				return this.array(this.uint(2), depth);
			case 0xdd:
				return this.array(this.uint(4), depth);
			case 0xde:
				return this.map(this.uint(2), depth);
			case 0xdf:
				return this.map(this.uint(4), depth);
			default:
				// 0xc1 is never used; 0xc7-0xc9 and 0xd4-0xd8 are extension types.
				throw new MsgpackError(`msgpack: unsupported type byte 0x${type.toString(16)} at offset ${this.offset - 1}`);
		}
	}

	private array(count: number, depth: number): MsgpackValue[] {
		const result: MsgpackValue[] = [];
		for (let index = 0; index < count; index++) result.push(this.value(depth + 1));
		return result;
	}

	private map(count: number, depth: number): { [key: string]: MsgpackValue } {
		const result: { [key: string]: MsgpackValue } = {};
		for (let index = 0; index < count; index++) {
			const key = this.value(depth + 1);
			if (typeof key !== 'string' && typeof key !== 'number') {
				throw new MsgpackError('msgpack: map keys other than strings and numbers are not supported');
			}
			// defineProperty: a key named "__proto__" from the wire stays a plain key.
			Object.defineProperty(result, String(key), { value: this.value(depth + 1), enumerable: true, writable: true, configurable: true });
		}
		return result;
	}

	private string(length: number): string {
		const at = this.take(length);
		let text: string | undefined;
		try {
			text = textDecoder.decode(this.bytes.subarray(at, at + length));
		} catch {
			text = undefined;
		}
		if (text === undefined) throw new MsgpackError(`msgpack: invalid UTF-8 in a string at offset ${at}`);
		return text;
	}

	private binary(length: number): Uint8Array {
		const at = this.take(length);
		return this.bytes.slice(at, at + length);
	}

	uint(size: 1 | 2 | 4): number {
		return this.read(size, (at) => (size === 1 ? this.view.getUint8(at) : size === 2 ? this.view.getUint16(at) : this.view.getUint32(at)));
	}

	private read<T>(size: number, get: (at: number) => T): T {
		return get(this.take(size));
	}

	/** Reserves `size` bytes and returns where they start. */
	private take(size: number): number {
		if (this.offset + size > this.bytes.length) {
			throw new MsgpackError(`msgpack: truncated data (needed ${size} bytes at offset ${this.offset})`);
		}
		const at = this.offset;
		this.offset += size;
		return at;
	}
}

function safeNumber(value: bigint): number | bigint {
	return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}
