/**
 * The OpenAPI 3 document fal's platform API returns for an endpoint (`expand=openapi-3.0`):
 * queue paths for submit/status/cancel/result, the input schema under `components.schemas`
 * as `<Name>Input` (with `x-fal-order-properties`) and the output as `<Name>Output`.
 */
import type { CatalogModel, Schema } from './catalog';

/** A reference to the named schema under `components.schemas` (how catalogue schemas point at each other). */
export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const jsonContent = (schema: Schema): Schema => ({ 'application/json': { schema } });
const requestIdParameter = { name: 'request_id', in: 'path', required: true, schema: { type: 'string', description: 'Request ID' } };

const QUEUE_STATUS: Schema = {
	type: 'object',
	title: 'QueueStatus',
	required: ['status', 'request_id'],
	properties: {
		status: { type: 'string', enum: ['IN_QUEUE', 'IN_PROGRESS', 'COMPLETED'] },
		request_id: { type: 'string', description: 'The request id.' },
		response_url: { type: 'string', description: 'The response url.' },
		status_url: { type: 'string', description: 'The status url.' },
		cancel_url: { type: 'string', description: 'The cancel url.' },
		logs: { type: 'object', description: 'The logs.', additionalProperties: true },
		metrics: { type: 'object', description: 'The metrics.', additionalProperties: true },
		queue_position: { type: 'integer', description: 'The queue position.' },
	},
};

export function openApiDocument(model: CatalogModel): Schema {
	const id = model.endpointId;
	const statusResponse = { description: 'The request status.', content: jsonContent(ref('QueueStatus')) };
	return {
		openapi: '3.0.4',
		info: {
			title: 'Queue OpenAPI for ' + id,
			version: '1.0.0',
			description: 'The OpenAPI schema for the ' + id + ' queue.',
			'x-fal-metadata': {
				endpointId: id,
				category: model.category,
				thumbnailUrl: `https://fal.media/files/thumbnails/${id.replace(/\//g, '-')}.jpg`,
				playgroundUrl: `https://fal.ai/models/${id}`,
				documentationUrl: `https://fal.ai/models/${id}/api`,
			},
		},
		components: {
			securitySchemes: {
				apiKeyAuth: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'Fal Key' },
			},
			schemas: {
				QueueStatus: QUEUE_STATUS,
				[model.inputName]: model.input,
				[model.outputName]: model.output,
				...model.schemas,
			},
		},
		paths: {
			[`/${id}/requests/{request_id}/status`]: {
				get: {
					parameters: [requestIdParameter, { name: 'logs', in: 'query', required: false, schema: { type: 'number', description: 'Whether to include logs (`1`) in the response or not (`0`).' } }],
					responses: { '200': statusResponse },
				},
			},
			[`/${id}/requests/{request_id}/cancel`]: {
				put: {
					parameters: [requestIdParameter],
					responses: {
						'200': {
							description: 'The request was cancelled.',
							content: jsonContent({ type: 'object', properties: { success: { type: 'boolean', description: 'Whether the request was cancelled successfully.' } } }),
						},
					},
				},
			},
			[`/${id}`]: {
				post: {
					requestBody: { required: true, content: jsonContent(ref(model.inputName)) },
					responses: { '200': statusResponse },
				},
			},
			[`/${id}/requests/{request_id}`]: {
				get: {
					parameters: [requestIdParameter],
					responses: { '200': { description: 'Result of the request.', content: jsonContent(ref(model.outputName)) } },
				},
			},
		},
		servers: [{ url: 'https://queue.fal.run' }],
		security: [{ apiKeyAuth: [] }],
	};
}
