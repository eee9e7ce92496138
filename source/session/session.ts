import fs from 'node:fs';
import os from 'node:os';
import {discover} from '../collect/discovery.js';
import {DiskUsageTracker} from '../collect/disk-usage-tracker.js';
import {Monitor} from '../collect/monitor.js';
import type {Fleet} from '../demo/fleet.js';
import {type Notice, type NoticeKind, type RecorderProgress, SessionFeed, type SessionInfo} from '../model/feed.js';
import {HistoryStore} from '../model/history-store.js';
import {formatIsoWithOffset} from '../model/timestamp.js';
import type {Logger} from '../recorder/logger.js';
import {Recorder} from '../recorder/recorder.js';
import {pruneSessions} from '../recorder/retention.js';
import type {SessionFile} from '../recorder/session-file-writer.js';
import {defaultDiskFolder} from '../recorder/session-folder.js';
import {privilegeNotice} from '../collect/unreadable-fields.js';
import {effectiveCapabilities} from '../procfs/capabilities.js';
import {UserNames} from '../procfs/users.js';
import {describeError} from '../safe-fs/errors.js';
import type {SessionConfig} from './config.js';
import type {Installation} from '../wazuh/installation.js';
import {chooseDaemons} from './daemon-choice.js';
import {batchFrame} from '../ui/batch-frame.js';
import type {Io} from '../model/io.js';
import {startDemo} from './demo-start.js';
import {ExportOutputs} from './export-outputs.js';
import {liveInfo, type Screen, type ScreenHooks, startScreen} from './screen.js';
import {SessionFileKeeper} from './session-file-keeper.js';
import {StatsWiring} from './stats-wiring.js';
import {statusLine} from './status-line.js';

export type {Io} from '../model/io.js';

const dayMs = 86_400_000;

/**
 * What only tests steer, passed explicitly by the test entry (test/helpers/cli-entry.mjs), never read
 * from the environment: the installed tool has no hidden input.
 */
export type SessionHooks = ScreenHooks & {
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
	/** The demo's fleet folder instead of a fresh one (a non-empty one makes the demo fail to start). */
	readonly demoDir?: string;
	/** How often a slow demo start says it is still starting (default 5000 ms). */
	readonly demoSlowStartMs?: number;
};

/**
 * One live run: the collectors' snapshots go to the recorder, the exporter and the feed, which the
 * screen's model (or, headless, the status lines) consumes. The jobs around it have files of
 * their own: the demo's start, the export outputs, session.json, the screen.
 */
export class Session {
	private readonly feed = new SessionFeed();
	private monitor: Monitor | undefined;
	private tracker: DiskUsageTracker | undefined;
	private recorder: Recorder | undefined;
	private fleet: Fleet | undefined;
	private exports: ExportOutputs | undefined;
	private stats: StatsWiring | undefined;
	private sessionFile: SessionFileKeeper | undefined;
	private recording: RecorderProgress | undefined;
	private finishing: Promise<number> | undefined;
	private retainTimer: NodeJS.Timeout | undefined;
	private resolveExit: ((code: number) => void) | undefined;
	/** The screen while it is up: then nothing is printed to stderr, which would land over it. */
	private screen: Screen | undefined;
	/** Process samples so far, for `-n`. */
	private samples = 0;

	constructor(
		private readonly config: SessionConfig,
		private readonly logger: Logger,
		private readonly toolVersion: string,
		private readonly say: (line: string) => void,
		private readonly hooks: SessionHooks = {},
		private readonly io: Io = process,
	) {}

	async run(): Promise<number> {
		const {config} = this;
		const started = Date.now();
		const exit = new Promise<number>(resolve => {
			this.resolveExit = resolve;
		});
		this.handleSignals();
		this.tellPrivileges(config.demo !== undefined);

		const {procRoot} = this.hooks;
		let {scope} = this.hooks;
		const allowedRoots: number[] = [];
		let {installDir} = config;
		if (config.demo !== undefined) {
			try {
				this.fleet = await startDemo(config.demo, {dir: this.hooks.demoDir, slowStartMs: this.hooks.demoSlowStartMs, logger: this.logger, say: this.say});
			} catch (error) {
				this.logger.error(`demo: could not start: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
				this.removeEmptySessionFolder();
				await this.finish(1, false, `the demo could not start: ${describeError(error)} (details in ${this.logger.path})`);
				return exit;
			}

			allowedRoots.push(this.fleet.supervisorPid);
			// The demo watches its own simulated manager, never a real one or another demo.
			scope = this.fleet.supervisorPid;
			installDir = this.fleet.dir;
			this.logger.info(`demo: simulated manager started in ${this.fleet.dir}`);
		}

		const choice = chooseDaemons({daemons: config.daemons, installDir, matchByName: config.matchByName, installFolders: this.hooks.installFolders});
		if (!choice.ok) {
			return this.refuse(choice.error);
		}

		let specs = choice.specs;
		if (config.daemons.length === 0) {
			const {trees} = discover(specs, {procRoot, scope, allowedRoots});
			specs = specs.filter(spec => trees.has(spec.name));
			if (specs.length === 0) {
				return this.refuse(`no Wazuh daemon is running here (${choice.description}); name the ones to wait for, or try --demo to see a simulated manager`);
			}

			if (config.demo === undefined) {
				this.say(`watching every running Wazuh daemon of ${choice.description}: ${specs.map(spec => spec.name).join(', ')}`);
			}
		}

		const version = config.wazuhVersion ?? choice.installations[0]?.version ?? '';
		const layout = choice.installations[0]?.layout ?? '';
		const exports = await ExportOutputs.start(config, {
			wazuhVersion: version,
			layout,
			hostRole: layout === '' ? '' : (layout === 'agent' ? 'agent' : 'manager'),
			toolVersion: this.toolVersion,
		}, this.logger, this.say, (kind, level, message) => {
			this.notice(kind, level, message);
		});
		if (exports !== undefined && 'refused' in exports) {
			return this.refuse(exports.refused);
		}

		this.exports = exports;
		const {folders} = config;
		const names = specs.map(spec => spec.name);
		if (folders !== undefined) {
			this.startRecording(folders, {
				tool: 'wazuh-metrics',
				toolVersion: this.toolVersion,
				host: os.hostname(),
				wazuhVersion: version,
				layout,
				interval: config.interval,
				started: formatIsoWithOffset(started),
				units: config.units,
				diskUnit: config.diskUnit,
				daemons: names,
				demo: config.demo !== undefined,
			});
		}

		this.monitor = new Monitor({
			daemons: specs,
			interval: config.interval,
			healthcheckInterval: config.healthcheckInterval,
			retries: config.retries,
			wazuhVersion: version,
			allowedRoots,
			procRoot,
			scope,
			maxChildren: this.hooks.maxChildren,
		});
		this.wireMonitor(this.monitor);
		if (config.diskPaths.length > 0) {
			this.tracker = new DiskUsageTracker({paths: [...config.diskPaths], interval: config.interval});
			this.wireTracker(this.tracker);
		}

		if (config.statsInterval !== undefined) {
			this.stats = this.startStats(choice.installations, names, config.statsInterval);
		}

		this.logger.info(`started ${this.toolVersion}: ${names.join(' ')} (${choice.description}) every ${config.interval}s -> ${folders?.process ?? 'nothing recorded (--no-record)'}`);
		// The screen's model listens before the first tick: Ink takes a while to load, and a tick
		// missed there would be in the CSVs and not in the history (RSS/h, the charts).
		const store = config.display === 'none' ? undefined : new HistoryStore();
		const detach = store?.attach(this.feed);
		if (config.display === 'batch') {
			this.printBatch(store!, liveInfo({config, daemons: names, version, logger: this.logger}));
		}

		this.monitor.start();
		this.tracker?.start();
		this.stats?.start();

		const daemonCount = `${names.length} daemon${names.length === 1 ? '' : 's'} every ${config.interval}s`;
		if (config.display !== 'screen') {
			const what = config.demo !== undefined && config.defaultProcessFolder ? ' (the demo\'s own folder, never the system state folder)' : '';
			this.say(folders === undefined ? `watching ${daemonCount}, recording nothing (--no-record)` : `recording ${daemonCount} to ${folders.process}${what}`);
		} else {
			// The detail view's process: the collector reads its threads (and only its) from the next tick.
			const threadFocus = (pid: number | undefined) => {
				this.monitor?.focusThreads(pid);
			};
			const screen = await startScreen(store!, {config, daemons: names, version, logger: this.logger, threadFocus}, this.hooks, (error: Error) => {
				this.logger.error(`UI crashed: ${error.stack ?? error.message}`);
				void this.finish(1, true, `the display crashed: ${error.message.split('\n')[0]!} (details in ${this.logger.path})`);
			});
			this.screen = {
				exited: screen.exited,
				unmount() {
					screen.unmount();
					detach!();
				},
			};
			void screen.exited.then(() => this.finish(0));
		}

		return exit;
	}

	/** The recorder, session.json and --retain's cleaning, for a run that records. */
	private startRecording(folders: NonNullable<SessionConfig['folders']>, session: SessionFile): void {
		const {config} = this;
		this.recorder = new Recorder({
			processFolder: folders.process,
			diskFolder: folders.disk ?? defaultDiskFolder(folders.process),
			unit: config.units,
			diskUnit: config.diskUnit,
		});
		this.sessionFile = new SessionFileKeeper(folders.process, session, this.logger);
		const {retain} = config;
		if (retain !== undefined) {
			const prune = (): void => {
				pruneSessions({root: retain.root, days: retain.days, keep: folders.process, log: (level, message) => this.logger[level](message)});
			};

			prune();
			this.retainTimer = setInterval(prune, dayMs);
			this.retainTimer.unref();
		}
	}

	/**
	 * Said once, at start (stderr and the log), by a user other than root: which figures of other
	 * users' processes will be empty for want of capabilities. Not for the demo, whose daemons are
	 * the user's own.
	 */
	private tellPrivileges(demo: boolean): void {
		const euid = process.geteuid?.() ?? 0;
		const effective = euid === 0 || demo ? undefined : effectiveCapabilities();
		const line = effective === undefined ? undefined : privilegeNotice(new UserNames().nameOf(euid), effective);
		if (line !== undefined) {
			this.logger.warn(line);
			this.say(line);
		}
	}

	/**
	 * Batch output: after each sample (the history store has it by then: it listens first), the
	 * table as plain text on stdout, a blank line between frames. A closed pipe (`| head`) ends the
	 * run like a signal.
	 */
	private printBatch(store: HistoryStore, info: SessionInfo): void {
		const {stdout} = this.io;
		let frames = 0;
		stdout.on('error', (error: NodeJS.ErrnoException) => {
			this.logger.info(`standard output closed (${error.code ?? error.message}): stopping`);
			void this.finish(0);
		});
		this.feed.on('snapshot', () => {
			if (this.finishing !== undefined) {
				return;
			}

			const lines = batchFrame(store, info, stdout.isTTY ? stdout.columns : undefined);
			stdout.write(`${frames === 0 ? '' : '\n'}${lines.join('\n')}\n`);
			frames++;
		});
	}

	/**
	 * The daemons' own statistics, for the daemons watched that publish any (none: nothing runs).
	 * Their rounds go to the feed (the screen's model) and the exporter, like the process ticks.
	 */
	private startStats(installations: readonly Installation[], daemons: readonly string[], interval: number): StatsWiring | undefined {
		const wiring = new StatsWiring({installations, interval, daemons, folder: this.config.folders?.stats}, {
			snapshot: snapshot => {
				this.exports?.stats(snapshot);
				this.feed.emit('stats', snapshot);
			},
			alert: message => {
				this.notice('daemon-stats', 'warn', message);
			},
			warning: message => {
				this.notice('monitor-warning', 'warn', message);
			},
		});
		if (wiring.daemons.length === 0) {
			return undefined;
		}

		this.logger.info(`daemon statistics of ${wiring.daemons.join(' ')} every ${interval}s -> ${this.config.folders?.stats ?? 'not recorded (--no-record)'}`);
		return wiring;
	}

	/** Nothing was recorded: no empty default session folder is left (a folder the user named is theirs). */
	private removeEmptySessionFolder(): void {
		if (this.config.defaultProcessFolder && this.config.folders !== undefined) {
			try {
				// Removes only an empty folder. Its day folder stays: another run may be creating its own in it.
				fs.rmdirSync(this.config.folders.process);
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

	private wireMonitor(monitor: Monitor): void {
		const {retries} = this.config;
		monitor.on('snapshot', snapshot => {
			if (this.recorder !== undefined) {
				this.recorder.writeSnapshot(snapshot);
				this.updateRecording(this.recorder);
			}

			this.exports?.snapshot(snapshot);
			this.feed.emit('snapshot', snapshot);
			this.samples++;
			if (this.samples === this.config.iterations) {
				this.logger.info(`${this.samples} samples taken (-n): stopping`);
				void this.finish(0);
			}
		});
		monitor.on('health-check', snapshot => {
			this.logger.debug(statusLine(snapshot, this.recording, retries));
			// Batch output is the status: its stderr is for warnings.
			if (this.config.display === 'none') {
				this.say(statusLine(snapshot, this.recording, retries));
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
			this.notice('daemon-given-up', 'error', `${name} not found after ${retries} checks; monitoring given up`);
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

			if (this.config.display !== 'screen') {
				this.say('every daemon has been given up; nothing left to monitor');
				void this.finish(1);
			} else {
				this.feed.emit('all-given-up');
			}
		});
	}

	private wireTracker(tracker: DiskUsageTracker): void {
		tracker.on('snapshot', snapshot => {
			if (this.recorder !== undefined) {
				this.recorder.writeDiskSnapshot(snapshot);
				this.updateRecording(this.recorder);
			}

			this.exports?.disk(snapshot);
			this.feed.emit('disk', snapshot);
		});
		tracker.on('error', (error: Error) => {
			this.notice('disk-tracker-error', 'warn', `disk tracker: ${error.message}`);
		});
	}

	private updateRecording(recorder: Recorder): void {
		const status = recorder.status();
		this.sessionFile?.rowsWritten(status.rowsWritten);
		const previousError = this.recording?.error;
		this.recording = {
			folder: status.folder,
			diskFolder: this.config.folders?.disk,
			rowsWritten: status.rowsWritten,
			pendingRows: status.pendingRows,
			lostRows: status.lostRows,
			error: status.error,
		};
		if (status.error !== previousError) {
			if (status.error === undefined) {
				this.notice('recording-resumed', 'info', `writing CSVs again (${status.lostRows} rows lost)`);
				// Headless users saw the error on stderr: they must see it end there too.
				if (this.screen === undefined) {
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
		// Headless users watch stderr; the screen shows notices itself and nothing may print over it.
		if (this.screen === undefined && level !== 'info') {
			this.say(message);
		}
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
			this.screen?.unmount();
			this.screen = undefined;
			clearInterval(this.retainTimer);
			await this.monitor?.stop();
			await this.tracker?.stop();
			await this.stats?.stop();
			this.recorder?.close();
			await this.exports?.close();
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
