import { describe, expect, test } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { ElSelect } from 'element-plus';
import { mockIPC } from '@tauri-apps/api/mocks';
import { appPlugins, byTestId, cleanUpAfterEach, eventually, has } from '@/test-utils';
import { useOperatorStore } from '@/stores/operator';
import OperatorDialog from './operator-dialog.vue';
import { OTHER } from './operator-model';

let wrapper: VueWrapper | null = null;

cleanUpAfterEach();

const ROLES = ['书记', '副书记', '组织委员', '宣传委员', '纪检委员'];

/** The Rust side: no 操作人 yet this session, 组织委员 remembered from last time. */
function core() {
  const state = { current: null as string | null, set: [] as string[] };
  mockIPC((cmd, args) => {
    if (cmd === 'operator_status') return { current: state.current, remembered: '组织委员', suggested: ROLES, max_chars: 20 };
    if (cmd === 'operator_set') {
      const name = (args as { name: string }).name;
      state.set.push(name);
      state.current = name;
      return name;
    }
    throw new Error(cmd);
  });
  return state;
}

async function mountDialog() {
  const { plugins } = appPlugins();
  const operator = useOperatorStore();
  await operator.load();
  wrapper = mount(OperatorDialog, { props: { visible: true }, global: { plugins }, attachTo: document.body });
  await eventually(() => expect(has('operator-confirm')).toBe(true));
  return operator;
}

describe('the 操作人 dialog', () => {
  test('offers last time’s 操作人 first; confirming makes it this session’s', async () => {
    const state = core();
    const operator = await mountDialog();
    const select = wrapper!.findComponent(ElSelect);
    expect(select.props('modelValue')).toBe('组织委员');
    // Not closable while nobody is chosen.
    expect(document.querySelector('[data-testid="operator-dialog"] .el-dialog__headerbtn')).toBeNull();
    byTestId('operator-confirm').click();
    await eventually(() => expect(state.set).toEqual(['组织委员']));
    await flushPromises();
    expect(operator.current).toBe('组织委员');
    expect(wrapper!.emitted('update:visible')?.at(-1)).toEqual([false]);
  });

  test('其他 takes a typed name; an empty one is refused before asking the Rust side', async () => {
    const state = core();
    await mountDialog();
    wrapper!.findComponent(ElSelect).vm.$emit('update:modelValue', OTHER);
    await eventually(() => expect(has('operator-other')).toBe(true));
    byTestId('operator-confirm').click();
    await eventually(() => expect(byTestId('operator-error').textContent).toBe('请选择或填写操作人'));
    expect(state.set).toEqual([]);

    const input = (byTestId('operator-other').querySelector('input') ?? byTestId('operator-other')) as HTMLInputElement;
    input.value = ' 张伟 ';
    input.dispatchEvent(new Event('input'));
    await flushPromises();
    byTestId('operator-confirm').click();
    await eventually(() => expect(state.set).toEqual(['张伟']));
  });
});
