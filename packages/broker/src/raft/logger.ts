// The logging surface the Raft driver and transport use: the subset of pino's Logger they call,
// so a pino child logger (`log.child({ component: 'raft' })`) fits, and tests can pass a silent one.
export interface RaftLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  debug(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

const ignore = (): void => {};

export const SILENT_LOGGER: RaftLogger = { info: ignore, warn: ignore, debug: ignore, error: ignore };
