/**
 * Tiny but genuine MP3 and GLB files for the speech, music and 3D endpoints of the fake.
 *
 * The MP3 is a run of MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, mono) whose side info and
 * main data are zero, which every decoder plays as silence; the GLB is a glTF 2.0 binary holding
 * one triangle (positions in a BIN chunk), which glTF viewers and validators load.
 */

/** MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, no padding, mono, no CRC. */
const MP3_FRAME_HEADER = Buffer.from([0xff, 0xfb, 0x90, 0xc4]);
/** 144 * bitrate / sample rate bytes per frame at these settings. */
const MP3_FRAME_BYTES = Math.floor((144 * 128_000) / 44_100);
/** 1152 samples per frame. */
const MP3_FRAME_SECONDS = 1152 / 44_100;

/** An MP3 of `seconds` of silence (at least one frame). */
export function makeMp3(seconds = 0.5): Buffer {
	const frames = Math.max(1, Math.round(seconds / MP3_FRAME_SECONDS));
	const frame = Buffer.alloc(MP3_FRAME_BYTES);
	MP3_FRAME_HEADER.copy(frame, 0);
	return Buffer.concat(Array.from({ length: frames }, () => frame));
}

const GLB_MAGIC = 0x46546c67; // "glTF"
const JSON_CHUNK = 0x4e4f534a; // "JSON"
const BIN_CHUNK = 0x004e4942; // "BIN\0"

/** A glTF 2.0 binary with one triangle; `name` goes into the asset's mesh name. */
export function makeGlb(name = 'fake-mesh'): Buffer {
	const positions = Buffer.alloc(36);
	[0, 0, 0, 1, 0, 0, 0, 1, 0].forEach((value, index) => positions.writeFloatLE(value, index * 4));
	const gltf = {
		asset: { version: '2.0', generator: 'fake-fal' },
		scene: 0,
		scenes: [{ nodes: [0] }],
		nodes: [{ mesh: 0 }],
		meshes: [{ name, primitives: [{ attributes: { POSITION: 0 } }] }],
		buffers: [{ byteLength: positions.length }],
		bufferViews: [{ buffer: 0, byteOffset: 0, byteLength: positions.length, target: 34962 }],
		accessors: [{ bufferView: 0, componentType: 5126, count: 3, type: 'VEC3', min: [0, 0, 0], max: [1, 1, 0] }],
	};
	const json = padTo4(Buffer.from(JSON.stringify(gltf), 'utf8'), 0x20);
	const bin = padTo4(positions, 0);
	const header = Buffer.alloc(12);
	header.writeUInt32LE(GLB_MAGIC, 0);
	header.writeUInt32LE(2, 4);
	header.writeUInt32LE(12 + 8 + json.length + 8 + bin.length, 8);
	return Buffer.concat([header, chunkHeader(json.length, JSON_CHUNK), json, chunkHeader(bin.length, BIN_CHUNK), bin]);
}

function chunkHeader(length: number, type: number): Buffer {
	const header = Buffer.alloc(8);
	header.writeUInt32LE(length, 0);
	header.writeUInt32LE(type, 4);
	return header;
}

function padTo4(bytes: Buffer, fill: number): Buffer {
	const padding = (4 - (bytes.length % 4)) % 4;
	return padding ? Buffer.concat([bytes, Buffer.alloc(padding, fill)]) : bytes;
}
