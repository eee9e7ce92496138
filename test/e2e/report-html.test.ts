import {execFile} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import test from 'ava';
import {trackChild, untrackChild} from '../helpers/children.js';
import {runCli} from '../helpers/cli.js';

/*
 * The HTML report opened in real headless Chromium (Debian's `chromium`; .ci/run installs it).
 * Every request Chromium makes goes to a proxy of ours that notes the host asked for: the report
 * must cause none. Chromium itself calls Google's services even with background networking off
 * (a time check on clients2.google.com, the component updater on update.googleapis.com, seen
 * here with Chromium 156), so hosts of Google's are Chromium's own and not counted. A control
 * page with one remote image shows the proxy sees page requests. Outside CI, a machine without
 * Chromium reports this test as skipped, with the install command.
 */

const chromium = '/usr/bin/chromium';
const installHint = 'apt-get install chromium';
const fixtures = path.resolve('test/fixtures/recordings');
const run = promisify(execFile);

type Proxy = {port: number; hosts: string[]; close: () => Promise<void>};

/** Chromium's own calls home, made whatever page it shows. */
const chromiumsOwn = (host: string): boolean => /(?:^|\.)(?:google\.com|googleapis\.com|gstatic\.com)$/.test(host);

/** `CONNECT host:443 HTTP/1.1` or `GET http://host/path HTTP/1.1` -> host. */
const hostOf = (requestLine: string): string => /^CONNECT ([^:\s]+)/.exec(requestLine)?.[1] ?? /^[A-Z]+ \w+:\/\/([^/:\s]+)/.exec(requestLine)?.[1] ?? requestLine;

async function countingProxy(): Promise<Proxy> {
	const hosts: string[] = [];
	const server = net.createServer(socket => {
		socket.on('error', () => undefined);
		socket.once('data', (chunk: Buffer) => {
			hosts.push(hostOf(chunk.toString('latin1').split('\r\n')[0]!));
			// No answer: a request that reached us is all we need to know.
			socket.destroy();
		});
	});
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	return {
		port: (server.address() as net.AddressInfo).port,
		hosts,
		close: async () => new Promise<void>(resolve => {
			server.close(() => {
				resolve();
			});
		}),
	};
}

/** The DOM Chromium built from `file`, with every request sent to `proxy`. */
async function dumpDom(file: string, proxy: Proxy): Promise<string> {
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-chromium-'));
	try {
		const child = run(chromium, [
			'--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
			'--disable-sync', '--no-first-run', `--user-data-dir=${profile}`,
			`--proxy-server=http://127.0.0.1:${proxy.port}`, '--proxy-bypass-list=<-loopback>',
			'--virtual-time-budget=5000', '--dump-dom', `file://${file}`,
		], {maxBuffer: 64 * 1024 * 1024, timeout: 90_000});
		trackChild(child.child.pid);
		try {
			return (await child).stdout;
		} finally {
			untrackChild(child.child.pid);
		}
	} finally {
		fs.rmSync(profile, {recursive: true, force: true});
	}
}

const count = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;

if (fs.existsSync(chromium)) {
	test('the HTML report renders its tables and charts (baseline overlaid) in Chromium without a single request', async t => {
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-html-'));
		const proxy = await countingProxy();
		t.teardown(async () => {
			await proxy.close();
			fs.rmSync(folder, {recursive: true, force: true});
		});
		for (const [name, epoch] of [['current', 1_764_000_000], ['baseline', 1_763_000_000]] as const) {
			fs.mkdirSync(path.join(folder, name));
			await run('python3', [path.join(fixtures, 'python_original_writer.py'), path.join(folder, name), String(epoch), '120']);
		}

		const report = await runCli(['report', path.join(folder, 'current'), '--baseline', path.join(folder, 'baseline'), '--format', 'html']);
		t.is(report.code, 0, report.stderr);
		const file = path.join(folder, 'report.html');
		fs.writeFileSync(file, report.stdout);

		// The control: a page with one remote image reaches the proxy, so a silent report means something.
		const control = path.join(folder, 'control.html');
		fs.writeFileSync(control, '<!DOCTYPE html><html><body><img src="http://wazuh-metrics.invalid/pixel.png"></body></html>');
		await dumpDom(control, proxy);
		t.true(proxy.hosts.includes('wazuh-metrics.invalid'), `the control page's image did not reach the proxy (saw ${proxy.hosts.join(', ')})`);
		proxy.hosts.length = 0;

		const dom = await dumpDom(file, proxy);
		t.log(`Chromium's own requests while showing the report: ${proxy.hosts.join(', ') || 'none'}`);
		t.deepEqual(proxy.hosts.filter(host => !chromiumsOwn(host)), [], 'the report made a request');
		// Two daemons (wazuh-analysisd, wazuh_apid.py with its child summed), a CPU and an RSS chart each.
		t.is(count(dom, /<svg class="chart"/g), 4);
		t.is(count(dom, /<polyline class="current"/g), 4);
		t.is(count(dom, /<polyline class="baseline"/g), 4);
		t.regex(dom, /data-daemon="wazuh-analysisd" data-metric="cpu"/);
		t.regex(dom, /data-daemon="wazuh_apid.py" data-metric="rss"/);
		for (const table of ['statistics', 'trends', 'comparisons']) {
			t.regex(dom, new RegExp(`<table class="${table}">`));
		}

		t.regex(dom, /<td class="growing">growing<\/td>/);
		t.regex(dom, /Verdict: no significant regression/);
		t.notRegex(report.stdout, /https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
	});
} else {
	test(`report html in chromium: skipped (install with: ${installHint})`, t => {
		// Not a silent skip: under CI Chromium must be there (.ci/run installs it).
		t.false(Boolean(process.env.CI), `CI is set but ${chromium} is missing: ${installHint}`);
		t.log(`${chromium} not found: ${installHint}`);
	});
}
