/**
 * Parent of every fake in a fleet. It obeys the caller over the IPC channel (start, restart, kill,
 * stop), reports daemon pids, and takes the whole fleet down when the caller goes away.
 * Run through the `wazuh-demo-supervisor` symlink with the fleet dir as its argument.
 */
import type {ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import {daemonLaunch, decoyLaunch, type Launch} from './layout.js';
import {exitWithParent, onTerminate} from './lifeline.js';
import {descendantsOf, killQuietly, waitGone} from './proc-scan.js';
import type {Request, SupervisorMessage} from './protocol.js';
import type {FakeDaemon, Shape} from './shape.js';
import {fakeEnv} from './shape-env.js';
import {exited, hasExited, spawnFake, terminateAll, waitReady} from './spawn-fake.js';

/** `readyPid` is set only once the fake said it is ready, so reports never show a half-started one. */
type Slot = {launch: Launch; shape: Shape; seed: number; child?: ChildProcess; readyPid?: number};

const dir = process.argv[2] ?? '';
const readyTimeoutMs = 30_000;
const slots = new Map<string, Slot>();
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

	const child = spawnFake(slot.launch, fakeEnv(process.env, dir, slot.shape, slot.seed));
	slot.child = child;
	slot.readyPid = undefined;
	// A fake killed from outside (a test, a user) just shows as down, like a crashed daemon.
	child.once('exit', () => {
		if (slot.child === child) {
			slot.readyPid = undefined;
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

	slot.readyPid = child.pid;
	reportPids();
	return child.pid;
}

/**
 * Resolves once the daemon and everything below it are dead. SIGKILL goes to the children first,
 * while the daemon is still alive to reap them (an orphan would stay a zombie where init does not
 * reap). Other signals go to the daemon as asked (a fake reaps its children on SIGTERM), and
 * whatever still resists after a grace period is SIGKILLed.
 */
async function stopSlot(slot: Slot, signal: NodeJS.Signals): Promise<void> {
	const {child} = slot;
	if (!child?.pid || hasExited(child)) {
		return;
	}

	const below = descendantsOf(child.pid);
	if (signal === 'SIGKILL') {
		for (const pid of below.toReversed()) {
			killQuietly(pid, 'SIGKILL');
		}

		await waitGone(below, 2000);
	}

	child.kill(signal);
	const timer = new Promise(resolve => {
		setTimeout(resolve, 3000).unref();
	});
	await Promise.race([exited(child), timer]);
	if (!hasExited(child)) {
		for (const pid of below) {
			killQuietly(pid, 'SIGKILL');
		}

		child.kill('SIGKILL');
		await exited(child);
	}

	// Orphaned children notice their parent is gone and leave by themselves; force the slow ones.
	for (const pid of await waitGone(below, 2000)) {
		killQuietly(pid, 'SIGKILL');
	}

	reportPids();
}

function slotOf(name: string): Slot {
	const slot = slots.get(name);
	if (!slot) {
		throw new Error(`No fake daemon named ${name}`);
	}

	return slot;
}

async function startFleet(daemons: FakeDaemon[], withDecoy: boolean): Promise<void> {
	// A fixed seed per daemon: its fd churn wanders the same way on every run.
	for (const [index, {name, shape}] of daemons.entries()) {
		slots.set(name, {launch: daemonLaunch(dir, name), shape: shape ?? {}, seed: index + 1});
	}

	if (withDecoy) {
		decoy = {launch: decoyLaunch(dir), shape: {}, seed: 0};
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
	await terminateAll(children, 2000);
}

async function handle(request: Request): Promise<number | undefined> {
	switch (request.op) {
		case 'start-fleet': {
			await startFleet(request.daemons, request.decoy);
			return undefined;
		}

		case 'start': {
			return startSlot(slotOf(request.name));
		}

		case 'restart': {
			const slot = slotOf(request.name);
			await stopSlot(slot, 'SIGKILL');
			return startSlot(slot);
		}

		case 'kill': {
			await stopSlot(slotOf(request.name), request.signal);
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
process.on('message', (request: Request) => {
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
