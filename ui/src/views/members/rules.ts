// Element Plus rules for the member form: the core's field rules (validate.ts) as form items.
import type { FormRules } from 'element-plus';
import type { MemberInput } from '@/generated/MemberInput';
import type { Stage } from '@/generated/Stage';
import type { Translate } from '@/api/ipc';
import { stageRank } from '@/utils/codes';
import { reasonRule } from '@/utils/form';
import { cleanMemberInput } from './form-model';
import { MEMBER_FIELDS, memberFieldReason } from './validate';

/** Fields marked required; 入党日期 and 转正日期 are shown only for the stages that need them. */
const REQUIRED_FIELDS = ['name', 'gender', 'birth_date', 'id_number', 'stage', 'joined_on', 'confirmed_on'];

export interface MemberRuleContext {
  /** The app's today, the day the rules are checked against. */
  today: () => string;
  /** The stored stage when editing: a stage only moves forward. */
  originalStage: () => Stage | null;
}

/** Rules for every member field; each message is the core's sentence for the same reason. */
export function memberRules(model: MemberInput, ctx: MemberRuleContext, t: Translate): FormRules {
  const rules: FormRules = {};
  const required = new Set<string>(REQUIRED_FIELDS);
  for (const field of MEMBER_FIELDS) {
    // Checked as it will be sent; roles raw, since sending drops them for a stage without any.
    const input = () => (field === 'roles' ? model : cleanMemberInput(model));
    rules[field] = [reasonRule(() => memberFieldReason(field, input(), ctx.today()), t, { required: required.has(field) })];
  }
  rules.stage = [
    reasonRule(
      () => {
        const original = ctx.originalStage();
        if (original && model.stage && stageRank(model.stage) < stageRank(original)) return 'stage_backwards';
        return memberFieldReason('stage', model, ctx.today());
      },
      t,
      { trigger: 'change', required: true },
    ),
  ];
  return rules;
}
