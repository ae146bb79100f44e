/**
 * Keeps two n8n installs from running at once (say the e2e tests and the demo started together):
 * both would delete and rewrite the same node_modules. The lock is a directory, created
 * atomically, holding the owner's pid so a lock left by a crashed process is taken over.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Runs `work` while holding the lock at `lockDir`, waiting up to `maxWaitMs` for it. */
export async function withInstallLock<T>(
	lockDir: string,
	work: () => Promise<T>,
	maxWaitMs = 30 * 60_000,
): Promise<T> {
	fs.mkdirSync(path.dirname(lockDir), { recursive: true });
	const giveUpAt = Date.now() + maxWaitMs;
	while (!tryAcquire(lockDir)) {
		if (Date.now() > giveUpAt) throw new Error(`Timed out waiting for the lock ${lockDir}`);
		await sleep(1000);
	}
	try {
		return await work();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

function tryAcquire(lockDir: string): boolean {
	try {
		fs.mkdirSync(lockDir);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		if (ownerIsAlive(lockDir)) return false;
		fs.rmSync(lockDir, { recursive: true, force: true });
		return tryAcquire(lockDir);
	}
	fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
	return true;
}

function ownerIsAlive(lockDir: string): boolean {
	let pid: number;
	try {
		pid = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
	} catch {
		// Just created by another process that has not written its pid yet.
		return true;
	}
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
