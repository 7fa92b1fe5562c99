// vue-i18n in composition mode; messages split by area under zh-CN/.
import { createI18n } from 'vue-i18n';
import activities from './zh-CN/activities.json';
import branch from './zh-CN/branch.json';
import calendar from './zh-CN/calendar.json';
import codes from './zh-CN/codes.json';
import common from './zh-CN/common.json';
import dues from './zh-CN/dues.json';
import errors from './zh-CN/errors.json';
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

export const messages = {
  'zh-CN': { activities, branch, calendar, codes, common, dues, errors, guide, home, indicators, ledger, lock, members, nav, phone, pipeline, sessions, strengths, study },
};

export type MessageSchema = (typeof messages)['zh-CN'];

export function createAppI18n() {
  return createI18n({
    legacy: false,
    locale: 'zh-CN',
    fallbackLocale: 'zh-CN',
    messages,
    missingWarn: false,
    fallbackWarn: false,
  });
}

export const i18n = createAppI18n();
