import fs from 'node:fs';
import {setTimeout as sleep} from 'node:timers/promises';

/** Minimal /proc reading for cleaning up: who is alive, whose child, which command line. */

type ProcEntry = {pid: number; ppid: number; state: string};

function readEntry(pid: number): ProcEntry | undefined {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name may contain spaces and parentheses: fields start after the last ')'.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return {pid, state: fields[0] ?? '?', ppid: Number(fields[1])};
	} catch {
		return undefined;
	}
}

function allPids(): number[] {
	return fs.readdirSync('/proc').filter(name => /^\d+$/.test(name)).map(Number);
}

/** A zombie is dead for our purposes: it holds nothing and runs nothing. */
export function isAlive(pid: number): boolean {
	const entry = readEntry(pid);
	return entry !== undefined && entry.state !== 'Z';
}

export function descendantsOf(root: number): number[] {
	const children = new Map<number, number[]>();
	for (const pid of allPids()) {
		const entry = readEntry(pid);
		if (entry) {
			children.set(entry.ppid, [...children.get(entry.ppid) ?? [], pid]);
		}
	}

	const found: number[] = [];
	const queue = [root];
	for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
		const next = children.get(pid) ?? [];
		found.push(...next);
		queue.push(...next);
	}

	return found;
}

/** Live processes whose command line contains `text` (every fleet process names the fleet dir). */
export function pidsWithCmdline(text: string): number[] {
	return allPids().filter(pid => {
		if (pid === process.pid) {
			return false;
		}

		try {
			return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text) && isAlive(pid);
		} catch {
			return false;
		}
	});
}

/** Waits until none of `pids` is alive; returns the ones still alive after `timeoutMs`. */
export async function waitGone(pids: readonly number[], timeoutMs: number): Promise<number[]> {
	const deadline = Date.now() + timeoutMs;
	let alive = pids.filter(pid => isAlive(pid));
	while (alive.length > 0 && Date.now() < deadline) {
		await sleep(25);
		alive = alive.filter(pid => isAlive(pid));
	}

	return alive;
}

export function killQuietly(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(pid, signal);
	} catch {
		// Already gone.
	}
}
