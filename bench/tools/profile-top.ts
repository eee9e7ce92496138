/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self and total time per function, heaviest
 * first, so a profile can be read without DevTools.
 *
 *   node --import=tsx bench/tools/profile-top.ts <file.cpuprofile> [rows] [filter]
 */
import fs from 'node:fs';

type Node = {
	id: number;
	callFrame: {functionName: string; url: string; lineNumber: number};
	children?: number[];
};
type Profile = {nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number};

const [file, rowsText = '30', filter = ''] = process.argv.slice(2);
if (file === undefined) {
	console.error('usage: profile-top.ts <file.cpuprofile> [rows] [filter]');
	process.exit(2);
}

const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map(node => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) {
	for (const child of node.children ?? []) {
		parentOf.set(child, node.id);
	}
}

const selfUs = new Map<number, number>();
for (const [index, id] of profile.samples.entries()) {
	selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
}

const label = (node: Node): string => {
	const {functionName, url, lineNumber} = node.callFrame;
	const where = url === '' ? '' : ` ${url.replace(/^.*\/(node_modules|source|dist)\//, '$1/')}:${lineNumber + 1}`;
	return `${functionName || '(anonymous)'}${where}`;
};

const self = new Map<string, number>();
const total = new Map<string, number>();
for (const [id, us] of selfUs) {
	const node = byId.get(id)!;
	self.set(label(node), (self.get(label(node)) ?? 0) + us);
	// Total: count each function once per sample even when it recurses.
	const seen = new Set<string>();
	for (let current: number | undefined = id; current !== undefined; current = parentOf.get(current)) {
		const name = label(byId.get(current)!);
		if (!seen.has(name)) {
			seen.add(name);
			total.set(name, (total.get(name) ?? 0) + us);
		}
	}
}

const busy = [...selfUs].filter(([id]) => !['(idle)', '(program)', '(garbage collector)'].includes(byId.get(id)!.callFrame.functionName))
	.reduce((sum, [, us]) => sum + us, 0);
const wall = profile.endTime - profile.startTime;
console.log(`profile ${(wall / 1e6).toFixed(1)} s; JS + native callees ${(busy / 1000).toFixed(1)} ms; (program) ${((self.get('(program)') ?? 0) / 1000).toFixed(1)} ms; GC ${((self.get('(garbage collector)') ?? 0) / 1000).toFixed(1)} ms`);
const rows = Number(rowsText);
for (const [title, table] of [['self', self], ['total', total]] as const) {
	console.log(`\n${title} ms`);
	for (const [name, us] of [...table].filter(([name]) => name.includes(filter) && name !== '(idle)' && name !== '(root)').sort((a, b) => b[1] - a[1]).slice(0, rows)) {
		console.log(`${(us / 1000).toFixed(1).padStart(9)}  ${name}`);
	}
}
