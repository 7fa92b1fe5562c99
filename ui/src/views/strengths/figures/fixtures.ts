// Indicators and honours as the core sends them (the seed page's figures), for the unit tests
// of the 指标与荣誉 panel.
import type { Honour } from '@/generated/Honour';
import type { Indicator } from '@/generated/Indicator';

export function indicators(): Indicator[] {
  return [
    {
      id: 'i1',
      name: '办事跑动次数',
      unit: '次',
      target: 0.2,
      higher_is_better: false,
      values: [
        { measured_on: '2026-03-31', value: 0.31, note: '' },
        { measured_on: '2026-06-30', value: 0.22, note: '' },
        { measured_on: '2026-09-30', value: 0.14, note: '区政务服务中心通报' },
      ],
      on_target: true,
    },
    {
      id: 'i2',
      name: '全程网办比例',
      unit: '%',
      target: 80,
      higher_is_better: true,
      values: [{ measured_on: '2026-09-30', value: 78.11, note: '' }],
      on_target: false,
    },
    {
      id: 'i3',
      name: '零材料事项',
      unit: '项',
      target: null,
      higher_is_better: true,
      values: [{ measured_on: '2026-06-30', value: 169, note: '' }],
      on_target: null,
    },
    { id: 'i4', name: '群众满意率', unit: '%', target: 98, higher_is_better: true, values: [], on_target: null },
  ];
}

export function honours(): Honour[] {
  return [
    {
      id: 'h1',
      title: '工人先锋号',
      awarded_by: '区总工会',
      awarded_on: '2026-05-01',
      member_id: null,
      member_name: null,
      note: '',
    },
    {
      id: 'h2',
      title: '优秀共产党员',
      awarded_by: '区机关工委',
      awarded_on: '2026-04-28',
      member_id: 'm2',
      member_name: '徐婷',
      note: '',
    },
    {
      id: 'h3',
      title: '岗位能手',
      awarded_by: '',
      awarded_on: '2026-03-08',
      member_id: 'm9',
      member_name: null,
      note: '',
    },
  ];
}
