import path from 'node:path';
import type {CsvFile} from './csv-file.js';

/** What a set of CSV files says of itself: rows written, waiting and lost, and the problem, if any. */
export type FilesStatus = {
	readonly files: readonly string[];
	readonly rowsWritten: number;
	/** Rows waiting in memory for a file that cannot be written. */
	readonly pendingRows: number;
	/** Rows dropped because a file could not be written for too long, or at close. */
	readonly lostRows: number;
	/** The current write problem, `wazuh-db.csv: no space left on device (ENOSPC)`; absent when all is well. */
	readonly error?: string;
};

/**
 * The files' counts summed. The file failing longest names the problem: on a filling disk the
 * files fail one by one as each one's last block fills up, and naming another one each time would
 * read as a new problem (the CLI prints one line per change of this text).
 */
export function filesStatus(files: readonly CsvFile[]): FilesStatus {
	let rowsWritten = 0;
	let pendingRows = 0;
	let lostRows = 0;
	let error: string | undefined;
	let failingSince = Number.POSITIVE_INFINITY;
	for (const file of files) {
		rowsWritten += file.rowsWritten;
		pendingRows += file.pendingRows;
		lostRows += file.lostRows;
		if (file.lastError !== undefined && file.failingSince !== undefined && file.failingSince < failingSince) {
			failingSince = file.failingSince;
			error = `${path.basename(file.path)}: ${file.lastError}`;
		}
	}

	return {files: files.map(file => file.path), rowsWritten, pendingRows, lostRows, ...(error === undefined ? {} : {error})};
}
