/**
 * The fleets of the comparisons. "Mixed" follows a busy manager: a few daemons with hundreds of MB
 * resident and 1,000+ fds (the costly ones: smaps_rollup costs ~5 ms per GB), most processes small.
 */
import type {DaemonShape, FleetSpec} from './fleet.js';

const small = (count: number) => ({mb: 4, fds: 16, count});
const medium = (count: number) => ({mb: 8, fds: 64, count});
const big = {mb: 200, fds: 1000, count: 1};

/** 16 processes: 1 x 1 GB, 2 x 200 MB, 13 small. */
export const mixed16: FleetSpec = {
	label: '16 mixed',
	daemons: [
		{root: {mb: 1024, fds: 1500}, children: [big, medium(2)]},
		{root: {mb: 200, fds: 1200}, children: [medium(3)]},
		{root: {mb: 16, fds: 200}, children: [small(3)]},
		{root: {mb: 16, fds: 100}, children: [small(3)]},
	],
};

/** 14 processes, the issue 22 fleet: 1 x 1 GB, 2 x 200 MB, 11 small (16 mixed less two small children). */
export const mixed14: FleetSpec = {
	label: '14 mixed',
	daemons: [
		{root: {mb: 1024, fds: 1500}, children: [big, medium(2)]},
		{root: {mb: 200, fds: 1200}, children: [medium(3)]},
		{root: {mb: 16, fds: 200}, children: [small(2)]},
		{root: {mb: 16, fds: 100}, children: [small(2)]},
	],
};

/** 100 processes: 2 x 1 GB, 4 x 200 MB, 94 small (about 3.2 GB resident in all). */
export const mixed100: FleetSpec = {
	label: '100 mixed',
	daemons: [
		{root: {mb: 1024, fds: 2000}, children: [big, medium(23)]},
		{root: {mb: 1024, fds: 1500}, children: [big, medium(23)]},
		{root: {mb: 200, fds: 1000}, children: [small(24)]},
		{root: {mb: 16, fds: 100}, children: [big, small(23)]},
	],
};

/** 500 small processes under one daemon. */
export const small500: FleetSpec = {
	label: '500 small',
	daemons: [{root: {mb: 4, fds: 32}, children: [{mb: 1, fds: 8, count: 499}]}],
};

/** Processes that are not daemons, to bring the process table to a given size for discovery. */
export function filler(count: number): FleetSpec {
	const root: DaemonShape = {root: {mb: 0, fds: 0}, children: count > 1 ? [{mb: 0, fds: 0, count: count - 1}] : []};
	return {label: `${count} filler`, daemons: [root]};
}

/** 16 small processes in 4 daemons: cheap ticks, for runs of thousands of ticks. */
export const small16: FleetSpec = {
	label: '16 small',
	daemons: [0, 1, 2, 3].map(() => ({root: {mb: 4, fds: 16}, children: [{mb: 2, fds: 8, count: 3}]})),
};

/**
 * The same processes under at most `daemons` daemons (when fewer daemon names are free here):
 * the daemons beyond the first `daemons - 1` are merged into one, their roots becoming children.
 */
export function fitToDaemons(spec: FleetSpec, daemons: number): FleetSpec {
	if (spec.daemons.length <= daemons || daemons < 1) {
		return spec;
	}

	const kept = spec.daemons.slice(0, daemons - 1);
	const [first, ...rest] = spec.daemons.slice(daemons - 1);
	const merged: DaemonShape = {
		root: first!.root,
		children: [...first!.children, ...rest.flatMap(daemon => [{...daemon.root, count: 1}, ...daemon.children])],
	};
	return {label: spec.label, daemons: [...kept, merged]};
}
