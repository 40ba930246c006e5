#!/usr/bin/env node
// The browser tests drive Debian's Chromium (a test tool cannot download a browser here).
// Finds it; on a Debian machine running as root (as CI does) installs it, with a Chinese font
// so that the screenshots are readable; otherwise stops with the command that installs it.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

function found() {
  const configured = process.env.CHROMIUM_PATH;
  if (configured && existsSync(configured)) return configured;
  return CHROMIUM_PATHS.find((path) => existsSync(path)) ?? null;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const onDebian = existsSync('/etc/debian_version');
// Without a CJK font every Chinese character of a screenshot is an empty box.
const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

function aptInstall(packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...packages]]) {
    const run = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (run.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed (exit ${run.status}).`);
      return false;
    }
  }
  return true;
}

const present = found();
if (present && !existsSync(CJK_FONT) && isRoot && onDebian) {
  console.log('Installing a Chinese font for readable screenshots…');
  aptInstall(['fonts-wqy-microhei']);
}
if (present) {
  console.log(`Chromium: ${present}`);
  process.exit(0);
}

if (isRoot && onDebian) {
  console.log("Chromium is missing; installing Debian's chromium package (about a minute)…");
  if (!aptInstall(['chromium', 'fonts-wqy-microhei'])) process.exit(1);
  const installed = found();
  if (installed) {
    console.log(
      `Chromium: ${installed} (${execFileSync(installed, ['--version']).toString().trim()})`,
    );
    process.exit(0);
  }
}

console.error(
  [
    'The browser tests need Chromium, and none was found.',
    '  On Debian or Ubuntu: sudo apt-get update && sudo apt-get install -y chromium',
    '  Elsewhere: install Chromium and set CHROMIUM_PATH to its executable.',
  ].join('\n'),
);
process.exit(1);
