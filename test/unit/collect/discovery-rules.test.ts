import test from 'ava';
import type {ProcStat} from '../../../source/procfs/parse-stat.js';
import {ChildNames} from '../../../source/collect/child-names.js';
import {buildDaemonTrees, excludedPids, outsideSubtree} from '../../../source/collect/daemon-trees.js';
import {daemonByArgument, type DaemonSpec} from '../../../source/wazuh/daemons.js';
import {commFilter, matchesDaemon, pythonScript} from '../../../source/collect/match.js';

const spec = (argument: string): DaemonSpec => daemonByArgument(argument)!;

test('binary daemons match by exact executable name', t => {
	t.true(matchesDaemon(spec('analysisd'), {comm: 'wazuh-analysisd', argv: ['/var/ossec/bin/wazuh-analysisd']}));
	t.true(matchesDaemon(spec('db'), {comm: 'wazuh-db', argv: ['/var/ossec/bin/wazuh-db']}));
	t.false(matchesDaemon(spec('db'), {comm: 'wazuh-dbd', argv: ['/var/ossec/bin/wazuh-dbd']}));
	t.false(matchesDaemon(spec('dbd'), {comm: 'wazuh-db', argv: ['/var/ossec/bin/wazuh-db']}));
	t.false(matchesDaemon(spec('analysisd'), {comm: 'tail', argv: ['tail', '-f', '/var/ossec/logs/wazuh-analysisd.log', 'wazuh-analysisd']}));
	t.false(matchesDaemon(spec('analysisd'), {comm: 'vim', argv: ['vim', 'wazuh-analysisd']}));
});

test('names longer than 15 characters: comm is cut, argv[0] or exe confirms', t => {
	const logcollector = spec('logcollector');
	t.true(matchesDaemon(logcollector, {comm: 'wazuh-logcollec', argv: ['/var/ossec/bin/wazuh-logcollector']}));
	t.true(matchesDaemon(logcollector, {comm: 'wazuh-logcollec', argv: ['renamed'], exe: 'wazuh-logcollector'}));
	t.false(matchesDaemon(logcollector, {comm: 'wazuh-logcollec', argv: ['/opt/wazuh-logcollectorX'], exe: 'other'}));
	t.false(matchesDaemon(logcollector, {comm: 'bash', argv: ['/var/ossec/bin/wazuh-logcollector']}));
});

test('script daemons: a Python interpreter running exactly that script', t => {
	const apid = spec('apid');
	t.true(matchesDaemon(apid, {comm: 'python3', argv: ['/var/ossec/framework/python/bin/python3', '/var/ossec/api/scripts/wazuh_apid.py']}));
	t.true(matchesDaemon(apid, {comm: 'wazuh_apid.py', argv: ['/usr/bin/python3.10', '-u', '-W', 'ignore', '/x/wazuh_apid.py', '--foreground']}));
	t.true(matchesDaemon(apid, {comm: 'x', argv: ['renamed', '/x/wazuh_apid.py'], exe: 'python3.9'}));
	t.false(matchesDaemon(apid, {comm: 'python3', argv: ['python3', '-c', 'import wazuh_apid.py']}));
	t.false(matchesDaemon(apid, {comm: 'python3', argv: ['python3', 'tail.py', '/x/wazuh_apid.py']}));
	t.false(matchesDaemon(apid, {comm: 'less', argv: ['less', '/var/ossec/api/scripts/wazuh_apid.py']}));
	t.false(matchesDaemon(spec('clusterd'), {comm: 'python3', argv: ['python3', '/x/wazuh_apid.py']}));
	t.is(pythonScript(['python3', '-X', 'dev', '-O', 's.py', 'a.py']), 's.py');
});

test('extras: the indexer JVM by its home, the dashboard node by its directory', t => {
	t.true(matchesDaemon(spec('indexer'), {comm: 'java', argv: ['/usr/share/wazuh-indexer/jdk/bin/java', '-Xms1g', '-Dopensearch.path.home=/usr/share/wazuh-indexer', 'org.opensearch.bootstrap.OpenSearch']}));
	t.false(matchesDaemon(spec('indexer'), {comm: 'java', argv: ['java', '-Dx=/usr/share/wazuh-indexer-backup']}));
	t.true(matchesDaemon(spec('dashboard'), {comm: 'node', argv: ['/usr/share/wazuh-dashboard/bin/../node/bin/node', '/usr/share/wazuh-dashboard/bin/../src/cli/dist']}));
	t.false(matchesDaemon(spec('dashboard'), {comm: 'node', argv: ['node', '/home/me/app.js', '/usr/share/wazuh-dashboard']}));
});

test('comm filter lets only candidates through', t => {
	const filter = commFilter([spec('analysisd'), spec('logcollector'), spec('apid')]);
	t.true(filter('wazuh-analysisd'));
	t.true(filter('wazuh-logcollec'));
	t.true(filter('python3.11'));
	t.false(filter('bash'));
	t.false(filter('wazuh-dbd'));
});

let nextPid = 100;
const proc = (comm: string, ppid: number, startTime: number, pid = nextPid++): ProcStat => ({pid, comm, ppid, startTime, state: 'S', utime: 0, stime: 0, numThreads: 1, vsize: 0});

test('trees: the newest top-level match is the daemon, older ones are stale; every descendant is a child', t => {
	const init = proc('systemd', 0, 1, 1);
	const stale = proc('wazuh-modulesd', 1, 10); // An older instance left running.
	const staleWorker = proc('wazuh-modulesd', stale.pid, 12);
	const current = proc('wazuh-modulesd', 1, 50);
	const worker = proc('wazuh-modulesd', current.pid, 60); // A matching child stays a child.
	const grandchild = proc('sh', worker.pid, 70);
	const other = proc('bash', 1, 5);
	const processes = [init, stale, staleWorker, current, worker, grandchild, other];
	const modulesd = spec('modulesd');
	const matchOf = new Map(processes.filter(p => p.comm === 'wazuh-modulesd').map(p => [p.pid, modulesd] as const));
	const {trees, stale: stales} = buildDaemonTrees(processes, matchOf, new Set());
	const tree = trees.get('wazuh-modulesd')!;
	t.is(tree.root.pid, current.pid);
	t.deepEqual(tree.descendants.map(p => p.pid), [worker.pid, grandchild.pid]);
	t.deepEqual(stales.get('wazuh-modulesd')?.map(p => p.pid), [stale.pid]);
});

test('trees: this tool and its children are excluded, except the allowed subtree', t => {
	const self = proc('node', 1, 1, 900);
	const helper = proc('wazuh-analysisd', 900, 2, 901); // Something we started: never monitored.
	const supervisor = proc('node', 900, 3, 902);
	const fleetDaemon = proc('wazuh-analysisd', 902, 4, 903);
	const excluded = excludedPids([self, helper, supervisor, fleetDaemon], 900, [902]);
	t.deepEqual([...excluded].sort(), [900, 901]);
});

test('child names: start order, stable per process, freed names reused after a restart', t => {
	const names = new ChildNames();
	const a = {pid: 30, startTime: 5};
	const b = {pid: 20, startTime: 5}; // Same start tick: lower PID first.
	const c = {pid: 10, startTime: 9};
	t.deepEqual([...names.assign([c, a, b])].sort((x, y) => x[0] - y[0]), [[10, 3], [20, 1], [30, 2]]);
	// A keeps its name while others come and go.
	const d = {pid: 40, startTime: 12};
	t.is(names.assign([a, d]).get(30), 2);
	t.is(names.assign([a, d]).get(40), 1);
	// A restart: all new children take the freed names in start order.
	const fresh = [{pid: 51, startTime: 100}, {pid: 50, startTime: 101}, {pid: 52, startTime: 102}];
	t.deepEqual([...names.assign(fresh)], [[51, 1], [50, 2], [52, 3]]);
	// The same PID with another start time is another process.
	t.is(names.assign([{pid: 51, startTime: 200}, {pid: 50, startTime: 101}]).get(51), 1);
});

test('scope: only a subtree is considered', t => {
	const processes = [proc('a', 1, 1, 10), proc('b', 10, 2, 11), proc('c', 11, 3, 12), proc('d', 1, 4, 13)];
	t.deepEqual([...outsideSubtree(processes, 11)].sort(), [10, 13]);
});
