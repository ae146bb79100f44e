/**
 * Fal.ai Run Model: any endpoint, its input entirely from Model Inputs and the JSON, its files
 * found anywhere in the result.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { executeModelNode } from '../shared';
import type { FileFinder } from '../shared/output';
import { findResultFiles, markInlineFiles, type ResultFile } from '../shared/resultFiles';

const FILES_ANYWHERE: FileFinder<ResultFile> = { find: findResultFiles, mark: markInlineFiles };

export async function executeRunModel(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await executeModelNode.call(this, {
		// No typed fields: the endpoint's own inputs come from Model Inputs and "Input (JSON)".
		typedInput: () => ({}),
		files: FILES_ANYWHERE,
	});
}
