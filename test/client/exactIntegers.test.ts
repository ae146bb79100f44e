/** Integers above 2^53 (fal's seeds) keep their exact digits beside the rounded number. */
import { parseJsonExact } from '../../nodes/FalAi/client/exactIntegers';

it('adds the exact digits of a seed above 2^53 beside it, leaving the number in place', () => {
	const parsed = parseJsonExact('{"images":[{"url":"https://v3.fal.media/a.png"}],"seed":17454220438242315174}') as Record<string, unknown>;
	expect(parsed.seed).toBe(17454220438242315174);
	expect(parsed.seed_exact).toBe('17454220438242315174');
	expect(BigInt(parsed.seed_exact as string)).toBe(17454220438242315174n);
});

it('leaves safe integers and results without big integers untouched', () => {
	expect(parseJsonExact('{"seed":42,"n":9007199254740991}')).toEqual({ seed: 42, n: 9007199254740991 });
	expect(parseJsonExact('[1,2,3]')).toEqual([1, 2, 3]);
});

it('handles several, nested and negative ones, each next to its own key', () => {
	const parsed = parseJsonExact('{"a":{"seed":18446744073709551615},"list":[{"seed":-9007199254740993}],"b":12345678901234567890}');
	expect(parsed).toEqual({
		a: { seed: 18446744073709551615, seed_exact: '18446744073709551615' },
		list: [{ seed: -9007199254740993, seed_exact: '-9007199254740993' }],
		b: 12345678901234567890,
		b_exact: '12345678901234567890',
	});
});

it('ignores digits inside strings, fractions and exponents', () => {
	expect(parseJsonExact('{"url":"https://x/17454220438242315174.png","f":1.17454220438242315174,"e":1e17454220438242315}')).toEqual({
		url: 'https://x/17454220438242315174.png',
		f: 1.1745422043824232,
		e: Infinity,
	});
	expect(parseJsonExact('{"s":"a \\" 17454220438242315174"}')).toEqual({ s: 'a " 17454220438242315174' });
});

it('tells two big integers that round to the same double apart by their order', () => {
	expect(parseJsonExact('{"x":17454220438242315174,"y":17454220438242315175}')).toEqual({
		x: 17454220438242315174,
		x_exact: '17454220438242315174',
		y: 17454220438242315175,
		y_exact: '17454220438242315175',
	});
});

it('throws like JSON.parse on invalid JSON', () => {
	expect(() => parseJsonExact('{"seed":')).toThrow(SyntaxError);
});
