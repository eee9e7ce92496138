import fs from 'node:fs';
import {parseStat, type ProcStat} from './parse-stat.js';
import {readFd} from './read-buffer.js';

/** One thread of a process: its /proc/PID/task/TID/stat. */
export type TaskReading = {
	readonly tid: number;
	/** comm (the thread's name, what /proc/PID/task/TID/comm holds), state, utime, stime, start time. */
	readonly stat: ProcStat;
};

/**
 * Reads the threads of one process: `/proc/PID/task` listed, then each thread's `stat`, kept open
 * between readings (re-read at offset 0, as ProcessReader does). Only /proc's own entries are
 * opened, each with O_NOFOLLOW; a thread (or the whole process) that ends between the listing and its
 * read is left out, which is normal and not an error.
 */
export class TaskReader {
	private readonly files = new Map<number, number>();
	private closed = false;

	constructor(
		readonly pid: number,
		private readonly procRoot = '/proc',
	) {}

	/** The threads alive now, in the order /proc lists them; undefined when the process is gone. */
	read(): TaskReading[] | undefined {
		if (this.closed) {
			return undefined;
		}

		let names: string[];
		try {
			names = fs.readdirSync(`${this.procRoot}/${this.pid}/task`);
		} catch {
			this.close();
			return undefined;
		}

		const listed = new Set<number>();
		const readings: TaskReading[] = [];
		for (const name of names) {
			const tid = Number(name);
			if (!/^\d+$/.test(name) || !Number.isSafeInteger(tid)) {
				continue;
			}

			listed.add(tid);
			const stat = this.readStat(tid);
			if (stat !== undefined) {
				readings.push({tid, stat});
			}
		}

		// Threads no longer listed: their kept files go.
		for (const tid of [...this.files.keys()]) {
			if (!listed.has(tid)) {
				this.drop(tid);
			}
		}

		return readings;
	}

	close(): void {
		this.closed = true;
		for (const tid of [...this.files.keys()]) {
			this.drop(tid);
		}
	}

	private readStat(tid: number): ProcStat | undefined {
		for (let attempt = 0; attempt < 2; attempt++) {
			let fd = this.files.get(tid);
			try {
				if (fd === undefined) {
					fd = fs.openSync(`${this.procRoot}/${this.pid}/task/${tid}/stat`, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
					this.files.set(tid, fd);
				}

				// Utf8: a thread's name is bytes the program chose (as in ProcessReader).
				const stat = parseStat(readFd(fd, 'utf8'));
				if (stat !== undefined && stat.pid === tid) {
					return stat;
				}
			} catch {
				// Gone since the listing (ESRCH on a kept file, ENOENT on a new one): tried again once
				// on a fresh file, in case the TID now belongs to a new thread.
			}

			this.drop(tid);
		}

		return undefined;
	}

	private drop(tid: number): void {
		const fd = this.files.get(tid);
		this.files.delete(tid);
		if (fd !== undefined) {
			try {
				fs.closeSync(fd);
			} catch {}
		}
	}
}
