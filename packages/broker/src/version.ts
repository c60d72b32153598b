// The broker's software version, read from its package.json (one source of truth for releases).
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

export const BROKER_VERSION: string = manifest.version;
