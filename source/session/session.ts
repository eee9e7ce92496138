import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {statusLine} from './status-line.js';
import type {Options} from '../cli/options.js';
import {DiskUsageTracker} from '../collect/disk-usage-tracker.js';
import {type Fleet, demoManager, demoManager5, startFleet} from '../demo/fleet.js';
import {Exporter} from '../export/exporter.js';
import type {ExportInfo} from '../export/families.js';
import {MetricsServer} from '../export/metrics-server.js';
import {TextfileWriter} from '../export/textfile.js';
import {discover} from '../collect/discovery.js';
import {Monitor} from '../collect/monitor.js';
import {formatIsoWithOffset} from '../model/timestamp.js';
import {describeError, FolderError} from '../safe-fs/errors.js';
import type {Logger} from '../recorder/logger.js';
import {Recorder} from '../recorder/recorder.js';
import {SafeFolder} from '../safe-fs/safe-folder.js';
import {type SessionFile, sessionFileName, writeSessionFile} from '../recorder/session-file-writer.js';
import {defaultDiskFolder} from '../recorder/session-folder.js';
import {HistoryStore} from '../model/history-store.js';
import {readSessionFile} from '../reader/session-file.js';
import {chooseDaemons} from './daemon-choice.js';
import type {Io} from '../model/io.js';
import {type Notice, type NoticeKind, type RecordingStatus, SessionFeed, type SessionInfo} from '../model/feed.js';

export type {Io} from '../model/io.js';

/**
 * What only tests steer, passed explicitly by the test entry (test/helpers/cli-entry.mjs), never read
 * from the environment: the installed tool has no hidden input.
 */
export type SessionHooks = {
	/** Another /proc tree (an empty one stands for a host without Wazuh). */
	readonly procRoot?: string;
	/** Watch only processes below this PID, so a test never picks up the fleet of a test beside it. */
	readonly scope?: number;
	/** Folder of the default session folders and of the log, instead of the default one. */
	readonly stateRoot?: string;
	/** Where to look for Wazuh installations instead of /var/wazuh-manager and /var/ossec (a simulated host). */
	readonly installFolders?: readonly string[];
	/** Children followed per daemon at most, instead of 128 (a test needs no fork bomb to see the cap). */
	readonly maxChildren?: number;
	/** Makes the screen throw once it has shown this tick: the crash path cannot be summoned otherwise. */
	readonly uiFaultAfterTick?: number;
	/** The demo's fleet folder instead of a fresh one (a non-empty one makes the demo fail to start). */
	readonly demoDir?: string;
	/** How often a slow demo start says it is still starting (default 5000 ms). */
	readonly demoSlowStartMs?: number;
	/** Waits this long before loading the screen, as a busy machine does (Ink takes a while to load). */
	readonly uiLoadDelayMs?: number;
};

/** One run: collector and tracker feed the recorder and the feed; the UI or the status lines consume the feed. */
export class Session {
	private readonly feed = new SessionFeed();
	private monitor: Monitor | undefined;
	private tracker: DiskUsageTracker | undefined;
	private recorder: Recorder | undefined;
	private fleet: Fleet | undefined;
	private recording: RecordingStatus | undefined;
	private finishing: Promise<number> | undefined;
	private resolveExit: ((code: number) => void) | undefined;
	private unmountUi: (() => void) | undefined;
	private metricsServer: MetricsServer | undefined;
	private textfile: TextfileWriter | undefined;
	/** The last textfile write error told, so a failing write is told once, and its end too. */
	private textfileError: string | undefined;
	/** session.json's content until it is written (or found there): set once the recorder exists. */
	private sessionFile: SessionFile | undefined;
	/** A failed session.json write was logged: later attempts fail quietly until one succeeds. */
	private sessionFileFailed = false;

	constructor(
		private readonly options: Options,
		private readonly folders: {process: string; disk: string | undefined},
		private readonly logger: Logger,
		private readonly toolVersion: string,
		private readonly io: Io,
		private readonly say: (line: string) => void,
		private readonly hooks: SessionHooks = {},
	) {}

	async run(): Promise<number> {
		const {options} = this;
		const started = Date.now();
		const headless = options.headless || !this.io.stdout.isTTY;
		const exit = new Promise<number>(resolve => {
			this.resolveExit = resolve;
		});
		this.handleSignals();

		const {procRoot} = this.hooks;
		let {scope} = this.hooks;
		const allowedRoots: number[] = [];
		let installDir = options.installDir;
		if (options.demo) {
			const fleet = await this.startDemo();
			if (fleet === undefined) {
				return exit;
			}

			this.fleet = fleet;
			allowedRoots.push(this.fleet.supervisorPid);
			// The demo watches its own simulated manager, never a real one or another demo.
			scope = this.fleet.supervisorPid;
			installDir = this.fleet.dir;
			this.logger.info(`demo: simulated manager started in ${this.fleet.dir}`);
		}

		const choice = chooseDaemons({daemons: options.daemons, installDir, matchByName: options.matchByName, installFolders: this.hooks.installFolders});
		if (!choice.ok) {
			return this.refuse(choice.error);
		}

		let specs = choice.specs;
		if (options.daemons.length === 0) {
			const {trees} = discover(specs, {procRoot, scope, allowedRoots});
			specs = specs.filter(spec => trees.has(spec.name));
			if (specs.length === 0) {
				return this.refuse(`no Wazuh daemon is running here (${choice.description}); name the ones to wait for, or try --demo to see a simulated manager`);
			}

			if (!options.demo) {
				this.say(`watching every running Wazuh daemon of ${choice.description}: ${specs.map(spec => spec.name).join(', ')}`);
			}
		}

		const version = options.version ?? choice.installations[0]?.version ?? '';
		const layout = choice.installations[0]?.layout ?? '';
		const exported = await this.startExport({
			wazuhVersion: version,
			layout,
			hostRole: layout === '' ? '' : (layout === 'agent' ? 'agent' : 'manager'),
			toolVersion: this.toolVersion,
		});
		if (!exported) {
			return 2;
		}

		this.recorder = new Recorder({
			processFolder: this.folders.process,
			diskFolder: this.folders.disk ?? defaultDiskFolder(this.folders.process),
			unit: options.units,
			diskUnit: options.diskUnit,
		});
		const names = specs.map(spec => spec.name);
		this.sessionFile = {
			tool: 'wazuh-metrics',
			toolVersion: this.toolVersion,
			host: os.hostname(),
			wazuhVersion: version,
			layout,
			interval: options.sleep,
			started: formatIsoWithOffset(started),
			units: options.units,
			diskUnit: options.diskUnit,
			daemons: names,
		};
		this.monitor = new Monitor({
			daemons: specs,
			interval: options.sleep,
			healthcheckInterval: options.healthcheckTime,
			retries: options.retries,
			version,
			allowedRoots,
			procRoot,
			scope,
			maxChildren: this.hooks.maxChildren,
		});
		this.wireMonitor(this.monitor, headless);
		if (options.disk.length > 0) {
			this.tracker = new DiskUsageTracker({paths: [...options.disk], interval: options.sleep});
			this.wireTracker(this.tracker);
		}

		this.logger.info(`started ${this.toolVersion}: ${names.join(' ')} (${choice.description}) every ${options.sleep}s -> ${this.folders.process}`);
		// The screen's history listens before the first tick: Ink takes a while to load, and a tick
		// missed there would be in the CSVs and not in the history (RSS/h, the charts).
		const history = headless ? undefined : new HistoryStore();
		const detachHistory = history?.attach(this.feed);
		this.monitor.start();
		this.tracker?.start();

		if (headless) {
			this.say(`recording ${names.length} daemon${names.length === 1 ? '' : 's'} every ${options.sleep}s to ${this.folders.process}`);
		} else {
			await this.startUi(names, version, {store: history!, detach: detachHistory!});
		}

		return exit;
	}

	/**
	 * The demo's simulated manager (main.ts has already said that it is starting: the screen comes up
	 * only once it runs). Says so when it is slow rather than giving up, and on failure logs why,
	 * leaves no empty session folder and ends the run with status 1 (undefined then).
	 */
	private async startDemo(): Promise<Fleet | undefined> {
		const daemons = this.options.demoVersion === 5 ? demoManager5 : demoManager;
		const what = `a simulated Wazuh ${this.options.demoVersion}.x manager (${daemons.length} daemons)`;
		this.logger.info(`demo: starting ${what}`);
		try {
			return await startFleet({
				daemons,
				dir: this.hooks.demoDir,
				slowStartMs: this.hooks.demoSlowStartMs,
				onSlowStart: ({ready, total, seconds}) => {
					const line = `the demo is still starting: ${ready} of ${total} daemons up after ${seconds} s (a busy machine); waiting`;
					this.say(line);
					this.logger.info(line);
				},
			});
		} catch (error) {
			this.logger.error(`demo: could not start: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
			this.removeEmptySessionFolder();
			await this.finish(1, false, `the demo could not start: ${describeError(error)} (details in ${this.logger.path})`);
			return undefined;
		}
	}

	/** Nothing was recorded: no empty default session folder is left (a folder the user named is theirs). */
	private removeEmptySessionFolder(): void {
		if (this.options.storeProcess === undefined) {
			try {
				// Removes only an empty folder. Its day folder stays: another run may be creating its own in it.
				fs.rmdirSync(this.folders.process);
			} catch {}
		}
	}

	/** Bad input found once running (no installation, an unknown daemon): one line, exit 2, no empty folder left. */
	private async refuse(line: string): Promise<number> {
		this.say(line);
		this.removeEmptySessionFolder();

		await this.finish(2, false);
		return 2;
	}

	/**
	 * The Prometheus endpoint and the textfile, when asked for: one more consumer of the feed's
	 * snapshots, like the UI. Bound and checked before sampling starts, so a port in use or an unsafe
	 * folder is bad input (one line, exit 2). False when refused.
	 */
	private async startExport(info: ExportInfo): Promise<boolean> {
		const {prometheus, textfile} = this.options;
		if (prometheus === undefined && textfile === undefined) {
			return true;
		}

		const exporter = new Exporter(info);
		if (textfile !== undefined) {
			const writer = new TextfileWriter(textfile);
			try {
				writer.open();
			} catch (error) {
				await this.refuse(`--textfile: ${error instanceof FolderError ? error.message : `cannot use ${writer.folder}: ${describeError(error)}`}`);
				return false;
			}

			this.textfile = writer;
		}

		if (prometheus !== undefined) {
			const server = new MetricsServer({
				address: prometheus,
				render: format => exporter.render(format),
				onError: message => {
					this.logger.warn(message);
				},
			});
			try {
				const bound = await server.start();
				this.metricsServer = server;
				this.say(`serving metrics at http://${bound}/metrics`);
				this.logger.info(`serving metrics at http://${bound}/metrics`);
			} catch (error) {
				await this.refuse((error as Error).message);
				return false;
			}
		}

		this.feed.on('snapshot', snapshot => {
			exporter.update(snapshot);
			if (this.textfile !== undefined) {
				this.writeTextfile(this.textfile, exporter.render('text'));
			}
		});
		this.feed.on('disk', snapshot => {
			exporter.updateDisk(snapshot);
		});
		return true;
	}

	private writeTextfile(writer: TextfileWriter, text: string): void {
		try {
			writer.write(text);
			if (this.textfileError !== undefined) {
				this.textfileError = undefined;
				this.notice('textfile-resumed', 'info', `writing ${writer.file} again`);
			}
		} catch (error) {
			const message = (error as Error).message;
			if (message !== this.textfileError) {
				this.textfileError = message;
				this.notice('textfile-failed', 'error', `${message}; monitoring goes on`);
			}
		}
	}

	private wireMonitor(monitor: Monitor, headless: boolean): void {
		monitor.on('snapshot', snapshot => {
			this.recorder!.writeSnapshot(snapshot);
			this.updateRecording();
			this.writeSessionFile();
			this.feed.emit('snapshot', snapshot);
		});
		monitor.on('health-check', snapshot => {
			this.logger.debug(statusLine(snapshot, this.recording, this.options.retries));
			if (headless) {
				this.say(statusLine(snapshot, this.recording, this.options.retries));
			}
		});
		monitor.on('found', ({name, pid, children}) => {
			this.logger.info(`found ${name} (pid ${pid}, ${children} children)`);
		});
		monitor.on('restart', ({name, oldPid, newPid}) => {
			this.notice('daemon-restarted', 'warn', `${name} restarted: pid ${oldPid} -> ${newPid}`);
		});
		monitor.on('down', name => {
			this.notice('daemon-down', 'warn', `${name} is down; looking for it at each health check`);
		});
		monitor.on('give-up', name => {
			this.notice('daemon-given-up', 'error', `${name} not found after ${this.options.retries} checks; monitoring given up`);
		});
		monitor.on('ignored', ({pid, name, reason}) => {
			this.logger.debug(`pid ${pid} is named ${name} but is not the installed daemon: ${reason}; ignored`);
		});
		monitor.on('warning', message => {
			this.notice('monitor-warning', 'warn', message);
		});
		monitor.on('all-given-up', () => {
			if (this.tracker !== undefined) {
				return; // Disk paths are still being recorded.
			}

			if (headless) {
				this.say('every daemon has been given up; nothing left to monitor');
				void this.finish(1);
			} else {
				this.feed.emit('all-given-up');
			}
		});
	}

	private wireTracker(tracker: DiskUsageTracker): void {
		tracker.on('snapshot', snapshot => {
			this.recorder!.writeDiskSnapshot(snapshot);
			this.updateRecording();
			this.writeSessionFile();
			this.feed.emit('disk', snapshot);
		});
		tracker.on('error', (error: Error) => {
			this.notice('disk-tracker-error', 'warn', `disk tracker: ${error.message}`);
		});
	}

	/**
	 * Writes session.json into the session folder once rows are there, never before: a run that
	 * records nothing (quit before the first sample, a named daemon that never came) leaves its
	 * folder as it was, and an empty default folder stays removable. Tried again at later ticks
	 * after a failure (a full disk), which is logged once; a failure never stops the run, the CSVs
	 * are what matters. An earlier run's file in the same folder is kept (see writeSessionFile).
	 */
	private writeSessionFile(): void {
		const content = this.sessionFile;
		if (content === undefined || this.recorder === undefined || this.recorder.status().rowsWritten === 0) {
			return;
		}

		const folder = this.folders.process;
		try {
			const outcome = writeSessionFile(new SafeFolder(folder), content);
			this.sessionFile = undefined;
			if (outcome === 'written') {
				this.logger.debug(`wrote ${path.join(folder, sessionFileName)}`);
				return;
			}

			const existing = readSessionFile(folder);
			if (existing.problem === undefined) {
				this.logger.info(`${sessionFileName} of an earlier run kept in ${folder} (host ${existing.info?.host ?? '?'}, started ${existing.info?.started ?? '?'})`);
			} else {
				this.logger.warn(`${existing.problem.replace(/; ignored$/, '')}: left as it is, not replaced (${folder})`);
			}
		} catch (error) {
			if (!this.sessionFileFailed) {
				this.sessionFileFailed = true;
				this.logger.warn(`cannot write ${sessionFileName} in ${folder}: ${describeError(error)}; recording goes on without it, tried again at the next ticks`);
			}
		}
	}

	private updateRecording(): void {
		const status = this.recorder!.status();
		const previousError = this.recording?.error;
		this.recording = {
			folder: status.folder,
			diskFolder: this.folders.disk,
			rowsWritten: status.rowsWritten,
			pendingRows: status.pendingRows,
			lostRows: status.lostRows,
			error: status.error,
		};
		if (status.error !== previousError) {
			if (status.error === undefined) {
				this.notice('recording-resumed', 'info', `writing CSVs again (${status.lostRows} rows lost)`);
				// Headless users saw the error on stderr: they must see it end there too.
				if (this.unmountUi === undefined) {
					this.say(`writing CSVs again (${status.lostRows} rows lost)`);
				}
			} else {
				this.notice('recording-failed', 'error', `cannot write CSVs: ${status.error}; monitoring goes on, rows wait in memory`);
			}
		}

		this.feed.emit('recording', this.recording);
	}

	private notice(kind: NoticeKind, level: Notice['level'], message: string): void {
		this.logger[level](message);
		this.feed.emit('notice', {kind, level, message});
		// Headless users watch stderr; the UI shows notices itself and nothing may print over it.
		if (this.unmountUi === undefined && level !== 'info') {
			this.say(message);
		}
	}

	private async startUi(daemons: readonly string[], version: string, history: {store: HistoryStore; detach: () => void}): Promise<void> {
		if (this.hooks.uiLoadDelayMs !== undefined) {
			await new Promise(resolve => {
				setTimeout(resolve, this.hooks.uiLoadDelayMs);
			});
		}

		const {runUi, frameShortcut} = await import('../ui/run-ui.js');
		this.logger.info(`screen: Ink frame shortcut ${frameShortcut ? 'on' : 'off (Ink composes every frame)'}`);
		const info: SessionInfo = {
			source: 'live',
			host: os.hostname(),
			wazuhVersion: version,
			interval: this.options.sleep,
			demo: this.options.demo,
			root: process.getuid?.() === 0,
			location: this.logger.path,
			daemons,
			diskPaths: this.options.disk.map(disk => path.resolve(disk)),
		};
		const ui = runUi(history.store, info, {
			faultAfterTick: this.hooks.uiFaultAfterTick,
			onCrash: (error: Error) => {
				this.logger.error(`UI crashed: ${error.stack ?? error.message}`);
				void this.finish(1, true, `the display crashed: ${error.message.split('\n')[0]!} (details in ${this.logger.path})`);
			},
		});
		this.unmountUi = () => {
			ui.unmount();
			history.detach();
		};

		void ui.exited.then(() => this.finish(0));
	}

	private handleSignals(): void {
		for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
			process.on(signal, () => {
				this.logger.info(`received ${signal}`);
				void this.finish(0);
			});
		}
	}

	/** Idempotent: stops everything, flushes the CSVs, restores the terminal, says where the files are. */
	async finish(code: number, report = true, why?: string): Promise<number> {
		this.finishing ??= (async () => {
			this.unmountUi?.();
			this.unmountUi = undefined;
			await this.monitor?.stop();
			await this.tracker?.stop();
			this.recorder?.close();
			await this.metricsServer?.close();
			this.textfile?.close();
			if (why !== undefined) {
				this.say(why);
			}

			if (report && this.recorder !== undefined) {
				const status = this.recorder.status();
				this.say(`${status.rowsWritten} rows recorded in ${status.folder}`);
			}

			// The fleet dies with us anyway (its processes watch their parent); waiting is bounded
			// so a signal is answered within a second.
			await Promise.race([this.fleet?.stop(), new Promise(resolve => {
				setTimeout(resolve, 700).unref();
			})]);
			this.logger.info(`stopped (exit ${code})`);
			this.resolveExit?.(code);
			return code;
		})();
		return this.finishing;
	}
}
