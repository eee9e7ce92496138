/**
 * Everything the benchmark starts is registered here and killed on the way out, whether the run
 * ends, fails or is interrupted (Ctrl-C, SIGTERM, SIGHUP). Long-lived children run in their own
 * process group (spawn with `detached: true`) so that one kill reaches a daemon and every process
 * it forked; Ctrl-C does not reach them by itself, which is why the handlers below must.
 */
import type {ChildProcess} from 'node:child_process';
import fs from 'node:fs';

const groups = new Set<number>();
const folders = new Set<string>();
let installed = false;

/** A child spawned with `detached: true`: its PID is its process group. */
export function ownGroup(child: ChildProcess): ChildProcess {
	// Kept after the leader exits: members it forked may live on until killGroup.
	if (child.pid !== undefined) {
		groups.add(child.pid);
	}

	return child;
}

/** A process that leads its own group by other means (a pseudo-terminal's session leader). */
export function ownGroupOf(pid: number): void {
	groups.add(pid);
}

/** Kills a registered group now (every member) and forgets it. */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals = 'SIGKILL'): void {
	if (pid === undefined) {
		return;
	}

	try {
		process.kill(-pid, signal);
	} catch {}

	if (signal === 'SIGKILL') {
		groups.delete(pid);
	}
}

/** A temporary folder removed at the end. */
export function removeAtExit(folder: string): string {
	folders.add(folder);
	return folder;
}

export function removeNow(folder: string): void {
	fs.rmSync(folder, {recursive: true, force: true});
	folders.delete(folder);
}

function cleanUp(): void {
	for (const group of groups) {
		try {
			process.kill(-group, 'SIGKILL');
		} catch {}
	}

	groups.clear();
	for (const folder of folders) {
		try {
			fs.rmSync(folder, {recursive: true, force: true});
		} catch {}
	}

	folders.clear();
}

export function installCleanup(): void {
	if (installed) {
		return;
	}

	installed = true;
	process.on('exit', cleanUp);
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.on(signal, () => {
			process.stderr.write(`\nbench: ${signal}, stopping every process it started\n`);
			cleanUp();
			process.exit(130);
		});
	}
}
