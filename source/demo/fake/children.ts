import type {ChildProcess} from 'node:child_process';
import {setTimeout as sleep} from 'node:timers/promises';
import {lifeEnv, shapeEnv} from '../protocol.js';
import type {Shape} from '../shape.js';
import {hasExited, spawnFake, waitReady} from '../spawn-fake.js';
import type {Counters, Publish} from './counters.js';

/** Every child this process started and has not yet seen exit; torn down on shutdown. */
export const liveChildren = new Set<ChildProcess>();
let stopping = false;

/** Children run through the same executable and script as us, like forked Python workers. */
function spawnChild(shape: Shape | undefined, lifeMs?: number): ChildProcess {
	const env: NodeJS.ProcessEnv = {...process.env, [shapeEnv]: JSON.stringify(shape ?? {})};
	delete env[lifeEnv];
	if (lifeMs !== undefined) {
		env[lifeEnv] = String(lifeMs);
	}

	// argv0 is the symlink we were started through; argv[1] our program or script.
	const child = spawnFake({command: process.argv0, args: process.argv.slice(1, 2)}, env);
	liveChildren.add(child);
	child.once('exit', () => liveChildren.delete(child));
	return child;
}

/**
 * Starts the long-lived children one after another, each once the previous is ready plus a gap, so
 * their start times differ (they are ordered by start time downstream).
 */
export async function startWorkers(count: number | undefined, shape: Shape | undefined, counters: Counters, publish: Publish): Promise<void> {
	const total = Math.max(0, Math.round(count ?? 0));
	for (let index = 0; index < total && !stopping; index++) {
		if (index > 0) {
			await sleep(50);
		}

		const child = spawnChild(shape);
		await waitReady(child, 20_000);
		if (child.pid !== undefined) {
			counters.children.push(child.pid);
		}

		child.once('exit', () => {
			counters.children = counters.children.filter(pid => pid !== child.pid);
			publish();
		});
	}
}

/** Short-lived children that come and go, like wazuh-modulesd's helpers. */
export function churnChildren(churn: Shape['childChurn']): void {
	if (!churn || !(churn.perSecond > 0)) {
		return;
	}

	const lifeMs = Math.max(0, churn.lifeMs);
	// Bounded so a slow machine, where children start slower than they are asked for, cannot pile up.
	const maxAlive = Math.ceil(churn.perSecond * lifeMs / 1000) + 2;
	let alive = 0;
	setInterval(() => {
		if (stopping || alive >= maxAlive) {
			return;
		}

		alive++;
		spawnChild({}, lifeMs).once('exit', () => {
			alive--;
		});
	}, 1000 / churn.perSecond);
}

export function stopSpawning(): ChildProcess[] {
	stopping = true;
	return [...liveChildren].filter(child => !hasExited(child));
}
