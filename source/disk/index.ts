export {DiskUsageTracker, type DiskUsageTrackerEvents, type DiskUsageTrackerOptions} from './disk-usage-tracker.js';
export {directorySize, type DirectorySize, type WalkEntry, type WalkIo, type WalkStats} from './directory-size.js';
export type {DiskSample, DiskSnapshot} from '../monitor/snapshot.js';
