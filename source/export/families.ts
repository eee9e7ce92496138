import {diskFields} from '../model/disk-fields.js';
import type {MetricSpec} from '../model/metric-spec.js';
import {exportedMetrics, processMetrics} from '../model/process-metrics.js';
import type {DiskSnapshot, Snapshot} from '../model/snapshot.js';
import {labelPairs} from './exposition.js';
import type {StatsSnapshot} from '../model/daemon-stats.js';
import {allStatsMetrics, queueUsageSpec, statsMetrics, statsUpSpec} from '../model/stats-metrics.js';

/** What the exposition says about the run itself (the `_info` metric): constant while it runs. */
export type ExportInfo = {
	/** Wazuh version, as in the CSV Version column (empty when unknown). */
	readonly wazuhVersion: string;
	/** `manager-4`, `manager-5`, `agent`; empty without an installation (--match-by-name). */
	readonly layout: string;
	/** `manager` or `agent`; empty without an installation. */
	readonly hostRole: string;
	/** This tool's version. */
	readonly toolVersion: string;
};

type MetricSample = {
	/** Rendered label pairs, `daemon="wazuh-db",role="wazuh-db",pid="12"`, or empty. */
	readonly labels: string;
	readonly value: number;
};

export type MetricFamily = {
	readonly spec: MetricSpec;
	readonly samples: MetricSample[];
};

export type ExpositionInput = {
	readonly info: ExportInfo;
	/** The latest process snapshot; undefined before the first tick. */
	readonly snapshot: Snapshot | undefined;
	/** The latest disk snapshot; undefined without --disk or before its first tick. */
	readonly disk: DiskSnapshot | undefined;
	/** The latest round of the daemons' own statistics; undefined without them. */
	readonly stats?: StatsSnapshot;
};

/** The run's own families: not per-process fields, so they are not in the field registry. */
const toolSpecs = {
	info: {family: 'wazuh_metrics_info', type: 'gauge', help: 'Always 1: the Wazuh version, layout and host role watched, and this tool version'},
	ticks: {family: 'wazuh_metrics_ticks', type: 'counter', help: 'Ticks sampled since the tool started'},
	lastSample: {family: 'wazuh_metrics_last_sample_timestamp_seconds', type: 'gauge', help: 'Start of the tick the process values come from, since the epoch (the CSV Timestamp)'},
	duration: {family: 'wazuh_metrics_sample_duration_seconds', type: 'gauge', help: 'Time this tool took to read every process at the last tick'},
	up: {family: 'wazuh_metrics_daemon_up', type: 'gauge', help: '1 when the daemon was found at the last tick, else 0 (down or given up)'},
	restarts: {family: 'wazuh_metrics_daemon_restarts', type: 'counter', help: 'Times the daemon was found under a new PID since the tool started'},
} as const satisfies Record<string, MetricSpec>;

const diskMetricFields = diskFields.filter(field => field.metric !== undefined);

/** Every family an exposition can hold (docs/prometheus.md's examples and the Grafana dashboard use only these). */
export const allMetricSpecs: readonly MetricSpec[] = [
	...Object.values(toolSpecs),
	...exportedMetrics.map(metric => processMetrics[metric].prometheus),
	...diskMetricFields.map(field => field.metric!),
	...allStatsMetrics.map(metric => statsMetrics[metric].prometheus),
	queueUsageSpec,
	statsUpSpec,
].filter((spec, index, specs) => specs.findIndex(other => other.family === spec.family) === index);

/** Adds a sample to the family named by `spec`, creating the family in first-seen order. */
function add(families: Map<string, MetricFamily>, spec: MetricSpec, labels: string, raw: number | string | undefined): void {
	if (typeof raw !== 'number' || !Number.isFinite(raw)) {
		return; // Unreadable (no permission, a vanished file): no sample rather than a made-up 0.
	}

	let family = families.get(spec.family);
	if (family === undefined) {
		family = {spec, samples: []};
		families.set(spec.family, family);
	}

	family.samples.push({labels, value: spec.scale === undefined ? raw : raw * spec.scale});
}

/**
 * Every family of one exposition, from the latest snapshots and the field registry. Pure: the same
 * input gives the same families. A family with no sample is left out.
 */
export function collectFamilies(input: ExpositionInput): MetricFamily[] {
	const families = new Map<string, MetricFamily>();
	const {info, snapshot, disk} = input;
	add(families, toolSpecs.info, labelPairs({version: info.wazuhVersion, layout: info.layout, host_role: info.hostRole, tool_version: info.toolVersion}), 1);
	if (snapshot !== undefined) {
		add(families, toolSpecs.ticks, '', snapshot.tick);
		add(families, toolSpecs.lastSample, '', snapshot.time / 1000);
		add(families, toolSpecs.duration, '', snapshot.sampleSeconds);
		for (const daemon of snapshot.daemons) {
			const labels = labelPairs({daemon: daemon.name});
			add(families, toolSpecs.up, labels, daemon.status === 'running' || daemon.status === 'restarted' ? 1 : 0);
			add(families, toolSpecs.restarts, labels, daemon.restarts);
		}

		const sampleLabels = snapshot.samples.map(sample => labelPairs({daemon: sample.daemon, role: sample.role, pid: String(sample.pid)}));
		for (const metric of exportedMetrics) {
			const spec: MetricSpec = processMetrics[metric].prometheus;
			const extra = spec.labels === undefined ? '' : `,${labelPairs(spec.labels)}`;
			for (const [index, sample] of snapshot.samples.entries()) {
				add(families, spec, sampleLabels[index]! + extra, sample[metric]);
			}
		}
	}

	if (input.stats !== undefined) {
		addStats(families, input.stats);
	}

	if (disk !== undefined) {
		const pathLabels = disk.samples.map(sample => labelPairs({path: sample.path, file: sample.file}));
		for (const field of diskMetricFields) {
			for (const [index, sample] of disk.samples.entries()) {
				add(families, field.metric!, pathLabels[index]!, field.value(sample, disk.timestamp));
			}
		}
	}

	return [...families.values()];
}

/**
 * The daemons' own statistics, labelled by the daemon's process name like the process families:
 * counters as the daemon counts them (Prometheus takes rate() itself), each queue's fill 0..1, and
 * whether the last query or read succeeded. A daemon whose query failed has only `stats_up 0`.
 */
function addStats(families: Map<string, MetricFamily>, snapshot: StatsSnapshot): void {
	for (const daemon of snapshot.daemons) {
		const labels = labelPairs({daemon: daemon.daemon});
		add(families, statsUpSpec, labels, daemon.up ? 1 : 0);
		if (!daemon.up) {
			continue;
		}

		for (const metric of allStatsMetrics) {
			add(families, statsMetrics[metric].prometheus, labels, daemon.values[metric]);
		}

		for (const [queue, usage] of Object.entries(daemon.queues)) {
			add(families, queueUsageSpec, labelPairs({daemon: daemon.daemon, queue}), usage);
		}
	}
}
