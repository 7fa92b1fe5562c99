import { describe, expect, test } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { mockIPC } from '@tauri-apps/api/mocks';
import { appPlugins, byTestId, cleanUpAfterEach, eventually } from '@/test-utils';
import type { VerifySummary } from '@/generated/VerifySummary';
import VerifyPanel from './verify-panel.vue';

cleanUpAfterEach();

function mountPanel(answer: () => VerifySummary) {
  const asked: string[] = [];
  mockIPC((cmd) => {
    asked.push(cmd);
    return answer();
  });
  const { plugins } = appPlugins();
  mount(VerifyPanel, { global: { plugins }, attachTo: document.body });
  return asked;
}

const all = (id: string) => [...document.querySelectorAll(`[data-testid="${id}"]`)].map((e) => e.textContent?.trim());

describe('设置 → 数据检查', () => {
  test('a clean file says all is well with the log length, and lists the warnings', async () => {
    const asked = mountPanel(() => ({
      ok: true,
      change_log_entries: 812,
      findings: ['未设书记密码：封印的密钥存在数据文件里，改写整个日志只能靠数据文件旁的记录发现'],
      sealed_checked: true,
    }));
    expect(document.querySelector('[data-testid="verify-ok"]')).toBeNull();
    byTestId('verify-run').click();
    await flushPromises();
    expect(asked).toEqual(['data_verify']);
    await eventually(() => expect(byTestId('verify-ok').textContent).toContain('变更日志 812 条'));
    expect(all('verify-finding')).toEqual(['未设书记密码：封印的密钥存在数据文件里，改写整个日志只能靠数据文件旁的记录发现']);
    expect(document.querySelector('[data-testid="verify-failed"]')).toBeNull();
    expect(document.querySelector('[data-testid="verify-sealed-unchecked"]')).toBeNull();
  });

  test('an edit behind the app’s back is named and the secretary is told to restore', async () => {
    mountPanel(() => ({
      ok: false,
      change_log_entries: 812,
      findings: ['表 学时记录（study_hour_entry） 的数据在本程序之外被增加、修改或删除过'],
      sealed_checked: false,
    }));
    byTestId('verify-run').click();
    await flushPromises();
    await eventually(() => expect(byTestId('verify-failed').textContent).toContain('从最近一次正常的备份恢复'));
    expect(all('verify-finding')).toEqual(['表 学时记录（study_hour_entry） 的数据在本程序之外被增加、修改或删除过']);
    expect(byTestId('verify-sealed-unchecked').textContent).toContain('解锁后再检查');
    expect(document.querySelector('[data-testid="verify-ok"]')).toBeNull();
  });
});
