import { fileNameFromDisposition, fileNameFromUrl } from '../../nodes/FalAi/client/download';

describe('download file names', () => {
	it('prefers the RFC 5987 filename* parameter', () => {
		expect(fileNameFromDisposition(`attachment; filename="plain.png"; filename*=UTF-8''caf%C3%A9.png`)).toBe('café.png');
	});

	it('reads quoted and bare filenames', () => {
		expect(fileNameFromDisposition('inline; filename="a b.mp4"')).toBe('a b.mp4');
		expect(fileNameFromDisposition('attachment; filename=c.wav')).toBe('c.wav');
		expect(fileNameFromDisposition('inline')).toBeUndefined();
	});

	it('never lets the server choose a directory', () => {
		expect(fileNameFromDisposition('attachment; filename="../../etc/passwd"')).toBe('passwd');
	});

	it('falls back to the last URL path segment', () => {
		expect(fileNameFromUrl('https://v3.fal.media/files/x/my%20image.png?sig=1')).toBe('my image.png');
		expect(fileNameFromUrl('https://v3.fal.media/')).toBeUndefined();
	});

	it('finds no file name in a data: URI', () => {
		expect(fileNameFromUrl('data:image/png;base64,iVBORw0KGgo=')).toBeUndefined();
	});
});
