/**
 * `node --import=tsx test/tools/readme-keys.ts`: writes the key list of README.md (between its
 * `<!-- keys` markers) from the key table, source/ui/keys.ts. test/ui-keys.test.ts fails until it is run
 * after a binding changes.
 */
import fs from 'node:fs';
import {readmeKeyTable} from '../../source/ui/keys.js';

const readme = fs.readFileSync('README.md', 'utf8');
const updated = readme.replace(/(<!-- keys: [^\n]*-->\n)[\s\S]*?(\n<!-- \/keys -->)/, (_match, open: string, close: string) => `${open}${readmeKeyTable()}${close}`);
fs.writeFileSync('README.md', updated);
