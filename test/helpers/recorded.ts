import {ProcessColumns} from '../../source/reader/process-columns.js';
import {recordedMetrics, type RecordedProcess, type RecordedSample} from '../../source/reader/recording.js';

/** One row as an object (undefined where nothing was recorded). */
export function sampleAt(process: RecordedProcess, index: number): RecordedSample {
	const sample: Record<string, number | undefined> = {time: process.times[index]!, pid: process.pids[index]!};
	for (const metric of recordedMetrics) {
		const value = process.values[metric][index]!;
		sample[metric] = Number.isNaN(value) ? undefined : value;
	}

	return sample as RecordedSample;
}

/** A process from row objects (fixtures, tests), sorted by time. */
export function processFromSamples(role: string, daemon: string, childIndex: number, samples: readonly RecordedSample[], files: readonly string[] = []): RecordedProcess {
	const columns = new ProcessColumns(Math.max(1, samples.length));
	for (const sample of samples) {
		columns.reserve(1);
		columns.pids[columns.length] = sample.pid;
		for (const metric of recordedMetrics) {
			columns.values[metric][columns.length] = sample[metric] ?? Number.NaN;
		}

		columns.commit(sample.time);
	}

	return columns.view(role, daemon, childIndex, files);
}
