import {execFile, execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import test from 'ava';
import {commandHelp} from '../../../source/cli/options/help.js';
import {commandLine} from '../../../source/cli/options/option-table.js';
import {allArguments} from '../../../source/wazuh/daemon-specs.js';
import {commands, keyOf} from '../../tools/cli-docs/commands.js';
import {generatedFiles} from '../../tools/cli-docs/files.js';

/*
 * The files `npm run docs` writes from the option tables (source/cli/options/) are what it would
 * write now, and they work: the man page renders with man-db without a warning and shows every
 * option in its command's section, bash completes from the script, zsh reads its function.
 * man-db and zsh are Debian packages (.ci/run installs them); outside CI a machine without them
 * reports those tests as skipped, with the install command.
 */

const run = promisify(execFile);
const root = path.resolve('.');

test('every generated file is what `npm run docs` writes now', t => {
	for (const [file, content] of generatedFiles(root)) {
		t.is(fs.readFileSync(path.join(root, file), 'utf8'), content, `${file} is out of date: run npm run docs`);
	}
});

test('docs/cli.md and each --help show every option of their command\'s table', t => {
	const page = fs.readFileSync('docs/cli.md', 'utf8');
	for (const command of commands) {
		const block = new RegExp(`<!-- options:${keyOf(command)} -->\\n([\\s\\S]*?)\\n<!-- /options -->`).exec(page)?.[1] ?? '';
		const rows = block.split('\n').slice(2);
		const help = commandHelp(command, '0.0.0');
		t.is(rows.length, command.options.length, keyOf(command));
		for (const [index, option] of command.options.entries()) {
			t.true(rows[index]!.includes(`\`--${option.name}`), `--${option.name} in docs/cli.md's ${keyOf(command)} table`);
			t.regex(help, new RegExp(`^ {4}${option.short === undefined ? '' : `-${option.short}, `}--${option.name}\\b`, 'm'), `--${option.name} in ${commandLine(command)} --help`);
		}
	}
});

/** Whether a Debian package's program is here; under CI it must be (a test fails saying so). */
function installed(program: string): boolean {
	try {
		execFileSync('sh', ['-c', `command -v ${program}`], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
}

function skipped(what: string, program: string, installHint: string): void {
	test(`${what}: skipped (install with: ${installHint})`, t => {
		// Not a silent skip: under CI the package must be there (.ci/run installs it).
		t.false(Boolean(process.env.CI), `CI is set but ${program} is missing: ${installHint}`);
		t.log(`${program} not found: ${installHint}`);
	});
}

if (installed('man')) {
	test('man -l renders the man page without a warning; each option shows in its command\'s section', async t => {
		const environment: NodeJS.ProcessEnv = {...process.env, MANWIDTH: '80', LC_ALL: 'C.UTF-8', MANPAGER: 'cat', PAGER: 'cat'};
		delete environment.MAN_KEEP_FORMATTING;
		const {stdout, stderr} = await run('man', ['--warnings=w', '-l', 'docs/wazuh-metrics.1'], {env: environment});
		t.is(stderr, '', 'groff warns about nothing');
		const sections = new Map<string, string>();
		for (const match of stdout.matchAll(/^([A-Z][A-Z ]+)\n([\s\S]*?)(?=^[A-Z][A-Z ]+\n|(?![\s\S]))/gm)) {
			sections.set(match[1]!, match[2]!);
		}

		t.deepEqual([...sections.keys()], ['NAME', 'SYNOPSIS', 'DESCRIPTION', 'OPTIONS', 'REPORT', 'REPLAY', 'EXIT STATUS', 'ENVIRONMENT', 'FILES', 'EXAMPLES', 'SEE ALSO']);
		const sectionOf = (key: string): string => sections.get(key === 'main' ? 'OPTIONS' : key.toUpperCase()) ?? '';
		for (const command of commands) {
			for (const option of command.options) {
				const tag = `${option.short === undefined ? '' : `-${option.short}, `}--${option.name}`;
				t.regex(sectionOf(keyOf(command)), new RegExp(`^ {7}${tag}\\b`, 'm'), `${tag} in the ${keyOf(command)} section`);
			}
		}

		t.regex(sections.get('EXIT STATUS') ?? '', /^ {7}2 +Bad input/m);
		for (const [name] of commands.flatMap(command => command.environment ?? [])) {
			t.regex(sections.get('ENVIRONMENT') ?? '', new RegExp(`^ {7}${name}\\b`, 'm'), `${name} in ENVIRONMENT`);
		}

		t.true(stdout.includes(allArguments().slice(0, 3).join(', ')), 'the process names');
	});
} else {
	skipped('man page rendered by man-db', 'man', 'apt-get install man-db');
}

/** What bash's completion function offers for a command line whose last word is being typed. */
function complete(...words: string[]): string[] {
	const script = [
		'source contrib/completions/wazuh-metrics.bash',
		'COMP_WORDS=("$@")',
		'COMP_CWORD=$((${#COMP_WORDS[@]} - 1))',
		'_wazuh_metrics',
		'printf "%s\\n" "${COMPREPLY[@]}"',
	].join('\n');
	const output = execFileSync('bash', ['--norc', '--noprofile', '-c', script, 'bash', 'wazuh-metrics', ...words], {encoding: 'utf8'});
	return output.split('\n').filter(Boolean);
}

test('bash completes subcommands, options, closed values, process names and paths', t => {
	t.deepEqual(complete('--disk-u'), ['--disk-unit']);
	t.deepEqual(complete('report', '--for'), ['--format']);
	t.deepEqual(complete('-u', ''), ['B', 'KB', 'MB']);
	t.deepEqual(complete('--units', '=', 'M'), ['MB'], '--units=M: bash splits at =');
	t.deepEqual(complete('--demo', '=', ''), ['4', '5']);
	t.deepEqual(complete('report', '--format', ''), ['md', 'json', 'html', 'junit']);
	t.deepEqual(complete('an'), ['analysisd']);
	t.deepEqual(complete(''), ['report', 'replay', ...allArguments()]);
	t.deepEqual(complete('analysisd', ''), allArguments(), 'a subcommand only as the first word');
	t.deepEqual(complete('--demo', 're'), ['remoted'], '--demo takes a value only after =');
	t.deepEqual(complete('-s', '2', 're'), ['remoted']);
	t.deepEqual(complete('replay', '-'), ['--ascii', '--help']);
	for (const command of commands) {
		const words = command.command === undefined ? ['--'] : [command.command, '--'];
		t.deepEqual(complete(...words), command.options.map(option => `--${option.name}`), `${commandLine(command)}'s options`);
	}

	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-completion-'));
	t.teardown(() => {
		fs.rmSync(folder, {recursive: true, force: true});
	});
	fs.mkdirSync(path.join(folder, 'session-1'));
	fs.writeFileSync(path.join(folder, 'session-notes.txt'), '');
	const base = path.join(folder, 'session');
	t.deepEqual(complete('--disk', base).sort(), [`${base}-1`, `${base}-notes.txt`], '--disk: any path');
	t.deepEqual(complete('--disk', '/nonexistent', base).sort(), [`${base}-1`, `${base}-notes.txt`], 'every word after --disk is a path');
	t.deepEqual(complete('--store-process', base), [`${base}-1`], 'folders only');
	t.deepEqual(complete('report', base), [`${base}-1`]);
	t.deepEqual(complete('replay', base), [`${base}-1`]);
});

if (installed('zsh')) {
	test('zsh reads the completion function', async t => {
		const {stderr} = await run('zsh', ['-n', 'contrib/completions/_wazuh-metrics']);
		t.is(stderr, '');
		t.regex(fs.readFileSync('contrib/completions/_wazuh-metrics', 'utf8'), /^#compdef wazuh-metrics\n/);
	});
} else {
	skipped('zsh completion syntax', 'zsh', 'apt-get install zsh');
}
