/** How long and how big: the full run (several minutes) and `--quick` (under a minute). */
import type {DaemonStatsSettings} from './sections/daemon-stats.js';
import type {FootprintSettings} from './sections/footprint.js';
import type {MemorySettings} from './sections/memory.js';

export type FleetKey = '16' | '100' | '500';

export type Settings = {
	readonly quick: boolean;
	readonly sampleCost: {readonly hotSeconds: number; readonly slowTicks: number; readonly fleets: readonly FleetKey[]};
	readonly recorder: {readonly seconds: number; readonly warmupMs: number; readonly steadyAfterMs: number | undefined; readonly fleets: readonly FleetKey[]};
	readonly discovery: {readonly runs: number; readonly tableSize: number};
	readonly memory: MemorySettings;
	readonly hugeDir: {readonly files: number; readonly jitterSeconds: number};
	readonly daemonStats: DaemonStatsSettings;
	readonly ui: {readonly rows: readonly number[]; readonly ticks: number; readonly warmupTicks: number};
	readonly footprint: FootprintSettings;
};

export const fullSettings: Settings = {
	quick: false,
	sampleCost: {hotSeconds: 1.5, slowTicks: 10, fleets: ['16', '100', '500']},
	// 30 s: CPU time comes in 10 ms clock ticks, so a 1% monitor is read to about 3%. The steady
	// window starts at 90 s: at 1 Hz the JIT is done compiling the tick's code after about a minute.
	recorder: {seconds: 30, warmupMs: 3000, steadyAfterMs: 90_000, fleets: ['16', '100']},
	discovery: {runs: 21, tableSize: 600},
	// 3 hours of 1 Hz ticks; the first hour fills the history's ring buffers (3,600 points).
	memory: {interval: 0.005, ticks: 10_800, warmupTicks: 3600, capacity: 3600},
	hugeDir: {files: 100_000, jitterSeconds: 12},
	// 60 s: at --stats-interval 5, twelve rounds; from 30 s, past most of the JIT's compiling of a 1 Hz tick.
	daemonStats: {seconds: 60, warmupMs: 30_000, queries: 200},
	ui: {rows: [20, 60, 200], ticks: 10, warmupTicks: 3},
	// Issue 22's windows: the first 30 s, the steady window 90-150 s; screens 30-90 s after start.
	footprint: {firstFromMs: 3000, firstSeconds: 30, steadyFromMs: 90_000, steadySeconds: 60, liveFromMs: 30_000, liveSeconds: 60},
};

export const quickSettings: Settings = {
	quick: true,
	sampleCost: {hotSeconds: 0.3, slowTicks: 2, fleets: ['16', '100']},
	recorder: {seconds: 4, warmupMs: 1500, steadyAfterMs: undefined, fleets: ['100']},
	discovery: {runs: 9, tableSize: 600},
	// A smaller history (600 points) so it fills, and the slope after it means something, in seconds.
	memory: {interval: 0.002, ticks: 3000, warmupTicks: 1200, capacity: 600},
	hugeDir: {files: 20_000, jitterSeconds: 3},
	daemonStats: {seconds: 15, warmupMs: 5000, queries: 50},
	ui: {rows: [60], ticks: 3, warmupTicks: 1},
	footprint: {firstFromMs: 2000, firstSeconds: 8, steadyFromMs: undefined, steadySeconds: 0, liveFromMs: 6000, liveSeconds: 8},
};
