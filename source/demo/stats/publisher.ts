import path from 'node:path';
import type {Shape, StatsShape} from '../shape.js';
import {AnalysisdModel} from './analysisd.js';
import {EngineModel} from './engine.js';
import type {DaemonModel, ModelSetup} from './model.js';
import {RemotedModel} from './remoted.js';
import {answerJson, answerWazuhDb, daemonErrors, daemonErrors5} from './requests.js';
import {type Listening, serveFramed, serveHttp} from './servers.js';
import {analysisdStateFile, remotedStateFile, writeStateFile} from './state-files.js';
import {WazuhDbModel} from './wazuh-db.js';

/**
 * Publishes the simulated daemons' statistics where Wazuh's daemons do, relative to the install
 * folder (Wazuh's src/headers/defs.h): each daemon's socket while its fake runs, and the 4.x state
 * files every 5 s. Which daemon publishes what follows from its process name: 4.x analysisd,
 * remoted and wazuh-db, or their 5.x `wazuh-manager-*` names.
 */

/** `analysisd.state_interval` / `remoted.state_interval` (Wazuh's etc/internal_options.conf). */
const stateIntervalSeconds = 5;

/** A 4.x state file: where, its mode, its text now. */
type StateFile = {path: string; mode: number; text: () => string};

type Service = {
	socket: string;
	/** The model of a fake just started, and its socket being bound at `file`. */
	start(setup: ModelSetup, file: string): {model: DaemonModel; serving: Promise<Listening>; stateFile?: StateFile};
};

const analysisSocket = 'queue/sockets/analysis';
const remoteSocket = 'queue/sockets/remote';
const wdbSocket = 'queue/db/wdb';

const services: Readonly<Record<string, Service>> = {
	'wazuh-analysisd': {
		socket: analysisSocket,
		start(setup, file) {
			const model = new AnalysisdModel(setup);
			const serving = serveFramed(file, request => answerJson(request, daemonErrors, () => model.getstats(Date.now())), true);
			// analysisd sets umask 0027: its file is 0640.
			return {model, serving, stateFile: {path: 'var/run/wazuh-analysisd.state', mode: 0o640, text: () => analysisdStateFile(model, Date.now())}};
		},
	},
	'wazuh-remoted': {
		socket: remoteSocket,
		start(setup, file) {
			const model = new RemotedModel(setup, 4);
			const serving = serveFramed(file, request => answerJson(request, daemonErrors, () => model.getstats(Date.now())), true);
			const text = () => remotedStateFile(model, Date.now(), stateIntervalSeconds);
			return {model, serving, stateFile: {path: 'var/run/wazuh-remoted.state', mode: 0o644, text}};
		},
	},
	'wazuh-db': {
		socket: wdbSocket,
		start(setup, file) {
			const model = new WazuhDbModel(setup, 4);
			return {model, serving: serveFramed(file, request => answerWazuhDb(request, () => model.getstats(Date.now())), false)};
		},
	},
	'wazuh-manager-analysisd': {
		socket: analysisSocket,
		start(setup, file) {
			const model = new EngineModel(setup);
			const serving = serveHttp(file, (method, url, body) => {
				if (method !== 'POST' || url !== '/metrics/dump') {
					return {status: 404, body: ''};
				}

				if (body !== '' && !isJsonObject(body)) {
					return {status: 400, body: JSON.stringify({status: 'ERROR', error: 'Failed to parse the request: not a JSON object'})};
				}

				return {status: 200, body: model.dump(Date.now())};
			});
			return {model, serving};
		},
	},
	'wazuh-manager-remoted': {
		socket: remoteSocket,
		start(setup, file) {
			const model = new RemotedModel(setup, 5);
			return {model, serving: serveFramed(file, request => answerJson(request, daemonErrors5, () => model.getstats(Date.now())), true)};
		},
	},
	'wazuh-manager-db': {
		socket: wdbSocket,
		start(setup, file) {
			const model = new WazuhDbModel(setup, 5);
			return {model, serving: serveFramed(file, request => answerWazuhDb(request, () => model.getstats(Date.now())), false)};
		},
	},
};

function isJsonObject(text: string): boolean {
	try {
		const value = JSON.parse(text) as unknown;
		return typeof value === 'object' && value !== null && !Array.isArray(value);
	} catch {
		return false;
	}
}

/** Whether a daemon of this name publishes statistics in the demo. */
const publishesStats = (name: string) => Object.hasOwn(services, name);

export type Publishing = {name: string; shape: Shape; stats: StatsShape | false | undefined; seed: number; started: number};

type Running = {listening?: Listening; timer?: NodeJS.Timeout};

function complain(name: string, error: unknown): void {
	// The supervisor's stderr is the fleet's log.
	console.error(`demo statistics of ${name}: ${error instanceof Error ? error.message : String(error)}`);
}

export class StatsPublisher {
	readonly #dir: string;
	readonly #running = new Map<string, Running>();
	/** Per daemon, the last start or stop: the next waits for it, so a restart never binds a socket still closing. */
	readonly #chains = new Map<string, Promise<void>>();
	#closed = false;

	constructor(dir: string) {
		this.#dir = dir;
	}

	/** The fake `name` is up: its statistics start from zero. */
	async started(daemon: Publishing): Promise<void> {
		const service = services[daemon.name];
		const shape = daemon.stats;
		if (service === undefined || shape === false || this.#closed) {
			return;
		}

		return this.#chain(daemon.name, async () => {
			await this.#stop(daemon.name);
			if (this.#closed) {
				return;
			}

			const running: Running = {};
			this.#running.set(daemon.name, running);
			const setup = {shape: daemon.shape, stats: shape ?? {}, seed: daemon.seed, started: daemon.started};
			const {model, serving, stateFile} = service.start(setup, path.join(this.#dir, service.socket));
			// Written at once, then every interval, like Wazuh. Models without a state file live their
			// seconds on the same beat: a query never has many to catch up on.
			const beat = () => {
				try {
					model.advanceTo(Date.now());
					if (stateFile) {
						writeStateFile(path.join(this.#dir, stateFile.path), stateFile.text(), stateFile.mode);
					}
				} catch (error) {
					complain(daemon.name, error);
				}
			};

			try {
				running.listening = await serving;
			} catch (error) {
				complain(daemon.name, error);
			}

			beat();
			running.timer = setInterval(beat, stateIntervalSeconds * 1000);
			running.timer.unref();
		});
	}

	/** The fake `name` is down: its socket goes (a reader gets no answer), its state file stays. */
	async stopped(name: string): Promise<void> {
		if (!publishesStats(name)) {
			return;
		}

		return this.#chain(name, async () => this.#stop(name));
	}

	/** Every socket closed (and removed), every timer stopped; nothing starts afterwards. */
	async close(): Promise<void> {
		this.#closed = true;
		await Promise.all([...this.#chains.keys()].map(async name => this.#chain(name, async () => this.#stop(name))));
	}

	async #stop(name: string): Promise<void> {
		const running = this.#running.get(name);
		this.#running.delete(name);
		clearInterval(running?.timer);
		await running?.listening?.close();
	}

	async #chain(name: string, job: () => Promise<void>): Promise<void> {
		const next = (this.#chains.get(name) ?? Promise.resolve()).then(job);
		this.#chains.set(name, next.catch(() => undefined));
		return next;
	}
}
