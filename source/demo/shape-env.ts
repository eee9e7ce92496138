import type {Shape} from './shape.js';

/**
 * A shape as the bash fake reads it: plain whole numbers in environment variables (bash has no JSON
 * and no floating point), so fractions become thousandths and sizes bytes. A daemon's variables are
 * `WAZUH_DEMO_*`, its workers' `WAZUH_DEMO_CHILD_*`.
 */

const dirEnv = 'WAZUH_DEMO_DIR';
const prefix = 'WAZUH_DEMO_';
const childPrefix = 'WAZUH_DEMO_CHILD_';

/**
 * What bash must not pick up from the supervisor's environment: startup files, options, imported
 * functions, a default read timeout, POSIX mode. The caller's loader (NODE_OPTIONS) is no use to it.
 */
const unsafeVariables = ['BASH_ENV', 'ENV', 'SHELLOPTS', 'BASHOPTS', 'NODE_OPTIONS', 'CDPATH', 'GLOBIGNORE', 'POSIXLY_CORRECT', 'BASH_COMPAT', 'TMOUT', 'BASH_XTRACEFD', 'PS4'];

const mb = 1024 * 1024;

function whole(value: number | undefined): number {
	return Number.isFinite(value) && (value ?? 0) > 0 ? Math.round(value ?? 0) : 0;
}

const thousandths = (fraction: number | undefined) => Math.min(1000, whole((fraction ?? 0) * 1000));

/** Workers run one level deep: a worker's own children would need a shape of their own. */
export function checkShape(name: string, shape: Shape | undefined): void {
	const child = shape?.childShape;
	if (child && (whole(child.children) > 0 || (child.childChurn?.perSecond ?? 0) > 0)) {
		throw new Error(`Fake daemon ${name}: a childShape cannot have children of its own`);
	}
}

function ownVariables(shape: Shape, at: string): Record<string, string> {
	const variables: Record<string, number> = {
		CPU_MILLI: thousandths(shape.cpu),
		MEMORY_BYTES: whole((shape.memoryMb ?? 0) * mb),
		GROWTH_BYTES_PER_MIN: whole((shape.memoryGrowthMbPerMin ?? 0) * mb),
		FDS: whole(shape.fds),
		FD_CHURN: whole(shape.fdChurn),
		WRITE_BYTES_PER_SEC: whole(shape.writeBytesPerSec),
	};
	const burst = shape.cpuBurst;
	if (burst && whole(burst.every * 1000) > 0 && whole(burst.length * 1000) > 0) {
		Object.assign(variables, {
			BURST_EVERY_MS: whole(burst.every * 1000),
			BURST_LENGTH_MS: whole(burst.length * 1000),
			BURST_CPU_MILLI: thousandths(burst.cpu),
		});
	}

	return Object.fromEntries(Object.entries(variables).map(([key, value]) => [at + key, String(value)]));
}

function childVariables(shape: Shape): Record<string, string> {
	const variables: Record<string, string> = {[`${prefix}CHILDREN`]: String(whole(shape.children))};
	const churn = shape.childChurn;
	if (churn && churn.perSecond > 0) {
		const lifeMs = whole(churn.lifeMs);
		Object.assign(variables, {
			[`${prefix}CHURN_EVERY_MS`]: String(Math.max(1, whole(1000 / churn.perSecond))),
			[`${prefix}CHURN_LIFE_MS`]: String(lifeMs),
			// Bounded so a slow machine, where children start slower than asked, cannot pile them up.
			[`${prefix}CHURN_MAX_ALIVE`]: String(Math.ceil(churn.perSecond * lifeMs / 1000) + 2),
		});
	}

	return variables;
}

/** The supervisor's environment made safe for bash, plus the fleet dir, a seed and the shape. */
export function fakeEnv(base: NodeJS.ProcessEnv, dir: string, shape: Shape, seed: number): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(base)) {
		if (!unsafeVariables.includes(key) && !key.startsWith('BASH_FUNC_') && !key.startsWith(prefix)) {
			env[key] = value;
		}
	}

	return {
		...env,
		// A fixed threshold keeps glibc from raising it after the first big block is freed: the fake's
		// big temporary strings are then unmapped when freed, instead of staying resident in the heap.
		MALLOC_MMAP_THRESHOLD_: '131072',
		[dirEnv]: dir,
		[`${prefix}SEED`]: String(whole(seed) % 32_768),
		...ownVariables(shape, prefix),
		...childVariables(shape),
		...ownVariables(shape.childShape ?? {}, childPrefix),
	};
}
