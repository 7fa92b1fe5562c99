// vue-i18n in composition mode; messages split by area under zh-CN/. What the core also says
// (refusal reasons, field labels, code lists) comes from the core's generated copy.
import { createI18n } from 'vue-i18n';
import activities from './zh-CN/activities.json';
import branch from './zh-CN/branch.json';
import calendar from './zh-CN/calendar.json';
import common from './zh-CN/common.json';
import council from './zh-CN/council.json';
import dues from './zh-CN/dues.json';
import errorsUi from './zh-CN/errors.json';
import shared from '@/generated/ui-text.json';
import guide from './zh-CN/guide.json';
import home from './zh-CN/home.json';
import indicators from './zh-CN/indicators.json';
import ledger from './zh-CN/ledger.json';
import lock from './zh-CN/lock.json';
import members from './zh-CN/members.json';
import nav from './zh-CN/nav.json';
import phone from './zh-CN/phone.json';
import pipeline from './zh-CN/pipeline.json';
import sessions from './zh-CN/sessions.json';
import strengths from './zh-CN/strengths.json';
import study from './zh-CN/study.json';
import superior from './zh-CN/superior.json';

const codes = shared.codes;
const errors = { ...errorsUi, reason: shared.reason, field: shared.field };

export const messages = {
  'zh-CN': {
    activities,
    branch,
    calendar,
    codes,
    common,
    council,
    dues,
    errors,
    guide,
    home,
    indicators,
    ledger,
    lock,
    members,
    nav,
    phone,
    pipeline,
    sessions,
    strengths,
    study,
    superior,
  },
};

export type MessageSchema = (typeof messages)['zh-CN'];

/** Whether the zh-CN messages hold `key`: a key built at run time may name a code the app has no words for. */
export function hasMessage(key: string): boolean {
  let node: unknown = messages['zh-CN'];
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object' || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}

let onMissingKey: ((key: string) => void) | null = null;

/** Told of every key `t` is asked for and the messages lack (the tests fail on one). */
export function reportMissingKeys(report: ((key: string) => void) | null) {
  onMissingKey = report;
}

export function createAppI18n() {
  return createI18n({
    legacy: false,
    locale: 'zh-CN',
    fallbackLocale: 'zh-CN',
    messages,
    missingWarn: false,
    fallbackWarn: false,
    missing: (_locale, key) => {
      onMissingKey?.(key);
    },
  });
}

export const i18n = createAppI18n();
