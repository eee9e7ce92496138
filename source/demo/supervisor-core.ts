/**
 * Parent of every fake in a fleet. It obeys the caller over the IPC channel (start the fleet, stop
 * it), reports daemon pids, and takes the whole fleet down when the caller goes away.
 * supervisor.ts runs it as is; the test suite's supervisor (test/helpers/demo-supervisor.mjs) runs
 * it with an extension for the requests only tests make (kill, start, restart one daemon), which
 * the product's supervisor refuses.
 */
import type {ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import {daemonLaunch, decoyLaunch, type Launch} from './layout.js';
import {exitWithParent, onTerminate} from './lifeline.js';
import type {OtherRequest, Request, SupervisorMessage} from './protocol.js';
import type {FakeDaemon, Shape, StatsShape} from './shape.js';
import {fakeEnv} from './shape-env.js';
import {hasExited, spawnFake, terminateAll, waitReady} from './spawn-fake.js';
import {StatsPublisher} from './stats/publisher.js';

/** `readyPid` is set only once the fake said it is ready, so reports never show a half-started one. */
type Slot = {name: string; launch: Launch; shape: Shape; stats?: StatsShape | false; seed: number; child?: ChildProcess; readyPid?: number};

/** What an extension may do with the fleet. */
type FleetControl = {
	/** The slot of the daemon named `name`; throws for a name not in the fleet. */
	slot(name: string): Slot;
	/** Starts the slot's fake unless it runs; resolves with its pid once it is ready. */
	start(slot: Slot): Promise<number>;
	/** Sends the caller every daemon's current pid. */
	reportPids(): void;
};

/**
 * Handles a request the supervisor does not know (resolving with the reply's pid, if any), or
 * returns undefined: then the request is refused.
 */
export type Extension = (request: OtherRequest, control: FleetControl) => Promise<number | undefined> | undefined;

const readyTimeoutMs = 30_000;

function isProductRequest(request: Request | OtherRequest): request is Request {
	return request.op === 'start-fleet' || request.op === 'stop';
}

/** Serves the fleet in `dir` to the parent process until it asks to stop or goes away. */
export function serveFleet(dir: string, extension?: Extension): void {
	const slots = new Map<string, Slot>();
	const stats = new StatsPublisher(dir);
	let decoy: Slot | undefined;
	let shuttingDown = false;

	function send(message: SupervisorMessage, then?: () => void): void {
		if (!process.send) {
			then?.();
			return;
		}

		try {
			process.send(message, undefined, undefined, () => then?.());
		} catch {
			then?.();
		}
	}

	const livePid = (slot: Slot | undefined) => slot?.readyPid ?? null;

	function reportPids(): void {
		const pids: Record<string, number | null> = {};
		for (const [name, slot] of slots) {
			pids[name] = livePid(slot);
		}

		send({type: 'pids', pids, decoyPid: livePid(decoy)});
	}

	async function startSlot(slot: Slot): Promise<number> {
		if (slot.child && !hasExited(slot.child) && slot.child.pid !== undefined) {
			return slot.child.pid;
		}

		const started = Date.now();
		const child = spawnFake(slot.launch, fakeEnv(process.env, dir, slot.shape, slot.seed));
		slot.child = child;
		slot.readyPid = undefined;
		// A fake killed from outside (a test, a user) just shows as down, like a crashed daemon.
		child.once('exit', () => {
			if (slot.child === child) {
				slot.readyPid = undefined;
				void stats.stopped(slot.name);
			}

			if (!shuttingDown) {
				reportPids();
			}
		});
		try {
			await waitReady(child, readyTimeoutMs);
		} catch (error) {
			await terminateAll([child], 500);
			throw error;
		}

		if (child.pid === undefined) {
			throw new Error('fake started without a pid');
		}

		// Its statistics start with it, from zero: a restarted daemon's counters and uptime start over.
		await stats.started({name: slot.name, shape: slot.shape, stats: slot.stats, seed: slot.seed, started});
		slot.readyPid = child.pid;
		reportPids();
		return child.pid;
	}

	function slotOf(name: string): Slot {
		const slot = slots.get(name);
		if (!slot) {
			throw new Error(`No fake daemon named ${name}`);
		}

		return slot;
	}

	const control: FleetControl = {slot: slotOf, start: startSlot, reportPids};

	async function startFleet(daemons: FakeDaemon[], withDecoy: boolean): Promise<void> {
		// A fixed seed per daemon: its fd churn wanders the same way on every run.
		for (const [index, {name, shape, stats: statsShape}] of daemons.entries()) {
			slots.set(name, {name, launch: daemonLaunch(dir, name), shape: shape ?? {}, stats: statsShape, seed: index + 1});
		}

		if (withDecoy) {
			decoy = {name: 'tail', launch: decoyLaunch(dir), shape: {}, seed: 0};
		}

		const all = [...slots.values(), ...decoy ? [decoy] : []];
		await Promise.all(all.map(async slot => startSlot(slot)));
	}

	async function shutdown(): Promise<void> {
		if (shuttingDown) {
			return;
		}

		shuttingDown = true;
		const children = [...slots.values(), decoy].flatMap(slot => slot?.child ? [slot.child] : []);
		await Promise.all([terminateAll(children, 2000), stats.close()]);
	}

	async function handle(request: Request | OtherRequest): Promise<number | undefined> {
		if (!isProductRequest(request)) {
			const handled = extension?.(request, control);
			if (handled === undefined) {
				throw new Error(`The demo supervisor has no request ${JSON.stringify(request.op)}`);
			}

			return handled;
		}

		switch (request.op) {
			case 'start-fleet': {
				await startFleet(request.daemons, request.decoy);
				return undefined;
			}

			case 'stop': {
				await shutdown();
				return undefined;
			}
		}
	}

	// One request at a time, so a restart never interleaves with a kill of the same daemon.
	let queue = Promise.resolve();
	process.on('message', (request: Request | OtherRequest) => {
		queue = queue.then(async () => {
			if (shuttingDown && request.op !== 'stop') {
				send({type: 'reply', id: request.id, ok: false, error: 'fleet is stopping'});
				return;
			}

			try {
				const pid = await handle(request);
				const exit = request.op === 'stop' ? () => process.exit(0) : undefined;
				send({type: 'reply', id: request.id, ok: true, ...pid === undefined ? {} : {pid}}, exit);
			} catch (error) {
				send({type: 'reply', id: request.id, ok: false, error: error instanceof Error ? error.message : String(error)});
			}
		});
	});

	// Abandoned (the caller died, even by kill -9, or was disconnected): nobody else will remove the
	// fleet's folder, so the supervisor does, once its processes are gone.
	const leave = () => {
		void shutdown().then(() => {
			if (dir !== '') {
				fs.rmSync(dir, {recursive: true, force: true});
			}

			process.exit(0);
		});
	};

	onTerminate(leave);
	exitWithParent(leave);
	process.on('disconnect', leave);
}
