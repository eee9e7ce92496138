import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import test from 'ava';
import {helpText, parseOptions} from '../../../source/cli/options.js';
import {UsageError} from '../../../source/cli/usage-error.js';
import {Exporter} from '../../../source/export/exporter.js';
import {renderExposition} from '../../../source/export/exposition.js';
import {allMetricSpecs, collectFamilies} from '../../../source/export/families.js';
import {maxConnections, MetricsServer} from '../../../source/export/metrics-server.js';
import {negotiateFormat} from '../../../source/export/negotiate.js';
import {parseListenAddress} from '../../../source/export/listen-address.js';
import {diskFields} from '../../../source/model/disk-fields.js';
import {processCsvHeader} from '../../../source/model/process-csv.js';
import {type MetricDef, processMetrics} from '../../../source/model/process-metrics.js';
import {diskSample, diskSnapshot, processSample, snapshot} from '../../helpers/snapshots.js';

const info = {wazuhVersion: '4.9.0', layout: 'manager-4', hostRole: 'manager', toolVersion: '0.1.0'};

const fleetSnapshot = snapshot([
	processSample({role: 'wazuh-db', pid: 10, rss: 1_048_576, readOps: 7, cpuUserSeconds: 1.5, cpuSystemSeconds: 0.25}),
	processSample({role: 'wazuh-db_child_1', pid: 11, uss: undefined}),
]);

test('exposition: every registry field with a metric is a family, percentages and rates are not', t => {
	const text = renderExposition(collectFamilies({info, snapshot: fleetSnapshot, disk: diskSnapshot([diskSample({path: '/var/ossec/logs'})])}), 'text');
	const specs = [...Object.values(processMetrics).map(def => (def as MetricDef).prometheus), ...diskFields.map(field => field.metric)];
	for (const spec of specs) {
		if (spec === undefined) {
			continue;
		}

		const name = spec.type === 'counter' ? `${spec.family}_total` : spec.family;
		t.true(text.includes(`# TYPE ${name} ${spec.type}\n`), name);
		t.regex(name, /^wazuh_metrics_[a-z_]+$/);
	}

	t.notRegex(text, /percent|speed|per_second|_kb|_kib/i, 'no percentages, no pre-computed rates, base units only');
	t.true(text.includes('wazuh_metrics_process_resident_memory_bytes{daemon="wazuh-db",role="wazuh-db",pid="10"} 1048576\n'));
	t.true(text.includes('wazuh_metrics_process_read_syscalls_total{daemon="wazuh-db",role="wazuh-db",pid="10"} 7\n'));
	t.true(text.includes('wazuh_metrics_process_cpu_seconds_total{daemon="wazuh-db",role="wazuh-db",pid="10",mode="user"} 1.5\n'));
	t.true(text.includes('wazuh_metrics_process_cpu_seconds_total{daemon="wazuh-db",role="wazuh-db",pid="10",mode="system"} 0.25\n'));
	t.true(text.includes('wazuh_metrics_info{version="4.9.0",layout="manager-4",host_role="manager",tool_version="0.1.0"} 1\n'));
	t.true(text.includes('wazuh_metrics_path_size_bytes{path="/var/ossec/logs",file="logs"} 1073741824\n'));
	t.true(text.includes(`wazuh_metrics_path_modify_time_seconds{path="/var/ossec/logs",file="logs"} ${Date.UTC(2024, 0, 2, 3, 0, 0) / 1000}\n`));
	t.false(text.includes('unique_memory_bytes{daemon="wazuh-db",role="wazuh-db_child_1"'), 'an unreadable field has no sample, not a 0');
	// A family's samples are together, each family once.
	const typeLines = text.split('\n').filter(line => line.startsWith('# TYPE '));
	t.is(new Set(typeLines).size, typeLines.length);
});

test('exposition: the CSV keeps its columns; exported-only fields stay out of it', t => {
	t.deepEqual(processCsvHeader('KB'), ['Daemon', 'Version', 'Timestamp', 'PID', 'CPU(%)', 'VMS(KB)', 'RSS(KB)', 'USS(KB)', 'PSS(KB)', 'SWAP(KB)', 'FD', 'Read_Ops', 'Write_Ops', 'Disk_Read(KB)', 'Disk_Written(KB)', 'Disk_Read_Speed(KB/s)', 'Disk_Write_Speed(KB/s)', 'Threads']);
});

test('exposition: OpenMetrics names counter families without _total and ends with # EOF', t => {
	const text = renderExposition(collectFamilies({info, snapshot: fleetSnapshot, disk: undefined}), 'openmetrics');
	t.true(text.endsWith('\n# EOF\n') || text.endsWith('# EOF\n'));
	t.true(text.includes('# TYPE wazuh_metrics_process_cpu_seconds counter\n'));
	t.true(text.includes('\nwazuh_metrics_process_cpu_seconds_total{'));
	const classic = renderExposition(collectFamilies({info, snapshot: fleetSnapshot, disk: undefined}), 'text');
	t.false(classic.includes('# EOF'));
	t.true(classic.includes('# TYPE wazuh_metrics_process_cpu_seconds_total counter\n'));
});

test('exposition: label values are escaped (a path with a quote, a backslash, a newline)', t => {
	const text = renderExposition(collectFamilies({info, snapshot: undefined, disk: diskSnapshot([diskSample({path: '/tmp/a"b\\c\nd'})])}), 'text');
	t.true(text.includes('path="/tmp/a\\"b\\\\c\\nd"'));
	t.is(text.split('\n').filter(line => line.startsWith('wazuh_metrics_path_size_bytes')).length, 1, 'one line per sample');
});

test('exposition: before the first tick, only the run\'s _info', t => {
	const text = new Exporter(info).render('text');
	t.is(text.split('\n').filter(line => line !== '' && !line.startsWith('#')).length, 1);
	t.regex(text, /^wazuh_metrics_info\{/m);
});

test('negotiation: Prometheus 2.x gets OpenMetrics, curl and others the text format', t => {
	t.is(negotiateFormat('application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1'), 'openmetrics');
	t.is(negotiateFormat('*/*'), 'text');
	t.is(negotiateFormat(undefined), 'text');
	t.is(negotiateFormat('text/plain;version=0.0.4;q=1,application/openmetrics-text;q=0.5'), 'text');
});

test('--prometheus: loopback by default, another address only with --prometheus-public', t => {
	const parse = (...argv: string[]) => {
		const options = parseOptions(argv);
		if (options === 'help' || options === 'tool-version') {
			throw new Error('help');
		}

		return options;
	};

	t.deepEqual(parse('--prometheus', '9101').prometheus, {host: '127.0.0.1', port: 9101, loopback: true});
	t.deepEqual(parse('--prometheus', '[::1]:9101').prometheus, {host: '::1', port: 9101, loopback: true});
	t.deepEqual(parse('--prometheus=localhost:9101').prometheus, {host: 'localhost', port: 9101, loopback: true});
	t.is(parse().prometheus, undefined);
	const refused = t.throws(() => parse('--prometheus', '0.0.0.0:9101'), {instanceOf: UsageError});
	t.regex(refused.message, /--prometheus-public/);
	t.notRegex(refused.message, /\n/);
	t.throws(() => parse('--prometheus', '[::]:9101'), {instanceOf: UsageError});
	t.throws(() => parse('--prometheus', '10.0.0.5:9101'), {instanceOf: UsageError});
	t.deepEqual(parse('--prometheus', '0.0.0.0:9101', '--prometheus-public').prometheus, {host: '0.0.0.0', port: 9101, loopback: false});
	t.throws(() => parse('--prometheus-public'), {instanceOf: UsageError, message: /needs --prometheus/});
	t.throws(() => parse('--prometheus', 'metrics.example.com:9101', '--prometheus-public'), {instanceOf: UsageError, message: /not an IP address/});
	t.throws(() => parse('--prometheus', '70000'), {instanceOf: UsageError, message: /port/});
	t.throws(() => parse('--prometheus', 'abc'), {instanceOf: UsageError});
	t.throws(() => parse('--prometheus'), {instanceOf: UsageError, message: /needs a value/});
	t.throws(() => parse('--textfile', ''), {instanceOf: UsageError});
	t.is(typeof parseListenAddress('::1:9101'), 'string', 'IPv6 needs brackets');
});

test('--help lists the exporter\'s options, and docs/prometheus.md documents each', t => {
	const help = helpText('0.1.0');
	const page = fs.readFileSync('docs/prometheus.md', 'utf8');
	const inHelp = new Set([...help.matchAll(/^ {4}(?:-\w, )?(--[\w-]+)/gm)].map(match => match[1]!));
	const exporters = ['--prometheus', '--prometheus-public', '--textfile'];
	t.deepEqual(exporters.filter(flag => !inHelp.has(flag)), []);
	t.deepEqual(exporters.filter(flag => !new RegExp(`\`${flag}[\` ]`).test(page)), []);
	t.regex(help, /--prometheus-public[\s\S]*refused/);
});

async function withServer(render: (format: 'text' | 'openmetrics') => string, run: (address: string, errors: string[]) => Promise<void>): Promise<void> {
	const errors: string[] = [];
	const server = new MetricsServer({address: {host: '127.0.0.1', port: 0, loopback: true}, render, onError: message => errors.push(message)});
	const address = await server.start();
	try {
		await run(address, errors);
	} finally {
		await server.close();
	}
}

test('endpoint: GET /metrics only; 404 elsewhere, 405 for other methods, no stack trace on failure', async t => {
	let fail = false;
	await withServer(format => {
		if (fail) {
			throw new Error('boom\n    at secret (/root/x.js:1:1)');
		}

		return `# ${format}\n`;
	}, async (address, errors) => {
		const ok = await fetch(`http://${address}/metrics`);
		t.is(ok.status, 200);
		t.is(ok.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
		t.is(await ok.text(), '# text\n');
		const om = await fetch(`http://${address}/metrics?x=1`, {headers: {accept: 'application/openmetrics-text; version=1.0.0'}});
		t.is(om.headers.get('content-type'), 'application/openmetrics-text; version=1.0.0; charset=utf-8');
		t.is(await om.text(), '# openmetrics\n');
		t.is((await fetch(`http://${address}/`)).status, 404);
		t.is((await fetch(`http://${address}/metrics/../etc/passwd`)).status, 404);
		const post = await fetch(`http://${address}/metrics`, {method: 'POST', body: 'x'});
		t.is(post.status, 405);
		t.is(post.headers.get('allow'), 'GET, HEAD');
		fail = true;
		const broken = await fetch(`http://${address}/metrics`);
		t.is(broken.status, 500);
		const body = await broken.text();
		t.is(body, 'internal error\n');
		t.regex(errors.join('\n'), /rendering failed: boom$/m);
		t.notRegex(errors.join('\n'), /secret/);
	});
});

test('endpoint: a malformed request gets a bare 400', async t => {
	await withServer(() => '', async address => {
		const [host, port] = [address.slice(0, address.lastIndexOf(':')), Number(address.slice(address.lastIndexOf(':') + 1))];
		const reply = await new Promise<string>(resolve => {
			let text = '';
			const socket = net.connect(port, host, () => {
				socket.write('GARBAGE\r\n\r\n');
			});
			socket.on('data', chunk => {
				text += chunk.toString();
			});
			socket.on('close', () => {
				resolve(text);
			});
		});
		t.regex(reply, /^HTTP\/1\.1 400 Bad Request\r\n/);
		t.notRegex(reply, /Error|at /);
	});
});

test(`endpoint: at most ${maxConnections} connections; hung clients neither block the others for long nor the event loop`, async t => {
	let renders = 0;
	const big = `${'x'.repeat(1024 * 1024)}\n`;
	await withServer(() => {
		renders++;
		return big;
	}, async address => {
		const port = Number(address.slice(address.lastIndexOf(':') + 1));
		// Hung clients: connected, request half sent, never finished. And one that asks and never reads.
		const sockets: net.Socket[] = [];
		for (let index = 0; index < maxConnections - 1; index++) {
			const socket = net.connect(port, '127.0.0.1');
			socket.on('error', () => undefined);
			socket.write('GET /metr');
			sockets.push(socket);
		}

		const reader = net.connect(port, '127.0.0.1');
		reader.on('error', () => undefined);
		reader.write('GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n');
		sockets.push(reader);
		// It takes the first bytes of its answer and then stops reading the megabyte. Connections are
		// accepted in order, so once the last one is answered, all the hung ones are held.
		await new Promise(resolve => {
			reader.once('data', () => {
				reader.pause();
				resolve(undefined);
			});
		});
		t.is(renders, 1, 'the non-reading client was answered; its socket drains on its own');

		// One more connection than allowed: closed without an answer.
		const refused = await new Promise<string>(resolve => {
			const extra = net.connect(port, '127.0.0.1', () => {
				extra.write('GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n');
			});
			let text = '';
			extra.on('data', chunk => {
				text += chunk.toString();
			});
			extra.on('error', () => undefined);
			extra.on('close', () => {
				resolve(text);
			});
		});
		t.is(refused, '', 'the connection over the bound was closed');

		for (const socket of sockets) {
			socket.destroy();
		}

		// Room again once they are gone.
		const body = await new Promise<string>((resolve, reject) => {
			const retry = () => {
				http.get(`http://${address}/metrics`, {agent: false}, response => {
					let text = '';
					response.on('data', (chunk: Buffer) => {
						text += chunk.toString();
					});
					response.on('end', () => {
						resolve(text);
					});
				}).on('error', error => {
					if ((error as NodeJS.ErrnoException).code === 'ECONNRESET') {
						setTimeout(retry, 100);
					} else {
						reject(error);
					}
				});
			};

			retry();
		});
		t.is(body.length, big.length);
	});
});

test('endpoint: a port in use is one line', async t => {
	const blocker = net.createServer();
	await new Promise<void>(resolve => {
		blocker.listen(0, '127.0.0.1', resolve);
	});
	const {port} = blocker.address() as net.AddressInfo;
	const server = new MetricsServer({address: {host: '127.0.0.1', port, loopback: true}, render: () => '', onError: () => undefined});
	const error = await t.throwsAsync(server.start());
	t.is(error.message, `cannot serve metrics on 127.0.0.1:${port}: the port is in use`);
	await new Promise(resolve => {
		blocker.close(resolve);
	});
});

test('the PromQL of docs/prometheus.md and the Grafana dashboard use only families of the exposition', t => {
	const known = new Set(allMetricSpecs.map(spec => (spec.type === 'counter' ? `${spec.family}_total` : spec.family)));
	const dashboard = JSON.parse(fs.readFileSync('contrib/grafana/wazuh-metrics-dashboard.json', 'utf8')) as {panels: Array<{targets: Array<{expr: string}>}>};
	const expressions = dashboard.panels.flatMap(panel => panel.targets.map(target => target.expr));
	const page = fs.readFileSync('docs/prometheus.md', 'utf8');
	const promql = [...page.matchAll(/```promql\n([\s\S]*?)```/g)].map(match => match[1]!);
	t.true(expressions.length >= 5 && promql.length > 0);
	const used = [...expressions, ...promql].flatMap(text => [...text.matchAll(/\bwazuh_metrics_\w+/g)].map(match => match[0]));
	t.deepEqual(used.filter(name => !known.has(name)), []);
});
