/*
 * The single-file builds against `node dist/cli.js`, on one simulated manager (the demo fleet):
 *   - start: `--help` wall time (median of 7);
 *   - first frame: time from spawn to the screen showing the fleet's daemons in a pty (median of 3);
 *   - headless at 1 Hz over --seconds (default 60), every subject at once on the same fleet: RSS
 *     (mean and max, sampled each second) and CPU% (utime+stime of all threads over the run).
 * Usage: npm run build && node --import=tsx bench/package-compare.ts [--seconds 60] NAME=EXECUTABLE...
 * (`node dist/cli.js` is always a subject.) Prints a Markdown table.
 */
import {execFileSync, spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {startFleet} from '../source/demo/fleet.js';
import {PtyScreen} from '../test/helpers/pty.js';

const {values, positionals} = parseArgs({allowPositionals: true, options: {seconds: {type: 'string', default: '60'}}});
const seconds = Number(values.seconds);
type Subject = {name: string; command: string; prefix: string[]};
const subjects: Subject[] = [
	{name: 'node dist/cli.js', command: process.execPath, prefix: [path.resolve('dist/cli.js')]},
	...positionals.map(spec => {
		const [name, file] = spec.split('=') as [string, string];
		return {name, command: path.resolve(file), prefix: []};
	}),
];
const ticks = 100;
const page = 4096;
const sleep = async (ms: number) => new Promise(resolve => {
	setTimeout(resolve, ms);
});
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
const environment = {PATH: '/nonexistent', TERM: 'xterm-256color'};

function cpuTicks(pid: number): number {
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return Number(fields[11]) + Number(fields[12]);
}

function rssBytes(pid: number): number {
	return Number(fs.readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * page;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-package-compare-'));
const fleet = await startFleet();
const results = new Map<string, Record<string, string>>();
try {
	for (const subject of subjects) {
		const times: number[] = [];
		for (let i = 0; i < 7; i++) {
			const started = performance.now();
			execFileSync(subject.command, [...subject.prefix, '--help'], {env: environment, stdio: 'ignore'});
			times.push(performance.now() - started);
		}

		const frames: number[] = [];
		for (let i = 0; i < 3; i++) {
			const started = performance.now();
			const screen = new PtyScreen([...subject.prefix, '--install-dir', fleet.dir, '--store-process', path.join(tmp, `${subject.name}-ui-${i}`.replaceAll(/\W/g, '_'))], {columns: 140, rows: 40}, {}, {}, {command: subject.command, env: environment});
			await screen.waitForScreen(lines => (lines.some(line => line.includes('wazuh-analysisd') && line.includes('running')) ? true : undefined), 'the first frame', 60_000);
			frames.push(performance.now() - started);
			screen.write('q');
			await Promise.race([screen.exited, sleep(10_000)]);
			screen.kill();
		}

		results.set(subject.name, {help: `${median(times).toFixed(0)} ms`, frame: `${median(frames).toFixed(0)} ms`});
	}

	const runs = subjects.map(subject => {
		const child = spawn(subject.command, [...subject.prefix, '--install-dir', fleet.dir, '--headless', '-s', '1', '--store-process', path.join(tmp, subject.name.replaceAll(/\W/g, '_'))], {env: environment, stdio: 'ignore'});
		return {subject, child, rss: [] as number[], startTicks: 0};
	});
	await sleep(5000); // Past the start: the steady state is what is measured.
	for (const run of runs) {
		run.startTicks = cpuTicks(run.child.pid!);
	}

	const started = performance.now();
	for (let s = 0; s < seconds; s++) {
		await sleep(1000);
		for (const run of runs) {
			run.rss.push(rssBytes(run.child.pid!));
		}
	}

	const elapsed = (performance.now() - started) / 1000;
	for (const run of runs) {
		const cpu = ((cpuTicks(run.child.pid!) - run.startTicks) / ticks / elapsed) * 100;
		const mean = run.rss.reduce((a, b) => a + b, 0) / run.rss.length;
		Object.assign(results.get(run.subject.name)!, {
			rssMean: `${(mean / 1024 / 1024).toFixed(1)} MiB`,
			rssMax: `${(Math.max(...run.rss) / 1024 / 1024).toFixed(1)} MiB`,
			cpu: `${cpu.toFixed(2)} %`,
		});
		run.child.kill('SIGINT');
	}

	await sleep(3000);
	for (const run of runs) {
		run.child.kill('SIGKILL');
	}
} finally {
	await fleet.stop();
	fs.rmSync(tmp, {recursive: true, force: true});
}

const sizes = (subject: Subject) => subject.prefix.length > 0 ? '(node + dist/)' : `${(fs.statSync(subject.command).size / 1024 / 1024).toFixed(1)} MiB`;
console.log(`Demo fleet of ${os.cpus().length} CPUs host, ${seconds} s headless at 1 Hz (all at once, same fleet)\n`);
console.log('| subject | size | --help | first frame (pty) | RSS mean | RSS max | CPU (1 Hz) |');
console.log('|---|---|---|---|---|---|---|');
for (const subject of subjects) {
	const r = results.get(subject.name)!;
	console.log(`| ${subject.name} | ${sizes(subject)} | ${r.help} | ${r.frame} | ${r.rssMean} | ${r.rssMax} | ${r.cpu} |`);
}
