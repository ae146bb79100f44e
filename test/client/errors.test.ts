import {
	FalApiError,
	FalModelError,
	FalTimeoutError,
	FalValidationError,
	apiErrorFor,
	describeDetail,
} from '../../nodes/FalAi/client/errors';

const base = { method: 'POST', url: 'https://queue.fal.run/fal-ai/flux/dev' };

describe('FalApiError', () => {
	it('names status, call, fal\'s detail, error type and request id', () => {
		const error = apiErrorFor({
			...base,
			status: 504,
			detail: 'Request timed out',
			errorType: 'request_timeout',
			requestId: 'req-1',
		});
		expect(error).toBeInstanceOf(FalApiError);
		expect(error.message).toBe(
			'fal.ai answered 504 Gateway Timeout to POST https://queue.fal.run/fal-ai/flux/dev: Request timed out (request_timeout) [request req-1]',
		);
	});

	it('serialises to plain data', () => {
		const error = apiErrorFor({ ...base, status: 401, detail: 'No user found for Key ID and Secret' });
		expect(JSON.parse(JSON.stringify(error))).toMatchObject({
			name: 'FalApiError',
			status: 401,
			detail: 'No user found for Key ID and Secret',
		});
	});
});

describe('FalValidationError', () => {
	it('lists each field without the leading body segment', () => {
		const error = apiErrorFor({
			...base,
			status: 422,
			detail: [
				{ loc: ['body', 'prompt'], msg: 'field required', type: 'value_error.missing' },
				{ loc: ['body', 'image_size', 'width'], msg: 'must be <= 14142', type: 'value_error' },
				{ loc: ['body', 'loras', 0, 'path'], msg: 'invalid url', type: 'value_error' },
			],
		});
		expect(error).toBeInstanceOf(FalValidationError);
		const validation = error as FalValidationError;
		expect(validation.fieldErrors.map((field) => field.field)).toEqual(['prompt', 'image_size.width', 'loras[0].path']);
		expect(validation.message.split('\n').slice(1)).toEqual([
			'prompt: field required',
			'image_size.width: must be <= 14142',
			'loras[0].path: invalid url',
		]);
		expect(validation.contentPolicyViolation).toBe(false);
	});

	it('accepts a plain string detail', () => {
		const error = apiErrorFor({ ...base, status: 422, detail: 'Unsupported image format' }) as FalValidationError;
		expect(error.fieldErrors).toEqual([]);
		expect(error.message).toMatch(/rejected the input \(422 Unprocessable Entity\)[\s\S]*\nUnsupported image format$/);
	});

	it('recognises a content policy violation', () => {
		const error = apiErrorFor({
			...base,
			status: 422,
			detail: [{ loc: ['body', 'prompt'], msg: 'The prompt was flagged', type: 'content_policy_violation' }],
		}) as FalValidationError;
		expect(error.contentPolicyViolation).toBe(true);
		expect(error.message).toMatch(/content policy violation/);
		expect(error.message).toMatch(/prompt: The prompt was flagged/);
	});
});

describe('describeDetail', () => {
	it('reads strings, arrays and objects', () => {
		expect(describeDetail('x')).toBe('x');
		expect(describeDetail([{ loc: ['body', 'a'], msg: 'bad' }])).toBe('a: bad');
		expect(describeDetail({ message: 'boom' })).toBe('boom');
		expect(describeDetail({ other: 1 })).toBe('{"other":1}');
		expect(describeDetail(undefined)).toBe('');
	});
});

describe('queue outcome errors', () => {
	it('FalModelError carries the status error, its type and the request id', () => {
		const error = new FalModelError({ status: 'COMPLETED', request_id: 'r9', error: 'CUDA out of memory', error_type: 'runner_error' });
		expect(error.message).toBe('fal model failed (runner_error): CUDA out of memory [request r9]');
		expect(error.requestId).toBe('r9');
	});

	it('FalTimeoutError says whether fal was asked to cancel', () => {
		expect(new FalTimeoutError(1000, 'r1', true).message).toMatch(/within 1000 ms; it was cancelled on fal/);
		expect(new FalTimeoutError(1000, 'r1', false).message).toMatch(/left running on fal/);
	});
});
