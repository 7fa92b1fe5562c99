import { describe, expect, test } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { mockIPC } from '@tauri-apps/api/mocks';
import type { Member } from '@/generated/Member';
import { appPlugins, byTestId, cleanUpAfterEach, eventually } from '@/test-utils';
import StandingDialog from './standing-dialog.vue';

let wrapper: VueWrapper | null = null;

cleanUpAfterEach();

const MEMBER = { id: 'm1', name: '赵磊', exclusions: [], sanctions: [], group_history: [] } as unknown as Member;

async function open(mode: 'exclusion' | 'sanction', calls: { cmd: string; args: unknown }[], refuse = false) {
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    if (refuse) throw { code: 'conflict', message: '', field: null, reason: 'exclusion_overlap' };
    return MEMBER;
  });
  const { plugins } = appPlugins('2026-11-22');
  wrapper = mount(StandingDialog, {
    props: { member: MEMBER, mode, visible: false },
    global: { plugins },
    attachTo: document.body,
  });
  await wrapper.setProps({ visible: true });
  await flushPromises();
}

async function typeReason(text: string) {
  const area = byTestId('standing-text') as HTMLTextAreaElement;
  area.value = text;
  area.dispatchEvent(new Event('input'));
  await flushPromises();
}

describe('standing dialog', () => {
  test('an exclusion needs its reason, then is sent with its case and dates', async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    await open('exclusion', calls);
    byTestId('standing-confirm').click();
    await eventually(() => expect(document.body.textContent).toContain('不能为空'));
    expect(calls).toEqual([]);
    await typeReason('经上级党委同意');
    byTestId('standing-confirm').click();
    await eventually(() => expect(calls.length).toBe(1));
    expect(calls[0]).toEqual({
      cmd: 'member_exclude',
      args: { id: 'm1', input: { kind: 'long_illness', from: '2026-11-22', until: null, reason: '经上级党委同意' } },
    });
    expect(wrapper?.emitted('saved')?.[0]).toEqual([MEMBER]);
  });

  test('留党察看 is sent as a sanction; a refusal is said in Chinese', async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    await open('sanction', calls);
    byTestId('standing-confirm').click();
    await eventually(() => expect(calls.length).toBe(1));
    expect(calls[0]).toMatchObject({ cmd: 'member_sanction', args: { id: 'm1', input: { kind: 'probation_in_party', from: '2026-11-22' } } });

    wrapper?.unmount();
    const refused: { cmd: string; args: unknown }[] = [];
    await open('exclusion', refused, true);
    await typeReason('又住院');
    byTestId('standing-confirm').click();
    await eventually(() => expect(document.body.textContent).toContain('这段时间已登记为不计入应到人数'));
    expect(wrapper?.emitted('saved')).toBeUndefined();
  });
});
