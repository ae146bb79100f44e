/**
 * Jest configuration for the end-to-end tests, which drive a real n8n (CLI and server).
 * Run with `npm run test:e2e` (n8n 2.8.4), `npm run test:e2e:latest` (n8n 2.41.1 on Node 24) or
 * `npm run test:e2e:queue` (2.41.1 in queue mode); the target is `N8N_E2E_TARGET` (see
 * lib/targets.ts). The queue-mode target runs the files under `queue/`, the others every other
 * file. They are slow (a cold run installs n8n, minutes) and each n8n process takes ~600 MB, so
 * they run one at a time with generous timeouts.
 * @type {import('jest').Config}
 */
const queueMode = process.env.N8N_E2E_TARGET === 'queue';

module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: [queueMode ? '<rootDir>/test/e2e/queue' : '<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.ts'],
	// The pinned n8n's node_modules (2 GB) holds no tests and must not be crawled for modules.
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/n8n/', ...(queueMode ? [] : ['<rootDir>/test/e2e/queue/'])],
	modulePathIgnorePatterns: ['<rootDir>/test/e2e/n8n/', '<rootDir>/test/e2e/.cache/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }],
	},
	// A cold run installs n8n (npm ci compiles sqlite3) inside beforeAll.
	testTimeout: 15 * 60_000,
	maxWorkers: 1,
	reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
