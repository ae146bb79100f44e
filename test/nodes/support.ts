/**
 * What the node workflow tests share: one fake fal per test file and the credential pointing
 * the nodes at it.
 */
import type { HarnessCredentials, HarnessNode } from '../harness';
import { startFakeFal, type FakeFal, type FakeFalOptions } from '../fake-fal';

export const IMAGE_NODE = 'falAiGenerateImage';
export const UPLOAD_NODE = 'falAiUploadFile';
export const QUEUE_NODE = 'falAiQueueStatus';

/** Starts a fake fal before the file's tests, resets it between tests, closes it after. */
export function useFakeFal(options: FakeFalOptions = { queueMs: 20, runMs: 30, concurrency: 4 }): () => FakeFal {
	let fal: FakeFal | undefined;
	beforeAll(async () => {
		fal = await startFakeFal({ port: 0, ...options });
	});
	afterEach(() => {
		fal?.reset();
		fal?.configure({ queueMs: options.queueMs, runMs: options.runMs, concurrency: options.concurrency });
	});
	afterAll(async () => {
		await fal?.close();
	});
	return () => {
		if (!fal) throw new Error('the fake fal server has not started');
		return fal;
	};
}

/** The `falAiApi` credential as a user would fill it in for a gateway: custom hosts on. */
export function falCredentials(fal: FakeFal, apiKey = fal.key): HarnessCredentials {
	const { queueUrl, runUrl, restUrl, platformUrl } = fal.hosts;
	return { falAiApi: { apiKey, customHosts: true, queueUrl, runUrl, restUrl, platformUrl } };
}

/** A Generate Image node with the model given by id and the other parameters as given. */
export function imageNode(parameters: Record<string, unknown>, name = 'Generate Image'): HarnessNode {
	return {
		name,
		type: IMAGE_NODE,
		parameters: { model: { __rl: true, mode: 'id', value: 'fal-ai/flux/dev' }, ...parameters } as HarnessNode['parameters'],
	};
}

/** The first 8 bytes of every PNG file. */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
