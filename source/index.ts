/**
 * wazuh-metrics as a library: the collector (`Monitor`), the disk usage tracker, the process
 * reference table, the sample types, and the field registries that name the CSV columns.
 */
export {Monitor, resolveDaemon} from './collect/monitor.js';
export type {MonitorEvents, MonitorOptions, FoundEvent, RestartEvent} from './collect/monitor.js';
export type {MonitorClock} from './collect/clock.js';
export {daemonSpecs, daemonByArgument, daemonArguments} from './wazuh/daemons.js';
export type {DaemonKind, DaemonSpec} from './wazuh/daemons.js';
export {discover} from './collect/discovery.js';
export type {Discovery, DiscoveryOptions} from './collect/discovery.js';
export type {DaemonTree} from './collect/daemon-trees.js';
export type {DaemonState, DaemonStatus, DiskSample, DiskSnapshot, ProcessSample, Snapshot} from './model/snapshot.js';
export {formatTimestamp} from './model/timestamp.js';
export {DiskUsageTracker} from './collect/disk-usage-tracker.js';
export {directorySize} from './collect/directory-size.js';
export {processMetrics, allProcessMetrics, csvMetrics} from './model/process-metrics.js';
export type {ProcessMetric, MetricDef, MetricKind, Fold} from './model/process-metrics.js';
export {processCsvHeader, processCsvRow, csvColumnName} from './model/process-csv.js';
export type {RowContext} from './model/process-csv.js';
export {byteUnits, diskUnits} from './model/units.js';
export type {ByteUnit, DiskUnit} from './model/units.js';
