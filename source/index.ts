/**
 * wazuh-metrics as a library: the collector (`Monitor`), the disk usage tracker, the process
 * reference table, the sample types, and the field registries that name the CSV columns.
 */
export {Monitor, resolveDaemon} from './monitor/monitor.js';
export type {MonitorEvents, MonitorOptions, FoundEvent, RestartEvent} from './monitor/monitor.js';
export type {MonitorClock} from './monitor/clock.js';
export {daemonSpecs, daemonByArgument, daemonArguments} from './monitor/daemons.js';
export type {DaemonKind, DaemonSpec} from './monitor/daemons.js';
export {discover} from './monitor/discovery.js';
export type {Discovery, DiscoveryOptions} from './monitor/discovery.js';
export type {DaemonTree} from './monitor/daemon-trees.js';
export type {DaemonState, DaemonStatus, DiskSample, DiskSnapshot, ProcessSample, Snapshot} from './monitor/snapshot.js';
export {formatTimestamp} from './monitor/timestamp.js';
export {DiskUsageTracker, directorySize} from './disk/index.js';
export {processFields, processCsvHeader, processCsvRow, csvColumnName} from './fields/process-fields.js';
export type {ProcessField, FieldKind, RowContext} from './fields/process-fields.js';
export {byteUnits, diskUnits} from './fields/units.js';
export type {ByteUnit, DiskUnit} from './fields/units.js';
