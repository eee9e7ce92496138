import fs from 'node:fs';
import {parseCmdline} from './parse-cmdline.js';
import {isDead, parseStat, type ProcStat} from './parse-stat.js';
import {readOnce} from './read-buffer.js';

/** Every live (non-zombie) process, from one pass over /proc/PID/stat. */
export function scanProcesses(procRoot = '/proc'): ProcStat[] {
	const processes: ProcStat[] = [];
	for (const entry of fs.readdirSync(procRoot)) {
		const first = entry.codePointAt(0)!;
		if (first < 48 || first > 57) {
			continue; // Not a PID.
		}

		try {
			const stat = parseStat(readOnce(`${procRoot}/${entry}/stat`, 'utf8'));
			if (stat !== undefined && !isDead(stat)) {
				processes.push(stat);
			}
		} catch {
			// Exited between the listing and the read.
		}
	}

	return processes;
}

/** argv of a process; undefined when it is gone. Kernel threads have an empty argv. */
export function readArgv(pid: number, procRoot = '/proc'): string[] | undefined {
	try {
		return parseCmdline(readOnce(`${procRoot}/${pid}/cmdline`, 'utf8'));
	} catch {
		return undefined;
	}
}

/** The executable's path; undefined without permission (another user's process) or when gone. */
export function readExePath(pid: number, procRoot = '/proc'): string | undefined {
	try {
		// A replaced binary (an upgrade while it runs) reads as "/path (deleted)".
		return fs.readlinkSync(`${procRoot}/${pid}/exe`).replace(/ \(deleted\)$/, '');
	} catch {
		return undefined;
	}
}

/** The working directory; undefined without permission or when gone. */
export function readCwd(pid: number, procRoot = '/proc'): string | undefined {
	try {
		return fs.readlinkSync(`${procRoot}/${pid}/cwd`);
	} catch {
		return undefined;
	}
}

/**
 * Effective uid and gid from /proc/PID/status. Not the owner of /proc/PID: a daemon that dropped
 * root for its service user is not dumpable, and its /proc entries then belong to root.
 */
export function readOwner(pid: number, procRoot = '/proc'): {uid: number; gid: number} | undefined {
	try {
		const status = readOnce(`${procRoot}/${pid}/status`, 'utf8');
		const uid = /^Uid:\s+\d+\s+(\d+)/m.exec(status)?.[1];
		const gid = /^Gid:\s+\d+\s+(\d+)/m.exec(status)?.[1];
		return uid === undefined || gid === undefined ? undefined : {uid: Number(uid), gid: Number(gid)};
	} catch {
		return undefined;
	}
}
