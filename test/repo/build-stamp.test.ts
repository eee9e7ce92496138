import {execFile} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import test, {type ExecutionContext} from 'ava';
import {buildInputsHash, staleBuild, stampName} from '../../package/build-stamp.mjs';

/*
 * dist/.build-stamp (package/build-stamp.mjs, written by `npm run build`): the end-to-end tests
 * refuse a dist/ that is not the build of the sources beside it (helpers/fresh-build.ts).
 */

const checkout = fileURLToPath(new URL('../..', import.meta.url));
const stale = 'dist/ is older than source/ (run npm run build)';

/** A small package: two sources (one in a subfolder), its manifest and tsconfig, and a dist/ stamped for them. */
function fakePackage(t: ExecutionContext): string {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-stamp-'));
	t.teardown(() => {
		fs.rmSync(root, {recursive: true, force: true});
	});
	fs.mkdirSync(path.join(root, 'source', 'sub'), {recursive: true});
	fs.writeFileSync(path.join(root, 'source', 'a.ts'), 'export const a: number = 1;\n');
	fs.writeFileSync(path.join(root, 'source', 'sub', 'b.ts'), 'export const b: number = 2;\n');
	fs.writeFileSync(path.join(root, 'package.json'), '{"name": "fake", "version": "1.0.0"}\n');
	fs.writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({
		compilerOptions: {target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, rootDir: 'source', outDir: 'dist', types: []},
		include: ['source'],
	}));
	fs.mkdirSync(path.join(root, 'dist'));
	fs.writeFileSync(path.join(root, 'dist', stampName), `${buildInputsHash(root)}\n`);
	return root;
}

test('a stamp of the present sources passes, whatever the files\' times', t => {
	const root = fakePackage(t);
	t.is(staleBuild(root), undefined);
	// A checkout sets every time anew: times say nothing about what was built.
	const past = new Date(Date.now() - 86_400_000);
	const future = new Date(Date.now() + 86_400_000);
	fs.utimesSync(path.join(root, 'source', 'a.ts'), future, future);
	fs.utimesSync(path.join(root, 'dist', stampName), past, past);
	t.is(staleBuild(root), undefined);
});

const changes: Array<[string, (root: string) => void]> = [
	['an edited source', root => {
		fs.appendFileSync(path.join(root, 'source', 'sub', 'b.ts'), 'export const c = 3;\n');
	}],
	['a new source', root => {
		fs.writeFileSync(path.join(root, 'source', 'sub', 'c.ts'), '');
	}],
	['a deleted source', root => {
		fs.rmSync(path.join(root, 'source', 'a.ts'));
	}],
	['a renamed source', root => {
		fs.renameSync(path.join(root, 'source', 'a.ts'), path.join(root, 'source', 'sub', 'a.ts'));
	}],
	['an edited package.json', root => {
		fs.writeFileSync(path.join(root, 'package.json'), '{"name": "fake", "version": "1.0.1"}\n');
	}],
	['an edited tsconfig.json', root => {
		fs.appendFileSync(path.join(root, 'tsconfig.json'), '\n');
	}],
];

for (const [what, change] of changes) {
	test(`${what} makes the build stale`, t => {
		const root = fakePackage(t);
		change(root);
		t.is(staleBuild(root), stale);
	});
}

test('a dist/ without a stamp is refused', t => {
	const root = fakePackage(t);
	fs.rmSync(path.join(root, 'dist', stampName));
	t.is(staleBuild(root), `dist/ was not built by npm run build (no dist/${stampName}): run npm run build`);
});

/** Runs package/build-dist.mjs (the `npm run build` script) on the package at `root`. */
async function build(root: string): Promise<{status: number | null; output: string}> {
	fs.mkdirSync(path.join(root, 'package'), {recursive: true});
	for (const name of ['build-dist.mjs', 'build-stamp.mjs']) {
		fs.copyFileSync(path.join(checkout, 'package', name), path.join(root, 'package', name));
	}

	if (!fs.existsSync(path.join(root, 'node_modules'))) {
		// The checkout's TypeScript.
		fs.symlinkSync(path.join(checkout, 'node_modules'), path.join(root, 'node_modules'));
	}

	return new Promise(resolve => {
		const child = execFile(process.execPath, [path.join(root, 'package', 'build-dist.mjs')], (error, stdout, stderr) => {
			resolve({status: error === null ? 0 : child.exitCode, output: stdout + stderr});
		});
	});
}

test('npm run build starts from an empty dist/ and stamps it; a failed build leaves no stamp', async t => {
	const root = fakePackage(t);
	fs.writeFileSync(path.join(root, 'dist', 'moved-away.js'), 'export {};\n');
	fs.writeFileSync(path.join(root, 'dist', stampName), 'an old stamp\n');
	const built = await build(root);
	t.is(built.status, 0, built.output);
	t.deepEqual(fs.readdirSync(path.join(root, 'dist')).sort(), [stampName, 'a.js', 'sub']);
	t.true(fs.existsSync(path.join(root, 'dist', 'sub', 'b.js')));
	t.is(staleBuild(root), undefined);

	fs.writeFileSync(path.join(root, 'source', 'a.ts'), 'export const a: number = "not a number";\n');
	const failed = await build(root);
	t.not(failed.status, 0);
	t.regex(failed.output, /a\.ts.*error TS2322/);
	t.false(fs.existsSync(path.join(root, 'dist', stampName)));
	t.regex(staleBuild(root) ?? '', /no dist\/\.build-stamp/);
});
