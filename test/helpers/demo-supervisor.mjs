/*
 * Test-only supervisor of the demo fleet (never installed, never bundled): the product's
 * (dist/demo/supervisor-core.js) with the requests tests use to crash and restart one daemon, which
 * the product's supervisor refuses. Started by test/helpers/fleet.ts through the fleet's
 * `wazuh-demo-supervisor` symlink to node, with the fleet dir as its argument. Plain JavaScript:
 * the supervisor runs under plain node, without the tests' loader.
 *
 *   {op: 'start', name}           starts a killed daemon (its running pid if it is up)
 *   {op: 'restart', name}         SIGKILLs the daemon and its children, starts it again
 *   {op: 'kill', name, signal}    kills it (and its children) without a restart
 */
import {descendantsOf, killQuietly, waitGone} from '../../dist/demo/proc-scan.js';
import {exited, hasExited} from '../../dist/demo/spawn-fake.js';
import {serveFleet} from '../../dist/demo/supervisor-core.js';

/**
 * Resolves once the daemon and everything below it are dead. SIGKILL goes to the children first,
 * while the daemon is still alive to reap them (an orphan would stay a zombie where init does not
 * reap). Other signals go to the daemon as asked (a fake reaps its children on SIGTERM), and
 * whatever still resists after a grace period is SIGKILLed.
 */
async function stopSlot(slot, signal, control) {
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

	control.reportPids();
}

serveFleet(process.argv[2] ?? '', (request, control) => {
	switch (request.op) {
		case 'start': {
			return control.start(control.slot(request.name));
		}

		case 'restart': {
			const slot = control.slot(request.name);
			return stopSlot(slot, 'SIGKILL', control).then(async () => control.start(slot));
		}

		case 'kill': {
			return stopSlot(control.slot(request.name), request.signal, control).then(() => undefined);
		}

		default: {
			return undefined;
		}
	}
});
