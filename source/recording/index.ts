export type {RecordedDiskPath, RecordedDiskSample, RecordedMetric, RecordedProcess, RecordedSample, Recording, RecordingFormat} from './recording.js';
export {recordedMetrics} from './recording.js';
export {readRecording, RecordingError} from './read-recording.js';
