/**
 * `npm run bench [-- --quick] [--only footprint] [--base DIR] [--single-file FILE]`: the performance
 * figures and targets of bench/RESULTS.md, measured side by side on fleets of fake daemons, printed
 * as a table with the targets, then one JSON line. `--only footprint` runs that section alone;
 * `--base DIR` puts another checkout's built CLI (DIR/dist/cli.js) beside ours in it ("before");
 * `--single-file FILE` names the executable (default: release/wazuh-metrics-linux-x64 when there).
 * Progress goes to stderr; the table and the JSON to stdout. Every process it starts is killed
 * at the end, on failure and on Ctrl-C (cleanup.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {installCleanup} from './cleanup.js';
import {type Fleet, findHog, type FleetSpec, type Hog, startFleet} from './fleet/fleet.js';
import {filler, fitToDaemons, mixed100, mixed14, mixed16, small16, small500} from './fleet/fleets.js';
import {checkFleetFound, freeDaemonNames} from './fleet/names.js';
import {findFloor, type Floor} from './floor/floor.js';
import {machineFacts} from './machine.js';
import {buildNativeTools} from './native/build.js';
import {processCount} from './proc.js';
import {findPsutilPython, type PsutilPython} from './reference/python.js';
import type {Results, Section} from './results.js';
import {measureDaemonStats} from './sections/daemon-stats.js';
import {measureDiscovery} from './sections/discovery.js';
import {type FootprintSubjects, measureFootprintHeadless, measureFootprintLive} from './sections/footprint.js';
import {measureHugeDir} from './sections/huge-dir.js';
import {measureMemory} from './sections/memory.js';
import {measureRecorders} from './sections/recorder-overhead.js';
import {measureSampleCost} from './sections/sample-cost.js';
import {measureUi} from './sections/ui.js';
import {type FleetKey, fullSettings, quickSettings} from './settings.js';
import {summarise} from './summary.js';

const progress = (line: string): void => {
	process.stderr.write(`bench: ${line}\n`);
};

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

const fleetSpecs: Record<FleetKey, FleetSpec> = {'16': mixed16, '100': mixed100, '500': small500};

type Context = {hog: Hog; floor: Floor; python: PsutilPython; results: Results};

/**
 * Runs `body` with a fleet up, and stops it whatever happens. Names are picked now, among the
 * daemons nobody runs at this moment (other test runs may come and go on a shared machine).
 */
async function withFleet(context: Context, wanted: FleetSpec, body: (fleet: Fleet) => Promise<void>): Promise<void> {
	const names = freeDaemonNames();
	if (names.length === 0) {
		throw new Error('every daemon name is taken by a running process here');
	}

	const spec = fitToDaemons(wanted, names.length);
	progress(`starting fleet ${spec.label} as ${names.slice(0, spec.daemons.length).join(', ')}`);
	const fleet = await startFleet(spec, context.hog, names.slice(0, spec.daemons.length));
	try {
		const wrong = checkFleetFound(fleet);
		if (wrong !== undefined) {
			throw new Error(`discovery does not see the fleet: ${wrong}`);
		}

		await body(fleet);
	} finally {
		await fleet.stop();
	}
}

/** Brings /proc to about `size` processes with idle non-daemon processes for the duration of `body`. */
async function withTableOf<T>(context: Context, size: number, body: () => T): Promise<T> {
	const missing = size - processCount();
	if (missing <= 0) {
		return body();
	}

	const extra = await startFleet(filler(missing), context.hog, ['bench-filler']);
	try {
		return body();
	} finally {
		await extra.stop();
	}
}

async function attempt(context: Context, section: Section, what: string, body: () => Promise<void>): Promise<void> {
	try {
		await body();
	} catch (error: unknown) {
		progress(`${section} ${what}: ${message(error)}`);
		context.results.problems.push({section, what, why: message(error)});
	}
}

async function fleetStages(context: Context): Promise<void> {
	const {settings} = context.results;
	for (const key of ['16', '100', '500'] as const) {
		const spec = fleetSpecs[key];
		const sample = settings.sampleCost.fleets.includes(key);
		const record = settings.recorder.fleets.includes(key);
		const discovery = key !== '16';
		const jitter = key === '16';
		await attempt(context, 'sample', spec.label, async () => withFleet(context, spec, async fleet => {
			if (sample) {
				progress(`${spec.label}: per-process sample cost`);
				context.results.sampleCosts.push(await measureSampleCost(fleet, context.floor, settings.sampleCost));
			}

			if (record) {
				progress(`${spec.label}: recorders side by side at 1 Hz, ${settings.recorder.steadyAfterMs === undefined ? '' : `steady window from ${settings.recorder.steadyAfterMs / 1000} s, `}${settings.recorder.seconds} s windows`);
				context.results.recorders.push(...await measureRecorders(fleet, context.floor, context.python, settings.recorder));
			}

			if (discovery) {
				progress(`${spec.label}: discovery on ${settings.discovery.tableSize} processes`);
				const label = key === '100' ? 'typical (100 daemon processes)' : 'worst (500 daemon processes)';
				context.results.discoveries.push(await withTableOf(context, settings.discovery.tableSize, () => measureDiscovery(label, fleet, 'all', settings.discovery.runs)));
			}

			if (jitter) {
				progress(`${spec.label}: ${settings.hugeDir.files} files, tick jitter while walking`);
				context.results.hugeDir = await measureHugeDir(fleet, settings.hugeDir);
			}
		}));
	}

	progress(`memory: ${settings.memory.ticks} ticks every ${settings.memory.interval * 1000} ms`);
	await attempt(context, 'memory', 'soak', async () => withFleet(context, small16, async fleet => {
		context.results.memory.push(...await measureMemory(fleet, settings.memory));
	}));
}

/** Issue 22: headless on 14 and 100 processes, then the screens on 14. */
async function footprintStages(context: Context, subjects: FootprintSubjects): Promise<void> {
	const {settings} = context.results;
	for (const spec of [mixed14, mixed100]) {
		await attempt(context, 'footprint', spec.label, async () => withFleet(context, spec, async fleet => {
			progress(`footprint ${spec.label}: headless recorders side by side at 1 Hz`);
			context.results.footprint.push(...await measureFootprintHeadless(fleet, context.floor, context.python, subjects, settings.footprint));
			if (spec === mixed14) {
				progress(`footprint ${spec.label}: screens at ${'120x40'} side by side`);
				context.results.footprint.push(...await measureFootprintLive(fleet, subjects, settings.footprint));
			}
		}));
	}
}

type Flags = {quick: boolean; only: 'footprint' | undefined; subjects: FootprintSubjects};

function flags(): Flags {
	let values;
	try {
		({values} = parseArgs({options: {quick: {type: 'boolean'}, only: {type: 'string'}, base: {type: 'string'}, 'single-file': {type: 'string'}}}));
	} catch (error: unknown) {
		process.stderr.write(`bench: ${message(error)}\n`);
		process.exit(2);
	}

	if (values.only !== undefined && values.only !== 'footprint') {
		process.stderr.write(`bench: --only takes footprint, not ${values.only}\n`);
		process.exit(2);
	}

	const release = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../release/wazuh-metrics-linux-x64');
	const singleFile = values['single-file'] ?? (fs.existsSync(release) ? release : undefined);
	for (const [flag, file] of [['--base', values.base === undefined ? undefined : path.join(values.base, 'dist/cli.js')], ['--single-file', singleFile]] as const) {
		if (file !== undefined && !fs.existsSync(file)) {
			process.stderr.write(`bench: ${flag}: ${file} does not exist\n`);
			process.exit(2);
		}
	}

	return {quick: values.quick ?? false, only: values.only, subjects: {base: values.base === undefined ? undefined : path.resolve(values.base), singleFile: singleFile === undefined ? undefined : path.resolve(singleFile)}};
}

async function main(): Promise<void> {
	const {quick, only, subjects} = flags();
	installCleanup();
	const started = performance.now();
	const settings = quick ? quickSettings : fullSettings;
	const results: Results = {
		settings,
		machine: machineFacts(),
		hog: '',
		floor: '',
		psutil: '',
		sampleCosts: [],
		recorders: [],
		discoveries: [],
		memory: [],
		hugeDir: undefined,
		ui: [],
		daemonStats: undefined,
		footprint: [],
		problems: [],
		seconds: 0,
		loadAverageEnd: '',
	};
	const {machine} = results;
	progress(`${settings.quick ? 'quick' : 'full'} run on ${machine.nproc} x ${machine.cpu}, Linux ${machine.kernel}, Node ${machine.node}, load ${machine.loadAverage}`);

	const tools = buildNativeTools();
	const hog = findHog(tools.hog);
	const floor = findFloor(tools.floor);
	const python = findPsutilPython();
	results.hog = typeof hog === 'string' ? hog : hog.kind;
	results.floor = floor.kind === 'C' ? 'C' : `Node loop (${tools.problem ?? 'no compiler'})`;
	results.psutil = 'problem' in python ? python.problem : `${python.python}, psutil ${python.psutil}`;
	if ('problem' in python) {
		progress(python.problem);
	}

	if (typeof hog === 'string') {
		for (const section of only === 'footprint' ? ['footprint'] as const : ['sample', 'recorder', 'discovery', 'memory', 'huge-dir', 'footprint'] as const) {
			results.problems.push({section, what: 'everything', why: hog});
		}
	} else {
		if (only === undefined) {
			await fleetStages({hog, floor, python, results});
		}

		await footprintStages({hog, floor, python, results}, subjects);
	}

	if (only === undefined) {
		// Its own demo fleets (the simulated manager), not the hog fleets: no C compiler needed.
		await attempt({results} as Context, 'daemon stats', 'demo fleet', async () => {
			results.daemonStats = await measureDaemonStats(settings.daemonStats, progress);
		});

		for (const rows of settings.ui.rows) {
			progress(`ui: ${rows} rows`);
			await attempt({results} as Context, 'ui', `${rows} rows`, async () => {
				results.ui.push(await measureUi(rows, settings.ui));
			});
		}
	}

	results.seconds = (performance.now() - started) / 1000;
	results.loadAverageEnd = os.loadavg().map(load => load.toFixed(2)).join(' ');
	const {table, json} = summarise(results);
	process.stdout.write(`\nwazuh-metrics bench (${settings.quick ? 'quick' : 'full'}): ${machine.nproc} x ${machine.cpu}, ${machine.memoryGb} GB, Linux ${machine.kernel}, Node ${machine.node}\n`);
	process.stdout.write(`fleet: ${results.hog} hog; floor: ${results.floor}; psutil: ${results.psutil}; load average ${machine.loadAverage} -> ${results.loadAverageEnd}; ${Math.round(results.seconds)} s\n\n`);
	process.stdout.write(`${table}\n\n${JSON.stringify(json)}\n`);
}

await main();
// Nothing may keep a finished run alive (a pseudo-terminal handle, a timer); cleanup runs on exit.
process.exit(0);
