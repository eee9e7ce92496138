import type {DaemonState, ProcessSample, Snapshot} from '../model/snapshot.js';
import {type DaemonTotal, totalOf} from '../model/daemon-totals.js';

export type SortKey = 'cpu' | 'memory' | 'pid' | 'name';

export type SortOrder = {readonly key: SortKey; readonly descending: boolean};

/** The direction each key starts in: biggest consumers first, names and PIDs ascending. */
export const defaultDescending: Record<SortKey, boolean> = {cpu: true, memory: true, pid: false, name: false};

export type RowOptions = {
	readonly tree: boolean;
	readonly sort: SortOrder;
	/** Case-insensitive substring of the role name, or a PID prefix; empty shows everything. */
	readonly filter: string;
	/** Daemons whose children are hidden in tree mode. */
	readonly collapsed: ReadonlySet<string>;
};

export type TableRow = {
	/** Role name (the CSV `Daemon` value); for a daemon without a sample, the daemon's name. */
	readonly key: string;
	readonly daemon: string;
	/** 0 for a daemon row; in tree mode children have depth 1. */
	readonly depth: 0 | 1;
	readonly childIndex: number;
	/** Undefined when the daemon is not running: its row still shows its state. */
	readonly sample: ProcessSample | undefined;
	/** The daemon's state, on its own row only. */
	readonly state: DaemonState | undefined;
	/** Children the daemon has this tick (tree and flat). */
	readonly childCount: number;
	readonly collapsed: boolean;
	/** Last child of its daemon in tree mode (draws `└` instead of `├`). */
	readonly lastChild: boolean;
	/**
	 * On a collapsed daemon's row with children: the sum of it and all its children, which the row
	 * shows and sorts by instead of the daemon's own process (it stands for the whole family).
	 */
	readonly total: DaemonTotal | undefined;
};

/** The values a row shows and sorts by: a collapsed daemon's total, else its own process's. */
export function shownSample(row: {readonly sample: ProcessSample | undefined; readonly total?: DaemonTotal | undefined}): ProcessSample | undefined {
	return row.total?.sample ?? row.sample;
}

type Group = {
	readonly daemon: string;
	readonly state: DaemonState | undefined;
	own: ProcessSample | undefined;
	readonly children: ProcessSample[];
};

function sortValue(sample: ProcessSample | undefined, key: SortKey): number | undefined {
	switch (key) {
		case 'cpu': {
			return sample?.cpuPercent;
		}

		case 'memory': {
			return sample?.rss;
		}

		case 'pid': {
			return sample?.pid;
		}

		case 'name': {
			return undefined;
		}
	}
}

type Sortable = {readonly daemon: string; readonly childIndex: number; readonly sample: ProcessSample | undefined};

/** Names compare by daemon then child number (child_10 after child_9); rows without a value sort last. */
function compareRows(a: Sortable, b: Sortable, order: SortOrder): number {
	if (order.key !== 'name') {
		const left = sortValue(a.sample, order.key);
		const right = sortValue(b.sample, order.key);
		if (left === undefined || right === undefined) {
			if (left !== right) {
				return left === undefined ? 1 : -1;
			}
		} else if (left !== right) {
			return order.descending ? right - left : left - right;
		}
	}

	// Code-point order, like `ls` in the C locale: wazuh-* before wazuh_*.py, whatever the locale.
	const byDaemon = a.daemon < b.daemon ? -1 : (a.daemon > b.daemon ? 1 : 0);
	const tie = byDaemon === 0 ? a.childIndex - b.childIndex : byDaemon;
	return order.key === 'name' && order.descending ? -tie : tie;
}

function matches(filter: string, name: string, sample: ProcessSample | undefined): boolean {
	if (filter === '') {
		return true;
	}

	const needle = filter.toLowerCase();
	if (name.toLowerCase().includes(needle)) {
		return true;
	}

	return /^\d+$/.test(needle) && sample !== undefined && String(sample.pid).startsWith(needle);
}

function groupSnapshot(snapshot: Snapshot): Group[] {
	const groups = new Map<string, Group>();
	for (const state of snapshot.daemons) {
		groups.set(state.name, {daemon: state.name, state, own: undefined, children: []});
	}

	for (const sample of snapshot.samples) {
		let group = groups.get(sample.daemon);
		if (!group) {
			group = {daemon: sample.daemon, state: undefined, own: undefined, children: []};
			groups.set(sample.daemon, group);
		}

		if (sample.childIndex === 0) {
			group.own = sample;
		} else {
			group.children.push(sample);
		}
	}

	return [...groups.values()];
}

function daemonRow(group: Group, collapsed: boolean): TableRow {
	const members = group.own === undefined ? group.children : [group.own, ...group.children];
	return {
		total: collapsed && group.children.length > 0 ? totalOf(group.daemon, members) : undefined,
		key: group.own?.role ?? group.daemon,
		daemon: group.daemon,
		depth: 0,
		childIndex: 0,
		sample: group.own,
		state: group.state,
		childCount: group.children.length,
		collapsed,
		lastChild: false,
	};
}

function childRow(sample: ProcessSample, depth: 0 | 1, lastChild: boolean): TableRow {
	return {
		key: sample.role,
		daemon: sample.daemon,
		depth,
		childIndex: sample.childIndex,
		sample,
		state: undefined,
		childCount: 0,
		collapsed: false,
		lastChild,
		total: undefined,
	};
}

const asSortable = (row: TableRow): Sortable => ({daemon: row.daemon, childIndex: row.childIndex, sample: shownSample(row)});

/**
 * The rows of the process table. Tree mode: each daemon (sorted among daemons) followed by its
 * children (sorted among themselves), so children always stay under their daemon; a daemon is kept
 * when it or one of its children matches the filter. Flat mode: every process sorted as one list.
 * Daemons that are down have no sample but still get a row, so their state is visible.
 */
export function buildRows(snapshot: Snapshot | undefined, options: RowOptions): TableRow[] {
	if (!snapshot) {
		return [];
	}

	const groups = groupSnapshot(snapshot);
	const rows: TableRow[] = [];
	if (!options.tree) {
		for (const group of groups) {
			const own = daemonRow(group, false);
			if (matches(options.filter, own.key, own.sample)) {
				rows.push(own);
			}

			for (const child of group.children) {
				if (matches(options.filter, child.role, child)) {
					rows.push(childRow(child, 0, false));
				}
			}
		}

		return rows.sort((a, b) => compareRows(asSortable(a), asSortable(b), options.sort));
	}

	const daemonRows = groups.map(group => ({group, row: daemonRow(group, options.collapsed.has(group.daemon))}));
	daemonRows.sort((a, b) => compareRows(asSortable(a.row), asSortable(b.row), options.sort));
	for (const {group, row} of daemonRows) {
		const ownMatch = matches(options.filter, row.key, row.sample);
		const children = group.children
			.filter(child => ownMatch || matches(options.filter, child.role, child))
			.sort((a, b) => compareRows({daemon: a.daemon, childIndex: a.childIndex, sample: a}, {daemon: b.daemon, childIndex: b.childIndex, sample: b}, options.sort));
		if (!ownMatch && children.length === 0) {
			continue;
		}

		rows.push(row);
		if (row.collapsed) {
			continue;
		}

		for (const [index, child] of children.entries()) {
			rows.push(childRow(child, 1, index === children.length - 1));
		}
	}

	return rows;
}
