#!/usr/bin/env node
// Compiled entry point: `npm run build` (run by `npm ci` through `prepare`) writes dist/.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv);
