import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {brokenLinks} from '../helpers/doc-links.js';

const pages = ['README.md', ...fs.readdirSync('docs').filter(name => name.endsWith('.md')).sort().map(name => path.join('docs', name))];

test('every relative link of README.md and docs/ names a file, and its anchor a heading of it', t => {
	t.true(pages.length >= 10, pages.join(' '));
	t.deepEqual(brokenLinks(pages), []);
});

test('the link check finds a missing file and a missing heading', t => {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wm-links-'));
	t.teardown(() => {
		fs.rmSync(folder, {recursive: true, force: true});
	});
	const page = path.join(folder, 'page.md');
	fs.writeFileSync(page, '# Title `here`\n\n[ok](#title-here) [gone](nowhere.md) [bad](#no-such) `[code](ignored.md)`\n');
	t.deepEqual(brokenLinks([page]).map(line => line.slice(page.length + 2)), ['(nowhere.md) no such file', '(#no-such) no such heading']);
});
