import { describe, expect, test } from 'vitest';
import type { Gender } from '@/generated/Gender';
import type { MemberInput } from '@/generated/MemberInput';
import type { Reason } from '@/generated/Reason';
import { firstMemberError, factsFromIdNumber, idCheckChar, memberFieldReason, parseIdNumber, validPhone } from './validate';

/** A valid 身份证号 for a birth date and gender (region 500118 = 永川区), as the core's tests build it. */
function idFor(birth: string, seq: number, gender: Gender): string {
  const first17 = `500118${birth.replace(/-/g, '')}${String(seq % 100).padStart(2, '0')}${gender === 'male' ? 1 : 2}`;
  return first17 + idCheckChar(first17);
}

const TODAY = '2026-11-22';

function fullMember(): MemberInput {
  return {
    name: '张伟',
    gender: 'male',
    ethnicity: '',
    birth_date: '1985-06-15',
    native_place: '',
    id_number: idFor('1985-06-15', 3, 'male'),
    education: '',
    work_start_date: null,
    workplace_title: '',
    phone: '13812345678',
    address: '',
    stage: 'full',
    stage_date: null,
    joined_on: '2010-07-01',
    confirmed_on: '2011-07-01',
    party_group_id: null,
    roles: [],
    introducers: '',
    status: null,
    notes: '',
    backfill: '',
  };
}

describe('idCheckChar', () => {
  test.each([
    ['11010519491231002', 'X'],
    ['44052418800101001', '4'],
    ['50010719950418002', '5'],
    ['1234', null],
    ['1101051949123100A', null],
  ])('%s → %s', (first17, want) => {
    expect(idCheckChar(first17)).toBe(want);
  });
});

describe('parseIdNumber', () => {
  test.each<[string, Reason]>([
    ['', 'required'],
    ['   ', 'required'],
    ['12345', 'id_number_format'],
    ['11010519491231002A', 'id_number_format'],
    ['1101051949123100X2', 'id_number_format'],
    ['110105194913310027', 'id_number_birth_date'],
    ['110105194902300027', 'id_number_birth_date'],
    ['110105194912310021', 'id_number_checksum'],
    ['500107199504180021', 'id_number_checksum'],
  ])('%j is refused with %s', (raw, reason) => {
    expect(parseIdNumber(raw)).toEqual({ ok: false, reason });
  });

  test.each<[string, string, string, Gender]>([
    [' 11010519491231002x ', '11010519491231002X', '1949-12-31', 'female'],
    ['440524188001010014', '440524188001010014', '1880-01-01', 'male'],
    ['500107199504180025', '500107199504180025', '1995-04-18', 'female'],
  ])('%j is valid', (raw, id, birth, gender) => {
    expect(parseIdNumber(raw)).toEqual({ ok: true, id, birth, gender });
  });

  test('facts fill the form only from a valid number', () => {
    expect(factsFromIdNumber('500107199504180025')).toEqual({ birth: '1995-04-18', gender: 'female' });
    expect(factsFromIdNumber('500107199504180021')).toBeNull();
  });
});

describe('validPhone', () => {
  test.each(['13812345678', '138 1234 5678', '023-49871234', '010-1234567', '0236123456', '023-49871234-801', '023 6123 4567'])(
    '%s is a phone number',
    (phone) => expect(validPhone(phone)).toBe(true),
  );
  test.each(['12812345678', '1381234567', '23-49871234', 'phone', '023-12', '023-49871234-', '023-49871234-1234567', ''])('%j is not', (phone) =>
    expect(validPhone(phone)).toBe(false),
  );
});

describe('member rules mirror the core', () => {
  test('a valid full member passes', () => {
    expect(firstMemberError(fullMember(), TODAY)).toBeNull();
  });

  // The same cases as the core's `each_rule_names_its_field`.
  const cases: [string, (m: MemberInput) => void, string, Reason][] = [
    ['no name', (m) => (m.name = '  '), 'name', 'required'],
    ['no gender', (m) => (m.gender = null), 'gender', 'required'],
    ['bad date', (m) => (m.birth_date = '1985/6/15'), 'birth_date', 'invalid_date'],
    ['born later', (m) => (m.birth_date = '2030-01-01'), 'birth_date', 'date_in_future'],
    ['id birth', (m) => (m.birth_date = '1985-06-16'), 'id_number', 'id_number_birth_mismatch'],
    ['id gender', (m) => (m.gender = 'female'), 'id_number', 'id_number_gender_mismatch'],
    ['phone', (m) => (m.phone = '12345'), 'phone', 'phone_format'],
    ['no joined', (m) => (m.joined_on = null), 'joined_on', 'required'],
    ['too young', (m) => (m.joined_on = '2003-06-14'), 'joined_on', 'too_young_to_join'],
    ['confirm before', (m) => (m.confirmed_on = '2010-06-01'), 'confirmed_on', 'confirmed_before_joined'],
    ['confirm a day early', (m) => (m.confirmed_on = '2011-06-30'), 'confirmed_on', 'probation_length'],
    ['confirm a day late', (m) => (m.confirmed_on = '2011-07-02'), 'confirmed_on', 'probation_length'],
    ['extended 5 months', (m) => (m.confirmed_on = '2011-12-01'), 'confirmed_on', 'probation_length'],
    ['extended 13 months', (m) => (m.confirmed_on = '2012-08-01'), 'confirmed_on', 'probation_length'],
    [
      'applied at 17',
      (m) => ((m.stage = 'applicant'), (m.joined_on = null), (m.confirmed_on = null), (m.stage_date = '2003-06-14')),
      'stage_date',
      'too_young_to_apply',
    ],
    ['full, no confirm', (m) => (m.confirmed_on = null), 'confirmed_on', 'required'],
    [
      'activist joined',
      (m) => {
        m.stage = 'activist';
        m.confirmed_on = null;
      },
      'joined_on',
      'joined_not_allowed',
    ],
    ['probationary confirmed', (m) => (m.stage = 'probationary'), 'confirmed_on', 'confirmed_not_allowed'],
    ['work before birth', (m) => (m.work_start_date = '1980-01-01'), 'work_start_date', 'work_before_birth'],
    ['archive status', (m) => (m.status = 'deceased'), 'status', 'status_needs_archive'],
    ['long name', (m) => (m.name = '长'.repeat(41)), 'name', 'too_long'],
    ['no stage', (m) => (m.stage = null), 'stage', 'required'],
    ['id missing', (m) => (m.id_number = ''), 'id_number', 'required'],
    [
      'future stage date',
      (m) => ((m.stage = 'applicant'), (m.joined_on = null), (m.confirmed_on = null), (m.stage_date = '2027-01-01')),
      'stage_date',
      'date_in_future',
    ],
    ['role, not full', (m) => ((m.stage = 'probationary'), (m.confirmed_on = null), (m.roles = ['secretary'])), 'roles', 'role_needs_full_member'],
  ];
  test.each(cases)('%s', (_label, edit, field, reason) => {
    const m = fullMember();
    edit(m);
    expect(firstMemberError(m, TODAY)).toEqual({ field, reason });
  });

  test.each(['2011-07-01', '2012-01-01', '2012-03-01', '2012-07-01'])('probation ending %s passes', (c) => {
    const m = fullMember();
    m.confirmed_on = c;
    expect(memberFieldReason('confirmed_on', m, TODAY)).toBeNull();
  });

  test('joining on the 18th birthday is allowed, the day before is not', () => {
    const m = fullMember();
    m.joined_on = '2003-06-15';
    m.confirmed_on = '2004-06-15';
    expect(firstMemberError(m, TODAY)).toBeNull();
    m.joined_on = '2003-06-14';
    expect(memberFieldReason('joined_on', m, TODAY)).toBe('too_young_to_join');
  });
});
