/**
 * `node --import=tsx test/tools/doc-keys.ts`: writes the key list of docs/live-view.md (between its
 * `<!-- keys` markers) from the key table, source/ui/keys.ts. test/unit/ui/keys.test.ts fails until it is run
 * after a binding changes.
 */
import fs from 'node:fs';
import {readmeKeyTable} from '../helpers/key-table.js';

const page = 'docs/live-view.md';
const text = fs.readFileSync(page, 'utf8');
const marked = /(<!-- keys: [^\n]*-->\n)[\s\S]*?(\n<!-- \/keys -->)/;
if (!marked.test(text)) {
	console.error(`no <!-- keys: ... --> ... <!-- /keys --> block in ${page}`);
	process.exit(2);
}

fs.writeFileSync(page, text.replace(marked, (_match, open: string, close: string) => `${open}${readmeKeyTable()}${close}`));
