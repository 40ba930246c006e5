export default {
  app: {
    title: '教育信息宣传工作平台',
    subtitle: '县教体局 · 教育信息报送与宣传工作',
    language: 'English',
  },
  login: {
    title: '登录',
    username: '用户名',
    password: '密码',
    submit: '登录',
    usernameRequired: '请输入用户名',
    passwordRequired: '请输入密码',
    failed: '用户名或密码不正确',
  },
  home: {
    welcome: '欢迎，{name}',
    unit: '所在单位',
    roles: '职责',
    logout: '退出登录',
  },
  roles: {
    head: '一把手',
    deputy: '分管领导',
    officer: '信息员',
    opinion_officer: '舆情责任人',
    reviewer: '宣传股审核员',
    leader: '局领导',
    admin: '系统管理员',
  },
  errors: {
    network: '无法连接服务器，请检查网络后重试',
    unknown: '操作失败，请稍后重试',
  },
};
