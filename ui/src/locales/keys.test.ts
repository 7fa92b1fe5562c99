// Every message key the code names literally (t('sessions.form.title'), $t("…"), i18n-t
// keypath="…") is in the zh-CN messages: a missing key fails here instead of showing the key
// to the secretary. Keys built at run time (`codes.role.${r}`) are checked where they are made.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { messages } from './index';

const SRC = join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sourceFiles(path);
    return /\.(vue|ts)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

/** The literal keys in `text`: t('a.b'), $t("a.b"), te('a.b'), keypath="a.b". */
function literalKeys(text: string): string[] {
  const keys: string[] = [];
  for (const m of text.matchAll(/(?<![\w.$])\$?te?\(\s*(['"])([a-z_][\w]*(?:\.[\w-]+)+)\1/g)) keys.push(m[2]);
  for (const m of text.matchAll(/keypath="([a-z_][\w]*(?:\.[\w-]+)+)"/g)) keys.push(m[1]);
  return keys;
}

function has(key: string): boolean {
  let node: unknown = messages['zh-CN'];
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object' || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return node !== undefined;
}

describe('message keys', () => {
  test('the scanner finds literal keys and leaves built ones', () => {
    const text = "t('a.b'); $t(\"c.d_e\"); te('f.g'); x.t('no.pe'); t(`codes.${x}`); t(key); <i18n-t keypath=\"h.i\" />";
    expect(literalKeys(text)).toEqual(['a.b', 'c.d_e', 'f.g', 'h.i']);
  });

  test('every key named in the code is in the zh-CN messages', () => {
    const missing: string[] = [];
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(100);
    let seen = 0;
    for (const file of files) {
      for (const key of literalKeys(readFileSync(file, 'utf8'))) {
        seen += 1;
        if (!has(key)) missing.push(`${file.slice(SRC.length + 1)}: ${key}`);
      }
    }
    expect(seen).toBeGreaterThan(500);
    expect(missing).toEqual([]);
  });
});
