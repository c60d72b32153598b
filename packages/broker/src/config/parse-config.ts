// Builds the effective ServerConfig from flags, BROOK_* environment variables and a config file
// (JSON, or YAML when its name ends in .yaml or .yml), with precedence flags > env > file > defaults (ARCHITECTURE.md: "values from flags,
// BROOK_* environment variables or a file; unknown keys are errors"). Every value is checked
// against CONFIG_SCHEMA; the first problem is a ConfigError naming the key and the source.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import {
  CONFIG_KEYS,
  CONFIG_SCHEMA,
  defaultServerConfig,
  envName,
  flagName,
  type ConfigKey,
  type ConfigKeySpec,
  type ConfigSourceName,
  type ServerConfig,
} from './config-schema.js';
import { parseAddress } from './address.js';
import { ClusterConfigError, clusterShape } from './cluster-config.js';

/** A configuration problem: the process should print the message and exit non-zero. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface ParsedServerConfig {
  config: ServerConfig;
  /** Where each key's effective value came from. */
  sources: Record<ConfigKey, ConfigSourceName>;
  /** The config file read, if any. */
  configFile: string | null;
}

/** The flag and variable naming the config file; not keys of the file itself. */
export const CONFIG_FILE_FLAG = '--config';
export const CONFIG_FILE_ENV = 'BROOK_CONFIG';

const keysByFlag = new Map<string, ConfigKey>(CONFIG_KEYS.map((key) => [flagName(key), key]));
const keysByEnv = new Map<string, ConfigKey>(CONFIG_KEYS.map((key) => [envName(key), key]));

/**
 * Parses `argv` (the arguments after the script, e.g. process.argv.slice(2)) and `env` (e.g.
 * process.env) into the effective configuration. Flags are `--key value` or `--key=value`.
 */
export function parseServerConfig(argv: readonly string[], env: NodeJS.ProcessEnv | Record<string, string | undefined>): ParsedServerConfig {
  const flags = readFlags(argv);
  const configFile = flags.configFile ?? nonEmpty(env[CONFIG_FILE_ENV]) ?? null;
  const config = defaultServerConfig() as unknown as Record<ConfigKey, unknown>;
  const sources = Object.fromEntries(CONFIG_KEYS.map((key) => [key, 'default'])) as Record<ConfigKey, ConfigSourceName>;
  const apply = (key: ConfigKey, value: unknown, source: ConfigSourceName, where: string): void => {
    config[key] = checkValue(key, CONFIG_SCHEMA[key], value, where);
    sources[key] = source;
  };
  if (configFile !== null) {
    for (const [key, value] of Object.entries(readConfigFile(configFile))) apply(key as ConfigKey, value, 'file', `${key} in ${configFile}`);
  }
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('BROOK_') || name === CONFIG_FILE_ENV || value === undefined) continue;
    const key = keysByEnv.get(name);
    // BROOK_ is the broker's namespace, but other Brook tools read BROOK_BROKERS and the like
    // from the same environment, so only names shaped like a broker key could be a typo of one.
    if (key === undefined) continue;
    apply(key, value, 'env', `environment variable ${name}`);
  }
  for (const [key, value] of flags.values) apply(key, value, 'flag', `flag ${flagName(key)}`);
  const checked = config as unknown as ServerConfig;
  checkCombination(checked);
  return { config: checked, sources, configFile };
}

function readFlags(argv: readonly string[]): { values: Map<ConfigKey, string>; configFile: string | undefined } {
  const values = new Map<ConfigKey, string>();
  let configFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i] ?? '';
    if (!argument.startsWith('--')) throw new ConfigError(`unexpected argument "${argument}": options are --name value`);
    const equals = argument.indexOf('=');
    const name = equals === -1 ? argument : argument.slice(0, equals);
    let value: string | undefined = equals === -1 ? undefined : argument.slice(equals + 1);
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined || (value.startsWith('--') && value.length > 2)) throw new ConfigError(`flag ${name} needs a value`);
      i += 1;
    }
    if (name === CONFIG_FILE_FLAG) {
      configFile = value;
      continue;
    }
    const key = keysByFlag.get(name);
    if (key === undefined) throw new ConfigError(`unknown flag ${name} (known: ${[CONFIG_FILE_FLAG, ...keysByFlag.keys()].join(', ')})`);
    values.set(key, value);
  }
  return { values, configFile };
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config file ${path}: ${(error as Error).message}`);
  }
  // YAML for hand-written files (deploy/), JSON otherwise; both give the same key-value object.
  const yaml = /\.ya?ml$/i.test(path);
  const format = yaml ? 'YAML' : 'JSON';
  let parsed: unknown;
  try {
    parsed = yaml ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`config file ${path} is not valid ${format}: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigError(`config file ${path} must hold a ${format} object (mapping)`);
  for (const key of Object.keys(parsed)) {
    if (!Object.hasOwn(CONFIG_SCHEMA, key)) throw new ConfigError(`unknown key "${key}" in config file ${path} (known: ${CONFIG_KEYS.join(', ')})`);
  }
  return parsed as Record<string, unknown>;
}

/** Checks one value; strings (flags, env) are converted, JSON values must have the right type. */
function checkValue(key: ConfigKey, spec: ConfigKeySpec, value: unknown, where: string): unknown {
  if (value === null && spec.default === null) return null;
  switch (spec.kind) {
    case 'integer': {
      const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
      if (typeof number !== 'number' || !Number.isSafeInteger(number)) throw new ConfigError(`${where}: ${JSON.stringify(value)} is not an integer`);
      if (number < spec.min || number > spec.max) throw new ConfigError(`${where}: ${number} is outside [${spec.min}, ${spec.max}]`);
      return number;
    }
    case 'enum':
      if (typeof value !== 'string' || !spec.values.includes(value)) throw new ConfigError(`${where}: ${JSON.stringify(value)} is not one of ${spec.values.join(', ')}`);
      return value;
    case 'address':
      if (typeof value !== 'string') throw new ConfigError(`${where}: ${JSON.stringify(value)} is not a host:port string`);
      try {
        parseAddress(value, key === 'advertisedAddress' || key === 'advertisedInternalAddress' ? 1 : 0);
      } catch (error) {
        throw new ConfigError(`${where}: ${(error as Error).message}`);
      }
      return value;
    case 'string':
      if (typeof value !== 'string' || value.length === 0) throw new ConfigError(`${where}: ${JSON.stringify(value)} is not a non-empty string`);
      return value;
  }
}

/** Rules between keys. */
function checkCombination(config: ServerConfig): void {
  try {
    clusterShape(config);
  } catch (error) {
    if (error instanceof ClusterConfigError) throw new ConfigError(error.message);
    throw error;
  }
  if (config.brokerHeartbeatIntervalMs >= config.brokerSessionTimeoutMs) {
    throw new ConfigError(`brokerHeartbeatIntervalMs (${config.brokerHeartbeatIntervalMs}) must be below brokerSessionTimeoutMs (${config.brokerSessionTimeoutMs})`);
  }
  // A fetch response may pass fetchMaxBytes by one whole batch (KIP-74), and it must still fit
  // in one gRPC message, or a consumer of a large batch could never make progress.
  if (config.fetchMaxBytes + config.maxMessageBytes > config.maxRequestBytes) {
    throw new ConfigError(`fetchMaxBytes (${config.fetchMaxBytes}) + maxMessageBytes (${config.maxMessageBytes}) must not exceed maxRequestBytes (${config.maxRequestBytes})`);
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
