/**
 * Cost of one scrape of the Prometheus exposition for 50 processes, written by hand
 * (source/export). Each round hands the exporter a new snapshot, so every render is a real one
 * (the cache only helps between ticks), then renders it in both formats and serves it once over
 * loopback HTTP. prom-client is not a dependency; its figure (~1.2 ms per scrape for about 600
 * series) is from a measurement outside this repository, quoted in docs/prometheus.md.
 * Usage: node --import=tsx bench/export-scrape.ts [processes] [rounds]
 */
import http from 'node:http';
import {Exporter} from '../source/export/exporter.js';
import {MetricsServer} from '../source/export/metrics-server.js';
import {syntheticSnapshot} from './ui/synthetic.js';

const processes = Number(process.argv[2] ?? 50);
const rounds = Number(process.argv[3] ?? 2000);
const exporter = new Exporter({wazuhVersion: '4.9.0', layout: 'manager-4', hostRole: 'manager', toolVersion: 'bench'});
const snapshots = Array.from({length: 64}, (_, tick) => syntheticSnapshot(processes, tick + 1, 1));

function measure(format: 'text' | 'openmetrics'): {ms: number; bytes: number; series: number} {
	let bytes = 0;
	let series = 0;
	for (let index = 0; index < 200; index++) { // Warm-up: JIT.
		exporter.update(snapshots[index % snapshots.length]!);
		exporter.render(format);
	}

	const start = process.hrtime.bigint();
	for (let index = 0; index < rounds; index++) {
		exporter.update(snapshots[index % snapshots.length]!);
		const text = exporter.render(format);
		bytes = text.length;
	}

	const ms = Number(process.hrtime.bigint() - start) / 1e6 / rounds;
	series = exporter.render(format).split('\n').filter(line => line !== '' && !line.startsWith('#')).length;
	return {ms, bytes, series};
}

for (const format of ['text', 'openmetrics'] as const) {
	const {ms, bytes, series} = measure(format);
	console.log(`${format}: ${processes} processes, ${series} series, ${bytes} bytes: ${ms.toFixed(4)} ms per render (mean of ${rounds})`);
}

// Over HTTP on loopback, a new snapshot before each request: render + serve + the client's read.
const server = new MetricsServer({address: {host: '127.0.0.1', port: 0, loopback: true}, render: format => exporter.render(format), onError: console.error});
const address = await server.start();
const agent = new http.Agent({keepAlive: true, maxSockets: 1});
const get = async (): Promise<void> => new Promise((resolve, reject) => {
	http.get(`http://${address}/metrics`, {agent}, response => {
		response.resume();
		response.on('end', resolve);
	}).on('error', reject);
});
const httpRounds = Math.min(rounds, 500);
for (let index = 0; index < 50; index++) {
	exporter.update(snapshots[index % snapshots.length]!);
	await get();
}

const start = process.hrtime.bigint();
for (let index = 0; index < httpRounds; index++) {
	exporter.update(snapshots[index % snapshots.length]!);
	await get();
}

console.log(`http: ${(Number(process.hrtime.bigint() - start) / 1e6 / httpRounds).toFixed(4)} ms per scrape over loopback, client included (mean of ${httpRounds})`);
agent.destroy();
await server.close();
