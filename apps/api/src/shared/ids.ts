import { randomInt } from 'node:crypto';

/** Letters and digits that cannot be mistaken for each other when read aloud or retyped (no 0/O, 1/I/L). */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A random code of `length` characters of {@link CODE_ALPHABET}. */
export function randomCode(length: number): string {
  let code = '';
  // randomInt draws without modulo bias from the operating system's CSPRNG.
  for (let i = 0; i < length; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}
