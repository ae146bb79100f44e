import { findPackageRoot, loadPackageTypes, runWorkflow } from '.';
import { FIXTURE_PACKAGE_ROOT } from './fixtures';

describe('package discovery', () => {
	it('finds the node and credential classes named after their files', () => {
		const types = loadPackageTypes(FIXTURE_PACKAGE_ROOT);

		expect(types.packageName).toBe('harness-fixture-package');
		expect(types.nodeTypes.map((type) => type.description.name)).toEqual(['harnessFixtureDiscovered']);
		expect(types.credentialTypes.map((type) => type.name)).toEqual(['harnessFixtureDiscoveredApi']);
	});

	it('keeps going when a node file fails to load, and remembers why', () => {
		const { loadErrors } = loadPackageTypes(FIXTURE_PACKAGE_ROOT);

		expect(loadErrors).toEqual([
			{
				file: `${FIXTURE_PACKAGE_ROOT}/nodes/Broken/BrokenFixture.node.ts`,
				message: 'fixture: this node file fails to load',
			},
		]);
	});

	it('runs discovered nodes by short name and by package-prefixed name', async () => {
		const result = await runWorkflow({
			packageRoot: FIXTURE_PACKAGE_ROOT,
			nodes: [
				{ name: 'Short', type: 'harnessFixtureDiscovered' },
				{ name: 'Prefixed', type: 'harness-fixture-package.harnessFixtureDiscovered' },
			],
			credentials: { harnessFixtureDiscoveredApi: { token: 'abc' } },
		});

		expect(result.error).toBeUndefined();
		expect(result.output('Prefixed')[0].json).toEqual({ discovered: true, tokenLength: 3 });
	});

	it('reports the files that failed to load when a node type is unknown', async () => {
		await expect(
			runWorkflow({ packageRoot: FIXTURE_PACKAGE_ROOT, nodes: [{ name: 'B', type: 'harnessFixtureBroken' }] }),
		).rejects.toThrow(/BrokenFixture\.node\.ts: fixture: this node file fails to load/);
	});

	it('loads this repository by default, including the falAiApi credential', () => {
		const types = loadPackageTypes();

		expect(findPackageRoot()).toBe(`${__dirname.replace(/\/test\/harness$/, '')}`);
		expect(types.packageName).toBe('n8n-nodes-falai');
		expect(types.credentialTypes.map((type) => type.name)).toContain('falAiApi');
	});
});
