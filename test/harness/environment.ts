/**
 * The process-wide n8n services the execution engine looks up in its DI container.
 *
 * n8n-core resolves some services lazily through `Container.get`: the binary data service and
 * its config on every node run, the instance settings (which write an encryption key file into
 * the n8n user folder) when an execution starts, and the SSH client manager whenever a node
 * context is built (it starts a 60 s interval that would keep jest alive). This module puts all
 * of them under the harness' control: a throw-away user folder, one binary data service per
 * binary data mode, and `closeHarness()` to stop the SSH interval and delete the folder.
 *
 * Jest gives every test file its own module registry, hence its own container: each test file
 * that imports the harness gets its own environment, closed by the `afterAll` registered below.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Logger } from '@n8n/backend-common';
import { InstanceSettingsConfig } from '@n8n/config';
import { Container } from '@n8n/di';
import { BinaryDataConfig, BinaryDataService, ErrorReporter } from 'n8n-core';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';

/**
 * Where n8n keeps binary data during a run.
 * - `memory`: n8n's `default` mode, base64 inside the items (`binary.data`), no `id`.
 * - `filesystem`: n8n's default for regular installs; `binary.id` points at a file and
 *   `binary.data` is only the mode name. Nodes must read it through the helpers.
 */
export type BinaryDataMode = 'memory' | 'filesystem';

interface BinaryDataSetup {
	config: BinaryDataConfig;
	service: BinaryDataService;
}

interface Environment {
	/** Temporary n8n user folder; binary data of the filesystem mode lives below it. */
	folder: string;
	sshClientsManager: SSHClientsManager;
	binaryData: Map<BinaryDataMode, Promise<BinaryDataSetup>>;
	/** Runs in progress per binary data mode; the container can hold only one mode at a time. */
	activeRuns: Map<BinaryDataMode, number>;
}

let environment: Environment | undefined;

function createEnvironment(): Environment {
	const folder = mkdtempSync(join(tmpdir(), 'n8n-harness-'));
	// n8n writes its settings file (with a generated encryption key) here, not in ~/.n8n.
	Container.set(
		InstanceSettingsConfig,
		Object.assign(new InstanceSettingsConfig(), {
			n8nFolder: join(folder, '.n8n'),
			userHome: folder,
			enforceSettingsFilePermissions: false,
		}),
	);

	const sshClientsManager = Container.get(SSHClientsManager);
	// Belt and braces: even if a test file forgets closeHarness, this timer must not hold jest.
	(sshClientsManager as unknown as { cleanupTimer?: NodeJS.Timeout }).cleanupTimer?.unref();

	return { folder, sshClientsManager, binaryData: new Map(), activeRuns: new Map() };
}

function currentEnvironment(): Environment {
	environment ??= createEnvironment();
	return environment;
}

async function createBinaryDataSetup(
	mode: BinaryDataMode,
	folder: string,
): Promise<BinaryDataSetup> {
	const baseConfig = Container.get(BinaryDataConfig);
	const config: BinaryDataConfig = Object.assign(
		Object.create(Object.getPrototypeOf(baseConfig) as object) as BinaryDataConfig,
		baseConfig,
		mode === 'memory'
			? { mode: 'default' }
			: { mode: 'filesystem', localStoragePath: join(folder, 'binary-data') },
	);
	const service = new BinaryDataService(config, Container.get(ErrorReporter), Container.get(Logger));
	// Without init the service has no storage manager and keeps data inline: n8n's memory mode.
	if (mode === 'filesystem') await service.init();
	return { config, service };
}

/**
 * Makes `mode` the binary data mode the engine sees until the returned release function is
 * called. Runs with the same mode may overlap; a run with another mode while one is active is
 * refused, because n8n-core reads the mode from a process-wide container.
 */
export async function useBinaryDataMode(
	mode: BinaryDataMode,
): Promise<{ service: BinaryDataService; release: () => void }> {
	const env = currentEnvironment();
	for (const [activeMode, count] of env.activeRuns) {
		if (activeMode !== mode && count > 0) {
			throw new Error(
				`runWorkflow: a run with binaryDataMode '${activeMode}' is still in progress; ` +
					`runs with binaryDataMode '${mode}' cannot overlap it in the same test file.`,
			);
		}
	}
	env.activeRuns.set(mode, (env.activeRuns.get(mode) ?? 0) + 1);

	let setup = env.binaryData.get(mode);
	if (!setup) {
		setup = createBinaryDataSetup(mode, env.folder);
		env.binaryData.set(mode, setup);
	}
	const { config, service } = await setup;
	Container.set(BinaryDataConfig, config);
	Container.set(BinaryDataService, service);

	let released = false;
	return {
		service,
		release: () => {
			if (released) return;
			released = true;
			env.activeRuns.set(mode, (env.activeRuns.get(mode) ?? 1) - 1);
		},
	};
}

/** Makes sure the container is prepared before any n8n-core code runs (node method calls). */
export function prepareEnvironment(): void {
	currentEnvironment();
}

/**
 * Stops what the engine leaves running (the SSH client manager's interval) and deletes the
 * temporary user folder. Registered automatically with `afterAll` in every test file that
 * imports the harness; calling it again, or before any run, is harmless.
 */
export function closeHarness(): void {
	if (!environment) return;
	environment.sshClientsManager.onShutdown();
	rmSync(environment.folder, { recursive: true, force: true });
	environment = undefined;
}

if (typeof afterAll === 'function') {
	try {
		afterAll(closeHarness);
	} catch {
		// Imported from inside a test (hooks cannot be added there): the caller closes it.
	}
}
