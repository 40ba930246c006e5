import type zhCN from './zh-CN.js';

const en: typeof zhCN = {
  app: {
    title: 'Education Information & Publicity Platform',
    subtitle: 'County Education Bureau · news reporting and publicity',
    language: '中文',
  },
  login: {
    title: 'Sign in',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    usernameRequired: 'Enter your username',
    passwordRequired: 'Enter your password',
    failed: 'Wrong username or password',
  },
  home: {
    welcome: 'Welcome, {name}',
    unit: 'Unit',
    roles: 'Roles',
    logout: 'Sign out',
  },
  roles: {
    head: 'Head',
    deputy: 'Deputy in charge',
    officer: 'Information officer',
    opinion_officer: 'Public-opinion officer',
    reviewer: 'Publicity reviewer',
    leader: 'Bureau leader',
    admin: 'Administrator',
  },
  errors: {
    network: 'Cannot reach the server; check the network and try again',
    unknown: 'The action failed; try again later',
  },
};

export default en;
