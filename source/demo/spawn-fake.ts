import {spawn, type ChildProcess} from 'node:child_process';
import readline from 'node:readline';
import type {Launch} from './layout.js';
import {readyLine} from './protocol.js';

/**
 * Starts a fleet process. stdin is its lifeline (a pipe we never write to), stdout carries the
 * ready line, stderr goes wherever ours goes (the fleet log, never the terminal).
 */
export function spawnFake(launch: Launch, env: NodeJS.ProcessEnv): ChildProcess {
	const child = spawn(launch.command, launch.args, {env, stdio: ['pipe', 'pipe', 'inherit']});
	// Without a listener a failed spawn would crash the parent.
	child.on('error', error => {
		console.error(`spawn ${launch.command}: ${error.message}`);
	});
	child.stdin?.on('error', () => undefined);
	return child;
}

export function hasExited(child: ChildProcess): boolean {
	return child.exitCode !== null || child.signalCode !== null;
}

export async function exited(child: ChildProcess): Promise<void> {
	if (!hasExited(child)) {
		await new Promise(resolve => {
			child.once('exit', resolve);
		});
	}
}

/** Resolves when the child prints the ready line; rejects if it exits first or takes too long. */
export async function waitReady(child: ChildProcess, timeoutMs: number): Promise<void> {
	const {stdout} = child;
	if (!stdout) {
		throw new Error('fake has no stdout pipe');
	}

	const lines = readline.createInterface({input: stdout});
	try {
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => {
				reject(new Error(`fake ${child.pid ?? '?'} not ready after ${timeoutMs} ms`));
			}, timeoutMs);
			const done = (error?: Error) => {
				clearTimeout(timer);
				child.off('exit', onExit);
				if (error) {
					reject(error);
				} else {
					resolve();
				}
			};

			const onExit = () => {
				done(new Error(`fake ${child.pid ?? '?'} exited before it was ready`));
			};

			lines.on('line', line => {
				if (line === readyLine) {
					done();
				}
			});
			child.once('exit', onExit);
		});
	} finally {
		lines.close();
		// Keep draining so a stray write can never block the fake on a full pipe.
		stdout.resume();
	}
}

/**
 * Asks children to stop (they reap their own children first), then SIGKILLs whoever is left.
 * Waiting for 'exit' means we reaped them: no zombies left behind.
 */
export async function terminateAll(children: readonly ChildProcess[], graceMs: number): Promise<void> {
	const live = children.filter(child => !hasExited(child));
	for (const child of live) {
		child.kill('SIGTERM');
	}

	const all = Promise.all(live.map(async child => exited(child)));
	const timedOut = await Promise.race([all.then(() => false), delay(graceMs).then(() => true)]);
	if (timedOut) {
		for (const child of live.filter(child => !hasExited(child))) {
			child.kill('SIGKILL');
		}

		await Promise.race([all, delay(2000)]);
	}
}

async function delay(ms: number): Promise<void> {
	await new Promise(resolve => {
		setTimeout(resolve, ms).unref();
	});
}
