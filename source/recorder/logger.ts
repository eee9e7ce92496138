import fs from 'node:fs';
import path from 'node:path';
import {formatTimestamp} from '../model/timestamp.js';
import {SafeFolder} from '../safe-fs/safe-folder.js';
import {openForAppend} from '../safe-fs/safe-open.js';
import {defaultLogFolder} from './session-folder.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LoggerOptions = {
	/** Default `wazuh-metrics.log` in the default state root (session-folder.ts). */
	readonly path?: string;
	/** The log's folder, already checked (main); default one made from `path`. */
	readonly folder?: SafeFolder;
	/** `-d`: also write debug lines. */
	readonly debug?: boolean;
	/**
	 * Told when the log cannot be written, once per run of failures (again only after a line got
	 * through). Whatever it does, even throwing, the logger carries on.
	 */
	readonly onError?: (error: unknown) => void;
	/** Clock for the line timestamps (tests). */
	readonly now?: () => number;
	/** Size in bytes the file does not grow past (default defaultLogCap, 10 MiB); then it is rotated. */
	readonly maxBytes?: number;
};

/** `<folder>/wazuh-metrics.log`: beside the day folders of the sessions, or in LOGS_DIRECTORY (session-folder.ts). */
export function defaultLogPath(folder: string = defaultLogFolder()): string {
	return path.join(folder, 'wazuh-metrics.log');
}

/** The log's bound: past it the file becomes `<log>.1` (replacing the previous one) and a new one starts. */
const defaultLogCap = 10 * 1024 * 1024;

/** The one rotated copy of `log`. */
function rotatedLogPath(log: string): string {
	return `${log}.1`;
}

/**
 * The log file: `YYYY/MM/DD HH:MM:SS [PID] LEVEL message` lines (the PID tells apart two runs sharing
 * the log), appended synchronously (a few lines per
 * health check at most, and a line written just before a crash must not be lost), never printed to
 * the terminal, whose screen belongs to the UI. Logging never throws: a log that cannot be written
 * must not stop the monitoring. Opened like the CSVs (safe-open.ts), at first and at every reopen:
 * a log that is a link, a FIFO or someone else's file is not written, and that is reported.
 * Bounded for a run of months: a line that would take the file past `maxBytes` first renames it
 * to `<log>.1` (replacing the older copy) inside its checked folder, and the line starts a new file
 * opened the same safe way. At most twice the cap is kept; what is older is dropped.
 */
export class Logger {
	readonly path: string;
	readonly debugEnabled: boolean;
	private readonly onError: ((error: unknown) => void) | undefined;
	private readonly now: () => number;
	private readonly folder: SafeFolder;
	private readonly maxBytes: number;
	private readonly warned = new Set<string>();
	private fd: number | undefined;
	private failing = false;
	private closed = false;

	constructor(options: LoggerOptions = {}) {
		this.path = options.path ?? defaultLogPath();
		this.folder = options.folder ?? new SafeFolder(path.dirname(this.path));
		this.debugEnabled = options.debug ?? false;
		this.onError = options.onError;
		this.now = options.now ?? Date.now;
		this.maxBytes = options.maxBytes ?? defaultLogCap;
	}

	debug(message: string): void {
		if (this.debugEnabled) {
			this.log('debug', message);
		}
	}

	info(message: string): void {
		this.log('info', message);
	}

	warn(message: string): void {
		this.log('warn', message);
	}

	error(message: string): void {
		this.log('error', message);
	}

	/** Logs a warning the first time `key` is seen (a field unreadable every tick). Returns whether it did. */
	warnOnce(key: string, message: string): boolean {
		if (this.warned.has(key)) {
			return false;
		}

		this.warned.add(key);
		this.warn(message);
		return true;
	}

	log(level: LogLevel, message: string): void {
		if (this.closed || (level === 'debug' && !this.debugEnabled)) {
			return;
		}

		// Continuation lines are indented, so every entry still starts with its timestamp (stack traces).
		const text = message.replaceAll('\r', '').replaceAll('\n', '\n  ');
		const line = Buffer.from(`${formatTimestamp(this.now())} [${process.pid}] ${level.toUpperCase()} ${text}\n`);
		try {
			if (this.fd !== undefined && fs.fstatSync(this.fd).nlink === 0) {
				// Deleted while open (/tmp cleaned up during a long run): lines would go nowhere.
				this.closeDescriptor();
			}

			this.fd ??= this.open();
			if (this.rotateBefore(this.fd, line.length)) {
				this.fd = this.open();
			}

			let offset = 0;
			while (offset < line.length) {
				const written = fs.writeSync(this.fd, line, offset);
				if (written <= 0) {
					throw new Error(`${this.path}: write made no progress`);
				}

				offset += written;
			}

			this.failing = false;
		} catch (error) {
			this.closeDescriptor();
			this.report(error);
		}
	}

	close(): void {
		this.closed = true;
		this.closeDescriptor();
	}

	/**
	 * Rotates when `line` would take the open file past the cap (a file still empty takes any line).
	 * Returns whether `fd` was closed and the log must be opened again. Another run sharing the
	 * log may have rotated it already: the file at the path is then not ours to rename, only to reopen.
	 */
	private rotateBefore(fd: number, length: number): boolean {
		const open = fs.fstatSync(fd);
		if (open.size === 0 || open.size + length <= this.maxBytes) {
			return false;
		}

		this.closeDescriptor();
		// The folder is checked again (ours, from / down, the one pinned) before a name in it is changed.
		this.folder.ensure();
		let current: fs.Stats | undefined;
		try {
			current = fs.lstatSync(this.path);
		} catch {}

		if (current?.dev === open.dev && current.ino === open.ino) {
			// rename() never follows a link: a link planted as `.1` is replaced, not written through.
			fs.renameSync(this.path, rotatedLogPath(this.path));
		}

		return true;
	}

	private open(): number {
		return openForAppend(this.path, this.folder).fd;
	}

	private report(error: unknown): void {
		if (this.failing) {
			return;
		}

		this.failing = true;
		try {
			this.onError?.(error);
		} catch {
			// The promise is that logging never throws, whatever the callback does.
		}
	}

	private closeDescriptor(): void {
		if (this.fd !== undefined) {
			try {
				fs.closeSync(this.fd);
			} catch {
				// Gone either way.
			}

			this.fd = undefined;
		}
	}
}
