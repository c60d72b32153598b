// The README's configuration table must name every key with its flag and environment variable
// (a key missing from the docs is a key nobody can find, as fastify's error-code docs test says).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, envName, flagName } from './config-schema.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README configuration table', () => {
  it.each(CONFIG_KEYS)('documents %s', (key) => {
    expect(readme).toContain(`| \`${key}\` | \`${flagName(key)}\` | \`${envName(key)}\` |`);
  });
});
