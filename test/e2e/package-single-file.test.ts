/*
 * The single-file builds (`npm run package`, package/build.mjs): built once into a temporary folder,
 * then run the way a Wazuh host runs them, with no node to be found. The environment is empty but
 * for PATH, which holds only traps: a `node`, `npm` or `npx` there records that it was called
 * (node is /usr/bin/node here, and /bin is /usr/bin, so neither is on PATH). The demo's fakes run
 * on /bin/bash, which the fleet finds without PATH. The bundle (.mjs) is started by this node given
 * by path, as a host with Node would; its demo supervisor must not need a node on PATH either.
 *
 * The executable has no test hooks: the CSVs go where --store-process says, and its log to the
 * default state folder, /var/log/wazuh-metrics as root (removed afterwards if these tests made it).
 */
import {type ChildProcess, execFile, spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import anyTest, {type ExecutionContext, type TestFn} from 'ava';
import {diskCsvHeader} from '../../source/model/disk-fields.js';
import {processCsvHeader} from '../../source/model/process-csv.js';
import {launchFleet} from '../../source/demo/fleet.js';
import {supervisorName} from '../../source/demo/layout.js';
import {trackChild, untrackChild} from '../helpers/children.js';
import {readCsv, waitFor} from '../helpers/cli.js';
import type {TestRequest} from '../helpers/fleet.js';
import {PtyScreen} from '../helpers/pty.js';

type Context = {out: string; tmp: string; trapBin: string; trapLog: string; stateRootExisted: boolean; demoRootExisted: boolean};
const test = anyTest as TestFn<Context>;
const ceilingMs = 60_000;
const stateRoot = '/var/log/wazuh-metrics';
/** The demo's log and folders: the user's own state folder, never the system's (root's home from the password database). */
const demoStateRoot = path.join(os.userInfo().homedir, '.local', 'state', 'wazuh-metrics', 'demo');
const packageJson = JSON.parse(fs.readFileSync('package.json', 'utf8')) as {version: string};

test.before(async t => {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-package-'));
	const out = path.join(tmp, 'release');
	const trapBin = path.join(tmp, 'trap-bin');
	const trapLog = path.join(tmp, 'trap.log');
	fs.mkdirSync(trapBin);
	for (const name of ['node', 'npm', 'npx', 'nodejs']) {
		fs.writeFileSync(path.join(trapBin, name), `#!/bin/sh\necho "${name} $*" >> ${trapLog}\nexit 127\n`, {mode: 0o755});
	}

	t.context = {out, tmp, trapBin, trapLog, stateRootExisted: fs.existsSync(stateRoot), demoRootExisted: fs.existsSync(demoStateRoot)};
	const started = Date.now();
	// The .deb and .rpm are built and tested by test/e2e/linux-packages.test.ts.
	await promisify(execFile)(process.execPath, ['package/build.mjs', '--out', out, '--no-packages'], {maxBuffer: 16 * 1024 * 1024});
	t.log(`package built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

test.after.always(t => {
	if (t.context.tmp !== undefined) {
		fs.rmSync(t.context.tmp, {recursive: true, force: true});
	}

	if (t.context.stateRootExisted === false) {
		fs.rmSync(stateRoot, {recursive: true, force: true});
	}

	if (t.context.demoRootExisted === false) {
		fs.rmSync(demoStateRoot, {recursive: true, force: true});
	}
});

/** How each single file is started: the executable alone, or the bundle by this node, by path. */
type Subject = {name: string; command: (out: string) => string; prefix: (out: string) => string[]};
const executable: Subject = {name: 'the x64 executable', command: out => path.join(out, 'wazuh-metrics-linux-x64'), prefix: () => []};
const bundle: Subject = {name: 'the bundle', command: () => process.execPath, prefix: out => [path.join(out, 'wazuh-metrics.mjs')]};

function cleanEnvironment(t: ExecutionContext<Context>): Record<string, string> {
	const environment: Record<string, string> = {PATH: t.context.trapBin};
	// The suite runner's marker (test/run-suite.mjs), so a process left behind is still found.
	const marker = process.env.WAZUH_METRICS_SUITE_RUN;
	if (marker !== undefined) {
		environment.WAZUH_METRICS_SUITE_RUN = marker;
	}

	return environment;
}

function noTrapSprung(t: ExecutionContext<Context>): void {
	t.false(fs.existsSync(t.context.trapLog), `a program was looked up on PATH: ${fs.existsSync(t.context.trapLog) ? fs.readFileSync(t.context.trapLog, 'utf8') : ''}`);
}

function cmdline(pid: string): string[] {
	try {
		return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
	} catch {
		return [];
	}
}

function parentOf(pid: string): number | undefined {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
	} catch {
		return undefined;
	}
}

const processes = (): string[] => fs.readdirSync('/proc').filter(name => /^\d+$/.test(name));

/** The folder of the fleet that `pid` started: its supervisor, a child of `pid`, names it last. */
function fleetDirOf(pid: number): string | undefined {
	for (const candidate of processes()) {
		const words = cmdline(candidate);
		if (parentOf(candidate) === pid && path.basename(words[0] ?? '') === supervisorName) {
			return words.at(-1);
		}
	}

	return undefined;
}

function pidsNaming(fleetDir: string): number[] {
	return processes().filter(pid => cmdline(pid).some(word => word.startsWith(fleetDir))).map(Number);
}

function killAll(pids: readonly number[]): void {
	for (const pid of pids) {
		try {
			process.kill(pid, 'SIGKILL');
		} catch {}
	}
}

/** Waits for the fleet's processes and folder to be gone. */
async function fleetGone(t: ExecutionContext<Context>, fleetDir: string): Promise<void> {
	await waitFor(() => (pidsNaming(fleetDir).length === 0 && !fs.existsSync(fleetDir) ? true : undefined), ceilingMs, `the demo fleet in ${fleetDir} to be gone`);
	t.deepEqual(pidsNaming(fleetDir), []);
}

async function exitOf(child: ChildProcess): Promise<{code: number | null; signal: NodeJS.Signals | null}> {
	if (child.exitCode !== null || child.signalCode !== null) {
		return {code: child.exitCode, signal: child.signalCode};
	}

	return new Promise(resolve => {
		child.once('exit', (code, signal) => {
			resolve({code, signal});
		});
	});
}

for (const subject of [executable, bundle]) {
	test(`${subject.name}: --help prints the tool's version, with no node on PATH`, async t => {
		const {stdout} = await promisify(execFile)(subject.command(t.context.out), [...subject.prefix(t.context.out), '--help'], {env: cleanEnvironment(t), cwd: t.context.tmp});
		t.regex(stdout, new RegExp(`wazuh-metrics ${packageJson.version.replaceAll('.', '\\.')}:`));
		noTrapSprung(t);
	});

	test(`${subject.name}: a headless --demo records the daemons and a --disk path (walk worker) with correct headers, and its fleet is gone after`, async t => {
		const work = fs.mkdtempSync(path.join(t.context.tmp, 'headless-'));
		// Alone in an empty folder, as copied onto a host.
		const command = subject === executable ? path.join(work, 'wazuh-metrics-linux-x64') : subject.command(t.context.out);
		if (subject === executable) {
			fs.copyFileSync(subject.command(t.context.out), command);
			fs.chmodSync(command, 0o755);
		}

		const watched = path.join(work, 'watched');
		fs.mkdirSync(watched);
		for (const name of ['a', 'b', 'c']) {
			fs.writeFileSync(path.join(watched, name), Buffer.alloc(10 * 1024));
		}

		const store = path.join(work, 'csv');
		const child = spawn(command, [...subject.prefix(t.context.out), '--demo', '--headless', '--store-process', store, '--disk', watched, '--disk-unit', 'KB'], {
			env: cleanEnvironment(t),
			cwd: work,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		trackChild(child.pid);
		let stderr = '';
		child.stderr.on('data', (data: Buffer) => {
			stderr += data.toString();
		});
		child.stdout.resume();
		let fleetDir: string | undefined;
		t.teardown(() => {
			killAll([child.pid ?? 0].filter(Boolean));
			if (fleetDir !== undefined) {
				killAll(pidsNaming(fleetDir));
			}
		});
		void exitOf(child).then(() => {
			untrackChild(child.pid);
		});

		fleetDir = await waitFor(() => fleetDirOf(child.pid!), ceilingMs, `the demo supervisor (stderr: ${stderr})`);
		const diskCsv = path.join(store, 'files', 'watched.csv');
		await waitFor(() => {
			const analysisd = path.join(store, 'wazuh-analysisd.csv');
			return fs.existsSync(analysisd) && readCsv(analysisd).rows.length >= 2 && fs.existsSync(diskCsv) && readCsv(diskCsv).rows.length >= 2 ? true : undefined;
		}, ceilingMs, `two rows of wazuh-analysisd and of the disk path (stderr: ${stderr})`);
		child.kill('SIGINT');
		const exit = await waitFor(() => (child.exitCode === null && child.signalCode === null ? undefined : {code: child.exitCode}), ceilingMs, 'the recorder to exit');
		t.is(exit.code, 0, stderr);

		const expected = processCsvHeader('KB');
		for (const daemon of ['wazuh-analysisd', 'wazuh-remoted', 'wazuh-db', 'wazuh-modulesd']) {
			const csv = readCsv(path.join(store, `${daemon}.csv`));
			t.deepEqual(csv.header, expected, daemon);
			t.true(csv.rows.length >= 2, daemon);
			t.is(csv.rows[0]!.Daemon, daemon);
			t.regex(csv.rows[0]!.PID!, /^\d+$/);
		}

		const disk = readCsv(diskCsv);
		t.deepEqual(disk.header, diskCsvHeader('KB'));
		// 30 KB of files, summed by the walk worker thread.
		t.true(disk.rows.some(row => Object.values(row).includes('30')), JSON.stringify(disk.rows.at(-1)));
		await fleetGone(t, fleetDir);
		noTrapSprung(t);
	});

	test(`${subject.name}: the live screen in a pty shows the demo's daemons, with the Ink frame shortcut on`, async t => {
		const work = fs.mkdtempSync(path.join(t.context.tmp, 'pty-'));
		// Alone in an empty folder, as copied onto a host.
		const command = subject === executable ? path.join(work, 'wazuh-metrics-linux-x64') : subject.command(t.context.out);
		if (subject === executable) {
			fs.copyFileSync(subject.command(t.context.out), command);
			fs.chmodSync(command, 0o755);
		}

		const screen = new PtyScreen([...subject.prefix(t.context.out), '--demo', '--store-process', path.join(work, 'csv')], {columns: 140, rows: 40}, {}, {}, {
			command,
			env: cleanEnvironment(t),
			cwd: work,
		});
		let fleetDir: string | undefined;
		t.teardown(() => {
			screen.kill();
			if (fleetDir !== undefined) {
				killAll(pidsNaming(fleetDir));
			}
		});

		const names = ['wazuh-analysisd', 'wazuh-remoted', 'wazuh-db', 'wazuh-modulesd', 'wazuh_apid.py'];
		await screen.waitForScreen(lines => (names.every(name => lines.some(line => line.includes(name) && line.includes('running'))) ? true : undefined), `the demo's daemons running`, ceilingMs);
		fleetDir = fleetDirOf(screen.pid);
		t.truthy(fleetDir);
		const logFile = path.join(demoStateRoot, 'wazuh-metrics.log');
		const line = `[${screen.pid}] INFO screen: Ink frame shortcut `;
		const said = await waitFor(() => fs.readFileSync(logFile, 'utf8').split('\n').find(entry => entry.includes(line)), ceilingMs, `"${line}" in ${logFile}`);
		t.true(said.endsWith(`${line}on`), said);
		screen.write('q');
		const exit = await Promise.race([screen.exited, new Promise<undefined>(resolve => {
			setTimeout(() => {
				resolve(undefined);
			}, ceilingMs).unref();
		})]);
		t.is(exit?.exitCode, 0);
		await fleetGone(t, fleetDir!);
		noTrapSprung(t);
	});
}

/** Traces of the fleet controls only tests use (test/helpers/fleet.ts, demo-supervisor.mjs): their requests and their handler. */
const testControls = [/\bop:\s*["'](?:start|restart|kill)["']/, /\bcase\s*["']kill["']/, /\bstopSlot\b/];

test('the bundle holds none of the fleet controls only tests use, and its demo supervisor refuses their requests', async t => {
	const bundleFile = path.join(t.context.out, 'wazuh-metrics.mjs');
	const text = fs.readFileSync(bundleFile, 'utf8');
	t.deepEqual(testControls.filter(pattern => pattern.test(text)).map(String), []);
	// The fake daemon's script is in it, as it ships (its first lines).
	t.true(text.includes(fs.readFileSync('source/demo/fake-daemon.sh', 'utf8').split('\n').slice(0, 3).join('\n')));

	// The bundle as the supervisor of a one-daemon fleet, the way the bundle's --demo runs it.
	const {fleet, client} = await launchFleet<TestRequest>({daemons: [{name: 'wazuh-execd'}], decoy: false}, {supervisor: [bundleFile]});
	t.teardown(async () => fleet.stop());
	const pid = client.pids['wazuh-execd'];
	t.is(typeof pid, 'number');
	for (const request of [{op: 'restart', name: 'wazuh-execd'}, {op: 'kill', name: 'wazuh-execd', signal: 'SIGKILL'}, {op: 'start', name: 'wazuh-execd'}] as const) {
		await t.throwsAsync(client.request(request), {message: `The demo supervisor has no request "${request.op}"`});
	}

	t.is(client.pids['wazuh-execd'], pid);
	t.true(fs.existsSync(`/proc/${pid}`));
	await fleet.stop();
	t.false(fs.existsSync(fleet.dir));
});

test('the arm64 executable is a 64-bit little-endian ELF for AArch64', t => {
	const header = Buffer.alloc(20);
	const fd = fs.openSync(path.join(t.context.out, 'wazuh-metrics-linux-arm64'), 'r');
	try {
		fs.readSync(fd, header, 0, header.length, 0);
	} finally {
		fs.closeSync(fd);
	}

	t.deepEqual([...header.subarray(0, 4)], [0x7F, 0x45, 0x4C, 0x46]);
	t.is(header[4], 2, 'ELFCLASS64');
	t.is(header[5], 1, 'little-endian');
	t.is(header.readUInt16LE(18), 183, 'EM_AARCH64');
});

test('SHA256SUMS lists the three single files with their digests (and the packages: test/e2e/linux-packages.test.ts)', async t => {
	const {stdout} = await promisify(execFile)('sha256sum', ['--check', 'SHA256SUMS'], {cwd: t.context.out});
	const singleFiles = stdout.trim().split('\n').filter(line => !/\.(deb|rpm): OK$/.test(line)).sort();
	t.deepEqual(singleFiles, ['wazuh-metrics-linux-arm64: OK', 'wazuh-metrics-linux-x64: OK', 'wazuh-metrics.mjs: OK']);
});
