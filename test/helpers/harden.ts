import fs from 'node:fs';
import path from 'node:path';

/*
 * Shared by the test/harden-*.test.ts files: a private view of /proc, other users, process trees.
 */

export type User = {readonly name: string; readonly uid: number; readonly gid: number};

/** A user from /etc/passwd, or undefined when the host has none by that name. */
export function user(name: string): User | undefined {
	for (const line of fs.readFileSync('/etc/passwd', 'utf8').split('\n')) {
		const [login, , uid, gid] = line.split(':');
		if (login === name && uid !== undefined && gid !== undefined) {
			return {name, uid: Number(uid), gid: Number(gid)};
		}
	}

	return undefined;
}

/**
 * A directory standing for /proc that shows only the given processes (symlinks to /proc/PID), plus
 * what the monitor reads besides (`self`, `uptime`). Other sessions on this machine run their own
 * fake Wazuh daemons (the demo, benchmarks, other test files); with the real /proc the CLI would
 * take the oldest of them for "the" daemon, so each test hands the CLI a view of its own processes
 * through WAZUH_METRICS_PROC_ROOT. Every read still goes to the real /proc files, with the real
 * permission checks.
 */
export function procView(dir: string, pids: readonly number[]): string {
	fs.mkdirSync(dir, {recursive: true, mode: 0o755});
	// Another user runs the CLI in some tests: it must be able to traverse the view.
	fs.chmodSync(dir, 0o755);
	for (const name of ['self', 'uptime']) {
		fs.symlinkSync(`/proc/${name}`, path.join(dir, name));
	}

	addToView(dir, pids);
	return dir;
}

function addToView(dir: string, pids: readonly number[]): void {
	for (const pid of pids) {
		const link = path.join(dir, String(pid));
		if (!fs.existsSync(link)) {
			fs.symlinkSync(`/proc/${pid}`, link);
		}
	}
}

/** Direct children of a process (its main thread's), from the kernel's list. */
export function childrenOf(pid: number): number[] {
	try {
		return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
	} catch {
		return [];
	}
}

/**
 * Start time (clock ticks after boot) and ppid of a process, parsed here rather than with the code
 * under test, which the tests check against it.
 */
export function statOf(pid: number): {ppid: number; startTime: number} | undefined {
	try {
		const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
		return {ppid: Number(fields[1]), startTime: Number(fields[19])};
	} catch {
		return undefined;
	}
}

/** Kills a process group started with `detached: true`, ignoring one that is gone already. */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals = 'SIGKILL'): void {
	if (pid === undefined) {
		return;
	}

	try {
		process.kill(-pid, signal);
	} catch {}
}

/** Rows of a CSV file as raw lines: for checks a parser would hide (blank lines). */
export function rawLines(file: string): string[] {
	return fs.readFileSync(file, 'utf8').split('\n');
}

/** Whether `stat(/proc/PID/fd).st_size` is the fd count here (Linux >= 6.2), as fd-count.ts checks. */
export function kernelCountsFdsInStat(): boolean {
	const probe = fs.openSync('/dev/null', 'r');
	try {
		const listed = fs.readdirSync('/proc/self/fd').length - 1;
		const {size} = fs.statSync('/proc/self/fd');
		return size > 0 && Math.abs(size - listed) <= 1;
	} finally {
		fs.closeSync(probe);
	}
}
