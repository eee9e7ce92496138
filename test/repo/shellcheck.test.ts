/*
 * Every shell script in the repository passes Debian's `shellcheck` (.ci/run installs it) with no
 * finding at all, style notes included: the demo's fake daemon (source/demo/fake-daemon.sh), CI's
 * script (.ci/run), and any other `*.sh` or file starting with a sh/bash shebang. A finding that is
 * deliberate is disabled on its line, with the reason beside it. Outside CI, a machine without the
 * package reports this test as skipped, with the hint.
 */
import {execFile} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import test from 'ava';

const shellcheck = '/usr/bin/shellcheck';
const installHint = 'apt-get install -y --no-install-recommends shellcheck';
const root = fileURLToPath(new URL('../..', import.meta.url));
/** Not the project's own files: dependencies, build output, git's store. */
const skipped = new Set(['.git', 'node_modules', 'dist', 'release', '.bench-tmp']);

function isShellScript(file: string): boolean {
	if (file.endsWith('.sh')) {
		return true;
	}

	const head = Buffer.alloc(64);
	const fd = fs.openSync(file, 'r');
	try {
		const length = fs.readSync(fd, head, 0, head.length, 0);
		return /^#!\s*(?:\/usr)?\/bin\/(?:env\s+)?(?:ba)?sh\b/.test(head.subarray(0, length).toString('latin1'));
	} finally {
		fs.closeSync(fd);
	}
}

/** The repository's shell scripts, relative to its root; links are not followed. */
function shellScripts(folder = root): string[] {
	const found: string[] = [];
	for (const entry of fs.readdirSync(folder, {withFileTypes: true})) {
		const file = path.join(folder, entry.name);
		if (entry.isDirectory() && !skipped.has(entry.name)) {
			found.push(...shellScripts(file));
		} else if (entry.isFile() && isShellScript(file)) {
			found.push(path.relative(root, file));
		}
	}

	return found.sort();
}

if (fs.existsSync(shellcheck)) {
	test('shellcheck finds nothing in any shell script of the repository', async t => {
		const scripts = shellScripts();
		// The finder itself must work: these two are shell scripts, whatever else is added.
		for (const known of ['.ci/run', 'source/demo/fake-daemon.sh']) {
			t.true(scripts.includes(known), `${known} among ${scripts.join(', ')}`);
		}

		// --norc: no .shellcheckrc (the user's or a folder's) can turn a check off.
		const {code, output} = await new Promise<{code: number; output: string}>(resolve => {
			execFile(shellcheck, ['--norc', '--severity=style', '--', ...scripts], {cwd: root, maxBuffer: 16 * 1024 * 1024}, (error, stdout, stderr) => {
				resolve({code: typeof error?.code === 'number' ? error.code : (error ? -1 : 0), output: `${stdout}${stderr}`});
			});
		});
		t.is(output, '', `shellcheck on ${scripts.join(', ')}`);
		t.is(code, 0, output);
		t.log(`checked ${scripts.join(', ')}`);
	});
} else {
	test(`shellcheck on the shell scripts: skipped (install with: ${installHint})`, t => {
		// Not a silent skip: under CI the package must be there (.ci/run installs it).
		t.false(Boolean(process.env.CI), `CI is set but ${shellcheck} is missing: ${installHint}`);
		t.log(`${shellcheck} not found: ${installHint}`);
	});
}
