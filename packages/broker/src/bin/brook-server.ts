#!/usr/bin/env node
// The broker process: `node packages/broker/dist/bin/brook-server.js --node-id 1 --data-dir ./data
// --listen 127.0.0.1:9092 --admin-listen 127.0.0.1:9644` (the cli's `brook server start` runs
// it). Configuration comes from flags, BROOK_* variables and --config FILE (see the README).
// SIGTERM and SIGINT stop it cleanly (exit 0); a second signal during the stop exits at once
// with 130, as an impatient operator expects. A bad configuration exits 2, a failed start 1.
import { parseServerConfig, ConfigError, type ParsedServerConfig } from '../config/parse-config.js';
import { CONFIG_KEYS, CONFIG_SCHEMA, envName, flagName } from '../config/config-schema.js';
import { startServer, type ServerHandle } from '../server/start-server.js';
import { createRootLogger } from '../logging/logger.js';
import { BROKER_VERSION } from '../version.js';

const USAGE_EXIT_CODE = 2;

function usage(): string {
  const lines = ['usage: brook-server [--config FILE] [--name value ...]', '', 'options (flag, environment variable, default):'];
  for (const key of CONFIG_KEYS) {
    const spec = CONFIG_SCHEMA[key];
    lines.push(`  ${flagName(key).padEnd(30)} ${envName(key).padEnd(34)} ${String(spec.default ?? (key === 'advertisedAddress' ? '(the bound client address)' : '(none)'))}`);
    lines.push(`      ${spec.description}`);
  }
  lines.push(`  --config FILE                  BROOK_CONFIG                       a JSON (or .yaml) file of the same keys (camelCase)`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(usage() + '\n');
    return;
  }
  if (argv.includes('--version')) {
    process.stdout.write(`${BROKER_VERSION}\n`);
    return;
  }
  let parsed: ParsedServerConfig;
  try {
    parsed = parseServerConfig(argv, process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`brook-server: ${error.message}\n`);
    process.exit(USAGE_EXIT_CODE);
  }
  const logger = createRootLogger(parsed.config.logLevel, parsed.config.nodeId);
  // Signals are handled from the start: a SIGTERM while logs are still being recovered stops the
  // node as soon as it is up, cleanly, rather than killing it halfway through recovery.
  let server: ServerHandle | undefined;
  let stopping = false;
  const starting = new AbortController();
  const shutDown = (handle: ServerHandle): void => {
    handle.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.fatal({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn({ signal }, 'second signal during shutdown: exiting now');
      process.exit(130);
    }
    stopping = true;
    logger.info({ signal }, 'signal received: shutting down');
    if (server !== undefined) shutDown(server);
    // Still starting (e.g. waiting for the rest of the quorum): give up the start.
    else starting.abort(new Error(`${signal} while starting`));
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  try {
    server = await startServer(parsed.config, { logger, configSources: parsed.sources, abortSignal: starting.signal });
  } catch (error) {
    if (stopping) {
      logger.info('stopped before the start completed');
      process.exit(0);
    }
    process.stderr.write(`brook-server: could not start: ${(error as Error).message}\n`);
    process.exit(1);
  }
  if (stopping) shutDown(server);
}

process.on('unhandledRejection', (error) => {
  process.stderr.write(`brook-server: unhandled rejection: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

main().catch((error: unknown) => {
  process.stderr.write(`brook-server: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
