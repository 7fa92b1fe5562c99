// vue-i18n in composition mode; messages split by area under zh-CN/.
import { createI18n } from 'vue-i18n';
import branch from './zh-CN/branch.json';
import codes from './zh-CN/codes.json';
import common from './zh-CN/common.json';
import errors from './zh-CN/errors.json';
import home from './zh-CN/home.json';
import members from './zh-CN/members.json';
import nav from './zh-CN/nav.json';

export const messages = {
  'zh-CN': { branch, codes, common, errors, home, members, nav },
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
