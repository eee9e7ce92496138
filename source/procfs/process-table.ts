import fs from 'node:fs';
import path from 'node:path';
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

/** Basename of the executable; undefined without permission (another user's process) or when gone. */
export function readExeName(pid: number, procRoot = '/proc'): string | undefined {
	try {
		// A replaced binary reads as "/path (deleted)".
		return path.basename(fs.readlinkSync(`${procRoot}/${pid}/exe`).replace(/ \(deleted\)$/, ''));
	} catch {
		return undefined;
	}
}
