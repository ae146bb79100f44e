/**
 * What the Model Inputs workflow tests share: a fake fal per file, the credential pointing at
 * it, node definitions with a "Model Inputs" value shaped as n8n's editor stores it, and the
 * model input fal received.
 */
import type { ResourceMapperField, ResourceMapperValue } from 'n8n-workflow';

import { clearInputSchemaCache, toResourceMapperFields, type ResourceMapperFieldOptions } from '../../nodes/FalAi/schema';
import type { HarnessCredentials, HarnessNode } from '../harness';
import { startFakeFal, type FakeFal } from '../fake-fal';
import { inputSchemaOf } from './documents';

/** Starts a fake fal before the file's tests; resets it and the schema cache between tests. */
export function useFakeFal(): () => FakeFal {
	let fal: FakeFal | undefined;
	beforeAll(async () => {
		fal = await startFakeFal({ port: 0, queueMs: 5, runMs: 10, concurrency: 4 });
	});
	beforeEach(() => {
		fal?.reset();
		clearInputSchemaCache();
	});
	afterAll(async () => {
		await fal?.close();
	});
	return () => {
		if (!fal) throw new Error('the fake fal server has not started');
		return fal;
	};
}

/** The `falAiApi` credential with custom hosts pointing at the fake. */
export function falCredentials(fal: FakeFal): HarnessCredentials {
	const { queueUrl, runUrl, restUrl, platformUrl } = fal.hosts;
	return { falAiApi: { apiKey: fal.key, customHosts: true, queueUrl, runUrl, restUrl, platformUrl } };
}

/**
 * A "Model Inputs" parameter as n8n 2.8's editor saves it (addAllFields off): every field of the
 * endpoint in `schema`, those not added marked removed, and values only for the fields given:
 * the editor deletes every `null` value before saving, so a field left unset is absent.
 * `options.hidden` lists the inputs the node's typed fields set, as its editor method hides them.
 */
export function modelInputs(endpointId: string, given: Record<string, unknown>, options: ResourceMapperFieldOptions = {}): ResourceMapperValue {
	const fields = toResourceMapperFields(inputSchemaOf(endpointId), options);
	const schema: ResourceMapperField[] = fields.map((field) => ({ ...field, removed: !(field.id in given) }));
	const value = Object.fromEntries(Object.entries(given).filter(([, entry]) => entry !== null));
	return {
		mappingMode: 'defineBelow',
		value: value as ResourceMapperValue['value'],
		matchingColumns: [],
		schema,
		attemptToConvertTypes: false,
		convertFieldsToString: true,
	};
}

/** A node of `type` running `endpointId` (by ID), with the given parameters. */
export function modelNode(name: string, type: string, endpointId: string, parameters: Record<string, unknown>): HarnessNode {
	return {
		name,
		type,
		parameters: {
			model: { __rl: true, mode: 'id', value: endpointId },
			outputMedia: 'url',
			...parameters,
		} as HarnessNode['parameters'],
	};
}

/** The input bodies fal received on submit, in order. */
export function submittedInputs(fal: FakeFal): Array<Record<string, unknown>> {
	return fal.requestsOf('submit').map((request) => request.body as Record<string, unknown>);
}

/** A tiny file for binary inputs. */
export function binaryFile(fileName: string, mimeType: string): { buffer: Buffer; fileName: string; mimeType: string } {
	return { buffer: Buffer.from(`bytes of ${fileName}`), fileName, mimeType };
}
