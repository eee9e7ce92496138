import path from 'node:path';
import {FolderError} from '../safe-fs/errors.js';
import {defaultLogPath, Logger} from '../recorder/logger.js';
import {SafeFolder} from '../safe-fs/safe-folder.js';
import {assertWritable, createSessionFolder, defaultDiskFolder, defaultLogFolder, defaultProcessFolder, defaultStateRoot, demoStateRoot} from '../recorder/session-folder.js';
import {demoManager, demoManager5} from '../demo/demo-manager.js';
import {defaultStatsFolder} from '../recorder/stats-recorder.js';
import type {SessionConfig} from '../session/config.js';
import {charsetOf, terminalStyle} from '../session/terminal.js';
import {glyphsOf} from '../ui/glyphs.js';
import type {TerminalStyle} from '../ui/terminal-style.js';
import type {Io, SessionHooks} from '../session/session.js';
import {helpText, type Options, parseOptions} from './options.js';
import {parseReplayOptions, replayHelpText, type ReplayOptions} from './replay-options.js';
import {chooseDisplay, type Display} from './terminal-mode.js';
import {UsageError} from './usage-error.js';

export type {Io} from '../session/session.js';

/**
 * Exit statuses: 0 normal end, 1 runtime failure (nothing left to monitor, a crash), 2 bad input.
 * `hooks` are for tests only (test/helpers/cli-entry.mjs): the installed CLI passes none and reads no
 * environment variable that would change what is monitored or where files go.
 */
export async function main(argv: readonly string[], toolVersion: string, io: Io = process, hooks: SessionHooks = {}): Promise<number> {
	// The locale's character set (ASCII unless it names UTF-8), for every line said, as for the screen.
	let glyphs = glyphsOf(charsetOf(process.env));
	const say = (line: string): void => {
		io.stderr.write(`wazuh-metrics: ${glyphs.text(line)}\n`);
	};

	// Subcommands: a word first. Each parses its own flags in its own file.
	switch (argv[0]) {
		case 'report': {
			// Loaded only for it: the live tool's start (and the demo's first line) does not wait for it.
			const {runReport} = await import('./report-command.js');
			return runReport(argv.slice(1), toolVersion, io);
		}

		case 'replay': {
			let replay: ReplayOptions;
			try {
				const parsed = parseReplayOptions(argv.slice(1));
				if (parsed === 'help') {
					io.stdout.write(replayHelpText(toolVersion));
					return 0;
				}

				replay = parsed;
			} catch (error: unknown) {
				if (error instanceof UsageError) {
					say(error.message);
					return 2;
				}

				throw error;
			}

			const style = terminalStyle(process.env, replay.ascii);
			const {runReplay} = await import('../replay/replay-command.js');
			return runReplay(replay.folder, io, style);
		}

		default: {
			break;
		}
	}

	if (process.platform !== 'linux') {
		say(`reads /proc, so it runs on Linux only (this is ${process.platform})`);
		return 1;
	}

	let options: Options;
	let display: Display;
	let style: TerminalStyle;
	try {
		const parsed = parseOptions(argv);
		if (parsed === 'help') {
			io.stdout.write(helpText(toolVersion));
			return 0;
		}

		if (parsed === 'tool-version') {
			io.stdout.write(`wazuh-metrics ${toolVersion}\n`);
			return 0;
		}

		options = parsed;
		const chosen = chooseDisplay(options, io.stdout.isTTY === true, process.env.TERM);
		display = chosen.display;
		if (options.iterations !== undefined && display === 'screen') {
			throw new UsageError(`-n ${options.iterations} counts the samples of --batch or --headless; the live screen runs until q (add --batch or --headless)`);
		}

		if (chosen.why !== undefined) {
			say(chosen.why);
		}

		style = terminalStyle(process.env, options.ascii);
		glyphs = glyphsOf(style.charset);
		// The name `ps` and `top` show for this process (meow, the flag parser before, set it so).
		process.title = 'wazuh-metrics';
		if (options.demo) {
			// Said before the rest of the program is even loaded: the demo takes a few seconds to start,
			// and the screen comes up only then.
			say(`starting the demo: a simulated Wazuh ${options.demoVersion}.x manager (${(options.demoVersion === 5 ? demoManager5 : demoManager).length} daemons)...`);
		}
	} catch (error: unknown) {
		if (error instanceof UsageError) {
			say(error.message);
			return 2;
		}

		throw error;
	}

	// The demo is not a recording of this host: its folders and its log go to the user's own state
	// folder, never the system's (--store-process still puts its CSVs where asked).
	const stateRoot = (): string => hooks.stateRoot ?? (options.demo ? demoStateRoot() : defaultStateRoot());
	let prepared: Prepared;
	try {
		prepared = prepareFolders(options, stateRoot);
	} catch (error: unknown) {
		if (error instanceof FolderError) {
			say(error.message);
			return 2;
		}

		throw error;
	}

	const logger = new Logger({
		path: defaultLogPath(prepared.log.path),
		folder: prepared.log,
		debug: options.debug,
		onError(error: unknown) {
			say(`cannot write the log file (${error instanceof Error ? error.message : String(error)}); monitoring goes on`);
		},
	});
	// Loaded only now (the collector, recorder, exporter and demo behind it): a quick answer comes first.
	const {Session} = await import('../session/session.js');
	return new Session(sessionConfig(options, prepared, display, style), logger, toolVersion, say, hooks, io).run();
}

type Prepared = {
	/** Where the CSVs go; undefined with --no-record. */
	readonly folders: {readonly process: string; readonly disk: string | undefined} | undefined;
	/** The log file's folder, checked. */
	readonly log: SafeFolder;
	/** The default state root, when --retain cleans it. */
	readonly retainRoot: string | undefined;
};

/**
 * Every folder written into is checked from / down before anything starts (safe-folder.ts): the
 * log's folder too, even with --store-process, so an unsafe one stops the run instead of only
 * losing its log lines. The state root is looked up only when used (a default session folder,
 * --retain, the log without LOGS_DIRECTORY), so a service given its folders needs no home.
 */
function prepareFolders(options: Options, stateRoot: () => string): Prepared {
	const log = new SafeFolder(defaultLogFolder(stateRoot));
	log.ensure();
	if (!options.record) {
		return {folders: undefined, log, retainRoot: undefined};
	}

	const processFolder = options.storeProcess === undefined
		? createSessionFolder(defaultProcessFolder(new Date(), stateRoot()), {unique: true})
		: path.resolve(options.storeProcess);
	assertWritable(processFolder);
	let diskFolder: string | undefined;
	if (options.disk.length > 0) {
		diskFolder = options.storeDisk === undefined ? defaultDiskFolder(processFolder) : path.resolve(options.storeDisk);
		assertWritable(diskFolder);
	}

	return {folders: {process: processFolder, disk: diskFolder}, log, retainRoot: options.retain === undefined ? undefined : stateRoot()};
}

/** What the session needs from the options, typed: it never sees the command line. */
function sessionConfig(options: Options, {folders, retainRoot}: Prepared, display: Display, style: TerminalStyle): SessionConfig {
	return {
		daemons: options.daemons,
		diskPaths: options.disk,
		interval: options.sleep,
		units: options.units,
		diskUnit: options.diskUnit,
		wazuhVersion: options.version,
		healthcheckInterval: options.healthcheckTime,
		retries: options.retries,
		display,
		iterations: options.iterations,
		demo: options.demo ? options.demoVersion : undefined,
		installDir: options.installDir,
		matchByName: options.matchByName,
		prometheus: options.prometheus,
		textfile: options.textfile,
		statsInterval: options.statsInterval,
		folders: folders === undefined ? undefined : {process: folders.process, disk: folders.disk, stats: options.storeStats === undefined ? defaultStatsFolder(folders.process) : path.resolve(options.storeStats)},
		defaultProcessFolder: options.storeProcess === undefined,
		retain: retainRoot === undefined || options.retain === undefined ? undefined : {root: retainRoot, days: options.retain},
		style,
	};
}
