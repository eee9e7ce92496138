/** The footprint lines of the table and their JSON keys, each goal of issue 22 as a ratio measured in one run. */
import {fixed, type Report} from './report.js';
import type {FootprintPhase, FootprintRow} from './sections/footprint.js';

const goals = {
	vsPsutilSteady: 0.4,
	vsPsutilFirst: 0.6,
	vsFloor: 1.1,
	rssMb: 40,
	singleFileExtraMb: 5,
	vsHtop: 2,
	pausedVsHeadless: 1,
	liveExtraMb: 20,
};

const ratio = (a: number | undefined, b: number | undefined): number | undefined =>
	a === undefined || b === undefined || b <= 0 ? undefined : a / b;
const finite = (value: number | undefined): number | null =>
	value === undefined || !Number.isFinite(value) ? null : Number(value.toPrecision(4));
/** JSON key of a contender: `single file` -> `single_file`. */
const keyOf = (contender: string): string => contender.replaceAll(' ', '_');
const x = fixed(2, 'x');
const mib = fixed(1, ' MiB');

function lines(rows: readonly FootprintRow[], report: Report, section: string, json: Record<string, unknown>, suffix: string): void {
	for (const row of rows) {
		const what = `${row.phase}: ${row.contender} CPU, peak RSS`;
		if (row.cpuPercent === undefined) {
			report.skip(section, what, row.problem ?? 'not measured');
			continue;
		}

		const bytes = row.bytesPerSecond === undefined ? '' : `; ${row.bytesPerSecond.toFixed(0)} B/s to its terminal`;
		report.add(section, what, `${row.cpuPercent.toFixed(2)}% ${row.peakRssMb === undefined ? 'n/a' : mib(row.peakRssMb)}`, '', '',
			`% of one core, ${row.from.toFixed(0)}-${(row.from + row.seconds).toFixed(0)} s after start${bytes}${row.problem === undefined ? '' : `; ${row.problem}`}`);
		json[`footprint_cpu_percent_${keyOf(row.contender)}${suffix}`] = finite(row.cpuPercent);
		json[`footprint_peak_rss_mb_${keyOf(row.contender)}${suffix}`] = finite(row.peakRssMb);
	}
}

export function summariseFootprint(all: readonly FootprintRow[], report: Report, json: Record<string, unknown>): void {
	for (const fleet of [...new Set(all.map(row => row.fleet))]) {
		const key = fleet.split(' ')[0]!;
		const section = `footprint ${fleet}`;
		const phases = [...new Set(all.filter(row => row.fleet === fleet && row.phase !== 'live').map(row => row.phase))];
		const verdict: FootprintPhase = phases.includes('steady') ? 'steady' : 'first';
		for (const phase of phases) {
			const rows = all.filter(row => row.fleet === fleet && row.phase === phase);
			const cpu = (contender: string) => rows.find(row => row.contender === contender)?.cpuPercent;
			const rss = (contender: string) => rows.find(row => row.contender === contender)?.peakRssMb;
			const suffix = phase === 'first' ? `_${key}_first` : `_${key}`;
			lines(rows, report, section, json, suffix);
			const vsPsutil = ratio(cpu('ours'), cpu('psutil'));
			const limit = phase === 'first' ? goals.vsPsutilFirst : goals.vsPsutilSteady;
			const floorNote = `the floor itself: ${ratio(cpu('floor'), cpu('psutil'))?.toFixed(2) ?? 'n/a'}x psutil; pidstat ${ratio(cpu('pidstat'), cpu('ours'))?.toFixed(2) ?? 'n/a'}x ours`;
			report.check(section, `${phase}: ours / psutil`, vsPsutil, x, limit, `<= ${limit.toFixed(2)}x`, floorNote);
			json[`footprint_cpu_ratio_vs_psutil${suffix}`] = finite(vsPsutil);
			const vsFloor = ratio(cpu('ours'), cpu('floor'));
			if (phase === verdict) {
				report.check(section, `${phase}: ours / floor`, vsFloor, x, goals.vsFloor, '<= 1.1x');
			} else {
				report.add(section, `${phase}: ours / floor`, vsFloor === undefined ? 'n/a' : x(vsFloor), '', '', 'JIT warm-up included; no goal');
			}

			json[`footprint_cpu_ratio_vs_floor${suffix}`] = finite(vsFloor);
			for (const other of ['before', 'single file']) {
				const theirs = ratio(cpu(other), cpu('psutil'));
				if (theirs !== undefined) {
					report.add(section, `${phase}: ${other} / psutil`, x(theirs), '', '', 'side by side with ours');
					json[`footprint_cpu_ratio_vs_psutil_${keyOf(other)}${suffix}`] = finite(theirs);
				}
			}

			if (phase === verdict) {
				report.check(section, 'ours: peak RSS (VmHWM)', rss('ours'), mib, goals.rssMb, '<= 40 MiB', `at ${(rows[0]!.from + rows[0]!.seconds).toFixed(0)} s; psutil ${rss('psutil')?.toFixed(1) ?? 'n/a'} MiB${rss('before') === undefined ? '' : `, before ${rss('before')!.toFixed(1)} MiB`}`);
				const extra = rss('single file') === undefined || rss('ours') === undefined ? undefined : rss('single file')! - rss('ours')!;
				report.check(section, 'single file: peak RSS over ours', extra, mib, goals.singleFileExtraMb, '<= +5 MiB', rss('single file') === undefined ? 'no single-file executable (npm run package, or --single-file FILE)' : `${rss('single file')!.toFixed(1)} MiB`);
				json[`footprint_single_file_rss_over_node_mb_${key}`] = finite(extra);
			}
		}

		const live = all.filter(row => row.fleet === fleet && row.phase === 'live');
		if (live.length > 0) {
			const cpu = (contender: string) => live.find(row => row.contender === contender)?.cpuPercent;
			const rss = (contender: string) => live.find(row => row.contender === contender)?.peakRssMb;
			lines(live, report, section, json, '');
			const vsHtop = ratio(cpu('ours live'), cpu('htop'));
			report.check(section, 'live: ours / htop', vsHtop, x, goals.vsHtop, '<= 2x', `btop: ours ${ratio(cpu('ours live'), cpu('btop'))?.toFixed(2) ?? 'n/a'}x; before ${ratio(cpu('before live'), cpu('htop'))?.toFixed(2) ?? 'n/a'}x htop; 120x40, ours recording too`);
			const paused = ratio(cpu('ours paused'), cpu('ours headless'));
			report.check(section, 'live: paused / headless', paused, x, goals.pausedVsHeadless, '<= 1x', 'a paused screen against the recorder alone');
			const extra = rss('ours live') === undefined || rss('ours headless') === undefined ? undefined : rss('ours live')! - rss('ours headless')!;
			report.check(section, 'live: peak RSS over headless', extra, mib, goals.liveExtraMb, '<= +20 MiB');
			json.footprint_live_cpu_ratio_vs_htop = finite(vsHtop);
			json.footprint_live_cpu_ratio_vs_btop = finite(ratio(cpu('ours live'), cpu('btop')));
			json.footprint_paused_cpu_ratio_vs_headless = finite(paused);
			json.footprint_live_rss_over_headless_mb = finite(extra);
		}
	}
}
