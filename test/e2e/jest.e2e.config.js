/**
 * Jest configuration for the end-to-end tests, which drive a real n8n (CLI and server).
 * Run with `npm run test:e2e`. They are slow (the first run installs n8n, ~4 min) and each n8n
 * process takes ~600 MB, so they run one at a time with generous timeouts.
 * @type {import('jest').Config}
 */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.ts'],
	// The pinned n8n's node_modules (2 GB) holds no tests and must not be crawled for modules.
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/n8n/'],
	modulePathIgnorePatterns: ['<rootDir>/test/e2e/n8n/', '<rootDir>/test/e2e/.cache/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }],
	},
	// A cold run installs n8n (npm ci compiles sqlite3) inside beforeAll.
	testTimeout: 15 * 60_000,
	maxWorkers: 1,
	reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
