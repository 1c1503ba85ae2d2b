import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

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

/** The newest message to `address`, waiting a little for it to be written. */
export async function lastMailTo(address: string): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const messages = readdirSync(MAIL_DIR)
      .filter((name) => name.endsWith('.eml'))
      .map((name) => join(MAIL_DIR, name))
      .map((path) => ({ at: statSync(path).mtimeMs, text: decodeQuotedPrintable(readFileSync(path, 'utf8')) }))
      .filter((message) => message.text.includes(`To: ${address}`))
      .sort((a, b) => a.at - b.at);
    if (messages.length > 0) return messages[messages.length - 1].text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no mail to ${address} in ${MAIL_DIR}`);
}

/** The path and query of the link in the newest message to `address`. */
export async function linkInMailTo(address: string): Promise<string> {
  const text = await lastMailTo(address);
  const link = text.match(/https?:\/\/\S+/);
  if (!link) throw new Error(`no link in the mail to ${address}`);
  const url = new URL(link[0]);
  return url.pathname + url.search;
}
