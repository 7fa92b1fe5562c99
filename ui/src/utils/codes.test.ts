import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { i18n } from '@/locales';
import { ROLES, STAGES, STATUSES } from './codes';

// Each code_enum! in the core names its Rust type, then `Variant = "code" / "标签"` lines.
const source = readFileSync(resolve(process.cwd(), '../src/members/mod.rs'), 'utf8');
const NAMESPACE: Record<string, string> = {
  Gender: 'gender',
  Stage: 'stage',
  MemberStatus: 'status',
  CommitteeRole: 'role',
  RosterSort: 'sort',
};

function coreLabels(): [string, string, string][] {
  const out: [string, string, string][] = [];
  for (const block of source.split('code_enum!(').slice(1)) {
    const type = /^\s*(?:\/\/\/.*\n\s*)*([A-Za-z]+)\s*\{/.exec(block)?.[1];
    if (!type || !NAMESPACE[type]) continue;
    for (const m of block.matchAll(/[A-Za-z]+ = "([a-z_]+)" \/ "([^"]+)"/g)) out.push([NAMESPACE[type], m[1], m[2]]);
  }
  return out;
}

describe('code labels', () => {
  test('match the labels of the core', () => {
    const labels = coreLabels();
    expect(labels.length).toBe(2 + 5 + 7 + 6 + 5);
    for (const [ns, code, label] of labels) expect(i18n.global.t(`codes.${ns}.${code}`), `${ns}.${code}`).toBe(label);
  });

  test('the UI lists every code the core has', () => {
    const codes = (ns: string) => coreLabels().filter(([n]) => n === ns).map(([, c]) => c).sort();
    expect([...STAGES].sort()).toEqual(codes('stage'));
    expect([...STATUSES].sort()).toEqual(codes('status'));
    expect([...ROLES].sort()).toEqual(codes('role'));
  });
});
