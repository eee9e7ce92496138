/*
 * The .deb and .rpm of each architecture, from the single executables already in the output folder
 * (package/build.mjs calls it last; alone: `node package/linux-packages.mjs [--out DIR] [--only x64]`).
 *
 *   wazuh-metrics_<version>_amd64.deb       wazuh-metrics-<version>.x86_64.rpm
 *   wazuh-metrics_<version>_arm64.deb       wazuh-metrics-<version>.aarch64.rpm
 *
 * Each holds /usr/bin/wazuh-metrics (the executable of its architecture), the man page, the bash and
 * zsh completions, the systemd unit (not enabled) and its options file /etc/default/wazuh-metrics (a
 * conffile), and the copyright; installing it creates the system user wazuh-metrics (no home, no
 * shell), which removing it leaves. Built by dpkg-deb and rpmbuild (Debian's dpkg and rpm), as
 * reproducibly as they allow: every time and mtime is SOURCE_DATE_EPOCH (from the environment, else
 * the time of the last git commit), modes are set, owners are root, the man page is gzipped without
 * a name or time. Building twice from the same tree gives the same bytes.
 */
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import {parseArgs} from 'node:util';
import {fileURLToPath} from 'node:url';

const name = 'wazuh-metrics';
const summary = 'Live monitor and recorder of Wazuh daemons, with a Prometheus endpoint';
const description = [
	'A top-like terminal view of the Wazuh daemons and every child process they spawn, that records',
	'every sample to CSV in Wazuh\'s formats, reads the daemons\' own statistics, reports on a',
	'recording and serves the figures to Prometheus. The systemd unit wazuh-metrics.service (not',
	'enabled) runs it as the unprivileged user wazuh-metrics for Prometheus only.',
];

/*
 * xz (read by every dpkg and rpm of the supported systems, unlike zstd) at level 1: the 120 MB
 * executable compresses to about 35 MB in a few seconds, where level 6 gave 28 MB in a minute or
 * more per package on a busy 2-core machine.
 */
const xzLevel = 1;

/** Node's names of the architectures, and Debian's and RPM's. */
const architectures = {
	x64: {deb: 'amd64', rpm: 'x86_64'},
	arm64: {deb: 'arm64', rpm: 'aarch64'},
};

/** The time every file and archive member is given: SOURCE_DATE_EPOCH, else the last commit's. */
function sourceDateEpoch(root) {
	const fromEnvironment = process.env.SOURCE_DATE_EPOCH;
	if (fromEnvironment !== undefined && /^\d+$/.test(fromEnvironment)) {
		return Number(fromEnvironment);
	}

	const git = spawnSync('git', ['log', '-1', '--format=%ct'], {cwd: root, encoding: 'utf8'});
	if (git.status === 0 && /^\d+$/.test(git.stdout.trim())) {
		return Number(git.stdout.trim());
	}

	return Math.floor(fs.statSync(path.join(root, 'package.json')).mtimeMs / 1000);
}

/**
 * Runs a packaging tool and keeps its chatter ("Wrote: ...", "Executing(...)") out of the build's
 * output; its warnings are kept (a quiet build shows them), and everything it said when it fails.
 */
function run(command, args, options) {
	const result = spawnSync(command, args, {encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options});
	const said = `${result.stdout ?? ''}${result.stderr ?? ''}`;
	if (result.error !== undefined || result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}):\n${said}`);
	}

	for (const line of said.split('\n')) {
		if (/warn/i.test(line)) {
			process.stderr.write(`${command}: ${line}\n`);
		}
	}
}

function copyright(version, nodeVersion) {
	return `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: ${name}
Comment: The executable is the official Node.js ${nodeVersion} binary with the program injected
 (Node's single executable applications). The licences of the JavaScript packages bundled in it
 follow its source at the end of the bundle.

Files: *
Copyright: the ${name} authors
License: GPL-2.0-only
 This program is free software; you can redistribute it and/or modify it under the terms of the
 GNU General Public License as published by the Free Software Foundation, version 2.
 .
 This program is distributed in the hope that it will be useful, but WITHOUT ANY WARRANTY; without
 even the implied warranty of MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE. See the GNU
 General Public License for more details.
 .
 On Debian systems, the complete text of the GNU General Public License version 2 can be found in
 /usr/share/common-licenses/GPL-2; elsewhere: https://www.gnu.org/licenses/old-licenses/gpl-2.0.txt
 (${name} ${version}).

Files: usr/bin/${name}
Copyright: Node.js contributors and others
License: MIT and others
 Node.js ${nodeVersion}: https://github.com/nodejs/node/blob/v${nodeVersion}/LICENSE
`;
}

/*
 * The service user, from the maintainer scripts of both formats. useradd and groupadd (shadow's,
 * on every Debian, Ubuntu, RHEL and derivative) rather than Debian's adduser, because they take
 * --prefix: under `dpkg --root DIR --force-script-chrootless` (DPKG_ROOT set) the user goes into
 * DIR/etc/passwd, not the host's. Exit 9: the name is taken already (kept as it is).
 */
const userCommands = (prefix) => `groupadd ${prefix}--system ${name} || [ $? -eq 9 ]
useradd ${prefix}--system --gid ${name} --no-create-home --home-dir /nonexistent \\
	--shell /usr/sbin/nologin --comment "wazuh-metrics service" ${name} || [ $? -eq 9 ]`;
const createUserDeb = `if [ -n "\${DPKG_ROOT:-}" ]; then
${userCommands('--prefix "$DPKG_ROOT" ').replace(/^/gm, '\t')}
else
${userCommands('').replace(/^/gm, '\t')}
fi`;

/** Reload systemd's units when it is the running init (not under a DPKG_ROOT, not in a chroot). */
const whenSystemd = 'if [ -z "${DPKG_ROOT:-}" ] && [ -d /run/systemd/system ]; then';

const debScripts = {
	postinst: `#!/bin/sh
set -e
if [ "$1" = configure ]; then
${createUserDeb.replace(/^/gm, '\t')}
	${whenSystemd}
		systemctl daemon-reload || true
		# An upgrade restarts a running service on the new executable; the unit is never enabled here.
		systemctl try-restart ${name}.service || true
	fi
fi
exit 0
`,
	prerm: `#!/bin/sh
set -e
if [ "$1" = remove ]; then
	${whenSystemd}
		systemctl stop ${name}.service || true
	fi
fi
exit 0
`,
	// The user stays on removal and on purge: files it owns (the state and log folders) may remain.
	postrm: `#!/bin/sh
set -e
if [ "$1" = remove ] || [ "$1" = purge ]; then
	${whenSystemd}
		systemctl daemon-reload || true
	fi
fi
exit 0
`,
};

/** The files of the package, by path in the installed system: [source, mode]. */
function contents(root, out, arch, format) {
	const zshFolder = format === 'deb' ? 'usr/share/zsh/vendor-completions' : 'usr/share/zsh/site-functions';
	return [
		[`usr/bin/${name}`, {file: path.join(out, `${name}-linux-${arch}`)}, 0o755],
		[`usr/share/man/man1/${name}.1.gz`, {gzip: path.join(root, 'docs', `${name}.1`)}, 0o644],
		[`usr/share/bash-completion/completions/${name}`, {file: path.join(root, 'contrib/completions', `${name}.bash`)}, 0o644],
		[`${zshFolder}/_${name}`, {file: path.join(root, 'contrib/completions', `_${name}`)}, 0o644],
		[`usr/lib/systemd/system/${name}.service`, {file: path.join(root, 'contrib/systemd', `${name}.service`)}, 0o644],
		[`etc/default/${name}`, {file: path.join(root, 'contrib/systemd', `${name}.env`)}, 0o644],
	];
}

/** Writes the files under `tree`, every folder 0755, then gives everything the same time. */
function stage(tree, files, epoch) {
	for (const [where, source, mode] of files) {
		const target = path.join(tree, where);
		fs.mkdirSync(path.dirname(target), {recursive: true});
		if (source.file !== undefined) {
			fs.copyFileSync(source.file, target);
		} else if (source.gzip !== undefined) {
			// What `gzip -9n` writes: no file name, no time (zlib's header has neither).
			fs.writeFileSync(target, zlib.gzipSync(fs.readFileSync(source.gzip), {level: 9}));
		} else {
			fs.writeFileSync(target, source.text);
		}

		fs.chmodSync(target, mode);
	}

	const walk = (folder) => {
		for (const entry of fs.readdirSync(folder, {withFileTypes: true})) {
			const full = path.join(folder, entry.name);
			if (entry.isDirectory()) {
				fs.chmodSync(full, 0o755);
				walk(full);
			}

			fs.utimesSync(full, epoch, epoch);
		}
	};

	fs.chmodSync(tree, 0o755);
	walk(tree);
	fs.utimesSync(tree, epoch, epoch);
}

function installedKiB(tree) {
	let bytes = 0;
	const walk = (folder) => {
		for (const entry of fs.readdirSync(folder, {withFileTypes: true})) {
			const full = path.join(folder, entry.name);
			if (entry.isDirectory()) {
				walk(full);
			} else {
				bytes += fs.statSync(full).size;
			}
		}
	};

	walk(tree);
	return Math.ceil(bytes / 1024);
}

function deb({root, out, work, arch, version, maintainer, nodeVersion, epoch}) {
	const tree = path.join(work, `deb-${arch}`);
	const files = [
		...contents(root, out, arch, 'deb'),
		[`usr/share/doc/${name}/copyright`, {text: copyright(version, nodeVersion)}, 0o644],
	];
	const control = [
		['DEBIAN/conffiles', {text: `/etc/default/${name}\n`}, 0o644],
		...Object.entries(debScripts).map(([script, text]) => [`DEBIAN/${script}`, {text}, 0o755]),
	];
	stage(tree, files, epoch);
	const fields = [
		`Package: ${name}`,
		`Version: ${version}`,
		`Architecture: ${architectures[arch].deb}`,
		`Maintainer: ${maintainer}`,
		`Installed-Size: ${installedKiB(tree)}`,
		// The executable's libraries (glibc 2.28, libstdc++ of GCC 5) and useradd/groupadd.
		'Depends: libc6 (>= 2.28), libgcc-s1, libstdc++6 (>= 5.2), passwd',
		'Section: admin',
		'Priority: optional',
		`Description: ${summary}`,
		...description.map((line) => ` ${line}`),
	];
	stage(tree, [...control, ['DEBIAN/control', {text: `${fields.join('\n')}\n`}, 0o644]], epoch);
	const file = path.join(out, `${name}_${version}_${architectures[arch].deb}.deb`);
	// SOURCE_DATE_EPOCH: dpkg-deb dates the ar members and clamps the tar members with it.
	run('dpkg-deb', ['--root-owner-group', '-Zxz', `-z${xzLevel}`, '--build', tree, file], {env: {...process.env, SOURCE_DATE_EPOCH: String(epoch)}});
	return file;
}

function rpm({root, out, work, arch, version, maintainer, nodeVersion, epoch}) {
	const tree = path.join(work, `rpm-${arch}`);
	const files = [
		...contents(root, out, arch, 'rpm'),
		[`usr/share/licenses/${name}/copyright`, {text: copyright(version, nodeVersion)}, 0o644],
	];
	stage(tree, files, epoch);
	const fileList = files.map(([where, , mode]) => {
		const attributes = `%attr(${mode.toString(8).padStart(4, '0')},root,root)`;
		if (where.startsWith('etc/')) {
			return `%config(noreplace) ${attributes} /${where}`;
		}

		return where.startsWith('usr/share/licenses/') ? `%license ${attributes} /${where}` : `${attributes} /${where}`;
	});
	const systemctl = (commands) => `if [ -d /run/systemd/system ]; then\n${commands.map((command) => `\tsystemctl ${command} || :`).join('\n')}\nfi`;
	const spec = `Name: ${name}
Version: ${version}
Release: 1
Packager: ${maintainer}
Summary: ${summary}
License: GPL-2.0-only
Requires(pre): shadow-utils

%description
${description.join('\n')}

%install
cp -a ${tree}/. %{buildroot}/

%pre
${userCommands('')}
exit 0

%post
${systemctl(['daemon-reload'])}

%preun
# $1 is 0 on removal, 1 on upgrade.
if [ "$1" -eq 0 ]; then
${systemctl([`stop ${name}.service`]).replace(/^/gm, '\t')}
fi

%postun
${systemctl(['daemon-reload'])}
if [ "$1" -ge 1 ]; then
${systemctl([`try-restart ${name}.service`]).replace(/^/gm, '\t')}
fi

%files
${fileList.join('\n')}
`;
	const specFile = path.join(work, `${name}-${arch}.spec`);
	fs.writeFileSync(specFile, spec);
	const macros = {
		_topdir: path.join(work, `rpmbuild-${arch}`),
		_rpmdir: out,
		// The name the README gives: no release, no architecture folder.
		_build_name_fmt: '%%{NAME}-%%{VERSION}.%%{ARCH}.rpm',
		_buildhost: 'reproducible',
		use_source_date_epoch_as_buildtime: '1',
		clamp_mtime_to_source_date_epoch: '1',
		source_date_epoch_from_changelog: '0',
		_binary_payload: `w${xzLevel}T.xzdio`,
		// A packaged executable, not a build: no strip (it would remove the program from the binary),
		// no debug package, no build-id links, no scan of 120 MB for the build root's path.
		debug_package: '%{nil}',
		__os_install_post: '%{nil}',
		__arch_install_post: '%{nil}',
		_build_id_links: 'none',
	};
	const defines = Object.entries(macros).flatMap(([macro, value]) => ['--define', `${macro} ${value}`]);
	run('rpmbuild', ['-bb', '--quiet', '--target', `${architectures[arch].rpm}-linux`, ...defines, specFile], {
		env: {...process.env, SOURCE_DATE_EPOCH: String(epoch), LC_ALL: 'C'},
	});
	return path.join(out, `${name}-${version}.${architectures[arch].rpm}.rpm`);
}

/** Builds the packages of `arches` from `out`/wazuh-metrics-linux-<arch>; returns their paths. */
export function linuxPackages({root, out, arches, nodeVersion, log}) {
	const packageJson = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const epoch = sourceDateEpoch(root);
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wazuh-metrics-linux-packages-'));
	try {
		const built = [];
		for (const arch of arches) {
			const options = {root, out, work, arch, version: packageJson.version, maintainer: packageJson.author, nodeVersion, epoch};
			for (const file of [deb(options), rpm(options)]) {
				built.push(file);
				log(`${path.relative(process.cwd(), file)}: ${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MiB`);
			}
		}

		return built;
	} finally {
		fs.rmSync(work, {recursive: true, force: true});
	}
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const root = fileURLToPath(new URL('..', import.meta.url));
	const {values: flags} = parseArgs({options: {out: {type: 'string', default: path.join(root, 'release')}, only: {type: 'string'}}});
	const packageJson = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	linuxPackages({
		root,
		out: path.resolve(flags.out),
		arches: flags.only === 'x64' ? ['x64'] : Object.keys(architectures),
		nodeVersion: packageJson.singleFile.node,
		log: (line) => process.stderr.write(`package: ${line}\n`),
	});
}
