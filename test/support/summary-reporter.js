// Prints one plain closing line, "jest: N passed, N failed[, N skipped]", that CI tooling reads
// (jest's own summary has no such line).
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const skipped = results.numPendingTests + results.numTodoTests;
		const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
		let line = `jest: ${results.numPassedTests} passed, ${failed} failed`;
		if (skipped > 0) line += `, ${skipped} skipped`;
		process.stdout.write(`\n${line}\n`);
	}
}

module.exports = SummaryReporter;
