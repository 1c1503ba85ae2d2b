// Screenshots of pages at phone and desktop widths, in both languages, for a person to look at:
//   BASE_URL=http://127.0.0.1:3100 node screenshots.mjs /tmp/shots / /login /catalog
// Signed-in pages: COOKIE='name=value' (a session cookie, e.g. from a sign-in with curl).
import { chromium } from '@playwright/test';

const [outDir = '/tmp/shots', ...paths] = process.argv.slice(2);
const base = process.env.BASE_URL ?? 'http://127.0.0.1:3100';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
for (const path of paths.length ? paths : ['/']) {
  for (const lang of ['en', 'zh']) {
    for (const width of [375, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
      if (process.env.COOKIE) {
        const [name, ...value] = process.env.COOKIE.split('=');
        await context.addCookies([{ name, value: value.join('='), url: base }]);
      }
      const page = await context.newPage();
      await page.goto(base + path);
      const name = `${outDir}/${process.env.PREFIX ?? ''}${path.replace(/[^a-z0-9]+/gi, '_') || 'home'}-${lang}-${width}.png`;
      await page.screenshot({ path: name, fullPage: process.env.FULL !== '0' });
      console.log(name);
      await context.close();
    }
  }
}
await browser.close();
