import {spawn, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {makeFleetDir, prepareGivenDir} from './fleet-dir.js';
import {checkDaemonName, createLayout, logPath, supervisorLaunch} from './layout.js';
import {killQuietly, pidsWithCmdline, waitGone} from './proc-scan.js';
import {builtPrograms, type Programs} from './programs.js';
import type {FakeDaemon} from './shape.js';
import {checkShape} from './shape-env.js';
import {exited} from './spawn-fake.js';
import {SupervisorClient, type Body, type RequestBody} from './supervisor-client.js';
import {demoManager} from './demo-manager.js';

export type {FakeDaemon, Shape} from './shape.js';
export {demoManager, demoManager5} from './demo-manager.js';

export type FleetOptions = {
	/** Defaults to `demoManager`. */
	daemons?: FakeDaemon[];
	/** A `tail` whose arguments mention daemon names; it must never be matched. Default true. */
	decoy?: boolean;
	/** Defaults to a fresh dir on a disk filesystem; a given dir must be empty or missing. */
	dir?: string;
	/**
	 * Called every `slowStartMs` while the fleet is still starting, with how many daemons are up:
	 * given, the start waits as long as it takes (a loaded machine is slow, not broken) instead of
	 * failing after 60 s. It still fails at once if the supervisor dies.
	 */
	onSlowStart?: (progress: StartProgress) => void;
	/** Default 5000. */
	slowStartMs?: number;
};

type StartProgress = {readonly ready: number; readonly total: number; readonly seconds: number};

export type Fleet = {
	dir: string;
	/** Parent of every fake; a monitor watching this fleet excludes its own descendants but these. */
	supervisorPid: number;
	/** Everything dead and the dir removed. */
	stop(): Promise<void>;
};

/** A fleet and the channel to its supervisor (pid reports, requests). */
export type LaunchedFleet<Requests extends Body> = {fleet: Fleet; client: SupervisorClient<Requests | RequestBody>};

const startTimeoutMs = 60_000;

function checkDaemons(daemons: readonly FakeDaemon[]): void {
	const seen = new Set<string>();
	for (const {name, shape} of daemons) {
		checkDaemonName(name);
		checkShape(name, shape);
		if (seen.has(name)) {
			throw new Error(`Fake daemon ${name} is listed twice`);
		}

		seen.add(name);
	}
}

function spawnSupervisor(dir: string, programArguments: readonly string[]): ChildProcess {
	const launch = supervisorLaunch(dir, programArguments);
	const env = {...process.env};
	// The caller may run under a loader (tsx): the supervisor must run as plain node.
	delete env.NODE_OPTIONS;
	const log = fs.openSync(logPath(dir), 'a');
	try {
		// Own session: a Ctrl-C in the terminal goes to the monitor, which then stops the fleet.
		return spawn(launch.command, launch.args, {env, stdio: ['pipe', 'ignore', log, 'ipc'], detached: true, serialization: 'json'});
	} finally {
		fs.closeSync(log);
	}
}

async function delay(ms: number): Promise<void> {
	await new Promise(resolve => {
		setTimeout(resolve, ms).unref();
	});
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_resolve, reject) => {
		timer = setTimeout(() => {
			reject(new Error(`${what} timed out after ${ms} ms`));
		}, ms);
	});
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

/** Waits for `promise`, telling `onSlow` every `everyMs` how many daemons have reported a pid. */
async function withProgress<T>(promise: Promise<T>, client: SupervisorClient, total: number, everyMs: number, onSlow: (progress: StartProgress) => void): Promise<T> {
	const started = performance.now();
	const timer = setInterval(() => {
		const ready = Object.values(client.pids).filter(pid => typeof pid === 'number').length;
		onSlow({ready: Math.min(ready, total), total, seconds: Math.round((performance.now() - started) / 1000)});
	}, everyMs);
	try {
		return await promise;
	} finally {
		clearInterval(timer);
	}
}

/** Starts the simulated manager; resolves when every daemon and its long-lived children run. */
export async function startFleet(options: FleetOptions = {}): Promise<Fleet> {
	const {fleet} = await launchFleet(options, builtPrograms());
	return fleet;
}

/**
 * startFleet with the supervisor `programs` names, and the channel to it: the test suite runs its
 * own supervisor, which takes requests the product's refuses (test/helpers/fleet.ts).
 */
export async function launchFleet<Requests extends Body = RequestBody>(options: FleetOptions, programs: Programs): Promise<LaunchedFleet<Requests>> {
	if (process.platform !== 'linux') {
		throw new Error('The demo fleet needs Linux');
	}

	const daemons = options.daemons ?? demoManager;
	checkDaemons(daemons);
	const dir = options.dir === undefined ? makeFleetDir() : prepareGivenDir(options.dir);
	let child: ChildProcess | undefined;
	let client: SupervisorClient<Requests | RequestBody> | undefined;
	let stopping: Promise<void> | undefined;

	// Everything below dies with us anyway (lifelines); this only tidies the dir on a plain exit.
	const onExit = () => {
		fs.rmSync(dir, {recursive: true, force: true});
	};

	const stop = async () => {
		stopping ??= (async () => {
			if (child?.pid !== undefined) {
				// Hold the caller's event loop open until the fleet is really gone.
				child.ref();
				try {
					await withTimeout(client?.request({op: 'stop'}) ?? Promise.resolve(undefined), 10_000, 'stopping the demo fleet');
				} catch {
					// Gone already, or stuck: the sweep below handles both.
				}

				// It exits right after its reply; only a stuck one needs the hard way.
				await Promise.race([exited(child), delay(2000)]);
				child.kill('SIGKILL');
				await exited(child);
			}

			// Whatever still names the fleet dir (a fake that ignored everything) is ours to end.
			const left = pidsWithCmdline(dir + path.sep);
			for (const pid of left) {
				killQuietly(pid, 'SIGKILL');
			}

			await waitGone(left, 5000);
			process.off('exit', onExit);
			await fs.promises.rm(dir, {recursive: true, force: true});
		})();
		return stopping;
	};

	process.on('exit', onExit);
	try {
		await createLayout(dir, daemons.map(daemon => daemon.name));
		child = spawnSupervisor(dir, programs.supervisor);
		const spawned = child;
		await new Promise<void>((resolve, reject) => {
			spawned.once('spawn', resolve);
			spawned.once('error', reject);
		});
		client = new SupervisorClient<Requests | RequestBody>(spawned);
		const starting = client.request({op: 'start-fleet', daemons, decoy: options.decoy ?? true});
		if (options.onSlowStart === undefined) {
			await withTimeout(starting, startTimeoutMs, 'starting the demo fleet');
		} else {
			await withProgress(starting, client, daemons.length, options.slowStartMs ?? 5000, options.onSlowStart);
		}
	} catch (error) {
		await stop();
		throw error;
	}

	return {fleet: {dir, supervisorPid: child.pid ?? 0, stop}, client};
}
