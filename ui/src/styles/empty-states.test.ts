// Empty states keep short sentences whole: the rule that stops Element Plus's half-width empty
// text from leaving one character alone on a line.
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const css = readFileSync(resolve(process.cwd(), 'src/styles/index.css'), 'utf8');

describe('empty states', () => {
  test('take the width they need and break Chinese only where it reads well', () => {
    const rule = /\.el-table__empty-text,\s*\.el-empty__description p,\s*\.empty-state\s*\{([^}]*)\}/.exec(css);
    expect(rule, 'the empty-state rule').not.toBeNull();
    const body = rule![1];
    for (const decl of ['width: auto', 'word-break: keep-all', 'overflow-wrap: anywhere', 'text-wrap: balance']) expect(body).toContain(decl);
  });
});
