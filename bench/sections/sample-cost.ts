/**
 * Part 1: CPU per process per sample, ours against the floor, hot (back to back: the pure cost of
 * the code path) and at 1 Hz (cold caches, what a recorder really pays).
 */
import {Monitor} from '../../source/collect/monitor.js';
import type {Snapshot} from '../../source/model/snapshot.js';
import {ProcessReader} from '../../source/procfs/process-reader.js';
import type {Fleet} from '../fleet/fleet.js';
import {type Floor, perSample, startFloor} from '../floor/floor.js';
import {readStat} from '../proc.js';
import {sleep} from '../stats.js';

export type SampleCost = {
	readonly fleet: string;
	readonly processes: number;
	/** Processes the Monitor actually sampled per tick (should equal `processes`). */
	readonly monitorSamples: number;
	readonly floorHotUs: number;
	readonly readerHotUs: number;
	readonly monitorHotUs: number;
	readonly floor1HzUs: number;
	readonly monitor1HzUs: number;
	readonly floorKind: string;
};

export type SampleCostSettings = {
	/** Target duration of each hot measurement. */
	readonly hotSeconds: number;
	/** Ticks measured at 1 Hz. */
	readonly slowTicks: number;
};

const cpuMicros = (): number => {
	const {user, system} = process.cpuUsage();
	return user + system;
};

function readers(pids: readonly number[]): ProcessReader[] {
	return pids.flatMap(pid => {
		const stat = readStat(pid);
		return stat === undefined ? [] : [new ProcessReader(pid, stat.startTime)];
	});
}

/** ProcessReader alone, back to back: the per-process read and parse path. */
function readerHot(pids: readonly number[], passes: number): number {
	const all = readers(pids);
	for (const reader of all) {
		reader.read(); // Opens the kept files: not part of a steady-state sample.
	}

	const start = cpuMicros();
	for (let pass = 0; pass < passes; pass++) {
		for (const reader of all) {
			reader.read();
		}
	}

	const used = cpuMicros() - start;
	for (const reader of all) {
		reader.close();
	}

	return used / (passes * all.length);
}

/**
 * The real Monitor: CPU between the first and the last of `ticks` snapshots, per sampled process.
 * Health checks (a full discovery) are pushed out of the window; the recorder comparison keeps them.
 */
async function monitorCost(fleet: Fleet, interval: number, ticks: number): Promise<{us: number; samples: number}> {
	const monitor = new Monitor({
		daemons: fleet.names,
		interval,
		healthcheckInterval: 3600,
		allowedRoots: fleet.roots,
	});
	let first: {cpu: number; tick: number} | undefined;
	let samples = 0;
	const done = new Promise<number>(resolve => {
		monitor.on('snapshot', (snapshot: Snapshot) => {
			const cpu = cpuMicros();
			samples = snapshot.samples.length;
			first ??= {cpu, tick: snapshot.tick};
			if (snapshot.tick - first.tick >= ticks) {
				resolve(cpu - first.cpu);
			}
		});
	});
	monitor.start();
	const used = await done;
	await monitor.stop();
	return {us: used / (ticks * Math.max(1, samples)), samples};
}

export async function measureSampleCost(fleet: Fleet, floor: Floor, settings: SampleCostSettings): Promise<SampleCost> {
	const {pids} = fleet;
	// Size the hot runs from one timed pass so every fleet takes about hotSeconds.
	const probe = performance.now();
	readerHot(pids, 1);
	const passMs = Math.max(0.01, performance.now() - probe);
	const passes = Math.max(5, Math.min(5000, Math.round(settings.hotSeconds * 1000 / passMs)));

	const floorHot = await startFloor(floor, pids, 0, passes).result;
	const readerHotUs = readerHot(pids, passes);
	const monitorHot = await monitorCost(fleet, 0.001, passes);

	// At 1 Hz the floor and the Monitor run side by side, half a second apart so they never overlap.
	const floorSlow = startFloor(floor, pids, 1000, settings.slowTicks + 1);
	await sleep(500);
	const monitorSlow = await monitorCost(fleet, 1, settings.slowTicks);
	const floorSlowResult = await floorSlow.result;

	return {
		fleet: fleet.spec.label,
		processes: pids.length,
		monitorSamples: Math.min(monitorHot.samples, monitorSlow.samples),
		floorHotUs: perSample(floorHot),
		readerHotUs,
		monitorHotUs: monitorHot.us,
		floor1HzUs: perSample(floorSlowResult),
		monitor1HzUs: monitorSlow.us,
		floorKind: floor.kind,
	};
}
