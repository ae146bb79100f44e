/**
 * Enum values shown with readable names in Model Inputs, values unchanged (issue 10, point 5).
 */
import { optionLabel } from '../../nodes/FalAi/schema';

it.each([
	['landscape_4_3', 'Landscape 4:3'],
	['portrait_16_9', 'Portrait 16:9'],
	['square_hd', 'Square HD'],
	['jpeg', 'JPEG'],
	['realistic_image', 'Realistic Image'],
	['digital_illustration/pixel_art', 'Digital Illustration / Pixel Art'],
	['16:9', '16:9'],
	['720p', '720p'],
	['5', '5'],
	['8s', '8s'],
	['Portrait', 'Portrait'],
])('shows %s as "%s"', (value, label) => {
	expect(optionLabel(value)).toBe(label);
});

it('shows numbers and booleans as they are', () => {
	expect(optionLabel(3)).toBe('3');
	expect(optionLabel(true)).toBe('true');
});
