/**
 * The observer's own footprint (issue 22): what each monitor costs, side by side in one run on the
 * same fake fleet at 1 Hz, read from outside through /proc (utime+stime of every thread, VmHWM).
 *
 * Headless, on 14 and on 100 processes: our recorder (`node dist/cli.js`, with the options of its
 * shebang, as the installed command runs it), optionally the same
 * recorder from another checkout (`--base DIR`: "before") and the single-file executable (when
 * `release/` has it, or `--single-file FILE`), the psutil reference, `pidstat` (sysstat) and the C
 * floor. Two windows: the first 30 s after start (JIT warm-up included) and the steady window.
 *
 * Live, on the 14-process fleet: each screen in its own 120x40 pseudo-terminal, side by side: ours
 * recording (`--store-process`), ours paused (space pressed after the first frame), ours headless
 * (the recorder alone, what a paused screen is compared with), htop (`-d 10`: 1 Hz) and btop
 * (`update_ms = 1000`) when installed. htop and btop read every process of the host, ours the fleet.
 */
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import pty from '@lydell/node-pty';
import {killGroup, ownGroupOf, removeAtExit, removeNow} from '../cleanup.js';
import type {Fleet} from '../fleet/fleet.js';
import {argumentOf} from '../fleet/names.js';
import type {Floor} from '../floor/floor.js';
import {cpuSeconds, statusBytes} from '../proc.js';
import type {PsutilPython} from '../reference/python.js';
import {sleep} from '../stats.js';
import {startSubject, stopSubject} from '../subject.js';

export type FootprintPhase = 'first' | 'steady' | 'live';

export type FootprintRow = {
	readonly fleet: string;
	readonly processes: number;
	readonly phase: FootprintPhase;
	/** `ours`, `before`, `single file`, `psutil`, `pidstat`, `floor`; live: `ours live`, `ours paused`, `ours headless`, `before live`, `htop`, `btop`. */
	readonly contender: string;
	/** Seconds from the contenders' start to the window's start, and the window's length. */
	readonly from: number;
	readonly seconds: number;
	/** Fraction of one core, in % (utime+stime over the window). */
	readonly cpuPercent: number | undefined;
	/** VmHWM at the end of the window. */
	readonly peakRssMb: number | undefined;
	/** Bytes per second a screen wrote to its terminal in the window. */
	readonly bytesPerSecond: number | undefined;
	readonly problem: string | undefined;
};

export type FootprintSettings = {
	readonly firstFromMs: number;
	readonly firstSeconds: number;
	/** None in a quick run. */
	readonly steadyFromMs: number | undefined;
	readonly steadySeconds: number;
	readonly liveFromMs: number;
	readonly liveSeconds: number;
};

/** Other recorders to put beside ours: a checkout's built CLI, a single-file executable. */
export type FootprintSubjects = {readonly base: string | undefined; readonly singleFile: string | undefined};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const columns = 120;
const rows = 40;

/** A process under measurement, however it was started. */
type Running = {
	readonly contender: string;
	readonly pid: number | undefined;
	readonly why: string | undefined;
	readonly exited: () => boolean;
	readonly said: () => string;
	/** Whether the terminal has shown `text` since the start (screens only). */
	readonly shown: (text: string) => boolean;
	readonly bytes: () => number;
	readonly stop: () => Promise<void>;
	readonly write: (text: string) => void;
};

const missing = (contender: string, why: string): Running => ({
	contender, pid: undefined, why, exited: () => true, said: () => '', shown: () => false, bytes: () => 0, stop: async () => Promise.resolve(), write: () => undefined,
});

function headless(contender: string, command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Running {
	const subject = startSubject(command, args, env);
	return {
		contender,
		pid: subject.child.pid,
		why: undefined,
		exited: () => subject.child.exitCode !== null || subject.child.signalCode !== null,
		said: subject.stderr,
		shown: () => false,
		bytes: () => 0,
		stop: async () => stopSubject(subject),
		write: () => undefined,
	};
}

function inTerminal(contender: string, command: string, args: readonly string[], env: Record<string, string>): Running {
	const child = pty.spawn(command, [...args], {name: 'xterm-256color', cols: columns, rows, cwd: os.tmpdir(), env: {...env, TERM: 'xterm-256color'}});
	// The pty child leads its own session: its PID is its process group, killed on Ctrl-C too.
	ownGroupOf(child.pid);
	let bytes = 0;
	let tail = '';
	let exited = false;
	const wanted = new Map<string, boolean>();
	child.onData(data => {
		bytes += Buffer.byteLength(data);
		tail = (tail + data).slice(-4000);
		for (const text of wanted.keys()) {
			if (tail.includes(text)) {
				wanted.set(text, true);
			}
		}
	});
	child.onExit(() => {
		exited = true;
	});
	return {
		contender,
		pid: child.pid,
		why: undefined,
		exited: () => exited,
		// eslint-disable-next-line no-control-regex -- ESC starts a terminal's escape sequences
		said: () => tail.replaceAll(/\u001B\[[\d;?]*[A-Za-z]/g, ' ').replaceAll(/\s+/g, ' ').trim().slice(-200),
		shown(text) {
			if (!wanted.has(text)) {
				wanted.set(text, tail.includes(text));
			}

			return wanted.get(text)!;
		},
		bytes: () => bytes,
		async stop() {
			killGroup(child.pid, 'SIGTERM');
			for (let waited = 0; waited < 3000 && !exited; waited += 50) {
				await sleep(50);
			}

			killGroup(child.pid);
		},
		write(text) {
			child.write(text);
		},
	};
}

/** Whether a program is installed: its version option answers (pidstat's is -V). */
const has = (program: string, option = '--version'): boolean => spawnSync(program, [option], {stdio: 'ignore'}).status === 0;

/** Without the CI variables (Ink draws only the last frame in CI mode) and with a UTF-8 locale. */
function screenEnvironment(home: string): Record<string, string> {
	const environment: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (value !== undefined && key !== 'CI' && !key.startsWith('CI_') && !key.startsWith('GITHUB_')) {
			environment[key] = value;
		}
	}

	return {...environment, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8'};
}

type Reading = {cpu: number; at: number; bytes: number} | {problem: string};

function read(running: Running): Reading {
	if (running.pid === undefined) {
		return {problem: running.why ?? 'not started'};
	}

	const cpu = cpuSeconds(running.pid);
	if (cpu === undefined || running.exited()) {
		return {problem: `exited early: ${running.said().trim().split('\n').slice(-2).join(' | ') || 'no message'}`};
	}

	return {cpu, at: performance.now(), bytes: running.bytes()};
}

type Window = {phase: FootprintPhase; fromMs: number; seconds: number};

/** Starts every contender, reads them over the windows, stops them whatever happens. */
async function sideBySide(fleet: Fleet, start: () => Running[], windows: readonly Window[], afterStart?: (running: Running[]) => Promise<void>): Promise<FootprintRow[]> {
	const contenders = start();
	const startedAt = performance.now();
	const waitUntil = async (ms: number): Promise<void> => sleep(Math.max(0, ms - (performance.now() - startedAt)));
	const out: FootprintRow[] = [];
	try {
		await afterStart?.(contenders);
		for (const {phase, fromMs, seconds} of windows) {
			await waitUntil(fromMs);
			const before = contenders.map(running => read(running));
			await waitUntil(fromMs + (seconds * 1000));
			const after = contenders.map(running => read(running));
			for (const [index, running] of contenders.entries()) {
				const a = before[index]!;
				const b = after[index]!;
				const base = {fleet: fleet.spec.label, processes: fleet.pids.length, phase, contender: running.contender, from: fromMs / 1000};
				if ('problem' in a || 'problem' in b) {
					out.push({...base, seconds: 0, cpuPercent: undefined, peakRssMb: undefined, bytesPerSecond: undefined, problem: 'problem' in a ? a.problem : (b as {problem: string}).problem});
					continue;
				}

				const elapsed = (b.at - a.at) / 1000;
				const peak = statusBytes(running.pid!, 'VmHWM');
				out.push({
					...base,
					seconds: elapsed,
					cpuPercent: (b.cpu - a.cpu) / elapsed * 100,
					peakRssMb: peak === undefined ? undefined : peak / 2 ** 20,
					bytesPerSecond: phase === 'live' ? (b.bytes - a.bytes) / elapsed : undefined,
					problem: undefined,
				});
			}
		}
	} finally {
		await Promise.all(contenders.map(async running => running.stop()));
	}

	return out;
}

function cliOf(checkout: string): string {
	return path.join(checkout, 'dist/cli.js');
}

/**
 * `node`, the options of the CLI's shebang (`#!/usr/bin/env -S node --max-semi-space-size=1`: what
 * the installed `wazuh-metrics` command runs), and the script: each checkout as its users start it.
 */
function launch(checkout: string): string[] {
	const cli = cliOf(checkout);
	const shebang = /^#!\/usr\/bin\/env -S node((?: --[\w-]+(?:=\S+)?)*)\s*$/.exec(fs.readFileSync(cli, 'utf8').split('\n', 1)[0]!);
	return [...(shebang?.[1]?.trim().split(' ').filter(Boolean) ?? []), cli];
}

/** The headless contenders on one fleet, side by side: first window and steady window. */
export async function measureFootprintHeadless(fleet: Fleet, floor: Floor, python: PsutilPython, subjects: FootprintSubjects, settings: FootprintSettings): Promise<FootprintRow[]> {
	const scratch = removeAtExit(fs.mkdtempSync(path.join(os.tmpdir(), 'wm-bench-footprint-')));
	const daemons = [...fleet.cliArgs, ...fleet.names.map(name => argumentOf(name))];
	const record = (name: string): string[] => ['--headless', '-s', '1', '--store-process', path.join(scratch, name)];
	const windows: Window[] = [{phase: 'first', fromMs: settings.firstFromMs, seconds: settings.firstSeconds}];
	if (settings.steadyFromMs !== undefined) {
		windows.push({phase: 'steady', fromMs: settings.steadyFromMs, seconds: settings.steadySeconds});
	}

	try {
		return await sideBySide(fleet, () => [
			fs.existsSync(cliOf(root)) ? headless('ours', process.execPath, [...launch(root), ...daemons, ...record('ours')]) : missing('ours', 'dist/cli.js is missing: npm run build'),
			...subjects.base === undefined ? [] : [fs.existsSync(cliOf(subjects.base))
				? headless('before', process.execPath, [...launch(subjects.base), ...daemons, ...record('before')])
				: missing('before', `${cliOf(subjects.base)} is missing: build that checkout`)],
			...subjects.singleFile === undefined ? [] : [headless('single file', subjects.singleFile, [...daemons, ...record('single')])],
			'problem' in python
				? missing('psutil', python.problem)
				: headless('psutil', python.python, [path.join(root, 'bench/reference/psutil_monitor.py'), '--sleep', '1', '--out', path.join(scratch, 'psutil'), ...fleet.names]),
			has('pidstat', '-V')
				? headless('pidstat', 'pidstat', ['-h', '-u', '-r', '-d', '-p', fleet.pids.join(','), '1'], {...process.env, LC_ALL: 'C', S_TIME_FORMAT: 'ISO'})
				: missing('pidstat', 'no pidstat: apt-get install -y sysstat'),
			headless('floor', floor.command, [...floor.prefix, 'run', '1000', '0', ...fleet.pids.map(String)]),
		], windows);
	} finally {
		removeNow(scratch);
	}
}

/** The screens on one fleet, each in its own 120x40 terminal, side by side. */
export async function measureFootprintLive(fleet: Fleet, subjects: FootprintSubjects, settings: FootprintSettings): Promise<FootprintRow[]> {
	const scratch = removeAtExit(fs.mkdtempSync(path.join(os.tmpdir(), 'wm-bench-footprint-live-')));
	const home = path.join(scratch, 'home');
	fs.mkdirSync(path.join(home, '.config', 'btop'), {recursive: true});
	// btop redraws every update_ms (2 s by default): 1 Hz as everyone else.
	fs.writeFileSync(path.join(home, '.config', 'btop', 'btop.conf'), 'update_ms = 1000\n');
	const env = screenEnvironment(home);
	const daemons = [...fleet.cliArgs, ...fleet.names.map(name => argumentOf(name))];
	const screen = (name: string): string[] => [...daemons, '--store-process', path.join(scratch, name)];
	let unpaused = false;
	try {
		const rows = await sideBySide(fleet, () => [
			inTerminal('ours live', process.execPath, [...launch(root), ...screen('live')], env),
			inTerminal('ours paused', process.execPath, [...launch(root), ...screen('paused')], env),
			headless('ours headless', process.execPath, [...launch(root), ...daemons, '--headless', '-s', '1', '--store-process', path.join(scratch, 'headless')]),
			...subjects.base === undefined ? [] : [inTerminal('before live', process.execPath, [...launch(subjects.base), ...screen('before')], env)],
			has('htop') ? inTerminal('htop', 'htop', ['-d', '10'], env) : missing('htop', 'no htop: apt-get install -y htop'),
			has('btop') ? inTerminal('btop', 'btop', ['--utf-force'], env) : missing('btop', 'no btop: apt-get install -y btop'),
		], [{phase: 'live', fromMs: settings.liveFromMs, seconds: settings.liveSeconds}], async running => {
			// Pause once the first frame is there (the fleet's first daemon on screen), and check it says so.
			const paused = running.find(each => each.contender === 'ours paused')!;
			for (let waited = 0; waited < 30_000 && !paused.shown(fleet.names[0]!.slice(0, 15)); waited += 100) {
				await sleep(100);
			}

			paused.write(' ');
			for (let waited = 0; waited < 10_000 && !paused.shown('PAUSED'); waited += 100) {
				await sleep(100);
			}

			if (!paused.shown('PAUSED')) {
				unpaused = true;
			}
		});
		return unpaused ? rows.map(row => (row.contender === 'ours paused' ? {...row, problem: 'the screen never showed PAUSED'} : row)) : rows;
	} finally {
		removeNow(scratch);
	}
}
