import path from 'node:path';
import type {DaemonStats} from '../model/daemon-stats.js';
import {IntervalSums} from '../collect/stats/interval-sums.js';
import {perIntervalFormat} from '../collect/stats/state-files.js';
import {completeLines, splitCsvLine} from './csv-lines.js';
import {readRecordingBytes} from './read-file.js';
import type {RecordedStats} from './recording.js';
import {columnPlan, type ColumnPlan, parseStatsRow, rowStats, statsFileFormat, type StatsFileFormat} from './stats-formats.js';

/** Bytes read from one statistics file per `read()`: a file grows by a row per daemon every few seconds. */
const maxChunk = 64 * 1024 * 1024;
/** Rows kept per file: 8 hours at 1 s, twice over. */
const maxRows = 60_000;
const newline = 10;

type StatsFile = {
	/** Relative to the recording's folder. */
	readonly file: string;
	readonly format: StatsFileFormat;
	offset: number;
	partial: boolean;
	plan: ColumnPlan | undefined;
	problem: string | undefined;
	badRows: number;
	dropped: number;
	readonly sums: IntervalSums;
	readonly rows: DaemonStats[];
};

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * The statistics files of a recording (the `stats/` folder this tool writes, or monitor.py's
 * `stats-api-*.csv` beside its process files), read and read again as they grow, with the
 * process files' safety: no link followed (the caller lists the folder), only regular files, each
 * read bounded. A row that cannot be read is left out and counted in `problems`.
 */
export class StatsFilesReader {
	private readonly folder: string;
	private readonly files = new Map<string, StatsFile>();

	constructor(folder: string) {
		this.folder = folder;
	}

	/** Whether `name` (a file's name) is a statistics file this reads. */
	static isStatsFile(name: string): boolean {
		return statsFileFormat(name) !== undefined;
	}

	/** Reads what was added to `files` (relative to the folder) since the last read. */
	read(files: readonly string[]): void {
		for (const file of files) {
			const format = statsFileFormat(path.basename(file));
			if (format === undefined) {
				continue;
			}

			let tracked = this.files.get(file);
			if (!tracked) {
				tracked = {file, format, offset: 0, partial: false, plan: undefined, problem: undefined, badRows: 0, dropped: 0, sums: new IntervalSums(), rows: []};
				this.files.set(file, tracked);
			}

			if (tracked.problem === undefined) {
				this.readFile(tracked);
			}
		}
	}

	private readFile(tracked: StatsFile): void {
		let chunk: {bytes: Buffer; size: number};
		for (;;) {
			try {
				chunk = readRecordingBytes(path.join(this.folder, tracked.file), tracked.offset, maxChunk);
			} catch (error: unknown) {
				tracked.problem = `${tracked.file}: ${error instanceof Error ? error.message : String(error)}; left out`;
				return;
			}

			if (chunk.size < tracked.offset) {
				tracked.problem = `${tracked.file}: shrank while being read (cut or replaced); its later rows are left out`;
				return;
			}

			const end = chunk.bytes.lastIndexOf(newline) + 1;
			tracked.partial = end < chunk.bytes.length;
			if (end === 0) {
				if (chunk.bytes.length >= maxChunk) {
					tracked.problem = `${tracked.file}: a line longer than ${maxChunk} bytes; left out`;
				}

				return;
			}

			tracked.offset += end;
			this.takeLines(tracked, completeLines(chunk.bytes.toString('utf8', 0, end)).lines);
			if (tracked.offset >= chunk.size || tracked.problem !== undefined) {
				return;
			}
		}
	}

	private takeLines(tracked: StatsFile, lines: readonly string[]): void {
		for (const line of lines) {
			const cells = splitCsvLine(line);
			if (tracked.plan === undefined) {
				const plan = columnPlan(tracked.format, cells);
				if (typeof plan === 'string') {
					tracked.problem = `${tracked.file}: ${plan} (header ${line.slice(0, 60)}); left out`;
					return;
				}

				tracked.plan = plan;
				continue;
			}

			try {
				let parsed = parseStatsRow(tracked.format, tracked.plan, cells);
				if (!('down' in parsed) && parsed.format === perIntervalFormat) {
					// 4.0–4.3 analysisd counts per state interval: running totals, as the collector keeps.
					parsed = tracked.sums.add(parsed);
				}

				tracked.rows.push(rowStats(tracked.format, tracked.file, parsed));
				if (tracked.rows.length > maxRows) {
					tracked.rows.shift();
					tracked.dropped++;
				}
			} catch {
				tracked.badRows++;
			}
		}
	}

	/** Each daemon's rows, by its own time (a daemon recorded in two files, socket then state file, in one series). */
	stats(): {stats: RecordedStats[]; problems: string[]} {
		const problems: string[] = [];
		const byDaemon = new Map<string, {files: string[]; rows: DaemonStats[]; first: StatsFile}>();
		for (const tracked of [...this.files.values()].sort((a, b) => a.file.localeCompare(b.file))) {
			if (tracked.problem !== undefined) {
				problems.push(tracked.problem);
			} else if (tracked.partial) {
				problems.push(`${tracked.file}: a half-written last line, left out`);
			}

			if (tracked.badRows > 0) {
				problems.push(`${tracked.file}: ${plural(tracked.badRows, 'unreadable row')}, left out`);
			}

			if (tracked.dropped > 0) {
				problems.push(`${tracked.file}: more than ${maxRows} rows; its first ${tracked.dropped} left out`);
			}

			if (tracked.rows.length === 0) {
				continue;
			}

			const entry = byDaemon.get(tracked.format.daemon) ?? {files: [], rows: [], first: tracked};
			entry.files.push(tracked.file);
			entry.rows.push(...tracked.rows);
			byDaemon.set(tracked.format.daemon, entry);
		}

		const stats = [...byDaemon].map(([daemon, {files, rows, first}]): RecordedStats => ({
			daemon,
			kind: first.format.kind,
			files,
			rows: rows.sort((a, b) => (a.time ?? 0) - (b.time ?? 0)),
		}));
		return {stats: stats.sort((a, b) => a.daemon.localeCompare(b.daemon)), problems};
	}
}
