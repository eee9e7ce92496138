/** A monitor under test, run as its own process group and watched from outside through /proc. */
import {type ChildProcess, spawn} from 'node:child_process';
import {killGroup, ownGroup} from './cleanup.js';
import {readStat} from './proc.js';
import {sleep} from './stats.js';

export type Subject = {
	readonly child: ChildProcess;
	/** What it printed on stderr so far (to explain a failure). */
	readonly stderr: () => string;
};

/**
 * Starts a subject in its own process group. stdin is a pipe left open: a subject that watches it
 * (the psutil reference, the fleet) ends when the benchmark ends, however it ends.
 */
export function startSubject(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Subject {
	const child = ownGroup(spawn(command, args, {detached: true, stdio: ['pipe', 'pipe', 'pipe'], env}));
	let stderr = '';
	child.stderr!.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	child.stdout!.resume();
	child.stdin!.on('error', () => undefined);
	return {child, stderr: () => stderr};
}

/** SIGTERM, a grace period, then SIGKILL to the whole group. */
export async function stopSubject(subject: Subject, graceMs = 3000): Promise<void> {
	const {child} = subject;
	if (child.exitCode === null && child.signalCode === null) {
		child.kill('SIGTERM');
		await Promise.race([new Promise(resolve => child.once('exit', resolve)), sleep(graceMs)]);
	}

	killGroup(child.pid);
	for (let waited = 0; waited < 2000 && child.pid !== undefined && readStat(child.pid) !== undefined; waited += 20) {
		await sleep(20);
	}
}
