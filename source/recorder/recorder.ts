import path from 'node:path';
import {stringify} from 'csv-stringify/sync';
import {diskCsvHeader, diskCsvRow} from '../model/disk-fields.js';
import {processCsvHeader, processCsvRow} from '../model/process-csv.js';
import type {ByteUnit, DiskUnit} from '../model/units.js';
import type {DiskSnapshot, Snapshot} from '../model/snapshot.js';
import {CsvFile, type CsvRow} from './csv-file.js';
import {type FilesStatus, filesStatus} from './files-status.js';
import {canAppendTo} from './existing-header.js';
import {diskFileStem, FolderNames, processFileStem} from './file-names.js';
import {SafeFolder} from '../safe-fs/safe-folder.js';

export type RecorderOptions = {
	/** Session folder: one CSV per process role. */
	readonly processFolder: string;
	/** Folder of the disk CSVs; created only when the first disk row arrives. */
	readonly diskFolder: string;
	/** `-u`: unit of the process byte columns. */
	readonly unit: ByteUnit;
	/** `--disk-unit`: unit of the disk Size column. */
	readonly diskUnit: DiskUnit;
	/** Opens a CSV for appending; for tests that need a failing file (`/dev/full`). */
	readonly openFile?: (path: string) => number;
	/** Per file: rows kept in memory while it cannot be written. Default 10,000. */
	readonly maxPendingRows?: number;
};

export type RecorderStatus = FilesStatus & {
	readonly folder: string;
	readonly diskFolder: string;
};

/**
 * Writes snapshots to CSVs: one file per process role (`wazuh_apid_child_1.csv`), continued across
 * restarts of the role's PID and across runs on the same folder, and one file per disk path.
 *
 * A disk path that does not exist writes no row, like a vanished process: an empty Size would
 * read as "0" to some plotting scripts, and the gap itself says the path was missing.
 *
 * Write errors never throw: rows wait in memory (bounded) and `status()` says what is wrong.
 */
export class Recorder {
	private readonly options: RecorderOptions;
	private readonly processHeader: string[];
	private readonly diskHeader: string[];
	/** By role name. */
	private readonly processFiles = new Map<string, CsvFile>();
	/** By absolute path, so each path keeps the name it got at its first appearance. */
	private readonly diskFiles = new Map<string, CsvFile>();
	/** By resolved folder, so a disk folder equal to the session folder cannot reuse a process file's name. */
	private readonly folderNames = new Map<string, FolderNames>();
	/** By resolved folder: the files of a folder share its check and its pinned identity (safe-folder.ts). */
	private readonly safeFolders = new Map<string, SafeFolder>();
	/** Every file in creation order. */
	private readonly files: CsvFile[] = [];
	private closed = false;

	constructor(options: RecorderOptions) {
		this.options = options;
		this.processHeader = processCsvHeader(options.unit);
		this.diskHeader = diskCsvHeader(options.diskUnit);
	}

	/** Appends one row per sample, all with the snapshot's version and timestamp. Ignored after `close`. */
	writeSnapshot(snapshot: Snapshot): void {
		if (this.closed) {
			return;
		}

		const context = {wazuhVersion: snapshot.wazuhVersion, timestamp: snapshot.timestamp, unit: this.options.unit};
		const rows = new Map<CsvFile, CsvRow[]>();
		for (const sample of snapshot.samples) {
			const file = this.processFile(sample.role);
			const fileRows = rows.get(file) ?? [];
			fileRows.push(processCsvRow(sample, context));
			rows.set(file, fileRows);
		}

		this.appendAll(rows);
	}

	/** Appends one row per existing path. Ignored after `close`. */
	writeDiskSnapshot(snapshot: DiskSnapshot): void {
		if (this.closed) {
			return;
		}

		const rows = new Map<CsvFile, CsvRow[]>();
		for (const sample of snapshot.samples) {
			if (!sample.exists) {
				continue;
			}

			// Before its first walk a directory's size is unknown: a gap, like a missing path, rather
			// than an empty Size that plotting scripts would read as 0.
			if (sample.problem === 'measuring') {
				continue;
			}

			const file = this.diskFile(sample.path, sample.file);
			const fileRows = rows.get(file) ?? [];
			fileRows.push(diskCsvRow(sample, snapshot.timestamp, this.options.diskUnit));
			rows.set(file, fileRows);
		}

		this.appendAll(rows);
	}

	status(): RecorderStatus {
		return {
			folder: this.options.processFolder,
			diskFolder: this.options.diskFolder,
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

	private appendAll(rows: Map<CsvFile, CsvRow[]>): void {
		for (const [file, fileRows] of rows) {
			file.append(fileRows);
		}

		// A file whose role vanished still holds rows from a failed write: retry them as well.
		for (const file of this.files) {
			if (!rows.has(file) && file.pendingRows > 0) {
				file.flush();
			}
		}
	}

	private processFile(role: string): CsvFile {
		let file = this.processFiles.get(role);
		if (!file) {
			file = this.createFile(this.options.processFolder, processFileStem(role), this.processHeader);
			this.processFiles.set(role, file);
		}

		return file;
	}

	private diskFile(diskPath: string, basename: string): CsvFile {
		let file = this.diskFiles.get(diskPath);
		if (!file) {
			file = this.createFile(this.options.diskFolder, diskFileStem(basename), this.diskHeader);
			this.diskFiles.set(diskPath, file);
		}

		return file;
	}

	private createFile(folder: string, stem: string, header: string[]): CsvFile {
		const key = path.resolve(folder);
		let names = this.folderNames.get(key);
		if (!names) {
			names = new FolderNames();
			this.folderNames.set(key, names);
		}

		let safeFolder = this.safeFolders.get(key);
		if (!safeFolder) {
			safeFolder = new SafeFolder(key);
			this.safeFolders.set(key, safeFolder);
		}

		const headerLine = stringify([header]).replace(/\r?\n$/, '');
		const fileName = names.claim(stem, candidate => canAppendTo(path.join(folder, candidate), headerLine));
		const file = new CsvFile(path.join(folder, fileName), header, {
			openFile: this.options.openFile,
			folder: safeFolder,
			maxPendingRows: this.options.maxPendingRows,
		});
		this.files.push(file);
		return file;
	}
}
