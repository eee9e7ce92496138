#!/usr/bin/env node
import fs from 'node:fs';
import {main} from './cli/main.js';

const packageJson = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {version: string};

// Last resort: whatever went wrong, one line and a non-zero status, never a stack trace on screen.
process.on('uncaughtException', (error: Error) => {
	process.stderr.write(`\u001B[?25hwazuh-metrics: unexpected error: ${error.message.split('\n')[0]!}\n`);
	process.exit(1);
});

// React (under Ink) chooses its build when it is first loaded, and its development build makes
// every frame slower (checks, dev-only logging). The screen is imported lazily by main, after this.
process.env.NODE_ENV ??= 'production';

const code = await main(process.argv.slice(2), packageJson.version);
// Exit explicitly: a stdin left in raw mode or a pending timer must not keep a finished run alive.
process.exit(code);
