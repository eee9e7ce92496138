/*
 * The .deb and .rpm packages (`npm run package`: package/build.mjs, then package/linux-packages.mjs).
 * One full build into a temporary folder, read with the packaging tools' own readers (dpkg-deb -I/-c,
 * rpm -qp), the amd64 .deb installed into a scratch root by dpkg (--root, its maintainer scripts run
 * with DPKG_ROOT: the service user goes into the scratch root's /etc/passwd, never the host's), its
 * executable, man page and unit used from there, then removed. Rebuilding the packages from the
 * same executables must give the same bytes.
 *
 * Needs Debian's `rpm` (rpmbuild, rpm) and `systemd` (systemd-analyze); dpkg is on every Debian.
 * Under CI they must be there (.ci/run installs them); elsewhere, without them, the test says it is
 * skipped and how to install them.
 */
import {execFile, spawnSync} from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import anyTest, {type TestFn} from 'ava';

type Context = {tmp: string; out: string; buildOutput: string};
const test = anyTest as TestFn<Context>;
const run = promisify(execFile);
const packageJson = JSON.parse(fs.readFileSync('package.json', 'utf8')) as {version: string};
const version = packageJson.version;
const installHint = 'apt-get install -y --no-install-recommends rpm systemd';
const hasTools = ['rpmbuild', 'rpm', 'systemd-analyze', 'dpkg-deb'].every(tool => spawnSync('sh', ['-c', `command -v ${tool}`], {stdio: 'ignore'}).status === 0);

const arches = [
	{node: 'x64', deb: 'amd64', rpm: 'x86_64'},
	{node: 'arm64', deb: 'arm64', rpm: 'aarch64'},
] as const;

/** Every file of the packages, with its mode; the zsh completion's folder differs (Debian's, Red Hat's). */
function expectedFiles(format: 'deb' | 'rpm'): Record<string, number> {
	return {
		'/etc/default/wazuh-metrics': 0o644,
		'/usr/bin/wazuh-metrics': 0o755,
		'/usr/lib/systemd/system/wazuh-metrics.service': 0o644,
		'/usr/share/bash-completion/completions/wazuh-metrics': 0o644,
		[format === 'deb' ? '/usr/share/doc/wazuh-metrics/copyright' : '/usr/share/licenses/wazuh-metrics/copyright']: 0o644,
		'/usr/share/man/man1/wazuh-metrics.1.gz': 0o644,
		[format === 'deb' ? '/usr/share/zsh/vendor-completions/_wazuh-metrics' : '/usr/share/zsh/site-functions/_wazuh-metrics']: 0o644,
	};
}

const sha256 = (file: string): string => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

if (hasTools) {
	test.before(async t => {
		// The whole build, on a busy 2-core machine: minutes (ava's 120 s apply to silence otherwise).
		t.timeout(15 * 60_000);
		const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-linux-packages-'));
		const out = path.join(tmp, 'release');
		t.context = {tmp, out, buildOutput: ''};
		const started = Date.now();
		const {stdout, stderr} = await run(process.execPath, ['package/build.mjs', '--out', out], {maxBuffer: 16 * 1024 * 1024});
		t.context.buildOutput = stdout + stderr;
		t.log(`package built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	});

	test.after.always(t => {
		if (t.context.tmp !== undefined) {
			fs.rmSync(t.context.tmp, {recursive: true, force: true});
		}
	});

	test('the build says no warning (LIEF\'s, inside postject, included)', t => {
		t.deepEqual(t.context.buildOutput.split('\n').filter(line => /warn/i.test(line)), []);
		t.notRegex(t.context.buildOutput, /Wrote single executable preparation blob/);
	});

	test('SHA256SUMS covers every file of the release folder, the four packages included', async t => {
		const files = fs.readdirSync(t.context.out).filter(name => name !== 'SHA256SUMS').sort();
		t.deepEqual(files, [
			`wazuh-metrics-${version}.aarch64.rpm`,
			`wazuh-metrics-${version}.x86_64.rpm`,
			'wazuh-metrics-linux-arm64',
			'wazuh-metrics-linux-x64',
			'wazuh-metrics.mjs',
			`wazuh-metrics_${version}_amd64.deb`,
			`wazuh-metrics_${version}_arm64.deb`,
		]);
		const {stdout} = await run('sha256sum', ['--check', '--strict', 'SHA256SUMS'], {cwd: t.context.out});
		t.deepEqual(stdout.trim().split('\n').sort(), files.map(file => `${file}: OK`));
	});

	for (const arch of arches) {
		test(`the ${arch.deb} .deb: its fields, conffile, files, modes, owners and executable`, async t => {
			const deb = path.join(t.context.out, `wazuh-metrics_${version}_${arch.deb}.deb`);
			const field = async (name: string): Promise<string> => (await run('dpkg-deb', ['--field', deb, name])).stdout.trim();
			t.is(await field('Package'), 'wazuh-metrics');
			t.is(await field('Version'), version);
			t.is(await field('Architecture'), arch.deb);
			t.regex(await field('Depends'), /libc6 \(>= 2\.28\)/);
			t.regex(await field('Maintainer'), /^.+ <.+@.+>$/);
			t.true(Number(await field('Installed-Size')) > 100_000, 'Installed-Size in KiB, the executable counted');
			const {stdout: info} = await run('dpkg-deb', ['--info', deb, 'conffiles']);
			t.is(info, '/etc/default/wazuh-metrics\n');

			const {stdout: listing} = await run('dpkg-deb', ['--contents', deb]);
			const entries = listing.trim().split('\n').map(line => line.split(/\s+/));
			t.deepEqual(entries.filter(([, owner]) => owner !== 'root/root'), [], 'every entry owned by root');
			const files = Object.fromEntries(entries.filter(([mode]) => mode!.startsWith('-')).map(entry => [entry.at(-1)!.replace(/^\./, ''), entry[0]]));
			const modes = Object.fromEntries(Object.entries(expectedFiles('deb')).map(([file, mode]) => [file, mode === 0o755 ? '-rwxr-xr-x' : '-rw-r--r--']));
			t.deepEqual(files, modes);
			t.deepEqual(entries.filter(([mode]) => mode!.startsWith('d') && mode !== 'drwxr-xr-x'), [], 'folders 0755');

			// The executable is the release's one of the same architecture.
			const tree = fs.mkdtempSync(path.join(t.context.tmp, `deb-${arch.deb}-`));
			await run('dpkg-deb', ['--extract', deb, tree]);
			t.is(sha256(path.join(tree, 'usr/bin/wazuh-metrics')), sha256(path.join(t.context.out, `wazuh-metrics-linux-${arch.node}`)));
		});

		test(`the ${arch.rpm} .rpm: its header, config file, files, modes, owners, executable and scripts`, async t => {
			const rpm = path.join(t.context.out, `wazuh-metrics-${version}.${arch.rpm}.rpm`);
			const {stdout: header} = await run('rpm', ['-qp', '--queryformat', '%{NAME}|%{VERSION}|%{RELEASE}|%{ARCH}|%{LICENSE}', rpm]);
			t.is(header, `wazuh-metrics|${version}|1|${arch.rpm}|GPL-2.0-only`);
			const {stdout: info} = await run('rpm', ['-qip', rpm]);
			t.regex(info, /^Build Host\s*: reproducible$/m);
			const {stdout: list} = await run('rpm', ['-qlp', rpm]);
			t.deepEqual(list.trim().split('\n').sort(), Object.keys(expectedFiles('rpm')).sort());
			const {stdout: config} = await run('rpm', ['-qcp', rpm]);
			t.is(config, '/etc/default/wazuh-metrics\n');

			// --dump: path size mtime digest mode owner group isconfig isdoc rdev symlink
			const {stdout: dump} = await run('rpm', ['-qp', '--dump', rpm]);
			const rows = dump.trim().split('\n').map(line => line.split(' '));
			t.deepEqual(Object.fromEntries(rows.map(row => [row[0], Number.parseInt(row[4]!, 8) & 0o7777])), expectedFiles('rpm'));
			t.deepEqual(rows.filter(row => row[5] !== 'root' || row[6] !== 'root'), [], 'every file owned by root');
			const executable = rows.find(row => row[0] === '/usr/bin/wazuh-metrics')!;
			t.is(executable[3], sha256(path.join(t.context.out, `wazuh-metrics-linux-${arch.node}`)), 'the executable of its architecture');

			const {stdout: scripts} = await run('rpm', ['-qp', '--scripts', rpm]);
			t.regex(scripts, /^preinstall scriptlet[^]*useradd --system --gid wazuh-metrics --no-create-home --home-dir \/nonexistent/m);
			t.regex(scripts, /--shell \/usr\/sbin\/nologin/);
			t.notRegex(scripts, /userdel|groupdel/, 'the user is left on removal');
			t.notRegex(scripts, /systemctl (--now )?enable/, 'the unit is not enabled');
		});
	}

	test('the amd64 .deb installs into a scratch root: the user is made, the executable, man page and unit work, removal leaves the user', async t => {
		t.timeout(5 * 60_000);
		const root = fs.mkdtempSync(path.join(t.context.tmp, 'root-'));
		fs.mkdirSync(path.join(root, 'etc'));
		fs.mkdirSync(path.join(root, 'var/lib/dpkg/info'), {recursive: true});
		fs.mkdirSync(path.join(root, 'var/lib/dpkg/updates'));
		fs.writeFileSync(path.join(root, 'var/lib/dpkg/status'), '');
		fs.writeFileSync(path.join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/bash\n');
		fs.writeFileSync(path.join(root, 'etc/group'), 'root:x:0:\n');
		fs.writeFileSync(path.join(root, 'etc/shadow'), 'root:*:19000:0:99999:7:::\n', {mode: 0o600});
		fs.writeFileSync(path.join(root, 'etc/gshadow'), 'root:*::\n', {mode: 0o600});
		const hostPasswd = fs.readFileSync('/etc/passwd', 'utf8');
		// The scratch root has no libc6 or passwd package in its (empty) database: dependencies are ignored.
		const dpkg = ['--root', root, '--force-not-root', '--force-script-chrootless', '--force-depends', '--log=/dev/null'];
		await run('dpkg', [...dpkg, '--install', path.join(t.context.out, `wazuh-metrics_${version}_amd64.deb`)]);

		const user = fs.readFileSync(path.join(root, 'etc/passwd'), 'utf8').split('\n').find(line => line.startsWith('wazuh-metrics:'));
		t.regex(user ?? '', /^wazuh-metrics:x:\d+:\d+:[^:]*:\/nonexistent:\/usr\/sbin\/nologin$/);
		t.regex(fs.readFileSync(path.join(root, 'etc/group'), 'utf8'), /^wazuh-metrics:x:\d+:$/m);
		t.is(fs.readFileSync('/etc/passwd', 'utf8'), hostPasswd, 'the host\'s users are untouched');
		t.false(fs.existsSync(path.join(root, 'nonexistent')), 'no home made');

		const {stdout: help} = await run(path.join(root, 'usr/bin/wazuh-metrics'), ['--help'], {env: {PATH: '/usr/bin:/bin'}});
		t.regex(help, new RegExp(`wazuh-metrics ${version.replaceAll('.', '\\.')}:`));
		const manEnvironment = {PATH: '/usr/bin:/bin', MANWIDTH: '100', LC_ALL: 'C.UTF-8', MANPAGER: 'cat', PAGER: 'cat'};
		const {stdout: manual, stderr: manWarnings} = await run('man', ['--warnings=w', '-l', path.join(root, 'usr/share/man/man1/wazuh-metrics.1.gz')], {env: manEnvironment});
		t.is(manWarnings, '');
		t.regex(manual, /^NAME\n\s+wazuh-metrics - /m);
		t.regex(manual, /--prometheus/);

		// systemd-analyze reads units and the ExecStart= binary under --root; the man page of
		// Documentation= through MANPATH. The scratch root gets the host's own units (sysinit.target...).
		fs.cpSync('/usr/lib/systemd/system', path.join(root, 'usr/lib/systemd/system'), {recursive: true, force: false, errorOnExist: false, verbatimSymlinks: true});
		const analyze = {env: {PATH: '/usr/bin:/bin', MANPATH: path.join(root, 'usr/share/man'), SYSTEMD_COLORS: '0', SYSTEMD_PAGER: ''}};
		const verify = await run('systemd-analyze', ['verify', `--root=${root}`, 'wazuh-metrics.service'], analyze);
		t.is(verify.stdout + verify.stderr, '', 'systemd-analyze verify is clean');
		const security = await run('systemd-analyze', ['security', '--offline=yes', `--root=${root}`, path.join(root, 'usr/lib/systemd/system/wazuh-metrics.service')], analyze);
		const level = /Overall exposure level for wazuh-metrics\.service: (\d+\.\d+ [A-Z]+)/.exec(security.stdout)?.[1];
		const documented = /systemd-analyze\s+security[^]*?exposure level (\d+\.\d+ [A-Z]+)/.exec(fs.readFileSync('README.md', 'utf8'))?.[1];
		t.truthy(level, security.stdout);
		t.is(level, documented, 'the exposure level the README states');

		await run('dpkg', [...dpkg, '--remove', 'wazuh-metrics']);
		t.false(fs.existsSync(path.join(root, 'usr/bin/wazuh-metrics')));
		t.true(fs.existsSync(path.join(root, 'etc/default/wazuh-metrics')), 'the conffile stays until purge');
		t.regex(fs.readFileSync(path.join(root, 'etc/passwd'), 'utf8'), /^wazuh-metrics:/m, 'the user stays');
	});

	test('the packages are reproducible: built again from the same executables, the same bytes', async t => {
		t.timeout(10 * 60_000);
		const again = fs.mkdtempSync(path.join(t.context.tmp, 'again-'));
		for (const arch of arches) {
			fs.linkSync(path.join(t.context.out, `wazuh-metrics-linux-${arch.node}`), path.join(again, `wazuh-metrics-linux-${arch.node}`));
		}

		await run(process.execPath, ['package/linux-packages.mjs', '--out', again]);
		const packages = fs.readdirSync(t.context.out).filter(name => /\.(deb|rpm)$/.test(name)).sort();
		t.is(packages.length, 4);
		t.deepEqual(packages.map(name => sha256(path.join(again, name))), packages.map(name => sha256(path.join(t.context.out, name))));
	});
} else {
	test(`linux packages: skipped (install with: ${installHint})`, t => {
		// Not a silent skip: under CI the packages must be there (.ci/run installs them).
		t.false(Boolean(process.env.CI), `CI is set but rpmbuild, rpm or systemd-analyze is missing: ${installHint}`);
		t.log(`rpmbuild, rpm or systemd-analyze not on PATH: ${installHint}`);
	});
}
