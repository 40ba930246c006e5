/**
 * The fictional 清河县 and its people: place names, units and Chinese personal names of the
 * demo county. Plain data; `build.ts` decides who does what.
 */

export const COUNTY = '清河县';
export const BUREAU_NAME = '清河县教育和体育局';
/** The bureau's unit code. Its presence means the demo county (or a real one) is loaded. */
export const BUREAU_CODE = 'qhjtj';

/** Townships with their code (pinyin initials, used in usernames) and villages for school names. */
export const TOWNSHIPS: readonly {
  readonly name: string;
  readonly code: string;
  readonly villages: readonly string[];
}[] = [
  { name: '城关镇', code: 'cg', villages: ['东关', '西关', '南街', '北街', '文昌'] },
  { name: '柳林镇', code: 'll', villages: ['王庄', '李楼', '张湾', '杨柳'] },
  { name: '石桥镇', code: 'sq', villages: ['刘集', '陈岗', '石门', '前进'] },
  { name: '白沙镇', code: 'bs', villages: ['赵寨', '孙庄', '沙河', '红旗'] },
  { name: '马集镇', code: 'mj', villages: ['周营', '吴桥', '马庄', '东风'] },
  { name: '杨湖乡', code: 'yh', villages: ['郑湾', '杨庄', '湖滨', '新华'] },
  { name: '李店镇', code: 'ld', villages: ['黄楼', '何庄', '李店', '三合'] },
  { name: '清水河乡', code: 'qsh', villages: ['罗湾', '高岗', '河口', '林场'] },
  { name: '双庙乡', code: 'sm', villages: ['双庙', '韩店', '唐庄', '冯楼'] },
  { name: '高庄镇', code: 'gz', villages: ['高庄', '于营', '董寨', '程楼'] },
  { name: '东王营乡', code: 'dwy', villages: ['王营', '曹庄', '袁店', '邓湾'] },
  { name: '西华镇', code: 'xh', villages: ['许岗', '傅庄', '沈营', '曾楼'] },
  { name: '南丰镇', code: 'nf', villages: ['彭店', '吕庄', '苏湾', '卢楼'] },
  { name: '北岗乡', code: 'bg', villages: ['蒋寨', '蔡庄', '贾营', '丁湾'] },
  { name: '青龙镇', code: 'ql', villages: ['魏庄', '薛店', '叶楼', '青龙'] },
  { name: '三里河乡', code: 'slh', villages: ['余庄', '潘湾', '杜营', '戴楼'] },
  { name: '孙寨镇', code: 'sz', villages: ['夏庄', '钟楼', '汪湾', '田营'] },
  { name: '枣林乡', code: 'zl', villages: ['任庄', '姜湾', '范楼', '方店'] },
  { name: '范集镇', code: 'fj', villages: ['姚庄', '谭楼', '廖湾', '邹营'] },
  { name: '新店镇', code: 'xd', villages: ['熊庄', '金湾', '陆楼', '郝店'] },
];

export type SchoolType =
  'primary' | 'middle' | 'kindergarten' | 'village_primary' | 'teaching_point';

/** Staff and student ranges of each kind of school, as seen in a county of ~600 000 people. */
export const SCHOOL_SIZES: Readonly<
  Record<
    SchoolType,
    { readonly staff: readonly [number, number]; readonly students: readonly [number, number] }
  >
> = {
  primary: { staff: [40, 90], students: [600, 1600] },
  middle: { staff: [60, 130], students: [800, 2200] },
  kindergarten: { staff: [12, 30], students: [150, 450] },
  village_primary: { staff: [8, 25], students: [60, 400] },
  teaching_point: { staff: [2, 5], students: [10, 50] },
};

/** Units the bureau manages directly (局直单位). */
export const DIRECT_UNITS: readonly {
  readonly name: string;
  readonly code: string;
  readonly staff: number;
  readonly students: number;
}[] = [
  { name: '清河县第一高级中学', code: 'yg', staff: 312, students: 4860 },
  { name: '清河县第二高级中学', code: 'eg', staff: 246, students: 3720 },
  { name: '清河县实验高级中学', code: 'syg', staff: 188, students: 2950 },
  { name: '清河县职业教育中心', code: 'zj', staff: 164, students: 2380 },
  { name: '清河县实验中学', code: 'syz', staff: 142, students: 2610 },
  { name: '清河县实验小学', code: 'sx', staff: 126, students: 2840 },
  { name: '清河县第二实验小学', code: 'sx2', staff: 98, students: 2190 },
  { name: '清河县第一幼儿园', code: 'yy', staff: 64, students: 720 },
  { name: '清河县特殊教育学校', code: 'tj', staff: 38, students: 156 },
  { name: '清河县教师进修学校', code: 'jx', staff: 42, students: 0 },
  { name: '清河县青少年校外活动中心', code: 'xw', staff: 26, students: 0 },
  { name: '清河县教育和体育局办公室', code: 'bgs', staff: 18, students: 0 },
];

/** Common surnames, most frequent first (weights follow their rough share). */
export const SURNAMES: readonly string[] = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
  '何',
  '郭',
  '马',
  '罗',
  '梁',
  '宋',
  '郑',
  '谢',
  '韩',
  '唐',
  '冯',
  '于',
  '董',
  '程',
  '曹',
  '袁',
  '邓',
  '许',
  '傅',
  '沈',
  '曾',
  '彭',
  '吕',
  '苏',
  '卢',
  '蒋',
  '蔡',
  '贾',
  '丁',
  '魏',
  '薛',
  '叶',
  '余',
  '潘',
  '杜',
  '戴',
  '夏',
  '钟',
  '汪',
  '田',
  '任',
  '姜',
  '范',
  '方',
  '石',
  '姚',
  '谭',
  '廖',
  '邹',
  '熊',
  '金',
  '陆',
  '郝',
  '孔',
  '白',
  '崔',
  '康',
  '毛',
  '邱',
];

/** Characters of given names; a name takes one or two. */
export const GIVEN_NAME_CHARS: readonly string[] = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '霞',
  '平',
  '刚',
  '桂',
  '英',
  '华',
  '建',
  '国',
  '红',
  '玉',
  '兰',
  '文',
  '辉',
  '鹏',
  '宇',
  '晨',
  '雪',
  '梅',
  '琳',
  '丹',
  '慧',
  '颖',
  '峰',
  '斌',
  '波',
  '瑞',
  '思',
  '佳',
  '欣',
  '怡',
  '嘉',
  '志',
  '海',
  '新',
  '春',
  '秀',
  '晓',
  '永',
  '亮',
  '鑫',
  '婷',
  '倩',
  '凯',
  '浩',
  '俊',
  '莉',
  '萍',
  '爽',
  '帅',
  '冬',
  '云',
  '燕',
  '彬',
  '振',
  '立',
  '东',
  '卫',
  '利',
];

/** How a unit's leaders approve items: what the review-depth figures show (DESIGN §3.2). */
export type ReviewHabit = 'careful' | 'usual' | 'stamping';

/** One approval: rubber-stamped, a stock phrase after reading, a real comment, or an edit. */
export type ReviewKind = 'rubber' | 'stock' | 'comment' | 'edited';

/** Units whose leaders review differently from the usual (by unit code); the rest are usual. */
export const REVIEW_HABITS: Readonly<Record<string, ReviewHabit>> = {
  cg: 'careful',
  ll: 'careful',
  yg: 'careful',
  sx: 'careful',
  mj: 'stamping',
  qsh: 'stamping',
  dwy: 'stamping',
  zj: 'stamping',
  jx: 'stamping',
};

export const REVIEW_KIND_WEIGHTS: Readonly<Record<ReviewHabit, Record<ReviewKind, number>>> = {
  careful: { rubber: 3, stock: 10, comment: 27, edited: 60 },
  usual: { rubber: 15, stock: 25, comment: 20, edited: 40 },
  stamping: { rubber: 62, stock: 28, comment: 3, edited: 7 },
};
