/**
 * The nodes honour the n8n instance's proxy settings: every call to fal (and to its storage and
 * media URLs) goes through n8n's HTTP helpers, which apply `HTTP_PROXY` / `NO_PROXY` as n8n
 * documents them. Before the transport moved onto those helpers, the credential test used the
 * proxy and every node call bypassed it.
 */
import { runWorkflow } from '../harness';
import { makePng } from '../fake-fal';
import { startForwardProxy, type ForwardProxy } from '../support/forwardProxy';
import { falCredentials, imageNode, PNG_SIGNATURE, runSingleNode, UPLOAD_NODE, useFakeFal } from './support';

const fal = useFakeFal();
const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy'];

let proxy: ForwardProxy;
let savedEnvironment: Record<string, string | undefined>;

beforeEach(async () => {
	proxy = await startForwardProxy();
	savedEnvironment = Object.fromEntries(PROXY_VARIABLES.map((name) => [name, process.env[name]]));
	for (const name of PROXY_VARIABLES) delete process.env[name];
	process.env.HTTP_PROXY = proxy.url;
});

afterEach(async () => {
	for (const [name, value] of Object.entries(savedEnvironment)) {
		if (value === undefined) delete process.env[name];
		else process.env[name] = value;
	}
	await proxy.close();
});

/** The kinds of fal call the fake saw, and the same calls as the proxy relayed them. */
function relayedPaths(): string[] {
	return proxy.requests.map((request) => `${request.method} ${new URL(request.url).pathname}`);
}

describe('the instance proxy (HTTP_PROXY)', () => {
	it('carries every call of a Generate Image run: submit, status stream, result and the image download', async () => {
		const result = await runSingleNode(fal(), imageNode({ prompt: 'a fox', parameters: { outputFormat: 'png' } }));
		expect(result.error).toBeUndefined();
		expect((await result.binary('Generate Image', 0, 'image_0')).subarray(0, 8)).toEqual(PNG_SIGNATURE);
		const paths = relayedPaths();
		expect(paths).toEqual([
			expect.stringMatching(/^POST \/queue\/fal-ai\/flux\/dev$/),
			expect.stringMatching(/^GET \/queue\/fal-ai\/flux\/requests\/[^/]+\/status\/stream$/),
			expect.stringMatching(/^GET \/queue\/fal-ai\/flux\/requests\/[^/]+$/),
			expect.stringMatching(/^GET \/media\//),
		]);
		// The fake saw exactly those calls: none went around the proxy.
		expect(fal().requests.filter((request) => request.kind !== 'control')).toHaveLength(paths.length);
		// The key went to fal's hosts only, never to the media host.
		expect(proxy.requests.map((request) => request.authorized)).toEqual([true, true, true, false]);
	});

	it('carries a binary upload to fal storage (initiate, then the PUT to the signed URL)', async () => {
		const png = makePng(8, 8);
		const result = await runWorkflow({
			nodes: [{ name: 'Upload', type: UPLOAD_NODE, parameters: { source: 'binary', binaryPropertyName: 'data' } }],
			items: [{ json: {}, binary: { data: { buffer: png, fileName: 'pixel.png', mimeType: 'image/png' } } }],
			credentials: falCredentials(fal()),
		});
		expect(result.error).toBeUndefined();
		expect(relayedPaths()).toEqual([
			expect.stringMatching(/^POST \/rest\/storage\/upload\/initiate$/),
			expect.stringMatching(/^PUT \/upload\//),
		]);
	});

	it('is bypassed for hosts listed in NO_PROXY', async () => {
		process.env.NO_PROXY = '127.0.0.1';
		const result = await runSingleNode(fal(), imageNode({ prompt: 'a fox' }));
		expect(result.error).toBeUndefined();
		expect(proxy.requests).toHaveLength(0);
	});
});
