import { type Logger, pino } from 'pino';
import type { LogLevel } from './config/node-config.js';

/** A structured (JSON lines) logger on stdout, named after the process. */
export function createLogger(name: string, level: LogLevel): Logger {
  return pino({ name, level, base: { pid: process.pid } }, pino.destination({ dest: 1, sync: true }));
}

export type { Logger };
