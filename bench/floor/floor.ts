/**
 * Runs the floor reader (bench/native/floor.c, or node-floor.ts without a compiler) in its own
 * process, so its CPU time is its own.
 */
import {type ChildProcess, spawn} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {killGroup, ownGroup} from '../cleanup.js';

export type Floor = {readonly kind: 'C' | 'Node'; readonly command: string; readonly prefix: readonly string[]};
export type FloorResult = {readonly passes: number; readonly procs: number; readonly alive: number; readonly cpu_us: number};

export function findFloor(compiledFloor: string | undefined): Floor {
	if (compiledFloor !== undefined) {
		return {kind: 'C', command: compiledFloor, prefix: []};
	}

	const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'node-floor.ts');
	return {kind: 'Node', command: process.execPath, prefix: [`--import=${import.meta.resolve('tsx')}`, script]};
}

/** CPU µs per process per sample. */
export const perSample = (result: FloorResult): number => result.cpu_us / Math.max(1, result.passes * result.alive);

/** Starts the floor; `passes` 0 runs until stopped. */
export function startFloor(floor: Floor, pids: readonly number[], intervalMs: number, passes: number): {child: ChildProcess; result: Promise<FloorResult>} {
	const args = intervalMs === 0 ? ['hot', String(passes)] : ['run', String(intervalMs), String(passes)];
	const child = ownGroup(spawn(floor.command, [...floor.prefix, ...args, ...pids.map(String)], {detached: true, stdio: ['ignore', 'pipe', 'inherit']}));
	let output = '';
	child.stdout!.on('data', (chunk: Buffer) => {
		output += chunk.toString();
	});
	const result = new Promise<FloorResult>((resolve, reject) => {
		child.once('close', code => {
			killGroup(child.pid);
			try {
				resolve(JSON.parse(output.trim().split('\n').at(-1)!) as FloorResult);
			} catch {
				reject(new Error(`floor exited with ${code} and no result`));
			}
		});
	});
	return {child, result};
}

/** Asks a running floor to stop and report (it prints its result on SIGTERM). */
export async function stopFloor(run: {child: ChildProcess; result: Promise<FloorResult>}): Promise<FloorResult> {
	run.child.kill('SIGTERM');
	return run.result;
}
