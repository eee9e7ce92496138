/*
 * What the demo fleet itself costs: starts `demoManager` and prints how long it took to be ready,
 * the CPU of every fleet process over a window (and how much of it the shapes ask for), and the
 * memory of every fleet process (and the same minus what the shapes deliberately touch).
 *
 *   npm run build && node --import=tsx bench/fleet-cost.ts [seconds, default 60] [--no-cpu]
 *
 * With --no-cpu the shapes burn no CPU (cpu and cpuBurst removed), so all the CPU measured is the
 * fleet's own: with them, a fake's own work is paid from the CPU its shape owes and hides in it.
 */
import fs from 'node:fs';
import {setTimeout as sleep} from 'node:timers/promises';
import {demoManager, type FakeDaemon, startFleet, type Shape} from '../source/demo/fleet.js';
import {readFakeStatus} from '../test/helpers/fake-status.js';

type Sample = {pid: number; ppid: number; ticks: number; reapedTicks: number; switches: number; rssKb: number};

const seconds = Number(process.argv.slice(2).find(argument => /^\d+$/.test(argument)) ?? 60);
const noCpu = process.argv.includes('--no-cpu');
// USER_HZ is 100 on every architecture Linux runs this on.
const ticksPerSecond = 100;

function sample(pid: number): Sample | undefined {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const field = (n: number) => Number(fields[n - 3]);
		if (fields[0] === 'Z') {
			return undefined;
		}

		const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const value = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
		return {
			pid,
			ppid: field(4),
			ticks: field(14) + field(15),
			// Children that died and were reaped during the window are counted through their parent.
			reapedTicks: field(16) + field(17),
			switches: value('voluntary_ctxt_switches') + value('nonvoluntary_ctxt_switches'),
			rssKb: value('VmRSS'),
		};
	} catch {
		return undefined;
	}
}

/** The supervisor and everything below it. */
function fleetSamples(root: number): Sample[] {
	const all = fs.readdirSync('/proc').filter(name => /^\d+$/.test(name)).flatMap(name => sample(Number(name)) ?? []);
	const found = all.filter(each => each.pid === root);
	for (let index = 0; index < found.length; index++) {
		found.push(...all.filter(each => each.ppid === found[index]?.pid));
	}

	return found;
}

const sum = (samples: readonly Sample[], pick: (sample: Sample) => number) => samples.reduce((total, each) => total + pick(each), 0);

/** Long-run busy fraction a shape asks for, its workers included (bursts averaged over their period). */
function askedCpu(shape: Shape | undefined): number {
	if (!shape) {
		return 0;
	}

	const steady = shape.cpu ?? 0;
	const burst = shape.cpuBurst;
	const own = burst && burst.every > 0 ? steady + ((burst.cpu - steady) * Math.min(burst.length, burst.every) / burst.every) : steady;
	return own + ((shape.children ?? 0) * askedCpu(shape.childShape));
}

function withoutCpu(shape: Shape | undefined): Shape | undefined {
	if (!shape) {
		return undefined;
	}

	const {cpu: _cpu, cpuBurst: _burst, childShape, ...rest} = shape;
	return {...rest, ...childShape ? {childShape: withoutCpu(childShape)} : {}};
}

const daemons: FakeDaemon[] = noCpu ? demoManager.map(daemon => ({name: daemon.name, shape: withoutCpu(daemon.shape)})) : demoManager;
const startedAt = performance.now();
const fleet = await startFleet({daemons});
const readyMs = performance.now() - startedAt;
try {
	// Let start-up settle (workers, first allocations) before the window opens.
	await sleep(2000);
	const before = fleetSamples(fleet.supervisorPid);
	const windowStart = performance.now();
	await sleep(seconds * 1000);
	const after = fleetSamples(fleet.supervisorPid);
	const windowSeconds = (performance.now() - windowStart) / 1000;
	const cpuTicks = sum(after, each => each.ticks + each.reapedTicks) - sum(before, each => each.ticks + each.reapedTicks);
	const cpuPercent = 100 * cpuTicks / ticksPerSecond / windowSeconds;
	const askedPercent = 100 * daemons.reduce((total, daemon) => total + askedCpu(daemon.shape), 0);
	const alive = new Set(before.map(each => each.pid));
	const stayed = after.filter(each => alive.has(each.pid));
	const switchesPerSecond = (sum(stayed, each => each.switches) - sum(before.filter(each => stayed.some(other => other.pid === each.pid)), each => each.switches)) / windowSeconds;
	const rssMb = sum(after, each => each.rssKb) / 1024;
	let touchedBytes = 0;
	for (const each of after) {
		touchedBytes += (await readFakeStatus(fleet, each.pid))?.memoryBytes ?? 0;
	}

	const supervisorMb = (after.find(each => each.pid === fleet.supervisorPid)?.rssKb ?? 0) / 1024;
	const lines = [
		`shapes:               demoManager${noCpu ? ' without cpu and cpuBurst' : ''}`,
		`processes:            ${after.length} (supervisor included)`,
		`ready in:             ${readyMs.toFixed(0)} ms`,
		`CPU over ${windowSeconds.toFixed(0)} s:        ${cpuPercent.toFixed(2)}% of one core (shapes ask ${askedPercent.toFixed(2)}%, so ${(cpuPercent - askedPercent).toFixed(2)}% is the fleet's own)`,
		`context switches:     ${switchesPerSecond.toFixed(0)}/s (processes alive through the window)`,
		`RSS:                  ${rssMb.toFixed(0)} MB (supervisor ${supervisorMb.toFixed(0)} MB)`,
		`RSS minus touched:    ${(rssMb - (touchedBytes / 2 ** 20)).toFixed(0)} MB (shapes touched ${(touchedBytes / 2 ** 20).toFixed(0)} MB)`,
	];
	console.log(lines.join('\n'));
} finally {
	await fleet.stop();
}
