#!/usr/bin/env node
import { runCustomNodeProcess } from './process.js';

const code = await runCustomNodeProcess(process.argv.slice(2));
if (code !== undefined) process.exitCode = code;
