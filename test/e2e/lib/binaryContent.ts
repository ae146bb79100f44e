/**
 * Reads the bytes of a binary field that `n8n execute --rawOutput` printed. In n8n's default
 * `filesystem` binary mode the item holds only an id (`filesystem-v2:<path>`) of a file under
 * `<userFolder>/.n8n/storage`; in `default` mode the bytes are inline as base64.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { N8nItem } from './executionData';

type BinaryData = NonNullable<N8nItem['binary']>[string];

const fileSystemPrefix = /^filesystem(?:-v2)?:/;

/** The content of `binary` as n8n stored it for the instance in `userFolder`. */
export function readBinaryContent(userFolder: string, binary: BinaryData): Buffer {
	if (binary.id) {
		if (!fileSystemPrefix.test(binary.id)) {
			throw new Error(`Binary data id "${binary.id}" is not in n8n's filesystem mode`);
		}
		const storageDir = path.join(userFolder, '.n8n', 'storage');
		const file = path.resolve(storageDir, binary.id.replace(fileSystemPrefix, ''));
		if (!file.startsWith(storageDir + path.sep)) throw new Error(`Binary data id "${binary.id}" leaves the storage folder`);
		return fs.readFileSync(file);
	}
	if (typeof binary.data === 'string') return Buffer.from(binary.data, 'base64');
	throw new Error('The binary field has neither an id nor inline data');
}

/** The binary field `field` of `item`; throws with the fields it has when it is missing. */
export function binaryField(item: N8nItem, field: string): BinaryData {
	const binary = item.binary?.[field];
	if (!binary) {
		const fields = Object.keys(item.binary ?? {}).join(', ');
		throw new Error(`The item has no binary field "${field}" (binary fields: ${fields || 'none'})`);
	}
	return binary;
}
