/**
 * A monitor under test, run as its own process and watched from outside through /proc: its CPU
 * over a window after warm-up, and its peak resident memory.
 */
import {type ChildProcess, spawn} from 'node:child_process';
import {killGroup, ownGroup} from './cleanup.js';
import {cpuSeconds, readStat, statusBytes} from './proc.js';
import {sleep} from './stats.js';

export type Subject = {
	readonly child: ChildProcess;
	/** What it printed on stderr so far (to explain a failure). */
	readonly stderr: () => string;
};

export type Window = {
	/** % of one core over the window. */
	readonly cpuPercent: number;
	/** VmHWM at the end of the window, bytes. */
	readonly peakRss: number;
	readonly seconds: number;
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

/** Waits out the warm-up, then measures for `seconds`. Throws with its stderr when it dies. */
export async function measureWindow(subject: Subject, warmupMs: number, seconds: number, atStart?: () => void): Promise<Window> {
	const pid = subject.child.pid!;
	const dead = (): Error => new Error(`exited early (${subject.child.exitCode ?? subject.child.signalCode}): ${subject.stderr().trim().split('\n').slice(-2).join(' | ') || 'no message'}`);
	await sleep(warmupMs);
	atStart?.();
	const startCpu = cpuSeconds(pid);
	const start = performance.now();
	if (startCpu === undefined || subject.child.exitCode !== null) {
		throw dead();
	}

	await sleep(seconds * 1000);
	const endCpu = cpuSeconds(pid);
	const elapsed = (performance.now() - start) / 1000;
	const peakRss = statusBytes(pid, 'VmHWM');
	if (endCpu === undefined || peakRss === undefined || subject.child.exitCode !== null) {
		throw dead();
	}

	return {cpuPercent: (endCpu - startCpu) / elapsed * 100, peakRss, seconds: elapsed};
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
		// eslint-disable-next-line no-await-in-loop
		await sleep(20);
	}
}
