import type {RecordedMetric, RecordingFormat} from '../reader/recording.js';
import type {DaemonStatsComparison, DaemonStatsReport} from './stats-report.js';
import type {Thresholds} from './thresholds.js';

export type {StatsComparison} from './stats-report.js';

/** The daemons' own statistics, when the recording or its baseline has any. */
export type DaemonStatisticsSection = {
	readonly rule: string;
	readonly current: readonly DaemonStatsReport[];
	readonly baseline: readonly DaemonStatsReport[] | null;
	readonly comparisons: readonly DaemonStatsComparison[] | null;
};

/*
 * What a report says, before it is rendered: the JSON format is this object as it is (docs/report.md,
 * "JSON schema"). Bytes are bytes, rates bytes/s, CPU % of one core, times ms since the
 * epoch; a value a format lacks or that cannot be computed is null in JSON.
 */

export const reportSchemaVersion = 1;

/** Said wherever a demo recording is named: its figures are of fake processes. */
export const demoWarning = 'DEMO: recorded from --demo, a simulated manager on the recording host; its figures are not Wazuh\'s';

export type Spread = {readonly first: number | null; readonly mean: number | null; readonly max: number | null; readonly last: number | null};
export type Counter = {readonly total: number | null; readonly ratePerSecond: number | null};

export type ProcessStatistics = {
	/** The daemon's name, or the role's (`wazuh_apid.py_child_1`). */
	readonly name: string;
	/** Roles summed into it (1 for a role). */
	readonly roles: number;
	readonly samples: number;
	readonly start: number | null;
	readonly end: number | null;
	readonly durationSeconds: number;
	readonly cpu: {readonly mean: number | null; readonly p95: number | null; readonly max: number | null};
	readonly rss: Spread;
	readonly pss: Spread;
	readonly uss: Spread;
	readonly swap: Spread;
	readonly vms: Spread;
	readonly fd: Spread;
	readonly threads: Spread;
	readonly io: {readonly readBytes: Counter; readonly writtenBytes: Counter; readonly readOps: Counter; readonly writeOps: Counter};
	/** PID changes of the daemon's own process (for a role, of the role). */
	readonly restarts: number;
};

export type {Trend} from '../model/growth.js';
import type {Trend, TrendVerdict} from '../model/growth.js';

export type DaemonReport = {
	readonly daemon: string;
	/** The daemon and its children summed by tick. */
	readonly total: ProcessStatistics;
	/** Each role alone (the daemon's own process first). */
	readonly roles: readonly ProcessStatistics[];
	readonly warmupSeconds: number;
	readonly trends: readonly Trend[];
	/** Growing when any trend grows; shrinking when one shrinks and none grows; stable otherwise. */
	readonly memoryVerdict: TrendVerdict;
};

export type ComparedStatistic = 'cpu.mean' | 'cpu.p95' | 'cpu.max' | `${'rss' | 'pss' | 'uss' | 'swap' | 'vms' | 'fd' | 'threads'}.${'mean' | 'max'}`;

export type ChangeVerdict = 'regression' | 'improvement' | 'no significant change' | 'not tested';

export type Comparison = {
	readonly statistic: ComparedStatistic;
	readonly baseline: number | null;
	readonly current: number | null;
	readonly delta: number | null;
	readonly deltaPercent: number | null;
	/** Welch's test on the per-tick values after the warm-up (means only). */
	readonly test: {readonly t: number | null; readonly df: number | null; readonly p: number | null; readonly baselineN: number; readonly currentN: number} | null;
	readonly verdict: ChangeVerdict;
};

export type DaemonComparison = {
	readonly daemon: string;
	readonly comparisons: readonly Comparison[];
	readonly verdict: 'regression' | 'improvement' | 'no significant change';
};

/** The report's verdict against a baseline, as a list too: `report --fail-on` takes them by name (gate.ts). */
export const reportVerdicts = ['regression', 'no significant regression'] as const;
export type ReportVerdict = (typeof reportVerdicts)[number];

export type DiskPathReport = {
	readonly path: string;
	readonly file: string;
	readonly samples: number;
	readonly firstBytes: number | null;
	readonly lastBytes: number | null;
	readonly growthBytesPerHour: number | null;
};

export type RecordingSummary = {
	readonly folder: string;
	readonly format: RecordingFormat;
	/** The host it was recorded on, from the folder's session.json (this tool's folders only). */
	readonly host: string | null;
	/** Recorded from `--demo`, a simulated manager (session.json says so): not a measure of Wazuh. */
	readonly demo: boolean;
	readonly version: string | null;
	readonly intervalSeconds: number;
	readonly start: number | null;
	readonly end: number | null;
	readonly missingColumns: readonly RecordedMetric[];
	readonly problems: readonly string[];
};

/** Per-tick values for the HTML charts, thinned to at most a few hundred points per daemon. */
export type ChartSeries = {readonly daemon: string; readonly seconds: readonly number[]; readonly cpu: ReadonlyArray<number | null>; readonly rssMiB: ReadonlyArray<number | null>};

export type Report = {
	readonly schemaVersion: typeof reportSchemaVersion;
	readonly generatedBy: string;
	readonly recording: RecordingSummary;
	readonly baseline: RecordingSummary | null;
	readonly thresholds: Thresholds & {readonly warmupRule: string};
	readonly rules: {readonly trend: string; readonly significance: string};
	readonly daemons: readonly DaemonReport[];
	readonly baselineDaemons: readonly DaemonReport[] | null;
	readonly comparisons: readonly DaemonComparison[] | null;
	/** `regression` when any daemon regressed; null without a baseline. */
	readonly verdict: ReportVerdict | null;
	readonly leaks: readonly string[];
	readonly disk: readonly DiskPathReport[];
	readonly charts: {readonly current: readonly ChartSeries[]; readonly baseline: readonly ChartSeries[] | null};
	/** Absent when neither recording holds daemon statistics (the report is then as it was before they existed). */
	readonly daemonStatistics?: DaemonStatisticsSection;
};
