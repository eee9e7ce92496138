#!/usr/bin/env -S node --max-semi-space-size=1
import {runCli} from './cli/run.js';

await runCli(process.argv.slice(2));
