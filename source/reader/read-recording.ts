import fs from 'node:fs';
import path from 'node:path';
import {completeLines, splitCsvLine} from './csv-lines.js';
import {detectFileKind, type FileKind} from './detect-format.js';
import type {ParsedDiskFile} from './parsed-rows.js';
import {monitor5ProcessPlan, parseMonitor5DiskCsv} from './parse-monitor5-csv.js';
import {parseToolDiskCsv, toolProcessPlan} from './parse-tool-csv.js';
import {ProcessColumns} from './process-columns.js';
import {ProcessRowReader} from './process-rows.js';
import {listFolder, readRecordingBytes, RecordingError} from './read-file.js';
import type {RecordedDiskPath, RecordedDiskSample, RecordedMetric, RecordedProcess, Recording, RecordingFormat} from './recording.js';
import {roleFromFileName, roleParts} from './roles.js';
import {readSessionFile} from './session-file.js';
import {StatsFilesReader} from './stats-read.js';

export {RecordingError} from './read-file.js';

/** Where this tool puts the disk CSVs of a session (`--store-disk` aside). */
const diskSubfolder = 'files';
/** Where this tool puts the statistics CSVs of a session (`--store-stats` aside). */
const statsSubfolder = 'stats';
const newline = 10;

/** One CSV of the folder and how far it has been read. */
type TrackedFile = {
	/** Relative to the folder. */
	readonly file: string;
	/** Bytes read up to the end of the last complete line. */
	offset: number;
	/** The last read ended in a line without its newline (a row being written). */
	partial: boolean;
	/** Why the file is no longer read (it could not be, or it shrank), once something went wrong. */
	problem: string | undefined;
	/** Known once its header line is complete. */
	kind: FileKind | undefined;
	header: string[];
	rows: ProcessRowReader | undefined;
	disk: {byPath: Map<string, RecordedDiskSample[]>; badRows: number} | undefined;
};

const byTime = (a: {time: number}, b: {time: number}): number => a.time - b.time;

/** Median step between consecutive rows of the process with the most rows, in seconds. */
function medianStep(processes: readonly RecordedProcess[]): number {
	const longest = processes.reduce<RecordedProcess | undefined>((best, next) => (best === undefined || next.length > best.length ? next : best), undefined);
	const times = longest?.times ?? new Float64Array(0);
	const steps: number[] = [];
	for (let index = 1; index < times.length; index++) {
		const step = times[index]! - times[index - 1]!;
		if (step > 0) {
			steps.push(step);
		}
	}

	if (steps.length === 0) {
		return 1;
	}

	steps.sort((a, b) => a - b);
	return steps[Math.floor(steps.length / 2)]! / 1000;
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * A session folder read, and read again as it grows: each `read()` takes what was appended to its
 * CSVs since the last one (new files too), never a line without its newline, so a folder still
 * being recorded reads fine and `replay` can follow it. The format is told by each file's header;
 * files of another format than the folder's process files are left out and told.
 */
export class RecordingReader {
	readonly folder: string;
	private readonly files = new Map<string, TrackedFile>();
	private links: string[] = [];
	private folderProblem: string | undefined;
	private readonly statsFiles: StatsFilesReader;

	/** Throws a RecordingError (one line) when the folder cannot be read or is a link. */
	constructor(folder: string) {
		this.folder = path.resolve(folder);
		listFolder(this.folder);
		this.statsFiles = new StatsFilesReader(this.folder);
	}

	/** Bytes the next `read()` would take (what the CSVs hold beyond what was read), to say a long read is coming. */
	unreadBytes(): number {
		let total = 0;
		const add = (folder: string, names: readonly string[], prefix: string): void => {
			for (const name of names) {
				try {
					total += Math.max(0, fs.lstatSync(path.join(folder, name)).size - (this.files.get(prefix + name)?.offset ?? 0));
				} catch {}
			}
		};

		const top = listFolder(this.folder);
		add(this.folder, top.csv, '');
		if (top.folders.includes(diskSubfolder)) {
			try {
				add(path.join(this.folder, diskSubfolder), listFolder(path.join(this.folder, diskSubfolder)).csv, `${diskSubfolder}${path.sep}`);
			} catch {}
		}

		return total;
	}

	/** Reads what was added since the last read. True when a row came (or a file's header). */
	read(): boolean {
		const top = listFolder(this.folder);
		const names = [...top.csv];
		const links = [...top.links];
		let folderProblem: string | undefined;
		if (top.folders.includes(diskSubfolder)) {
			try {
				const sub = listFolder(path.join(this.folder, diskSubfolder));
				names.push(...sub.csv.map(name => path.join(diskSubfolder, name)));
				links.push(...sub.links.map(name => path.join(diskSubfolder, name)));
			} catch (error: unknown) {
				// An unreadable `files` folder: the process files still read.
				folderProblem = `${diskSubfolder}/: ${error instanceof Error ? error.message : String(error)}; its disk files left out`;
			}
		}

		// The statistics files: this tool's in `stats/`, monitor.py's beside its process files.
		const statsNames = names.filter(name => StatsFilesReader.isStatsFile(name));
		if (top.folders.includes(statsSubfolder)) {
			try {
				const sub = listFolder(path.join(this.folder, statsSubfolder));
				statsNames.push(...sub.csv.filter(name => StatsFilesReader.isStatsFile(name)).map(name => path.join(statsSubfolder, name)));
				links.push(...sub.links.map(name => path.join(statsSubfolder, name)));
			} catch (error: unknown) {
				folderProblem = `${statsSubfolder}/: ${error instanceof Error ? error.message : String(error)}; its statistics left out`;
			}
		}

		this.statsFiles.read(statsNames);
		this.links = links;
		this.folderProblem = folderProblem;
		let grew = false;
		for (const name of names.filter(name => !StatsFilesReader.isStatsFile(name))) {
			let tracked = this.files.get(name);
			if (!tracked) {
				tracked = {file: name, offset: 0, partial: false, problem: undefined, kind: undefined, header: [], rows: undefined, disk: undefined};
				this.files.set(name, tracked);
			}

			if (tracked.problem === undefined && this.readFile(tracked)) {
				grew = true;
			}
		}

		return grew;
	}

	private readFile(tracked: TrackedFile): boolean {
		let chunk: {bytes: Buffer; size: number};
		try {
			chunk = readRecordingBytes(path.join(this.folder, tracked.file), tracked.offset);
		} catch (error: unknown) {
			tracked.problem = `${tracked.file}: ${error instanceof Error ? error.message : String(error)}; left out`;
			return false;
		}

		if (chunk.size < tracked.offset) {
			tracked.problem = `${tracked.file}: shrank while being read (cut or replaced); its later rows are left out`;
			return false;
		}

		const {bytes} = chunk;
		const end = bytes.lastIndexOf(newline) + 1;
		tracked.partial = end < bytes.length;
		if (end === 0) {
			return false;
		}

		let start = 0;
		if (tracked.kind === undefined) {
			start = bytes.indexOf(newline) + 1;
			const header = splitCsvLine(bytes.toString('utf8', 0, start - 1).replace(/\r$/, ''));
			tracked.header = header;
			tracked.kind = detectFileKind(header);
			if (tracked.kind.kind === 'process') {
				const plan = tracked.kind.format === 'wazuh5-monitor' ? monitor5ProcessPlan(header) : toolProcessPlan(header);
				tracked.rows = new ProcessRowReader(plan, new ProcessColumns());
			} else if (tracked.kind.kind === 'disk') {
				tracked.disk = {byPath: new Map(), badRows: 0};
			}
		}

		tracked.offset += end;
		if (tracked.rows) {
			tracked.rows.read(bytes, start, end);
		} else if (tracked.disk && tracked.kind?.kind === 'disk') {
			const {lines} = completeLines(bytes.toString('utf8', start, end));
			const parsed: ParsedDiskFile = tracked.kind.format === 'wazuh5-monitor' ? parseMonitor5DiskCsv(tracked.header, lines) : parseToolDiskCsv(tracked.header, lines);
			tracked.disk.badRows += parsed.badRows;
			for (const entry of parsed.paths) {
				let samples = tracked.disk.byPath.get(entry.path);
				if (!samples) {
					samples = [];
					tracked.disk.byPath.set(entry.path, samples);
				}

				for (const sample of entry.samples) {
					samples.push(sample);
				}
			}
		}

		return true;
	}

	/**
	 * The recording as read so far. Process columns are views, not copies, of what was read (a
	 * role written to two files is the one exception); the next `read()` may replace them.
	 * Throws a RecordingError when the folder holds no CSV of a known format.
	 */
	recording(): Recording {
		const problems: string[] = this.links.map(link => `${link}: a symbolic link, not followed`);
		if (this.folderProblem !== undefined) {
			problems.push(this.folderProblem);
		}

		const tracked = [...this.files.values()].sort((a, b) => a.file.localeCompare(b.file));
		for (const file of tracked) {
			if (file.problem !== undefined) {
				problems.push(file.problem);
			} else if (file.partial) {
				problems.push(`${file.file}: a half-written last line, left out`);
			}

			if (file.kind?.kind === 'unknown') {
				problems.push(`${file.file}: not a process or disk file of a known format (header ${file.header.join(',').slice(0, 60)}), left out`);
			}
		}

		const processFiles = tracked.filter(file => file.kind?.kind === 'process');
		const diskFiles = tracked.filter(file => file.kind?.kind === 'disk');
		const format = processFiles[0]?.kind?.kind === 'process' ? processFiles[0].kind.format : (diskFiles[0]?.kind?.kind === 'disk' ? diskFiles[0].kind.format : undefined);
		if (format === undefined) {
			throw new RecordingError(`${this.folder} holds no CSV file of this tool, of the Python original or of Wazuh 5's monitor.py`);
		}

		const formatOf = (file: TrackedFile): RecordingFormat | undefined => (file.kind?.kind === 'process' || file.kind?.kind === 'disk' ? file.kind.format : undefined);
		const roles = new Map<string, TrackedFile[]>();
		const missing = new Set<RecordedMetric>();
		let version: string | undefined;
		for (const file of processFiles) {
			if (formatOf(file) !== format) {
				problems.push(`${file.file}: written by ${formatOf(file)}, the folder by ${format}; left out`);
				continue;
			}

			const rows = file.rows!;
			for (const metric of rows.plan.missing) {
				missing.add(metric);
			}

			if (rows.badRows > 0) {
				problems.push(`${file.file}: ${plural(rows.badRows, 'row')} without a readable timestamp or PID, left out`);
			}

			version ??= rows.version;
			const name = path.basename(file.file);
			const role = format === 'wazuh5-monitor' ? roleFromFileName(name) : rows.role ?? roleFromFileName(name);
			roles.set(role, [...roles.get(role) ?? [], file]);
		}

		const processes: RecordedProcess[] = [...roles]
			.map(([role, files]) => {
				const {daemon, childIndex} = roleParts(role);
				const names = files.map(file => file.file);
				if (files.length === 1) {
					return files[0]!.rows!.columns.view(role, daemon, childIndex, names);
				}

				// Wazuh 5's monitor writes a file per PID of a program: one role, rows in time order.
				const merged = new ProcessColumns(files.reduce((sum, file) => sum + file.rows!.columns.length, 0));
				for (const file of files) {
					merged.append(file.rows!.columns);
				}

				return merged.view(role, daemon, childIndex, names);
			})
			.sort((a, b) => a.daemon.localeCompare(b.daemon) || a.childIndex - b.childIndex);

		// The tool's and the original's disk files are alike: they go with either's process files.
		const family = (candidate: RecordingFormat | undefined): string => (candidate === 'wazuh5-monitor' ? candidate : 'tool');
		const disk: RecordedDiskPath[] = [];
		for (const file of diskFiles) {
			if (family(formatOf(file)) !== family(format)) {
				problems.push(`${file.file}: written by ${formatOf(file)}, the folder by ${format}; left out`);
				continue;
			}

			if (file.disk!.badRows > 0) {
				problems.push(`${file.file}: ${plural(file.disk!.badRows, 'unreadable row')}, left out`);
			}

			for (const [diskPath, samples] of file.disk!.byPath) {
				disk.push({path: diskPath, file: file.file, samples: [...samples].sort(byTime)});
			}
		}

		// What the rows do not say: the host, and the interval exactly (session.json, this tool's).
		const session = readSessionFile(this.folder);
		if (session.problem !== undefined) {
			problems.push(session.problem);
		}

		// The rows' Version column first: it is what each sample was recorded with.
		version ??= session.info?.wazuhVersion || undefined;
		const measured = medianStep(processes);
		// The file is the first run's of the folder: its interval counts only when the rows agree.
		const recorded = session.info?.interval;
		const interval = recorded !== undefined && Math.abs(recorded - measured) <= measured / 10 ? recorded : measured;
		const stats = this.statsFiles.stats();
		problems.push(...stats.problems);
		return {
			folder: this.folder,
			format,
			host: session.info?.host,
			demo: session.info?.demo === true,
			wazuhVersion: version,
			interval,
			processes,
			disk,
			missingColumns: [...missing],
			...(stats.stats.length === 0 ? {} : {stats: stats.stats}),
			problems,
		};
	}
}

/**
 * Reads a session folder as it is now (synchronously: a report needs all of it before it can say
 * anything, and a CLI has nothing else to do meanwhile). A last line without its newline is left
 * out and told in `problems`. Throws a RecordingError (one line) when the folder cannot be read or
 * holds no recording.
 */
export function readRecording(folder: string): Recording {
	const reader = new RecordingReader(folder);
	reader.read();
	return reader.recording();
}
