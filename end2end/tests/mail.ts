import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

/** The folder the server under test writes its mail to (`SHUSHANG_MAIL_DIR`). */
const MAIL_DIR = process.env.MAIL_DIR ?? '';

/** Undoes quoted-printable: soft line breaks and `=XX` escapes of UTF-8 bytes. */
function decodeQuotedPrintable(raw: string): string {
  const joined = raw.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Every message to `address` so far, decoded. */
function mailTo(address: string): string[] {
  return readdirSync(MAIL_DIR)
    .filter((name) => name.endsWith('.eml'))
    .map((name) => decodeQuotedPrintable(readFileSync(join(MAIL_DIR, name), 'utf8')))
    .filter((text) => text.includes(`To: ${address}`));
}

/**
 * The path and query of the link to `page` (`/verify-email`, `/reset-password`) mailed
 * to `address`, waiting for it a little: some mail is sent after the answer.
 */
export async function linkInMailTo(address: string, page: string): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    for (const text of mailTo(address)) {
      for (const match of text.matchAll(/https?:\/\/\S+/g)) {
        const url = new URL(match[0]);
        if (url.pathname === page) return url.pathname + url.search;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ${page} link in the mail to ${address} (${MAIL_DIR})`);
}

/**
 * Verifies `address` as a person does: opens the mailed link, whose page alone spends
 * nothing (mail scanners open links), and presses the button that confirms.
 */
export async function confirmEmail(page: Page, address: string) {
  await page.goto(await linkInMailTo(address, '/verify-email'));
  await page.getByRole('button', { name: 'Confirm my address' }).click();
  await expect(page.getByTestId('verified')).toBeVisible();
}
