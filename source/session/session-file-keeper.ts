import path from 'node:path';
import type {Logger} from '../recorder/logger.js';
import {type SessionFile, sessionFileName, writeSessionFile} from '../recorder/session-file-writer.js';
import {readSessionFile} from '../reader/session-file.js';
import {describeError} from '../safe-fs/errors.js';
import {SafeFolder} from '../safe-fs/safe-folder.js';

/**
 * Writes session.json into the session folder once rows are there, never before: a run that
 * records nothing (quit before the first sample, a named daemon that never came) leaves its folder
 * as it was, and an empty default folder stays removable. Tried again at later ticks after a
 * failure (a full disk), which is logged once; a failure never stops the run, the CSVs are what
 * matters. An earlier run's file in the same folder is kept (see writeSessionFile).
 */
export class SessionFileKeeper {
	/** The content until it is written (or found there). */
	private content: SessionFile | undefined;
	/** A failed write was logged: later attempts fail quietly until one succeeds. */
	private failed = false;

	constructor(private readonly folder: string, content: SessionFile, private readonly logger: Logger) {
		this.content = content;
	}

	/** After each write of rows: writes the file once some exist. */
	rowsWritten(count: number): void {
		const {content, folder} = this;
		if (content === undefined || count === 0) {
			return;
		}

		try {
			const outcome = writeSessionFile(new SafeFolder(folder), content);
			this.content = undefined;
			if (outcome === 'written') {
				this.logger.debug(`wrote ${path.join(folder, sessionFileName)}`);
				return;
			}

			const existing = readSessionFile(folder);
			if (existing.problem === undefined) {
				this.logger.info(`${sessionFileName} of an earlier run kept in ${folder} (host ${existing.info?.host ?? '?'}, started ${existing.info?.started ?? '?'})`);
			} else {
				this.logger.warn(`${existing.problem.replace(/; ignored$/, '')}: left as it is, not replaced (${folder})`);
			}
		} catch (error) {
			if (!this.failed) {
				this.failed = true;
				this.logger.warn(`cannot write ${sessionFileName} in ${folder}: ${describeError(error)}; recording goes on without it, tried again at the next ticks`);
			}
		}
	}
}
