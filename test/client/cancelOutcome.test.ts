/** Reading fal's cancel answers: the stated status first, then the words of a 4xx, then its code. */
import { cancelAccepted, refusedCancelOutcome, statedCancelOutcome } from '../../nodes/FalAi/client/cancelOutcome';

it.each([
	[{ status: 'OK' }, 'OK'],
	[{ status: 'CANCELLATION_REQUESTED' }, 'CANCELLATION_REQUESTED'],
	[{ status: 'already_completed' }, 'ALREADY_COMPLETED'],
	[{ status: 'NOT_FOUND' }, 'NOT_FOUND'],
	[{ status: 'SOMETHING_ELSE' }, undefined],
	[{}, undefined],
])('the stated status of %j is %s', (body, outcome) => {
	expect(statedCancelOutcome(body)).toBe(outcome);
});

it.each([
	[422, { detail: 'Request is already completed' }, 'ALREADY_COMPLETED'],
	[410, { detail: 'Request not found' }, 'NOT_FOUND'],
	[418, { message: 'request has already finished' }, 'ALREADY_COMPLETED'],
	[400, 'Request already completed', 'ALREADY_COMPLETED'],
	[409, { status: 'NOT_FOUND' }, 'NOT_FOUND'],
	[404, {}, 'NOT_FOUND'],
	[400, { detail: 'done' }, 'ALREADY_COMPLETED'],
	[409, undefined, 'ALREADY_COMPLETED'],
	[422, { detail: 'request_id is malformed' }, undefined],
	[410, {}, undefined],
])('a %i answer %j means %s', (status, body, outcome) => {
	expect(refusedCancelOutcome(status, body)).toBe(outcome);
});

it('OK and CANCELLATION_REQUESTED are the outcomes in which fal stops the request', () => {
	expect(['OK', 'CANCELLATION_REQUESTED', 'ALREADY_COMPLETED', 'NOT_FOUND'].map((outcome) => cancelAccepted(outcome as never))).toEqual([
		true,
		true,
		false,
		false,
	]);
});
