import fs from 'node:fs';
import {errorCode} from './errors.js';
import type {SafeFolder} from './safe-folder.js';

/*
 * The one way the tool opens a file it writes (CSVs, the log, the folder probe). Run as root, a
 * plain `open(path, 'a')` follows a symlink to any file of the system, creates the target of a
 * dangling one, blocks forever on a FIFO, and appends to a hard link of a file someone else owns.
 */

const {O_WRONLY, O_RDONLY, O_APPEND, O_CREAT, O_EXCL, O_NOFOLLOW, O_NONBLOCK} = fs.constants;
// O_CLOEXEC is not in fs.constants: libuv adds it to every open on Linux.
/** Never follows a symlink in the last component, never waits for a FIFO's reader. */
const appendFlags = O_WRONLY | O_APPEND | O_NOFOLLOW | O_NONBLOCK;
const createFlags = appendFlags | O_CREAT | O_EXCL;
/** The outputs republish /proc/PID/io and smaps_rollup, which only root may read. */
const fileMode = 0o600;

/** A file found where the tool writes that it must not write: a link, a FIFO, someone else's. */
export class UnsafeFileError extends Error {
	override readonly name = 'UnsafeFileError';
	readonly code = 'EUNSAFE';
}

export type OpenedFile = {
	readonly fd: number;
	/** True when this open created the file (it is empty and ours by construction). */
	readonly created: boolean;
};

export type OpenOptions = {
	/** Only a new file will do (the probe): an existing one is EEXIST. */
	readonly exclusive?: boolean;
};

const euid = (): number => process.geteuid?.() ?? 0;

/** Why the open file `fd` must not be written; undefined when it is a plain file of ours. */
function unsafeReason(fd: number): string | undefined {
	const stats = fs.fstatSync(fd);
	if (!stats.isFile()) {
		return 'not a regular file';
	}

	if (stats.nlink !== 1) {
		// 0: deleted between open and fstat; more: a hard link to a file that lives elsewhere too.
		return stats.nlink === 0 ? 'deleted while being opened' : 'has other hard links';
	}

	if (stats.uid !== euid()) {
		return `owned by uid ${stats.uid}, not by uid ${euid()}`;
	}

	return undefined;
}

/** Translates what the flags make open fail with on a planted file into what it means. */
function openError(file: string, error: unknown): unknown {
	switch (errorCode(error)) {
		case 'ELOOP': {
			return new UnsafeFileError(`is a symbolic link (${file})`);
		}

		case 'ENXIO': {
			// A write-only open of a FIFO without a reader, thanks to O_NONBLOCK.
			return new UnsafeFileError(`not a regular file, a FIFO (${file})`);
		}

		default: {
			return error;
		}
	}
}

/**
 * Opens `file` in `folder` for appending: the folder chain is checked first (and created 0700 where
 * missing), then the file is created 0600 with O_EXCL, or opened as it is without following a link
 * and without blocking; either way fstat must show a regular file, one link, owned by us.
 * Throws a FolderError (the folder), an UnsafeFileError (the file) or the system error.
 */
export function openForAppend(file: string, folder: SafeFolder, options: OpenOptions = {}): OpenedFile {
	folder.ensure();
	// A file removed between the two opens is tried again: a second time only, as that is a race
	// with something deleting our files, which will be told by the next open.
	for (let attempt = 0; ; attempt++) {
		let fd: number;
		let created = true;
		try {
			fd = fs.openSync(file, createFlags, fileMode);
		} catch (error) {
			if (errorCode(error) !== 'EEXIST' || options.exclusive) {
				throw openError(file, error);
			}

			created = false;
			try {
				fd = fs.openSync(file, appendFlags);
			} catch (error2) {
				if (errorCode(error2) === 'ENOENT' && attempt === 0) {
					continue;
				}

				throw openError(file, error2);
			}
		}

		let reason: string | undefined;
		try {
			reason = unsafeReason(fd);
			if (reason === undefined && created) {
				// The mode given to open is cut by the umask; say exactly what we mean.
				fs.fchmodSync(fd, fileMode);
			}
		} catch (error) {
			fs.closeSync(fd);
			throw error;
		}

		if (reason !== undefined) {
			fs.closeSync(fd);
			throw new UnsafeFileError(`${reason} (${file})`);
		}

		return {fd, created};
	}
}

/**
 * A read-only descriptor of the very file `fd` is open on (the append descriptor cannot read),
 * through /proc/self/fd, so no path can lead elsewhere. Undefined when it cannot be read (a file
 * we may write but not read, mode 0200).
 */
export function readerOf(fd: number): number | undefined {
	let reader: number;
	try {
		reader = fs.openSync(`/proc/self/fd/${fd}`, O_RDONLY | O_NONBLOCK);
	} catch {
		return undefined;
	}

	const open = fs.fstatSync(fd);
	const read = fs.fstatSync(reader);
	if (open.dev !== read.dev || open.ino !== read.ino) {
		fs.closeSync(reader);
		return undefined;
	}

	return reader;
}
