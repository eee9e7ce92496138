import test from 'ava';
import {startFleet} from '../../helpers/fleet.js';
import {Monitor, type RestartEvent, type Snapshot} from '../../../source/index.js';
import {assertFreshBuild} from '../../helpers/fresh-build.js';

// The fleet's supervisor is dist/'s.
test.before(() => {
	assertFreshBuild();
});

test('library: async iteration, restart events, frozen snapshots', async t => {
	const fleet = await startFleet({daemons: [{name: 'wazuh-remoted', shape: {children: 2}}, {name: 'wazuh-db'}], decoy: false});
	t.teardown(async () => fleet.stop());
	const monitor = new Monitor({
		daemons: ['remoted', 'wazuh-db'],
		interval: 0.2,
		healthcheckInterval: 60,
		allowedRoots: [fleet.supervisorPid],
		scope: fleet.supervisorPid,
	});
	const restarts: RestartEvent[] = [];
	monitor.on('restart', event => restarts.push(event));
	const oldPid = fleet.pidOf('wazuh-remoted')!;
	monitor.start();

	const seen: Snapshot[] = [];
	for await (const snapshot of monitor) {
		seen.push(snapshot);
		if (seen.length === 2) {
			await fleet.restart('wazuh-remoted');
		}

		if (restarts.length > 0 && snapshot.samples.some(sample => sample.pid === restarts[0]!.newPid)) {
			await monitor.stop();
		}
	}

	t.deepEqual(restarts.map(({name, oldPid}) => ({name, oldPid})), [{name: 'wazuh-remoted', oldPid}]);
	const first = seen[0]!;
	t.true(Object.isFrozen(first) && Object.isFrozen(first.samples) && Object.isFrozen(first.samples[0]));
	t.deepEqual(first.samples.map(sample => sample.role).sort(), ['wazuh-db', 'wazuh-remoted', 'wazuh-remoted_child_1', 'wazuh-remoted_child_2']);
	t.deepEqual(first.daemons.map(daemon => daemon.status), ['running', 'running']);
	t.true(seen.some(snapshot => snapshot.daemons[0]!.status === 'restarted'), 'the restart tick is marked');
	t.is(seen.at(-1)!.daemons[0]!.restarts, 1);
	for (const sample of first.samples) {
		t.true(sample.rss! > 0 && sample.fd! > 0 && sample.cpuPercent !== undefined);
	}

	t.throws(() => new Monitor({daemons: ['nope']}), {message: /unknown daemon "nope"/});
});
