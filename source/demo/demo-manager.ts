import {argumentOf} from '../wazuh/daemon-specs.js';
import {entriesOf, processName} from '../wazuh/reference.js';
import type {FakeDaemon} from './shape.js';

/**
 * The simulated manager behind `--demo`: each daemon shows one thing worth watching (analysisd's
 * bursts, wazuh-db's slow leak, logcollector's writes, modulesd's churning children, syscheckd's
 * fds), while the whole fleet stays under 5 % of one core (bench/fleet-cost.ts): the tests run
 * several demos at once on two cores, and a demo must not be what a user's measurement shows.
 * analysisd, remoted and wazuh-db also publish their statistics, at the default rates of
 * stats/ (analysisd's events follow its CPU bursts; its syscheck queue fills every 100 s).
 */
export const demoManager: FakeDaemon[] = [
	{name: 'wazuh-analysisd', shape: {cpu: 0.003, cpuBurst: {every: 60, length: 2, cpu: 0.3}, memoryMb: 48}},
	{name: 'wazuh-remoted', shape: {cpu: 0.003, writeBytesPerSec: 16 * 1024, fds: 12}},
	{name: 'wazuh-db', shape: {memoryMb: 24, memoryGrowthMbPerMin: 2, fds: 8}},
	{name: 'wazuh-dbd'},
	{name: 'wazuh-logcollector', shape: {writeBytesPerSec: 64 * 1024, fds: 6}},
	{
		name: 'wazuh-modulesd',
		shape: {
			memoryMb: 8,
			children: 2,
			childShape: {memoryMb: 4},
			childChurn: {perSecond: 0.5, lifeMs: 1200},
		},
	},
	{name: 'wazuh-execd'},
	{name: 'wazuh-monitord', shape: {cpuBurst: {every: 60, length: 1, cpu: 0.2}}},
	{name: 'wazuh-authd', shape: {fds: 4}},
	{name: 'wazuh-syscheckd', shape: {cpuBurst: {every: 60, length: 2, cpu: 0.15}, fds: 20, fdChurn: 15}},
	{name: 'wazuh_apid.py', shape: {memoryMb: 16, children: 2, childShape: {memoryMb: 8}}},
	{name: 'wazuh_clusterd.py', shape: {children: 3, childShape: {memoryMb: 4}}},
];

/**
 * The same fleet as a Wazuh 5.x manager (`--demo=5`): the daemons 5.x still runs, under their 5.x
 * names (`wazuh-manager-analysisd`, `wazuh_manager_apid.py`), in the 5.x install layout.
 */
export const demoManager5: FakeDaemon[] = demoManager.flatMap(daemon => {
	const entry = entriesOf('manager-5').find(each => each.argument === argumentOf(daemon.name));
	return entry === undefined ? [] : [{...daemon, name: processName('manager-5', entry.argument, entry.kind)}];
});
