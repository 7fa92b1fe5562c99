// `useI18n` for the app's components: vue-i18n's, with `t` checking its keys (see keys.ts).
import { useI18n as useVueI18n } from 'vue-i18n';
import type { AppTranslate } from './keys';

export function useI18n(): { t: AppTranslate } {
  const { t } = useVueI18n();
  return { t: t as AppTranslate };
}
