/** A process as identified across PID reuse. */
export type ProcessKey = {readonly pid: number; readonly startTime: number};

const keyOf = (process: ProcessKey): string => `${process.pid}:${process.startTime}`;

/**
 * Gives each child of a daemon a stable index for `<daemon>_child_<i>`: once given, an index
 * stays with its process; new children take the lowest free indices in start order (ties by PID),
 * so after a restart the new children inherit the roles of the old ones.
 */
export class ChildNames {
	private readonly indexByKey = new Map<string, number>();

	/** Forgets processes no longer present, names the new ones, returns the index of every child. */
	assign(children: readonly ProcessKey[]): Map<number, number> {
		const present = new Set(children.map(child => keyOf(child)));
		for (const key of this.indexByKey.keys()) {
			if (!present.has(key)) {
				this.indexByKey.delete(key);
			}
		}

		const used = new Set(this.indexByKey.values());
		const newcomers = children
			.filter(child => !this.indexByKey.has(keyOf(child)))
			.sort((a, b) => a.startTime - b.startTime || a.pid - b.pid);
		let next = 1;
		for (const child of newcomers) {
			while (used.has(next)) {
				next++;
			}

			this.indexByKey.set(keyOf(child), next);
			used.add(next);
		}

		return new Map(children.map(child => [child.pid, this.indexByKey.get(keyOf(child))!]));
	}
}
