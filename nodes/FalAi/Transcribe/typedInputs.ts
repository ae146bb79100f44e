/**
 * The model inputs Transcribe's own fields set, so its "Other Model Inputs" leaves them out
 * (one obvious place per setting).
 */
import type { ModelInputSchema } from '../schema';

const TRANSCRIBE_TYPED_INPUTS = ['audio_url', 'task', 'language', 'language_code', 'chunk_level', 'diarize', 'num_speakers'];

export function transcribeTypedInputs(_endpointId: string, _schema: ModelInputSchema): string[] {
	return TRANSCRIBE_TYPED_INPUTS;
}
