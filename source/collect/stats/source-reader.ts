import type {DaemonStats, StatsSource} from '../../model/daemon-stats.js';
import {describeError, errorCode, oneLine} from '../../safe-fs/errors.js';
import {checkTrustedPath, UntrustedPathError} from '../../safe-fs/trusted-path.js';
import {engineRequest, parseEngineDump} from './engine.js';
import {type GetstatsKind, getstatsRequest, parseGetstatsReply} from './getstats.js';
import {IntervalSums} from './interval-sums.js';
import {NotJsonError, type ParsedStats, StatsFormatError} from './parsed-stats.js';
import {readStateFile} from './read-state.js';
import {queryEngine, queryFramed, ReplyError} from './socket-query.js';
import type {SourcePlan} from './sources.js';
import {perIntervalFormat} from './state-files.js';

/** Each query's deadline, connect and reply together. */
const deadlineMs = 1000;

/** One daemon's figures of a round, and whether it failed for want of permission. */
export type Reading = {readonly stats: DaemonStats; readonly denied: boolean};

/** A failure, said in one line naming the socket or file. */
function problemOf(error: unknown, file: string, what: 'socket' | 'state file', timedOut: boolean): string {
	const where = oneLine(file);
	if (timedOut) {
		return `no answer within ${deadlineMs / 1000} s on ${where}`;
	}

	if (error instanceof UntrustedPathError) {
		return oneLine(error.message);
	}

	if (error instanceof ReplyError) {
		return `${where} ${oneLine(error.message)}`;
	}

	if (error instanceof StatsFormatError) {
		return `${oneLine(error.message)} (${where})`;
	}

	const code = errorCode(error);
	if (code?.startsWith('HPE_') === true) {
		// Node's HTTP parser: whatever answered on the engine's socket does not speak HTTP.
		return `${where} answered something that is not HTTP (${code})`;
	}

	switch (code) {
		case 'ENOENT': {
			return what === 'socket' ? `no socket at ${where} (is the daemon running?)` : `no state file at ${where}`;
		}

		case 'ECONNREFUSED': {
			return `nobody listens on ${where} (is the daemon running?)`;
		}

		default: {
			return `${describeError(error)} on ${where}`;
		}
	}
}

const isDenied = (error: unknown): boolean => ['EACCES', 'EPERM'].includes(errorCode(error) ?? '');

/**
 * Reads one daemon's statistics each round, as its SourcePlan says: the socket, or the state file
 * (also when a 4.x socket is absent or answers no JSON), never longer than the deadline.
 */
export class SourceReader {
	/** The socket answered no JSON (a 4.0–4.3 daemon) and the state file did: only the file from now on. */
	private legacy = false;
	private readonly sums = new IntervalSums();

	constructor(readonly plan: SourcePlan) {}

	/** This round's figures; never rejects. `stop` aborts whatever is under way at once. */
	async read(stop: AbortSignal): Promise<Reading> {
		// One controller per query, let go of when it ends: AbortSignal.any and .timeout would tie a
		// signal per query to the long-lived `stop` for as long as the tool runs.
		const controller = new AbortController();
		const deadline = {aborted: false};
		const timer = setTimeout(() => {
			deadline.aborted = true;
			controller.abort(new Error('deadline'));
		}, deadlineMs);
		const onStop = (): void => {
			controller.abort(new Error('stopped'));
		};

		stop.addEventListener('abort', onStop);
		if (stop.aborted) {
			onStop();
		}

		try {
			return await this.readWithin(controller.signal, deadline);
		} finally {
			clearTimeout(timer);
			stop.removeEventListener('abort', onStop);
		}
	}

	private async readWithin(signal: AbortSignal, deadline: {readonly aborted: boolean}): Promise<Reading> {
		const {socket, stateFile} = this.plan;
		let socketProblem: string | undefined;
		let failed: {source: StatsSource; path: string; error: unknown; what: 'socket' | 'state file'} | undefined;
		if (socket !== undefined && !this.legacy) {
			try {
				return this.up(socket.protocol, socket.path, await this.ask(socket.path, socket.protocol, signal));
			} catch (error) {
				failed = {source: socket.protocol, path: socket.path, error, what: 'socket'};
				const absent = errorCode(error) === 'ENOENT' || error instanceof NotJsonError;
				if (!absent || stateFile === undefined || signal.aborted) {
					return this.down(failed, deadline.aborted);
				}

				socketProblem = problemOf(error, socket.path, 'socket', false);
			}
		}

		if (stateFile === undefined) {
			throw new Error(`${this.plan.daemon}: a source with neither socket nor state file`);
		}

		try {
			const parsed = await readStateFile(this.plan.installation.folder, stateFile.path, this.plan.installation.owners, stateFile.parse, signal);
			this.legacy ||= failed?.error instanceof NotJsonError;
			return this.up('state-file', stateFile.path, parsed.format === perIntervalFormat && this.plan.kind === 'analysisd' ? this.sums.add(parsed) : parsed);
		} catch (error) {
			return this.down({source: 'state-file', path: stateFile.path, error, what: 'state file'}, deadline.aborted, socketProblem);
		}
	}

	private async ask(socketPath: string, protocol: 'getstats' | 'engine', signal: AbortSignal): Promise<ParsedStats> {
		const {installation, kind} = this.plan;
		// lstat of every component, the socket's own included: a link or a stranger's socket is never connected to.
		await checkTrustedPath(installation.folder, socketPath, installation.owners, 'socket');
		signal.throwIfAborted();
		if (protocol === 'engine') {
			return parseEngineDump(await queryEngine(socketPath, engineRequest, signal));
		}

		return parseGetstatsReply(kind as GetstatsKind, await queryFramed(socketPath, getstatsRequest, signal));
	}

	private up(source: StatsSource, path: string, parsed: ParsedStats): Reading {
		const {daemon, kind} = this.plan;
		return {stats: Object.freeze({daemon, kind, source, path, up: true, problem: undefined, ...parsed}), denied: false};
	}

	private down(failed: {source: StatsSource; path: string; error: unknown; what: 'socket' | 'state file'}, timedOut: boolean, before?: string): Reading {
		const {daemon, kind} = this.plan;
		const problem = problemOf(failed.error, failed.path, failed.what, timedOut);
		return {
			stats: Object.freeze({
				daemon, kind, source: failed.source, path: failed.path, up: false,
				...(failed.what === 'state file' && errorCode(failed.error) === 'ENOENT' && before === undefined ? {waiting: true} : {}),
				problem: before === undefined ? problem : `${before}; ${problem}`,
				time: undefined, started: undefined, values: Object.freeze({}), queues: Object.freeze({}), raw: Object.freeze({}), format: '',
			}),
			denied: isDenied(failed.error),
		};
	}
}
