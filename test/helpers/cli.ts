import {type ChildProcess, spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {parse} from 'csv-parse/sync';

import type {SessionHooks} from '../../source/session/session.js';
import {trackChild, untrackChild} from './children.js';
import {assertFreshBuild} from './fresh-build.js';
import {readableCliEntry} from './readable-cli.js';

export const cliPath = path.resolve('dist/cli.js');
/** The test-only entry: the built CLI plus explicit test hooks and a lifeline (see the file). */
const cliEntryPath = path.resolve('test/helpers/cli-entry.mjs');

let stateRoots: string | undefined;

/**
 * A fresh state folder (log, default session folders) for a CLI a test starts without one: tests
 * run as root, and must never write into the real /var/log/wazuh-metrics.
 */
function privateStateRoot(): string {
	if (stateRoots === undefined) {
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-state-'));
		stateRoots = folder;
		process.once('exit', () => {
			fs.rmSync(folder, {recursive: true, force: true});
		});
	}

	return fs.mkdtempSync(path.join(stateRoots, 'run-'));
}

/**
 * Node arguments that start the CLI through the test entry with these hooks. A CLI run as another
 * user keeps its own default state folder (that is what some tests check); ours gets a private one.
 * That user may be unable to read this checkout: theirs is a readable copy of it (helpers/readable-cli.ts).
 * Throws when dist/ is not the build of today's sources (helpers/fresh-build.ts).
 */
export function cliCommand(args: readonly string[], hooks: SessionHooks = {}, asAnotherUser = false): string[] {
	assertFreshBuild();
	const withState = asAnotherUser || hooks.stateRoot !== undefined ? hooks : {stateRoot: path.join(privateStateRoot(), 'state'), ...hooks};
	const entry = asAnotherUser ? readableCliEntry() : cliEntryPath;
	return [entry, JSON.stringify(withState), ...args];
}

/**
 * A UTF-8 locale, whatever the test runner's: the CLI draws its glyphs (sparklines, `●`, `…`, the
 * `·` of status lines) only under one (docs/terminals.md), and the tests that look for them rely on
 * this. A test of ASCII output sets LANG (or LC_ALL) in `extra`; `undefined` removes a variable.
 */
const utf8Locale: NodeJS.ProcessEnv = {LANG: 'C.UTF-8', LC_ALL: undefined, LC_CTYPE: undefined};

/**
 * The environment of a CLI under test: the test's own, a UTF-8 locale, plus `extra`. CI variables
 * are passed on as they are: the CLI's live screen must work with them
 * (source/ui/terminal/ink-outside-ci.ts).
 */
export function cliEnvironment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	return {...process.env, ...utf8Locale, ...extra};
}

/**
 * Limits the CLI to one simulated manager: test files run side by side, and without it a recorder
 * would follow the oldest wazuh-analysisd on the machine, whichever test owns it.
 */
export function scopeTo(fleet: {supervisorPid: number; dir: string}): CliOptions {
	// The fleet's folder is laid out like a Wazuh installation: the CLI takes it for the host's.
	return {hooks: {scope: fleet.supervisorPid, installFolders: [fleet.dir]}};
}

export type Finished = {code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string};

export type CliOptions = {
	/** Run as this user (tests of permissions). */
	readonly as?: {readonly uid: number; readonly gid: number};
	/**
	 * A command that runs the CLI's node (with its arguments) as another user, e.g. `setpriv
	 * --reuid=nobody ...`, which execs it (so the lifeline still sees the test's worker as parent).
	 */
	readonly via?: readonly string[];
	readonly env?: NodeJS.ProcessEnv;
	/** Test hooks, passed to the CLI through the test entry (never through the environment). */
	readonly hooks?: SessionHooks;
	readonly cwd?: string;
};

/** Starts the built CLI with pipes (so it is headless: stdout is not a terminal). */
export function startCli(args: readonly string[], options: CliOptions = {}): {child: ChildProcess; finished: Promise<Finished>} {
	const node = [process.execPath, ...cliCommand(args, options.hooks, options.as !== undefined || options.via !== undefined)];
	const [command, ...commandArgs] = [...options.via ?? [], ...node] as [string, ...string[]];
	const child = spawn(command, commandArgs, {
		env: cliEnvironment(options.env),
		stdio: ['ignore', 'pipe', 'pipe'],
		cwd: options.cwd,
		...(options.as === undefined ? {} : {uid: options.as.uid, gid: options.as.gid}),
	});
	trackChild(child.pid);
	child.once('exit', () => {
		untrackChild(child.pid);
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
	});
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	const finished = new Promise<Finished>(resolve => {
		child.on('close', (code, signal) => {
			resolve({code, signal, stdout, stderr});
		});
	});
	return {child, finished};
}

export async function runCli(args: readonly string[], options: CliOptions = {}): Promise<Finished> {
	return startCli(args, options).finished;
}

export const sleep = async (ms: number): Promise<void> => new Promise(resolve => {
	setTimeout(resolve, ms);
});

/** Polls until `check` returns a value other than undefined, or throws after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
	const end = Date.now() + timeoutMs;
	for (;;) {
		const value = check();
		if (value !== undefined) {
			return value;
		}

		if (Date.now() > end) {
			throw new Error(`timed out waiting for ${what}`);
		}

		await sleep(100);
	}
}

export type CsvFile = {header: string[]; rows: Array<Record<string, string>>};

/** Reads a CSV with a real, strict reader (a ragged or half-written line throws). */
export function readCsv(file: string): CsvFile {
	const records = parse(fs.readFileSync(file, 'utf8'), {relax_column_count: false});
	const [header = [], ...rest] = records;
	return {header, rows: rest.map(record => Object.fromEntries(header.map((name, index) => [name, record[index] ?? ''])))};
}
