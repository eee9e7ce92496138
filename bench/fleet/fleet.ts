/**
 * Fleets of fake daemons: each daemon is the hog program (C, or Python without a compiler) run
 * through a symlink named like the daemon, so /proc shows `wazuh-analysisd` as comm and argv[0],
 * with its children forked below it. The fleet is what every contender in a comparison samples.
 */
import {type ChildProcess, spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {killGroup, ownGroup, removeAtExit, removeNow} from '../cleanup.js';
import {descendantsOf, readStat} from '../proc.js';
import {installedSpecs} from '../../source/wazuh/daemon-specs.js';
import {readInstallation} from '../../source/wazuh/installation.js';

export type Shape = {readonly mb: number; readonly fds: number};
export type DaemonShape = {
	readonly root: Shape;
	readonly children: ReadonlyArray<Shape & {readonly count: number}>;
};
export type FleetSpec = {readonly label: string; readonly daemons: readonly DaemonShape[]};

/** How to run the hog: the compiled C program, or an interpreter and hog.py. */
export type Hog = {readonly program: string; readonly prefix: readonly string[]; readonly kind: 'C' | 'Python'};

export type Fleet = {
	readonly spec: FleetSpec;
	/** Process name of each daemon, in spec order: `wazuh-agentlessd`. */
	readonly names: readonly string[];
	/** Daemon process PIDs, in spec order. */
	readonly roots: readonly number[];
	/** Every process: each root followed by its descendants. */
	readonly pids: readonly number[];
	/**
	 * How the CLI is told where the fleet is: `--install-dir` of the fleet's folder, laid out as a
	 * 4.x manager (bin/wazuh-control and each daemon's program, a copy of the C hog), so the CLI
	 * matches the daemons by program and owner as on a real host; `--match-by-name` for the
	 * Python hog, whose program is the interpreter.
	 */
	readonly cliArgs: readonly string[];
	stop(): Promise<void>;
};

const here = path.dirname(fileURLToPath(import.meta.url));

/** Whether the CLI reads `dir` as an installation whose daemons include every one of `names`. */
function isInstallationOf(dir: string, names: readonly string[]): boolean {
	const installation = readInstallation(dir);
	const specs = installation === undefined ? [] : installedSpecs(installation);
	return names.every(name => specs.some(spec => spec.name === name));
}

/** The hog to use, or why there is none. */
export function findHog(compiledHog: string | undefined): Hog | string {
	if (compiledHog !== undefined) {
		return {program: compiledHog, prefix: [], kind: 'C'};
	}

	// The real interpreter, not a pyenv shim: a shim would exec again and change comm.
	for (const python of ['python3', '/usr/bin/python3']) {
		const found = spawnSync(python, ['-c', 'import os, sys; print(os.path.realpath(sys.executable))'], {encoding: 'utf8'});
		if (found.status === 0) {
			return {program: found.stdout.trim(), prefix: [path.join(here, 'hog.py')], kind: 'Python'};
		}
	}

	return 'neither a C compiler nor python3 to run the fleet processes';
}

export const processCount = (spec: FleetSpec): number =>
	spec.daemons.reduce((sum, daemon) => sum + 1 + daemon.children.reduce((count, child) => count + child.count, 0), 0);

export const residentMb = (spec: FleetSpec): number =>
	spec.daemons.reduce((sum, daemon) => sum + daemon.root.mb + daemon.children.reduce((total, child) => total + (child.mb * child.count), 0), 0);

async function waitReady(child: ChildProcess, name: string, timeoutMs: number): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		let output = '';
		const timer = setTimeout(() => {
			reject(new Error(`${name} not ready after ${timeoutMs} ms`));
		}, timeoutMs);
		child.stdout!.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('ready')) {
				clearTimeout(timer);
				resolve();
			}
		});
		child.once('exit', code => {
			clearTimeout(timer);
			reject(new Error(`${name} exited (${code}) before it was ready`));
		});
	});
}

/** Starts the fleet with the given process name for each daemon (spec order). */
export async function startFleet(spec: FleetSpec, hog: Hog, names: readonly string[]): Promise<Fleet> {
	const dir = removeAtExit(fs.mkdtempSync(path.join(os.tmpdir(), 'wm-bench-fleet-')));
	const children: ChildProcess[] = [];
	const gone = async (targets: readonly number[]): Promise<void> => {
		for (let waited = 0; waited < 5000 && targets.some(pid => fs.existsSync(`/proc/${pid}`)); waited += 20) {
			await new Promise(resolve => setTimeout(resolve, 20));
		}
	};

	const stop = async (): Promise<void> => {
		// Children first, while their parent lives: it lets the kernel reap them (SIGCHLD ignored),
		// so none is left as a zombie for init to collect (and for the next /proc count to see).
		const roots = new Set(children.map(child => child.pid));
		const members = pids.filter(pid => !roots.has(pid));
		for (const pid of members) {
			// Still one of ours (a PID freed and reused meanwhile would have another parent).
			if (roots.has(readStat(pid)?.ppid)) {
				try {
					process.kill(pid, 'SIGKILL');
				} catch {}
			}
		}

		await gone(members);
		for (const child of children) {
			killGroup(child.pid);
		}

		await gone(pids);
		removeNow(dir);
	};

	let pids: number[] = [];
	try {
		const installed = hog.kind === 'C';
		if (installed) {
			fs.mkdirSync(path.join(dir, 'bin'), {mode: 0o755});
			fs.writeFileSync(path.join(dir, 'bin', 'wazuh-control'), '#!/bin/sh\n', {mode: 0o755});
		}

		await Promise.all(spec.daemons.map(async (daemon, index) => {
			const name = names[index]!;
			const link = path.join(dir, installed ? 'bin' : '', name);
			if (installed) {
				fs.copyFileSync(hog.program, link);
				fs.chmodSync(link, 0o755);
			} else {
				fs.symlinkSync(hog.program, link);
			}

			const shapes = daemon.children.map(child => `${child.mb}:${child.fds}x${child.count}`);
			const child = ownGroup(spawn(link, [...hog.prefix, String(daemon.root.mb), String(daemon.root.fds), ...shapes], {
				detached: true,
				stdio: ['ignore', 'pipe', 'inherit'],
			}));
			children.push(child);
			await waitReady(child, name, 120_000);
			child.stdout!.resume();
		}));
		// Spec order, not start order.
		const ordered = names.map(name => children.find(child => path.basename(child.spawnfile) === name)!.pid!);
		const below = descendantsOf(ordered);
		pids = ordered.flatMap(root => [root, ...below.get(root)!]);
		if (pids.length !== processCount(spec)) {
			throw new Error(`fleet ${spec.label}: expected ${processCount(spec)} processes, found ${pids.length}`);
		}

		const cliArgs = installed && isInstallationOf(dir, names) ? ['--install-dir', dir] : ['--match-by-name'];
		return {spec, names, roots: ordered, pids, cliArgs, stop};
	} catch (error: unknown) {
		pids = children.map(child => child.pid!).filter(Boolean);
		await stop();
		throw error;
	}
}
