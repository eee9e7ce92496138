/*
 * Walking the JSON the daemons answer: every leaf by its dotted path, a number at a path, the sum
 * of a subtree's leaves. Nothing here trusts the shape: a missing or mistyped node is undefined.
 */

export type JsonObject = {readonly [key: string]: unknown};

export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Leaves deeper than this are not walked: a reply nests five levels, a hostile one could nest thousands. */
const maxDepth = 32;

/**
 * Every number and string leaf of `value` by its path (`metrics.events.received`; array items by
 * index, `global.files.0.events`), added to `into`. Booleans and nulls are left out.
 */
export function flatten(value: unknown, prefix = '', into: Record<string, number | string> = {}, depth = 0): Record<string, number | string> {
	if (typeof value === 'number' || typeof value === 'string') {
		if (prefix !== '') {
			into[prefix] = value;
		}

		return into;
	}

	if (depth >= maxDepth || typeof value !== 'object' || value === null) {
		return into;
	}

	for (const [key, child] of Object.entries(value)) {
		flatten(child, prefix === '' ? key : `${prefix}.${key}`, into, depth + 1);
	}

	return into;
}

/** The node at `path` (`a.b.c`), or undefined. */
export function nodeAt(value: unknown, path: string): unknown {
	let node = value;
	for (const key of path.split('.')) {
		if (!isObject(node)) {
			return undefined;
		}

		node = node[key];
	}

	return node;
}

/** The finite number at `path`, or undefined. */
export function numberAt(value: unknown, path: string): number | undefined {
	const node = nodeAt(value, path);
	return typeof node === 'number' && Number.isFinite(node) ? node : undefined;
}

/** The sum of every number leaf under `path`; undefined when there is no object there. */
export function leafSum(value: unknown, path: string): number | undefined {
	const node = nodeAt(value, path);
	if (!isObject(node)) {
		return undefined;
	}

	let sum = 0;
	for (const leaf of Object.values(flatten(node))) {
		if (typeof leaf === 'number' && Number.isFinite(leaf)) {
			sum += leaf;
		}
	}

	return sum;
}

/** `numerator / denominator` when both are known and the denominator positive (a queue of capacity 0 has no fill). */
export function ratio(numerator: number | undefined, denominator: number | undefined): number | undefined {
	return numerator !== undefined && denominator !== undefined && denominator > 0 ? numerator / denominator : undefined;
}

/** The object without its undefined entries, frozen: what DaemonStats carries. */
export function defined<T extends Record<string, number | undefined>>(entries: T): Readonly<Partial<Record<keyof T, number>>> {
	return Object.freeze(Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined))) as Partial<Record<keyof T, number>>;
}
