import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { i18n } from '@/locales';
import {
  ACCRUAL_ONS,
  ACTIVITY_KINDS,
  ATTENDANCE_STATUSES,
  CREDIT_MODES,
  ENTRY_SOURCES,
  isStudyCategory,
  OBLIGATIONS,
  PARTICIPANT_ROLES,
  PERIOD_UNITS,
  RESOLUTION_KINDS,
  ROLES,
  SCOPES,
  SELF_CHECK_MODES,
  SESSION_KINDS,
  STAGES,
  STATUSES,
  STUDY_CATEGORIES,
} from './codes';

// Each code_enum! in the core names its Rust type, then `Variant = "code" / "标签"` lines.
const source = readFileSync(resolve(process.cwd(), '../src/members/mod.rs'), 'utf8');
const NAMESPACE: Record<string, string> = {
  Gender: 'gender',
  Stage: 'stage',
  MemberStatus: 'status',
  CommitteeRole: 'role',
  RosterSort: 'sort',
};

function coreLabels(text = source, namespaces = NAMESPACE): [string, string, string][] {
  const out: [string, string, string][] = [];
  for (const block of text.split('code_enum!(').slice(1)) {
    const type = /^\s*(?:\/\/\/.*\n\s*)*([A-Za-z]+)\s*\{/.exec(block)?.[1];
    if (!type || !namespaces[type]) continue;
    for (const m of block.matchAll(/[A-Za-z0-9]+ = "([a-z0-9_]+)" \/ "([^"]+)"/g)) out.push([namespaces[type], m[1], m[2]]);
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
    const codes = (ns: string) =>
      coreLabels()
        .filter(([n]) => n === ns)
        .map(([, c]) => c)
        .sort();
    expect([...STAGES].sort()).toEqual(codes('stage'));
    expect([...STATUSES].sort()).toEqual(codes('status'));
    expect([...ROLES].sort()).toEqual(codes('role'));
  });
});

describe('codes of sessions, rules and activities', () => {
  const read = (path: string) => readFileSync(resolve(process.cwd(), '..', path), 'utf8');
  const text = ['src/sessions/rules.rs', 'src/sessions/record.rs', 'src/activities.rs'].map(read).join('\n');
  const namespaces: Record<string, string> = {
    Obligation: 'obligation',
    PeriodUnit: 'period_unit',
    Scope: 'scope',
    AttendanceStatus: 'attendance',
    ResolutionKind: 'resolution_kind',
    ActivityKind: 'activity_kind',
    ParticipantRole: 'participant_role',
  };
  const labels = coreLabels(text, namespaces);
  const codes = (ns: string) => labels.filter(([n]) => n === ns).map(([, c]) => c);

  test('match the labels of the core', () => {
    expect(labels.length).toBe(9 + 3 + 3 + 3 + 4 + 6 + 4);
    for (const [ns, code, label] of labels) expect(i18n.global.t(`codes.${ns}.${code}`), `${ns}.${code}`).toBe(label);
  });

  test('the UI lists every code the core has, in its order', () => {
    expect([...OBLIGATIONS]).toEqual(codes('obligation'));
    expect([...PERIOD_UNITS]).toEqual(codes('period_unit'));
    expect([...SCOPES]).toEqual(codes('scope'));
    expect([...ATTENDANCE_STATUSES]).toEqual(codes('attendance'));
    expect([...RESOLUTION_KINDS]).toEqual(codes('resolution_kind'));
    expect([...ACTIVITY_KINDS]).toEqual(codes('activity_kind'));
    expect([...PARTICIPANT_ROLES]).toEqual(codes('participant_role'));
  });

  test('书记讲党课 is counted from a 党课, never logged as a kind of its own', () => {
    expect(SESSION_KINDS).not.toContain('secretary_lecture');
    expect(SESSION_KINDS).toHaveLength(OBLIGATIONS.length - 1);
  });
});

describe('codes of the study credits', () => {
  const read = (path: string) => readFileSync(resolve(process.cwd(), '..', path), 'utf8');
  const text = ['src/study/mod.rs', 'src/study/rules.rs', 'src/study/self_check.rs'].map(read).join('\n');
  const namespaces: Record<string, string> = {
    StudyCategory: 'study_category',
    EntrySource: 'entry_source',
    AccrualOn: 'accrual_on',
    CreditMode: 'credit_mode',
    SelfCheckMode: 'self_check_mode',
  };
  const labels = coreLabels(text, namespaces);
  const codes = (ns: string) => labels.filter(([n]) => n === ns).map(([, c]) => c);

  test('match the labels of the core', () => {
    expect(labels.length).toBe(8 + 4 + 2 + 3 + 2);
    for (const [ns, code, label] of labels) expect(i18n.global.t(`codes.${ns}.${code}`), `${ns}.${code}`).toBe(label);
  });

  test('the UI lists every code the core has, in its order', () => {
    expect([...STUDY_CATEGORIES]).toEqual(codes('study_category'));
    expect([...ENTRY_SOURCES]).toEqual(codes('entry_source'));
    expect([...ACCRUAL_ONS]).toEqual(codes('accrual_on'));
    expect([...CREDIT_MODES]).toEqual(codes('credit_mode'));
    expect([...SELF_CHECK_MODES]).toEqual(codes('self_check_mode'));
  });

  test('a category the core does not know is the branch’s own', () => {
    expect(isStudyCategory('xuexi_qiangguo')).toBe(true);
    expect(isStudyCategory('青年理论小组')).toBe(false);
    expect(isStudyCategory('')).toBe(false);
  });
});
