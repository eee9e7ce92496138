import type {RecordedDiskSample} from './recording.js';

export type ParsedDiskFile = {
	readonly paths: Array<{readonly path: string; readonly samples: RecordedDiskSample[]}>;
	readonly badRows: number;
};
