import { useHarness } from './helpers';

describe('downloading result media', () => {
	const h = useHarness();

	it('streams a generated image without sending the key to the media host', async () => {
		const { data } = await h.client.run<{ images: Array<{ url: string; content_type: string }> }>('fal-ai/flux/dev', { prompt: 'x', output_format: 'png' });
		const file = await h.client.download(data.images[0].url);
		const chunks: Buffer[] = [];
		for await (const chunk of file.body) chunks.push(chunk as Buffer);
		const bytes = Buffer.concat(chunks);
		expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
		expect(file.contentType).toBe('image/png');
		expect(file.size).toBe(bytes.length);
		expect(file.fileName).toMatch(/\.png$/);
		const [media] = h.fal.requestsOf('media');
		expect(media.headers.authorization).toBeUndefined();
	});

	it('decodes data: URLs locally', async () => {
		const file = await h.client.download('data:text/plain;base64,aGVsbG8=');
		expect(file).toMatchObject({ contentType: 'text/plain', size: 5 });
		expect(h.fal.requests).toHaveLength(0);
	});

	it('refuses non-http URLs', async () => {
		await expect(h.client.download('file:///etc/passwd')).rejects.toThrow(/only http\(s\) and data: URLs/);
	});
});

describe('platform model search', () => {
	const h = useHarness();

	it('pages through the catalogue with cursors', async () => {
		const seen: string[] = [];
		let cursor: string | undefined;
		let pages = 0;
		do {
			const page = await h.client.platform.searchModels({ limit: 2, cursor });
			seen.push(...page.models.map((model) => model.endpoint_id));
			cursor = page.next_cursor ?? undefined;
			pages++;
			if (page.has_more) expect(page.next_cursor).toEqual(expect.any(String));
		} while (cursor && pages < 50);
		expect(pages).toBeGreaterThan(1);
		expect(new Set(seen).size).toBe(seen.length);
		const queries = h.fal.requestsOf('models').map((request) => request.query);
		expect(queries[0]).toEqual({ limit: '2', status: 'active' });
		expect(queries[1].cursor).toEqual(expect.any(String));
	});

	it('searches by text and category', async () => {
		await h.client.platform.searchModels({ query: 'flux', category: 'text-to-image' });
		expect(h.fal.requestsOf('models')[0].query).toEqual({ q: 'flux', category: 'text-to-image', status: 'active' });
	});

	it('looks up given endpoints with their OpenAPI documents', async () => {
		const page = await h.client.platform.searchModels({ endpointIds: ['fal-ai/flux/dev', 'fal-ai/whisper'], expandOpenApi: true });
		expect(h.fal.requestsOf('models')[0].query).toEqual({ endpoint_id: ['fal-ai/flux/dev', 'fal-ai/whisper'], expand: 'openapi-3.0' });
		expect(page.models.map((model) => model.endpoint_id).sort()).toEqual(['fal-ai/flux/dev', 'fal-ai/whisper']);
		expect(page.models[0].openapi).toHaveProperty('components');
		expect(page.has_more).toBe(false);
	});
});
