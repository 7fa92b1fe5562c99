// The fields' limits come from the core (src/limits.rs through ui-text.json): no .vue file
// writes a length or range limit as a bare number, so a copy cannot drift from what the core
// enforces.
import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(process.cwd(), 'src');

function files(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : files(path, ext);
    return e.name.endsWith(ext) ? [path] : [];
  });
}

// Numbers that are facts, not limits the core sets (a TCP port's range).
const FACTS = new Set(['65535']);

/** The literal numeric limits a template writes: `maxlength="60"`, `:max-length="60"`, `:max="999"`, `:max-chars="20"`. */
function literalLimits(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/\s:?(maxlength|max-length|max|max-chars)="\s*(\d+)\s*"/g)) {
    if (m[1] === 'max' && FACTS.has(m[2])) continue;
    found.push(m[0].trim());
  }
  return found;
}

describe('limits', () => {
  test('the finder sees the literal forms and lets the bound ones pass', () => {
    expect(literalLimits('<el-input maxlength="60" />')).toEqual(['maxlength="60"']);
    expect(literalLimits('<el-input :maxlength="200" :max="12" />')).toEqual([':maxlength="200"', ':max="12"']);
    expect(literalLimits('<x :max-length="30" :max-chars="20" />')).toEqual([':max-length="30"', ':max-chars="20"']);
    expect(literalLimits('<el-input :maxlength="limits.note" :max="limits.votes_max" />')).toEqual([]);
  });

  test('no .vue file under src writes a limit as a bare number', () => {
    const offenders = files(root, '.vue').flatMap((f) => literalLimits(readFileSync(f, 'utf8')).map((a) => `${relative(root, f)}: ${a}`));
    expect(offenders).toEqual([]);
  });
});
