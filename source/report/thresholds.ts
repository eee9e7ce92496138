import {defaultGrowthRule} from '../model/growth.js';

/**
 * The numbers that turn statistics into verdicts. Each has a command-line flag (cli/options/report.ts)
 * and is printed in every report, so a verdict can always be traced to its rule.
 */
export type Thresholds = {
	/** Seconds left out at the start of each daemon's samples for the trend and the comparison; undefined: the default rule. */
	readonly warmupSeconds: number | undefined;
	/** A change is significant when Welch's two-sided p is below this. */
	readonly alpha: number;
	/** ... and the mean moved by at least this many % of the baseline's ... */
	readonly minChangePercent: number;
	/** ... and by at least this many CPU percentage points (CPU) ... */
	readonly minCpuPoints: number;
	/** ... or this many MiB (memory) ... */
	readonly minMemoryMiB: number;
	/** ... or this many (FD, threads). */
	readonly minCount: number;
	/** Memory grows when its slope's 95 % interval is above 0, the slope at least this many MiB/h ... */
	readonly leakMinSlopeMiBPerHour: number;
	/** ... and the growth over the analysed time at least this many % of the mean ... */
	readonly leakMinGrowthPercent: number;
	/** ... and at least this many MiB. */
	readonly leakMinGrowthMiB: number;
};

export const defaultThresholds: Thresholds = {
	warmupSeconds: undefined,
	alpha: 0.05,
	minChangePercent: 10,
	minCpuPoints: 1,
	minMemoryMiB: 1,
	minCount: 1,
	// The live view's RSS/h and PSS/h use the same rule with these defaults.
	leakMinSlopeMiBPerHour: defaultGrowthRule.leakMinSlopeMiBPerHour,
	leakMinGrowthPercent: defaultGrowthRule.leakMinGrowthPercent,
	leakMinGrowthMiB: defaultGrowthRule.leakMinGrowthMiB,
};

