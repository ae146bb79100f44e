/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// End-to-end tests (`*.e2e.ts`, real n8n) have their own config: test/e2e/jest.e2e.config.js.
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	modulePathIgnorePatterns: ['<rootDir>/test/e2e/n8n/', '<rootDir>/test/e2e/.cache/', '<rootDir>/dist/'],
	transform: {
		// Type checking runs once in `npm run typecheck`; jest only transpiles, which keeps it fast.
		'^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }],
	},
	setupFiles: ['reflect-metadata'],
	testTimeout: 30000,
	maxWorkers: 2,
	// Adds the plain "jest: N passed, N failed" closing line that CI tooling reads.
	reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
