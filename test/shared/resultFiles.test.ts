/**
 * Run Model's rule for finding files anywhere in a fal result and naming them by their path.
 */
import { findResultFiles, markInlineFiles } from '../../nodes/FalAi/shared/resultFiles';

const url = (name: string) => `https://v3.fal.media/files/rabbit/${name}`;

describe('findResultFiles', () => {
	it('names File objects, lists of them and bare media URLs after their path', () => {
		const files = findResultFiles({
			audio: { url: url('a.wav'), content_type: 'audio/wav', file_name: 'speech.wav', file_size: 44 },
			images: [{ url: url('0.png') }, { url: url('1.png') }],
			model_mesh: { url: url('mesh.glb'), content_type: 'model/gltf-binary' },
			video_url: url('clip.mp4'),
			output: { frames: [{ url: url('f0.jpg') }] },
			seed: 42,
			prompt: 'not a file',
		});
		expect(files.map((file) => [file.property, file.url])).toEqual([
			['audio', url('a.wav')],
			['images_0', url('0.png')],
			['images_1', url('1.png')],
			['model_mesh', url('mesh.glb')],
			['video', url('clip.mp4')],
			['output_frames_0', url('f0.jpg')],
		]);
		expect(files[0]).toMatchObject({ fileName: 'speech.wav', contentType: 'audio/wav' });
	});

	it('takes a bare URL as a file under a media key or with a media extension, never fal\'s API URLs', () => {
		const files = findResultFiles({
			video: 'https://cdn.example.com/v/abc',
			thumbnail: url('thumb.webp'),
			page: 'https://fal.ai/models/fal-ai/flux/dev',
			status_url: 'https://queue.fal.run/fal-ai/flux/requests/1/status',
			image_urls: [url('x'), url('y')],
		});
		expect(files.map((file) => file.property)).toEqual(['video', 'thumbnail', 'image_0', 'image_1']);
	});

	it('lists each URL once and gives clashing names a suffix', () => {
		const files = findResultFiles({ audio: { url: url('a.wav') }, audio_url: url('b.wav'), copy: { url: url('a.wav') } });
		expect(files.map((file) => file.property)).toEqual(['audio', 'audio_2']);
	});

	it('marks inline data URIs it moved to binary, at any depth, without changing the result', () => {
		const result = { output: { images: [{ url: 'data:image/png;base64,AAAA', width: 1 }] }, audio_url: 'data:audio/wav;base64,BBBB' };
		const files = findResultFiles(result);
		const marked = markInlineFiles(result, files);
		expect(marked).toEqual({ output: { images: [{ url: '[binary output_images_0]', width: 1 }] }, audio_url: '[binary audio]' });
		expect(result.output.images[0].url).toBe('data:image/png;base64,AAAA');
	});
});
