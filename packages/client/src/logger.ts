// The logger the SDK writes to: the subset of pino's API it uses, so a pino logger (or a child of
// one) can be passed as is. The SDK logs state changes (metadata refreshes, retries, leader moves)
// at debug and info, and never a record's key or value.

export interface BrookLogger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

/** The default: logs nothing. */
export const silentLogger: BrookLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
