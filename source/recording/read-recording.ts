import path from 'node:path';
import {completeLines, splitCsvLine} from './csv-lines.js';
import {detectFileKind} from './detect-format.js';
import type {ParsedDiskFile, ParsedProcessFile} from './parsed-rows.js';
import {parseMonitor5DiskCsv, parseMonitor5ProcessCsv} from './parse-monitor5-csv.js';
import {parseToolDiskCsv, parseToolProcessCsv} from './parse-tool-csv.js';
import {listFolder, readRecordingFile, RecordingError} from './read-file.js';
import type {RecordedDiskPath, RecordedMetric, RecordedProcess, RecordedSample, Recording, RecordingFormat} from './recording.js';
import {monitor5Role, roleFromFileName, roleParts} from './roles.js';

export {RecordingError} from './read-file.js';

/** Where this tool puts the disk CSVs of a session (`--store-disk` aside). */
const diskSubfolder = 'files';

type ProcessPart = {role: string; file: string; parsed: ParsedProcessFile; format: RecordingFormat};

const byTime = (a: {time: number}, b: {time: number}): number => a.time - b.time;

function sortedByTime<T extends {time: number}>(samples: T[]): T[] {
	for (let index = 1; index < samples.length; index++) {
		if (samples[index]!.time < samples[index - 1]!.time) {
			return samples.sort(byTime);
		}
	}

	return samples;
}

/** Median step between consecutive rows of the process with the most rows, in seconds. */
function medianStep(processes: readonly RecordedProcess[]): number {
	const longest = processes.reduce<RecordedProcess | undefined>((best, next) => (best === undefined || next.samples.length > best.samples.length ? next : best), undefined);
	const samples = longest?.samples ?? [];
	const steps: number[] = [];
	for (let index = 1; index < samples.length; index++) {
		const step = samples[index]!.time - samples[index - 1]!.time;
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

/**
 * Reads a session folder (synchronously: a report needs all of it before it can say anything, and
 * a CLI has nothing else to do meanwhile). The folder's CSVs and those of its `files/` subfolder
 * are read as they are at this moment, so a folder still being recorded reads fine: a last line
 * without its newline is left out and told in `problems`. The format is told by each file's
 * header; files of another format than the folder's process files are left out and told.
 * Throws a RecordingError (one line) when the folder cannot be read or holds no recording.
 */
export function readRecording(folder: string): Recording {
	const root = path.resolve(folder);
	const problems: string[] = [];
	const top = listFolder(root);
	const files = [...top.csv];
	for (const link of top.links) {
		problems.push(`${link}: a symbolic link, not followed`);
	}

	if (top.folders.includes(diskSubfolder)) {
		const sub = listFolder(path.join(root, diskSubfolder));
		files.push(...sub.csv.map(name => path.join(diskSubfolder, name)));
		for (const link of sub.links) {
			problems.push(`${path.join(diskSubfolder, link)}: a symbolic link, not followed`);
		}
	}

	const processParts: ProcessPart[] = [];
	const diskParts: Array<{file: string; parsed: ParsedDiskFile; format: RecordingFormat}> = [];
	for (const file of files) {
		const text = readRecordingFile(path.join(root, file));
		const {lines, partial} = completeLines(text);
		if (partial) {
			problems.push(`${file}: a half-written last line, left out`);
		}

		if (lines.length === 0) {
			continue;
		}

		const header = splitCsvLine(lines[0]!);
		const rows = lines.slice(1);
		const kind = detectFileKind(header);
		switch (kind.kind) {
			case 'process': {
				const name = path.basename(file);
				const parsed = kind.format === 'wazuh5-monitor' ? parseMonitor5ProcessCsv(header, rows) : parseToolProcessCsv(header, rows);
				const role = kind.format === 'wazuh5-monitor' ? monitor5Role(name) : parsed.role ?? roleFromFileName(name);
				processParts.push({role, file, parsed, format: kind.format});
				if (parsed.badRows > 0) {
					problems.push(`${file}: ${parsed.badRows} row${parsed.badRows === 1 ? '' : 's'} without a readable timestamp or PID, left out`);
				}

				break;
			}

			case 'disk': {
				const parsed = kind.format === 'wazuh5-monitor' ? parseMonitor5DiskCsv(header, rows) : parseToolDiskCsv(header, rows);
				diskParts.push({file, parsed, format: kind.format});
				if (parsed.badRows > 0) {
					problems.push(`${file}: ${parsed.badRows} unreadable row${parsed.badRows === 1 ? '' : 's'}, left out`);
				}

				break;
			}

			default: {
				problems.push(`${file}: not a process or disk file of a known format (header ${lines[0]!.slice(0, 60)}), left out`);
			}
		}
	}

	const format = processParts[0]?.format ?? diskParts[0]?.format;
	if (format === undefined) {
		throw new RecordingError(`${root} holds no CSV file of this tool, of the Python original or of Wazuh 5's monitor.py`);
	}

	// The tool's and the original's disk files are alike: they go with either's process files.
	const family = (candidate: RecordingFormat): string => (candidate === 'wazuh5-monitor' ? candidate : 'tool');
	const processes = new Map<string, {files: string[]; samples: RecordedSample[]}>();
	const missing = new Set<RecordedMetric>();
	let version: string | undefined;
	for (const part of processParts) {
		if (part.format !== format) {
			problems.push(`${part.file}: written by ${part.format}, the folder by ${format}; left out`);
			continue;
		}

		for (const metric of part.parsed.missing) {
			missing.add(metric);
		}

		version ??= part.parsed.version;
		let entry = processes.get(part.role);
		if (!entry) {
			entry = {files: [], samples: []};
			processes.set(part.role, entry);
		}

		entry.files.push(part.file);
		// Not a spread: a long recording has more rows than a call may take arguments.
		for (const sample of part.parsed.samples) {
			entry.samples.push(sample);
		}
	}

	const recordedProcesses: RecordedProcess[] = [...processes]
		.map(([role, entry]) => ({role, ...roleParts(role), files: entry.files, samples: sortedByTime(entry.samples)}))
		.sort((a, b) => a.daemon.localeCompare(b.daemon) || a.childIndex - b.childIndex);
	const disk: RecordedDiskPath[] = [];
	for (const part of diskParts) {
		if (family(part.format) !== family(format)) {
			problems.push(`${part.file}: written by ${part.format}, the folder by ${format}; left out`);
			continue;
		}

		for (const entry of part.parsed.paths) {
			disk.push({path: entry.path, file: part.file, samples: sortedByTime(entry.samples)});
		}
	}

	return {
		folder: root,
		format,
		host: undefined,
		version,
		interval: medianStep(recordedProcesses),
		processes: recordedProcesses,
		disk,
		missingColumns: [...missing],
		problems,
	};
}
