import path from 'node:path';
import {stringify} from 'csv-stringify/sync';
import type {StatsSnapshot} from '../model/daemon-stats.js';
import {CsvFile, type CsvRow} from './csv-file.js';
import {type FilesStatus, filesStatus} from './files-status.js';
import {canAppendTo} from './existing-header.js';
import {FolderNames} from './file-names.js';
import {statsFileRows, type StatsFileRow} from './stats-routes.js';
import {SafeFolder} from '../safe-fs/safe-folder.js';

/** `--store-stats` when not given: a `stats` folder inside the process recording's folder. */
export function defaultStatsFolder(processFolder: string): string {
	return path.join(processFolder, 'stats');
}

export type StatsRecorderOptions = {
	/** `--store-stats`: the folder of the statistics CSVs, created (0700) at the first row. */
	readonly folder: string;
	/** Opens a CSV for appending; for tests that need a failing file (`/dev/full`). */
	readonly openFile?: (path: string) => number;
	/** Per file: rows kept in memory while it cannot be written. Default 10,000. */
	readonly maxPendingRows?: number;
};

export type StatsRecorderStatus = FilesStatus & {
	readonly folder: string;
};

/**
 * Writes the daemons' own statistics (`StatsSnapshot`s) in the CSV formats Wazuh's tools write
 * and read (stats-routes.ts says which file gets what): one row per daemon and round, appended,
 * the header only in a new file, through the same CsvFile as the process recording (root-safe
 * opening in a checked folder, each round handed to the kernel before the next, rows kept in
 * memory while a file cannot be written). Write errors never throw: `status()` tells.
 */
export class StatsRecorder {
	private readonly options: StatsRecorderOptions;
	private readonly folder: SafeFolder;
	private readonly names = new FolderNames();
	/** By stem, so every round of a format goes to the file its first row opened. */
	private readonly byStem = new Map<string, CsvFile>();
	private readonly files: CsvFile[] = [];
	/** The first round's time: monitor.py's `elapsed_s` counts from it. */
	private firstRound: number | undefined;
	private closed = false;

	constructor(options: StatsRecorderOptions) {
		this.options = options;
		this.folder = new SafeFolder(options.folder);
	}

	/** Appends this round's rows, every file's before returning. Ignored after `close`. */
	writeSnapshot(snapshot: StatsSnapshot): void {
		if (this.closed) {
			return;
		}

		this.firstRound ??= snapshot.time;
		const context = {roundTime: snapshot.time, elapsedMs: snapshot.time - this.firstRound};
		const rows = new Map<CsvFile, CsvRow[]>();
		for (const daemon of snapshot.daemons) {
			for (const row of statsFileRows(daemon, context)) {
				const file = this.file(row);
				const fileRows = rows.get(file) ?? [];
				fileRows.push(row.cells);
				rows.set(file, fileRows);
			}
		}

		for (const [file, fileRows] of rows) {
			file.append(fileRows);
		}

		// A file that got nothing this round (its daemon down) may still hold rows of a failed write.
		for (const file of this.files) {
			if (!rows.has(file) && file.pendingRows > 0) {
				file.flush();
			}
		}
	}

	status(): StatsRecorderStatus {
		return {
			folder: this.options.folder,
			...filesStatus(this.files),
		};
	}

	/** Writes what it can and closes every file; later snapshots are ignored. Idempotent. */
	close(): void {
		if (this.closed) {
			return;
		}

		this.closed = true;
		for (const file of this.files) {
			file.close();
		}
	}

	private file(row: StatsFileRow): CsvFile {
		let file = this.byStem.get(row.stem);
		if (!file) {
			// An existing file with other columns (another tool's, an older format) keeps its rows:
			// this one becomes `<stem>_2.csv`, as in the process recording.
			const headerLine = stringify([[...row.header]]).replace(/\r?\n$/, '');
			const fileName = this.names.claim(row.stem, candidate => canAppendTo(path.join(this.options.folder, candidate), headerLine));
			file = new CsvFile(path.join(this.options.folder, fileName), row.header, {
				openFile: this.options.openFile,
				folder: this.folder,
				maxPendingRows: this.options.maxPendingRows,
				lineEnding: row.lineEnding,
			});
			this.byStem.set(row.stem, file);
			this.files.push(file);
		}

		return file;
	}
}
