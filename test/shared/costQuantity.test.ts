/**
 * How many billing units a planned request uses, per fal unit.
 */
import { unitQuantity } from '../../nodes/FalAi/shared/costQuantity';

describe('unitQuantity', () => {
	it.each([
		['images', { num_images: 3 }, 3, false],
		['image', { image_size: 'landscape_4_3' }, 1, false],
		['image', { image_size: { width: 2048, height: 2048 }, num_images: 2 }, 10, false],
		['minute', { duration: 90 }, 2, false],
		['megapixels', { image_size: 'square_hd', num_images: 2 }, 2.097152, false],
		['megapixels', { image_size: { width: 2000, height: 1000 } }, 2, false],
		['megapixels', {}, 0.786432, false],
		['seconds', { duration: '10s' }, 10, false],
		['seconds', { duration: 5 }, 5, false],
		['seconds', { seconds_total: 30 }, 30, false],
		['seconds', {}, 1, true],
		['1000 characters', { text: 'x'.repeat(2500) }, 2.5, false],
		['characters', { prompt: 'hello' }, 5, false],
		['requests', {}, 1, false],
		['compute seconds', {}, 1, true],
	])('%s of %j is %d (assumed: %s)', (unit, input, quantity, assumed) => {
		expect(unitQuantity(unit, input)).toEqual({ quantity, assumed });
	});
});
