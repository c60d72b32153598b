// The process's one pino root logger (STYLE.md, "Logs"): JSON lines on stdout, written
// synchronously so that the last lines before an exit (or a crash) are not lost in a buffer.
// Components get `root.child({ component })` through their constructors.
import { pino, type Logger } from 'pino';
import type { LogLevel } from '../config/config-schema.js';

export type { Logger };

export function createRootLogger(level: LogLevel, nodeId: number): Logger {
  return pino({ level, base: { pid: process.pid, nodeId }, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination({ dest: 1, sync: true }));
}

/** A logger that drops everything, for tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
