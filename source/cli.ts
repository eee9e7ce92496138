#!/usr/bin/env node
import {runCli} from './cli/run.js';

await runCli(process.argv.slice(2));
