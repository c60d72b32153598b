// Public API of @brook/broker. Nothing in the workspace imports the broker's code except through
// this list: the cli uses brokerBinPath to start a server process, or parseServerConfig and
// startServer to run one in process.
export { brokerBinPath } from './bin-path.js';
export { parseServerConfig, ConfigError, CONFIG_FILE_ENV, CONFIG_FILE_FLAG, type ParsedServerConfig } from './config/parse-config.js';
export {
  CONFIG_KEYS,
  CONFIG_SCHEMA,
  defaultServerConfig,
  envName,
  flagName,
  type ConfigKey,
  type ConfigKeySpec,
  type ConfigSourceName,
  type ServerConfig,
} from './config/config-schema.js';
export { startServer, type ServerHandle, type StartServerOptions } from './server/start-server.js';
export { READY_FILE, type ReadyFileContents } from './server/ready-file.js';
export { createRootLogger, silentLogger, type Logger } from './logging/logger.js';
export type {
  MetadataView,
  MetadataAdmin,
  MetadataChange,
  TopicState,
  PartitionState,
  BrokerState,
} from './metadata/metadata-view.js';
export { BROKER_VERSION } from './version.js';
