/**
 * Texts of the demo county: headlines and bodies per category, review comments, return
 * reasons, outlets per level, incidents and the periodical catalogue. `{u}` stands for the
 * writing unit's name, `{p}` for a person's name, `{t}` for one of the year's topics, `{n}`
 * for an ordinal, `{k}` for a head count and `{m}` for a number of leaflets.
 */
import type {
  AdoptionLevel,
  Category,
  IncidentSeverity,
  IncidentSource,
  OutletKind,
  PeriodicalCategory,
} from '../generated/sqlite/enums.js';

export const TITLES: Readonly<Record<Category, readonly string[]>> = {
  news: [
    '{u}扎实推进{t}工作',
    '{u}开展校园安全隐患大排查',
    '{u}完成新学期教材发放工作',
    '{u}组织教师参加暑期全员培训',
    '{u}开展食品安全专项检查',
    '{u}启动课后服务“5+2”模式',
    '{u}开展防溺水安全教育“六个一”活动',
    '{u}新建塑胶运动场投入使用',
    '{u}开展教师业务能力大练兵',
    '{u}完成学生资助资金发放',
  ],
  activity: [
    '{u}举办第{n}届校园艺术节',
    '{u}开展“书香校园”读书月活动',
    '{u}组织学生开展研学实践活动',
    '{u}举行红色经典诵读比赛',
    '{u}开展“劳动最光荣”主题实践活动',
    '{u}举办春季田径运动会',
    '{u}开展“小手拉大手”文明交通宣传',
    '{u}举行新队员入队仪式',
    '{u}开展心理健康教育主题周活动',
  ],
  meeting: [
    '{u}召开{t}推进会',
    '{u}召开党风廉政建设工作会议',
    '{u}召开期中教学质量分析会',
    '{u}召开新学期开学工作部署会',
    '{u}召开家长委员会座谈会',
    '{u}召开安全工作专题会议',
    '{u}召开教育宣传信息工作培训会',
  ],
  exemplar: [
    '扎根乡村二十载的“孩子王”——记{u}教师{p}',
    '师德标兵{p}：用爱点亮留守儿童的梦想',
    '课改先锋{p}的“小组合作”课堂',
    '{u}教学骨干{p}：三尺讲台写春秋',
    '名校长{p}：让每一所乡村学校都有好老师',
  ],
  experience: [
    '{u}“三抓三促”提升课后服务质量',
    '{u}探索集团化办学新路径',
    '{u}以“五项管理”为抓手减轻学生负担',
    '{u}“一校一品”特色发展的实践',
    '{u}家校共育“四个一”工作法',
  ],
  hotspot: [
    '{u}回应家长关切：课后服务收费公开透明',
    '{u}就校车接送安排作出说明',
    '{u}就网传教辅征订问题作出回应',
    '{u}公开今年秋季招生划片方案',
  ],
  major: [
    '{u}启动防汛应急响应 全体师生安全转移',
    '省教育厅督导组到{u}检查{t}工作',
    '{u}妥善处置一起学生突发疾病事件',
    '{u}迎接义务教育优质均衡发展国家督导评估',
  ],
};

/** A body is: date, opening clause, a lead sentence (its subject is the unit), a detail, a close. */
const OPENINGS: readonly string[] = [
  '为深入贯彻落实上级教育工作部署，',
  '为进一步提升教育教学质量，',
  '为扎实做好{t}工作，',
  '为丰富师生校园文化生活，',
  '为切实保障师生生命安全，',
];
const LEADS: readonly string[] = [
  '{u}精心组织、周密安排，成立了由主要负责同志任组长的工作领导小组，明确责任分工，细化工作措施。',
  '{u}坚持问题导向，逐项梳理短板弱项，建立台账、限期整改，确保工作落到实处。',
  '{u}召集全体教职工专题部署，明确时间节点和责任人，层层压实责任。',
  '{u}结合实际制定了详细的实施方案，分年级、分阶段有序推进。',
];
const DETAILS: readonly string[] = [
  '活动中，全体师生积极参与，认真落实各项要求，现场气氛热烈、秩序井然。',
  '会上，主要负责同志对前一阶段工作进行了总结，对下一步工作提出了具体要求。',
  '学校通过主题班会、国旗下讲话、致家长一封信等多种形式开展宣传，覆盖全体学生和家长。',
  '据统计，此次共有{k}名师生参与，发放宣传资料{m}余份。',
];
const CLOSINGS: readonly string[] = [
  '下一步，{u}将持续巩固工作成效，推动各项工作再上新台阶。',
  '此次活动的开展，进一步增强了师生的责任意识，营造了良好的育人氛围。',
  '{u}表示，将以此为契机，不断完善长效机制，办好人民满意的教育。',
];

export const BODY_PARTS = { OPENINGS, LEADS, DETAILS, CLOSINGS } as const;

/** A sentence an editor adds when improving a draft. */
export const EDIT_ADDITIONS: readonly string[] = [
  '活动得到了家长和社会各界的广泛好评。',
  '县教体局相关股室负责同志到场指导。',
  '据悉，这是{u}今年开展的第三次同类活动。',
  '此项工作已纳入学校年度目标考核。',
];

export const REVIEW_COMMENTS: readonly string[] = [
  '已审阅，内容属实，同意报送。',
  '数据已核对，无需修改。',
  '审阅无修改，照片清晰，可以报送。',
  '内容完整，时效性好，同意上报。',
];

/** Comments that say nothing (DESIGN §3.2 stock phrases): they never make a review deep. */
export const STOCK_REVIEW_COMMENTS: readonly string[] = [
  '同意',
  '同意报送。',
  '已阅',
  '好',
  '属实',
];

export const UNIT_RETURN_REASONS: readonly string[] = [
  '缺少活动现场照片，请补充后再提交。',
  '标题过长，请提炼主题后重新提交。',
  '参与人数与实际不符，请核实。',
  '正文为会议流水账，请突出亮点和成效。',
];

export const BUREAU_RETURN_REASONS: readonly string[] = [
  '新闻要素不全（时间、地点、人物），请补充。',
  '涉及学生正面照片，请取得监护人同意或打码处理。',
  '与本单位前日报送内容重复，请合并后重新报送。',
  '文字表述不够规范，请按信息写作要求修改。',
];

export const DECISION_COMMENTS: readonly string[] = [
  '拟在局公众号刊发。',
  '内容较好，择机推送。',
  '时效性不足，暂不采用。',
  '亮点不突出，暂不采用。',
];

export const OUTLETS: Readonly<Record<AdoptionLevel, readonly string[]>> = {
  bureau: ['清河教体微信公众号', '清河县教育和体育局网站'],
  county: ['清河县融媒体中心', '清河县人民政府网', '清河县电视台《清河新闻》'],
  city: ['清州日报', '清州市教育局网站', '清州广播电视台'],
  province: ['河南日报', '教育时报', '河南省教育厅网站', '大河网'],
  national: ['中国教育报', '人民网', '中国教师报', '学习强国'],
};

/**
 * The bureau's outlet registry (媒体名录): every outlet above with its kind, and a few more the
 * demo adoptions do not use — one of them deactivated (a paper that stopped printing).
 */
export const OUTLET_KINDS_BY_NAME: Readonly<Record<string, OutletKind>> = {
  清河教体微信公众号: 'official_account',
  清河县教育和体育局网站: 'website',
  清河县融媒体中心: 'other',
  清河县人民政府网: 'website',
  '清河县电视台《清河新闻》': 'tv',
  清州日报: 'newspaper',
  清州市教育局网站: 'website',
  清州广播电视台: 'tv',
  河南日报: 'newspaper',
  教育时报: 'newspaper',
  河南省教育厅网站: 'website',
  大河网: 'website',
  中国教育报: 'newspaper',
  人民网: 'website',
  中国教师报: 'newspaper',
  学习强国: 'other',
};

export const EXTRA_OUTLETS: readonly {
  readonly name: string;
  readonly level: AdoptionLevel;
  readonly kind: OutletKind;
  readonly active: boolean;
}[] = [
  { name: '清河发布', level: 'county', kind: 'official_account', active: true },
  { name: '清州教育微信公众号', level: 'city', kind: 'official_account', active: true },
  { name: '河南省教育厅微信公众号', level: 'province', kind: 'official_account', active: true },
  { name: '河南电视台《河南新闻联播》', level: 'province', kind: 'tv', active: true },
  { name: '清河周报', level: 'county', kind: 'newspaper', active: false },
];

export const INSTRUCTION_NOTES: readonly string[] = [
  '经验做法值得推广，请县教体局总结后在全县推开。',
  '此事做得好，要持续关注，形成长效机制。',
  '请教育部门认真研究，加大支持力度。',
];

/** Who gives a leader instruction (领导批示), by level. */
export const INSTRUCTION_LEADERS: Readonly<Record<AdoptionLevel, readonly string[]>> = {
  bureau: ['局长'],
  county: ['县委书记', '县长', '副县长'],
  city: ['市委书记', '市长', '副市长'],
  province: ['省教育厅厅长', '副省长'],
  national: ['教育部领导'],
};

export const INCIDENT_TEMPLATES: readonly {
  readonly title: string;
  readonly source: IncidentSource;
  readonly severity: IncidentSeverity;
  readonly summary: string;
}[] = [
  {
    title: '网传{u}食堂饭菜质量问题',
    source: 'online',
    severity: 'significant',
    summary: '有家长在本地论坛发帖称学校食堂饭菜分量少、质量差，帖子浏览量较高。',
  },
  {
    title: '家长在短视频平台反映{u}校车超载',
    source: 'online',
    severity: 'major',
    summary: '短视频显示疑似校车超员接送学生，转发量快速上升，已引起本地媒体关注。',
  },
  {
    title: '12345热线反映{u}违规收取资料费',
    source: 'hotline',
    severity: 'general',
    summary: '市民来电反映学校要求学生统一购买教辅资料，每生收费80元。',
  },
  {
    title: '网帖称{u}教师体罚学生',
    source: 'online',
    severity: 'major',
    summary: '网帖称某班主任体罚学生致其手臂淤青，附有照片，评论较多。',
  },
  {
    title: '媒体报道{u}周边道路交通安全隐患',
    source: 'media',
    severity: 'general',
    summary: '本地电视台民生栏目报道学校门口上下学时段车辆拥堵、缺少减速设施。',
  },
  {
    title: '信访反映{u}招生划片不公',
    source: 'petition',
    severity: 'significant',
    summary: '部分家长联名信访，认为今年招生片区调整未公开征求意见。',
  },
  {
    title: '家长群流传{u}放假通知系伪造',
    source: 'other',
    severity: 'general',
    summary: '多个家长群流传一份加盖学校印章的提前放假通知，经核实系伪造。',
  },
  {
    title: '网民反映{u}宿舍楼夜间停电',
    source: 'online',
    severity: 'significant',
    summary: '网民在政务留言板反映学生宿舍连续两晚停电，学生无法正常休息。',
  },
  {
    title: '12345热线反映{u}课后服务强制参加',
    source: 'hotline',
    severity: 'general',
    summary: '家长来电称学校要求所有学生参加课后服务，不参加需写说明。',
  },
];

export const INCIDENT_NOTES = {
  report: '已向县教体局宣传股书面报告事件情况。',
  respond: '已通过官方渠道发布情况说明，并与当事家长当面沟通。',
  resolve: '问题已整改到位，当事人表示满意，相关帖子已无新增讨论。',
  close: '经局宣传股复核，处置规范，同意结案。',
  escalate: '未在时限内完成处置，按程序上报上一级责任人。',
} as const;

export const ADJUSTMENTS: readonly { readonly points: number; readonly reason: string }[] = [
  { points: 2, reason: '在全县教育宣传工作会议上作典型发言' },
  { points: 3, reason: '承办全市中小学教育宣传工作现场会' },
  { points: -2, reason: '信息员未按要求参加全县信息员业务培训' },
  { points: 1, reason: '及时提供重大活动素材，配合完成专题片拍摄' },
  { points: -1, reason: '报送信息存在学生个人信息未处理问题' },
];

/**
 * The catalogue of the subscription campaign (DESIGN §3.7), prices in fen. The postal codes
 * (邮发代号) of 人民日报, 求是, 光明日报, 中国教育报 and 河南日报 are their published ones; the
 * other titles carry codes of the demo county's own 99- series (清州日报 is as fictional as
 * 清州市), which a real bureau replaces from the year's postal catalogue.
 */
export const PERIODICALS: readonly {
  readonly title: string;
  readonly postalCode: string;
  readonly publisher: string;
  readonly category: PeriodicalCategory;
  readonly yearlyPriceFen: number;
  readonly recommended: boolean;
  readonly required: boolean;
  readonly publicFundEligible: boolean;
}[] = [
  {
    title: '人民日报',
    postalCode: '1-1',
    publisher: '人民日报社',
    category: 'party',
    yearlyPriceFen: 52_800,
    recommended: true,
    required: true,
    publicFundEligible: true,
  },
  {
    title: '求是',
    postalCode: '2-1',
    publisher: '求是杂志社',
    category: 'party',
    yearlyPriceFen: 28_800,
    recommended: true,
    required: true,
    publicFundEligible: true,
  },
  {
    title: '光明日报',
    postalCode: '1-16',
    publisher: '光明日报社',
    category: 'party',
    yearlyPriceFen: 46_800,
    recommended: true,
    required: false,
    publicFundEligible: true,
  },
  {
    title: '河南日报',
    postalCode: '35-1',
    publisher: '河南日报报业集团',
    category: 'party',
    yearlyPriceFen: 45_600,
    recommended: true,
    required: true,
    publicFundEligible: true,
  },
  {
    title: '清州日报',
    postalCode: '99-1',
    publisher: '清州日报社',
    category: 'party',
    yearlyPriceFen: 39_600,
    recommended: false,
    required: false,
    publicFundEligible: true,
  },
  {
    title: '中国教育报',
    postalCode: '1-10',
    publisher: '中国教育报刊社',
    category: 'education',
    yearlyPriceFen: 39_000,
    recommended: true,
    required: true,
    publicFundEligible: true,
  },
  {
    title: '人民教育',
    postalCode: '99-2',
    publisher: '中国教育报刊社',
    category: 'education',
    yearlyPriceFen: 36_000,
    recommended: true,
    required: false,
    publicFundEligible: true,
  },
  {
    title: '中国教师报',
    postalCode: '99-3',
    publisher: '中国教育报刊社',
    category: 'education',
    yearlyPriceFen: 19_200,
    recommended: true,
    required: false,
    publicFundEligible: true,
  },
  {
    title: '中小学管理',
    postalCode: '99-4',
    publisher: '北京教育科学研究院',
    category: 'education',
    yearlyPriceFen: 18_000,
    recommended: false,
    required: false,
    publicFundEligible: true,
  },
  {
    title: '河南教育',
    postalCode: '99-5',
    publisher: '河南教育报刊社',
    category: 'education',
    yearlyPriceFen: 21_600,
    recommended: true,
    required: false,
    publicFundEligible: true,
  },
  {
    title: '教育时报',
    postalCode: '99-6',
    publisher: '河南教育报刊社',
    category: 'education',
    yearlyPriceFen: 24_000,
    recommended: true,
    required: false,
    publicFundEligible: true,
  },
  {
    title: '中国少年报',
    postalCode: '99-7',
    publisher: '中国少年儿童新闻出版总社',
    category: 'student',
    yearlyPriceFen: 9_600,
    recommended: true,
    required: false,
    publicFundEligible: false,
  },
  {
    title: '中学生天地',
    postalCode: '99-8',
    publisher: '浙江教育报刊总社',
    category: 'student',
    yearlyPriceFen: 14_400,
    recommended: false,
    required: false,
    publicFundEligible: false,
  },
  {
    title: '小学生导刊',
    postalCode: '99-9',
    publisher: '河南教育报刊社',
    category: 'student',
    yearlyPriceFen: 12_000,
    recommended: false,
    required: false,
    publicFundEligible: false,
  },
];

/** The focus topics of each year (宣传重点). */
export function topicsOf(year: number): readonly string[] {
  return year % 2 === 0
    ? ['义务教育优质均衡发展', '教师队伍建设', '“双减”与课后服务', '校园安全', '劳动教育']
    : ['义务教育均衡发展', '教育精准扶贫', '教师队伍建设', '全面改薄', '心理健康教育'];
}
