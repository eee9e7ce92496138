import fs from 'node:fs';
import {countFds} from './fd-count.js';
import {type IoCounters, parseIo} from './parse-io.js';
import {type MemoryUsage, parseSmaps} from './parse-smaps.js';
import {isDead, parseStat, type ProcStat} from './parse-stat.js';
import {parseStatus} from './parse-status.js';
import {errorCode, readFd} from './read-buffer.js';

export type ProcessReading = {
	readonly stat: ProcStat;
	/** From smaps_rollup; only rss and swap (from the world-readable status) when the maps are denied. */
	readonly memory: Partial<MemoryUsage> | undefined;
	readonly io: IoCounters | undefined;
	readonly fd: number | undefined;
	/**
	 * Monotonic ms (performance.now() unless the reader was given another clock) when stat was read:
	 * CPU and IO rates divide by the time between readings.
	 */
	readonly at: number;
};

/**
 * Field groups that can be unreadable on their own (permissions, a kernel without the file).
 * `maps` is USS/PSS alone: RSS and SWAP still came from /proc/PID/status.
 */
export type FieldGroup = 'memory' | 'maps' | 'io' | 'fd';

const rollupMissing = new Map<string, boolean>();

type KeptFile = {fd: number} | {error: string};

/**
 * Reads one process. Its /proc files are opened once and re-read at offset 0 each tick, which
 * costs a fraction of open+read+close. The start time in stat identifies the process, so a reused
 * PID is never mixed with the process that had it before.
 */
export class ProcessReader {
	/** Why a field group could not be read (errno code), for the one warning that explains it. */
	readonly unreadable = new Map<FieldGroup, string>();
	private statFile: number | undefined;
	private statusFile: number | undefined;
	private childrenFile: number | undefined;
	private smapsFile: KeptFile | undefined;
	private ioFile: KeptFile | undefined;
	private closed = false;

	constructor(
		readonly pid: number,
		readonly startTime: number,
		private readonly procRoot = '/proc',
		/** Monotonic ms for `at`; another clock for tests and replays. */
		private readonly now: () => number = () => performance.now(),
	) {}

	/** Undefined when the process is gone, a zombie, or its PID now belongs to another process. */
	read(): ProcessReading | undefined {
		if (this.closed) {
			return undefined;
		}

		const at = this.now();
		const stat = this.readStat();
		if (stat === undefined || stat.startTime !== this.startTime || isDead(stat)) {
			this.close();
			return undefined;
		}

		const maps = this.readKept('memory', () => this.openSmaps(), text => parseSmaps(text));
		if (maps !== undefined) {
			this.unreadable.delete('maps');
		}

		const memory = maps ?? this.readStatusMemory();
		const io = this.readKept('io', () => this.open('io'), text => parseIo(text));
		let fd: number | undefined;
		try {
			fd = countFds(this.pid, this.procRoot);
			this.unreadable.delete('fd');
		} catch (error: unknown) {
			this.unreadable.set('fd', errorCode(error) ?? 'EIO');
		}

		if (this.closed) {
			return undefined;
		}

		return {stat, memory, io, fd, at};
	}

	/**
	 * PIDs of the children of the main thread (kept open like the rest: the Monitor asks every tick
	 * to notice new children between health checks). Undefined when unreadable.
	 */
	children(): number[] | undefined {
		if (this.closed) {
			return undefined;
		}

		try {
			this.childrenFile ??= this.open(`task/${this.pid}/children`);
			return readFd(this.childrenFile).split(' ').filter(Boolean).map(Number);
		} catch {
			return undefined;
		}
	}

	close(): void {
		if (this.closed) {
			return;
		}

		this.closed = true;
		for (const fd of [this.statFile, this.statusFile, this.childrenFile, keptFd(this.smapsFile), keptFd(this.ioFile)]) {
			if (fd !== undefined) {
				try {
					fs.closeSync(fd);
				} catch {}
			}
		}
	}

	/**
	 * Without permission for another user's memory maps, RSS and SWAP can still be had from
	 * /proc/PID/status, which anyone may read (VmRSS equals smaps_rollup's Rss on current kernels).
	 */
	private readStatusMemory(): Partial<MemoryUsage> | undefined {
		const denied = this.unreadable.get('memory');
		if (this.closed || denied === undefined) {
			return undefined;
		}

		try {
			this.statusFile ??= this.open('status');
			const status = parseStatus(readFd(this.statusFile, 'utf8'));
			if (status?.vmRss === undefined) {
				return undefined;
			}

			this.unreadable.delete('memory');
			this.unreadable.set('maps', denied);
			return {rss: status.vmRss, swap: status.vmSwap};
		} catch {
			return undefined;
		}
	}

	private readStat(): ProcStat | undefined {
		try {
			this.statFile ??= fs.openSync(`${this.procRoot}/${this.pid}/stat`, 'r');
			// Utf8: comm is bytes the process chose; latin1 would garble non-ASCII names.
			return parseStat(readFd(this.statFile, 'utf8'));
		} catch {
			return undefined;
		}
	}

	private open(name: string): number {
		return fs.openSync(`${this.procRoot}/${this.pid}/${name}`, 'r');
	}

	private openSmaps(): number {
		if (rollupMissing.get(this.procRoot) !== true) {
			try {
				return this.open('smaps_rollup');
			} catch (error: unknown) {
				if (errorCode(error) !== 'ENOENT') {
					throw error;
				}

				// Stat was just read, so ENOENT means the kernel predates smaps_rollup (4.14).
				rollupMissing.set(this.procRoot, true);
			}
		}

		return this.open('smaps');
	}

	/**
	 * Reads a kept-open file. A permission error is remembered and not retried every tick; any other
	 * failure (a file opened before the process exec'd, ESRCH) reopens once, and if that fails too
	 * the process is treated as gone.
	 */
	private readKept<T>(group: FieldGroup, open: () => number, parse: (text: string) => T | undefined): T | undefined {
		const slot = group === 'memory' ? 'smapsFile' : 'ioFile';
		for (let attempt = 0; attempt < 2; attempt++) {
			let kept = this[slot];
			if (kept === undefined) {
				try {
					kept = {fd: open()};
				} catch (error: unknown) {
					const code = errorCode(error) ?? 'EIO';
					if (code === 'ENOENT' || code === 'ESRCH') {
						this.close();
						return undefined;
					}

					kept = {error: code};
				}

				this[slot] = kept;
			}

			if ('error' in kept) {
				this.unreadable.set(group, kept.error);
				return undefined;
			}

			try {
				const value = parse(readFd(kept.fd));
				this.unreadable.delete(group);
				return value;
			} catch (error: unknown) {
				try {
					fs.closeSync(kept.fd);
				} catch {}

				this[slot] = undefined;
				const code = errorCode(error);
				if (code === 'EACCES' || code === 'EPERM') {
					this[slot] = {error: code};
				}
			}
		}

		this.close();
		return undefined;
	}
}

function keptFd(kept: KeptFile | undefined): number | undefined {
	return kept !== undefined && 'fd' in kept ? kept.fd : undefined;
}
