export {CsvFile, type CsvFileOptions, type CsvRow, type CsvValue, defaultMaxPendingRows} from './csv-file.js';
export {FolderError} from './errors.js';
export {SafeFolder} from './safe-folder.js';
export {defaultLogPath, type LogLevel, Logger, type LoggerOptions} from './logger.js';
export {Recorder, type RecorderOptions, type RecorderStatus} from './recorder.js';
export {
	assertWritable,
	createSessionFolder,
	defaultDiskFolder,
	defaultProcessFolder,
	defaultStateRoot,
	type SessionFolderOptions,
} from './session-folder.js';
