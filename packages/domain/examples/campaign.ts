import {
  campaignMetrics,
  formatError,
  recordSubscription,
  validateCampaignSettings,
  validateCatalogue,
  type CampaignState,
  type Person,
  type Unit,
} from '@jyxc/domain';

const unit = (id: string, name: string, kind: Unit['kind'], staffCount: number): Unit => ({
  id,
  name,
  kind,
  parentId: kind === 'school' ? 'hexi' : 'bureau',
  staffCount,
  studentCount: 0,
  directReporting: false,
});
const units = [
  unit('hexi', '河西镇中心校', 'township_center', 60),
  unit('hexi-1', '河西一小', 'school', 40),
  unit('yizhong', '县第一高级中学', 'direct_unit', 150),
];
const admin: Person = {
  id: 'admin',
  name: '管理员',
  unitId: 'bureau',
  roles: ['admin'],
  active: true,
};

// Money is in fen (1/100 yuan); the required title is due once per counted unit by default.
const catalogue = validateCatalogue({
  year: 2027,
  entries: [
    {
      id: 'rmrb',
      title: '人民日报',
      postalCode: '1-1',
      publisher: '人民日报社',
      category: 'party',
      yearlyPriceFen: 49_800,
      recommended: true,
      required: true,
      publicFundEligible: true,
    },
    {
      id: 'jyb',
      title: '中国教育报',
      postalCode: '1-15',
      publisher: '中国教育报刊社',
      category: 'education',
      yearlyPriceFen: 36_000,
      recommended: true,
      required: false,
      publicFundEligible: true,
    },
  ],
});
const settings = validateCampaignSettings({
  year: 2027,
  deadline: Date.parse('2026-11-30T16:00:00Z'), // 1 December 2026 00:00 in Shanghai
  publicFundCapFen: 500_000,
});
if (!catalogue.ok || !settings.ok) throw new Error('invalid catalogue or settings');

let state: CampaignState = {
  settings: settings.value,
  catalogue: catalogue.value,
  units,
  targets: [],
  records: [],
  assignments: [],
};
const record = (id: string, unitId: string, titleId: string, copies: number, at: string): void => {
  const result = recordSubscription(
    state,
    { id, unitId, titleId, copies, fundSource: 'public' },
    admin,
    Date.parse(at),
  );
  if (result.ok) state = result.value.state;
  else for (const e of result.error) console.log(`${id}: ${formatError(e, 'zh-CN')}`);
};
record('r1', 'hexi', 'rmrb', 2, '2026-10-10T02:00:00Z');
record('r2', 'hexi', 'jyb', 10, '2026-10-12T02:00:00Z');
record('r3', 'yizhong', 'rmrb', 1, '2026-10-20T02:00:00Z');
record('r4', 'yizhong', 'jyb', 20, '2026-10-21T02:00:00Z'); // over the ¥5,000 cap

// Two weeks before the deadline, who is behind (rules §8.5)?
const metrics = campaignMetrics(state, Date.parse('2026-11-20T02:00:00Z'));
for (const u of metrics.units) {
  console.log(
    `${u.rank} ${u.name} ${u.copies} 份，完成 ${Math.round((u.completion ?? 0) * 100)}%${u.lagging ? '（滞后）' : ''}`,
  );
}
