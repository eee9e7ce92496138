/*
 * Accuracy check against psutil (issue 2's acceptance): records a simulated manager with the
 * headless CLI while psutil reads the same PIDs, then compares field by field. CPU is compared over
 * one 4 s window; memory, FD and IO while the fleet is frozen with SIGSTOP, so both readers see the
 * same state. Needs `python3` with psutil (Debian: apt-get install python3-psutil).
 *
 *   npm run build && node --import=tsx bench/accuracy/compare-psutil.ts
 */
import {execFileSync, spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {demoManager, startFleet} from '../../source/demo/fleet.js';
import {readCsv} from '../../test/helpers/cli.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const python = ['/usr/bin/python3', 'python3'].find(candidate => {
	try {
		execFileSync(candidate, ['-c', 'import psutil'], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
});
if (python === undefined) {
	console.error('psutil is not installed: apt-get install python3-psutil (or pip install psutil)');
	process.exit(2);
}

type PsutilReading = {window: [number, number]; procs: Record<string, Record<string, number>>};
const psutilRead = (window: number, pids: number[]): PsutilReading =>
	JSON.parse(execFileSync(python, [path.join(here, 'psutil_read.py'), String(window), ...pids.map(String)], {encoding: 'utf8'})) as PsutilReading;
const sleep = async (ms: number) => new Promise(resolve => {
	setTimeout(resolve, ms);
});

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-accuracy-'));
const fleet = await startFleet({daemons: demoManager});
// The test entry, for its scope hook: the CLI watches this fleet only, whatever else runs here.
const entry = path.join(here, '../../test/helpers/cli-entry.mjs');
const cli = spawn(process.execPath, [entry, JSON.stringify({scope: fleet.supervisorPid}), 'analysisd', 'remoted', 'db', 'logcollector', 'modulesd', 'apid', 'clusterd', 'syscheckd', '--headless', '-s', '0.5', '--store-process', folder], {
	stdio: 'ignore',
});
await sleep(3000);
const csvFiles = () => fs.readdirSync(folder).filter(name => name.endsWith('.csv'));
const pids = csvFiles().map(name => Number(readCsv(path.join(folder, name)).rows.at(-1)!.PID));
const cpuWindow = psutilRead(4, pids);
for (const pid of pids) {
	try {
		process.kill(pid, 'SIGSTOP');
	} catch {}
}

await sleep(1600);
const frozen = psutilRead(0.05, pids);
await sleep(300);
for (const pid of pids) {
	try {
		process.kill(pid, 'SIGCONT');
	} catch {}
}

cli.kill('SIGTERM');
await new Promise(resolve => cli.on('close', resolve));
await fleet.stop();

const relative = (ours: number, theirs: number): number => (theirs === 0 ? (ours === 0 ? 0 : 1) : Math.abs(ours - theirs) / theirs);
const seconds = (timestamp: string): number => new Date(timestamp.replaceAll('/', '-').replace(' ', 'T')).getTime() / 1000;
const worst: Record<string, number> = {};
console.log('role                          RSS%    USS%    PSS%    VMS%  FD  IOΔ(syscr/syscw/rb/wb)  CPU ours/psutil');
for (const name of csvFiles()) {
	const rows = readCsv(path.join(folder, name)).rows;
	const last = rows.at(-1)!;
	const pid = Number(last.PID);
	const still = frozen.procs[pid];
	const cpuOfPsutil = cpuWindow.procs[pid]?.cpu;
	if (still === undefined || cpuOfPsutil === undefined) {
		continue; // A short-lived child.
	}

	const inWindow = rows.filter(row => Number(row.PID) === pid && seconds(row.Timestamp!) > cpuWindow.window[0] && seconds(row.Timestamp!) <= cpuWindow.window[1] + 0.5);
	const cpu = inWindow.reduce((sum, row) => sum + Number(row['CPU(%)']), 0) / Math.max(1, inWindow.length);
	const kb = (column: string) => Number(last[column]) * 1024;
	const d = {
		rss: relative(kb('RSS(KB)'), still.rss!),
		uss: relative(kb('USS(KB)'), still.uss!),
		pss: relative(kb('PSS(KB)'), still.pss!),
		vms: relative(kb('VMS(KB)'), still.vms!),
		fd: Number(last.FD) - still.fd!,
		syscr: Number(last.Read_Ops) - still.read_count!,
		syscw: Number(last.Write_Ops) - still.write_count!,
		readBytes: kb('Disk_Read(KB)') - still.read_bytes!,
		writeBytes: kb('Disk_Written(KB)') - still.write_bytes!,
		cpu: cpu - cpuOfPsutil,
	};
	for (const [key, value] of Object.entries(d)) {
		worst[key] = Math.max(worst[key] ?? 0, Math.abs(value));
	}

	const pct = (value: number) => `${(value * 100).toFixed(3)}`.padStart(7);
	console.log(`${name.padEnd(28)} ${pct(d.rss)} ${pct(d.uss)} ${pct(d.pss)} ${pct(d.vms)} ${String(d.fd).padStart(3)}  ${`${d.syscr}/${d.syscw}/${d.readBytes}/${d.writeBytes}`.padEnd(22)} ${cpu.toFixed(1)}/${cpuOfPsutil.toFixed(1)}`);
}

console.log(`worst: ${JSON.stringify(worst)}`);
fs.rmSync(folder, {recursive: true, force: true});
