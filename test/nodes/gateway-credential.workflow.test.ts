/**
 * A credential with only "Gateway Base URL" set (issue 10, point 8) runs a whole workflow
 * against the fake fal: submit, status, result, media, and the schema for Model Inputs. The
 * four separate URLs of older credentials keep working (every other test uses them).
 */
import { customHosts, GATEWAY_PATHS } from '../../nodes/FalAi/transport/credentialHosts';
import { runWorkflow } from '../harness';
import { imageNode, useFakeFal } from './support';

const fal = useFakeFal();

describe('Gateway Base URL', () => {
	it('stands for the four host URLs, winning over them when set', () => {
		expect(customHosts({ gatewayUrl: ' http://gw:1/ ', queueUrl: 'http://other/queue' })).toEqual({
			queueUrl: `http://gw:1${GATEWAY_PATHS.queueUrl}`,
			runUrl: 'http://gw:1/run',
			restUrl: 'http://gw:1/rest',
			platformUrl: 'http://gw:1/api/v1',
		});
		expect(customHosts({ queueUrl: 'http://q', platformUrl: ' ' })).toEqual({ queueUrl: 'http://q' });
	});

	it('runs a workflow against the fake fal with only the gateway URL and the key', async () => {
		const result = await runWorkflow({
			nodes: [imageNode({ prompt: 'a fox', outputMedia: 'binary' })],
			credentials: { falAiApi: { apiKey: fal().key, customHosts: true, gatewayUrl: fal().baseUrl } },
		});
		expect(result.error).toBeUndefined();
		expect(result.output('Generate Image')[0].binary?.image_0).toBeDefined();
		expect(fal().requestsOf('submit')).toHaveLength(1);
		expect(fal().requestsOf('media').length).toBeGreaterThan(0);
	});
});
