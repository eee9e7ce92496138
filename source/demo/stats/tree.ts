/**
 * The key trees of the daemons' getstats replies, as data: a leaf is 0 (its value is read from a
 * map of counters by its dotted path, 0 when absent), a string names a sibling subtree whose leaves
 * it sums (`received: 'received_breakdown'`), an object is a node. Keys keep their order: the
 * replies list them in Wazuh's order.
 */
export type Tree = {readonly [key: string]: Tree | 0 | string};

/** `{a: 0, b: 0}` from `'a b'`. */
export function leaves(names: string): Tree {
	return Object.fromEntries(names.split(/\s+/).filter(Boolean).map(name => [name, 0]));
}

const join = (prefix: string, key: string) => prefix === '' ? key : `${prefix}.${key}`;

/** Dotted paths of the counter leaves under `tree`, in order. */
export function leafPaths(tree: Tree, prefix = ''): string[] {
	return Object.entries(tree).flatMap(([key, value]) => {
		if (value === 0) {
			return [join(prefix, key)];
		}

		return typeof value === 'string' ? [] : leafPaths(value, join(prefix, key));
	});
}

function sum(tree: Tree, prefix: string, values: ReadonlyMap<string, number>): number {
	return leafPaths(tree, prefix).reduce((total, path) => total + (values.get(path) ?? 0), 0);
}

/** The reply object: every leaf's value, every sum computed. */
export function renderTree(tree: Tree, values: ReadonlyMap<string, number>, prefix = ''): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(tree)) {
		const path = join(prefix, key);
		if (value === 0) {
			out[key] = values.get(path) ?? 0;
		} else if (typeof value === 'string') {
			const sibling = tree[value];
			out[key] = typeof sibling === 'object' ? sum(sibling, join(prefix, value), values) : 0;
		} else {
			out[key] = renderTree(value, values, path);
		}
	}

	return out;
}

/** Counters by dotted path, with whole increments. */
export class Counters {
	readonly values = new Map<string, number>();

	add(path: string, amount: number): void {
		if (amount !== 0) {
			this.values.set(path, this.get(path) + amount);
		}
	}

	set(path: string, value: number): void {
		this.values.set(path, value);
	}

	get(path: string): number {
		return this.values.get(path) ?? 0;
	}
}
