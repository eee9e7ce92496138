import fs from 'node:fs';
import path from 'node:path';
import type {ByteUnit, DiskUnit} from '../model/units.js';
import type {Layout} from '../wazuh/reference.js';
import {errorCode} from '../safe-fs/errors.js';
import type {SafeFolder} from '../safe-fs/safe-folder.js';
import {openForAppend} from '../safe-fs/safe-open.js';

/*
 * `session.json`: what the CSVs of a session folder do not say themselves, the host they were
 * recorded on and how (interval, units, daemons), so `replay` and `report` can show it. Wazuh QA's
 * scripts read only the CSV paths they are given, so an extra file in the folder is harmless.
 */

/** Its name in the session folder. */
export const sessionFileName = 'session.json';

/** The file's content, as written and as read back (source/reader/session-file.ts checks it field by field). */
export type SessionFile = {
	readonly tool: 'wazuh-metrics';
	readonly toolVersion: string;
	/** `os.hostname()` of the host that recorded. */
	readonly host: string;
	/** As in the rows' Version column; empty when unknown. */
	readonly wazuhVersion: string;
	/**
	 * The watched installation's layout, as the Prometheus info metric names it: `manager-4`
	 * (/var/ossec), `manager-5` (/var/wazuh-manager), `agent`; empty when none was found.
	 */
	readonly layout: Layout | '';
	/** `-s`, seconds between samples. */
	readonly interval: number;
	/** When the run started, ISO 8601 with the local offset (`2026-11-28T09:30:28+01:00`). */
	readonly started: string;
	/** `-u`, unit of the process byte columns. */
	readonly units: ByteUnit;
	/** `--disk-unit`, unit of the disk Size column. */
	readonly diskUnit: DiskUnit;
	/** Daemon process names watched (or waited for). */
	readonly daemons: readonly string[];
	/**
	 * True: recorded from `--demo`, a simulated manager, not the host's Wazuh. Always written since
	 * it exists; a file of an earlier version has none, read as false.
	 */
	readonly demo?: boolean;
};

/** What a write did: wrote the file, or found one there and left it alone. */
export type SessionFileOutcome = 'written' | 'exists';

/**
 * Writes `session.json` in `folder`, only when there is none: created with O_EXCL | O_NOFOLLOW,
 * 0600, checked like a CSV (openForAppend), so anything already at that name, a file of an earlier
 * run into the same `--store-process` folder, a symlink or a FIFO someone planted, is never
 * followed nor replaced ('exists'; the caller decides whether that one is valid). The earlier run's
 * file is kept on purpose: the folder's older rows are that run's, and its file describes them.
 * A failed write removes what it created, so no half file stays. Throws a FolderError (the
 * folder), an UnsafeFileError or the system error.
 */
export function writeSessionFile(folder: SafeFolder, content: SessionFile): SessionFileOutcome {
	const file = path.join(folder.path, sessionFileName);
	let fd: number;
	try {
		({fd} = openForAppend(file, folder, {exclusive: true}));
	} catch (error) {
		if (errorCode(error) === 'EEXIST') {
			return 'exists';
		}

		throw error;
	}

	try {
		const bytes = Buffer.from(`${JSON.stringify(content, undefined, '\t')}\n`);
		let written = 0;
		while (written < bytes.length) {
			written += fs.writeSync(fd, bytes, written, bytes.length - written);
		}
	} catch (error) {
		fs.closeSync(fd);
		// Ours (created just now): a full disk must not leave a truncated file for readers to trip on.
		fs.rmSync(file, {force: true});
		throw error;
	}

	fs.closeSync(fd);
	return 'written';
}
