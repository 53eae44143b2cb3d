// End-to-end check of `hs-audit serve` in real headless Chromium.
//
// Usage: node serve.e2e.mjs URL DEMO.xlsx NATIONAL_DIR WORK_DIR [SCREENSHOT_DIR]
// URL is the address the server printed. Writes into WORK_DIR the downloaded
// XLSX report (report.xlsx) and the HTML of the municipality answer
// (municipality-answer.html); prints one JSON line of findings and exits 1
// with a message at the first thing that is wrong.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const [url, demo, nationalDir, workDir, shotDir] = process.argv.slice(2);
if (!url || !demo || !nationalDir || !workDir) {
  console.error('usage: node serve.e2e.mjs URL DEMO.xlsx NATIONAL_DIR WORK_DIR [SCREENSHOT_DIR]');
  process.exit(2);
}

function check(ok, message) {
  if (!ok) {
    throw new Error(message);
  }
}

/** axe-core at WCAG 2.1 AA; returns the violations (id and count). */
async function axe(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.length, target: v.nodes[0]?.target }));
}

const FAMILY_ID = /\bG-\d{4}\b/;
const report = { axe: {}, cspErrors: [] };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--lang=nl', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext({ acceptDownloads: true, locale: 'nl-NL', viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) report.cspErrors.push(m.text());
  });

  // 1. The empty page, in Dutch.
  await page.goto(url);
  check((await page.getAttribute('html', 'lang')) === 'nl', 'the page is Dutch by default');
  report.axe.empty_nl = await axe(page);
  if (shotDir) await page.screenshot({ path: path.join(shotDir, 'serve-before.png') });

  // A narrow window (as a 200 % zoom of 640 px): nothing scrolls sideways.
  await page.setViewportSize({ width: 320, height: 700 });
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  check(sideways <= 0, `the empty page scrolls sideways by ${sideways}px at 320px`);
  await page.setViewportSize({ width: 1200, height: 900 });

  // 2. Keyboard only: Tab from the top reaches every control in order.
  const order = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return { id: el.id || el.className || el.tagName, outline: style.outlineStyle !== 'none' && style.outlineWidth !== '0px' };
    });
    if (order.length === 0 || order[order.length - 1].id !== focused.id) order.push(focused);
    if (focused.id === 'submit') break;
  }
  report.tabOrder = order.map((f) => f.id);
  const expected = ['skip', 'switch-lang', 'file', 'template-link', 'period', 'from', 'to', 'as_of', 'audience',
    'municipality', 'lang', 'submit'];
  check(JSON.stringify(report.tabOrder) === JSON.stringify(expected), `tab order: ${report.tabOrder.join(' > ')}`);
  const noOutline = order.filter((f) => !f.outline).map((f) => f.id);
  check(noOutline.length === 0, `focus is not visible on ${noOutline.join(', ')}`);

  // 3. The demo: choose it through the file input, press the button with the keyboard.
  await page.setInputFiles('#file', demo);
  await page.focus('#submit');
  const started = Date.now();
  await page.keyboard.press('Enter');
  await page.waitForSelector('#verdict', { timeout: 120000 });
  report.demo_ms = Date.now() - started;
  const verdict = await page.textContent('#verdict');
  check(/met ernst ‘fout’/.test(verdict), `verdict: ${verdict}`);
  const rules = await page.$$eval('#rules tbody tr', (rows) => rows.map((r) => r.querySelector('th').textContent));
  check(rules.includes('HS-G04') && rules.includes('HS-L01'), `rule list: ${rules.join(', ')}`);
  report.rules = rules.length;
  const readText = await page.textContent('section[aria-labelledby=read-h]');
  check(/demo\.xlsx/.test(readText) && !/svt|hs-audit-serve-/.test(readText), `what was read: ${readText.slice(0, 200)}`);
  report.axe.answer_nl = await axe(page);
  await page.setViewportSize({ width: 320, height: 700 });
  report.answer_sideways_px = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  check(report.answer_sideways_px <= 0, `the answer page scrolls sideways by ${report.answer_sideways_px}px at 320px`);
  report.axe.answer_nl_narrow = await axe(page);
  await page.setViewportSize({ width: 1200, height: 900 });
  if (shotDir) await page.screenshot({ path: path.join(shotDir, 'serve-after.png'), fullPage: false });

  // 4. Download the XLSX report (the Rust test opens it as a workbook) and the zip.
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('#downloads a[download$=".xlsx"]')]);
  await xlsx.saveAs(path.join(workDir, 'report.xlsx'));
  const [zip] = await Promise.all([page.waitForEvent('download'), page.click('#downloads a[download$=".zip"]')]);
  await zip.saveAs(path.join(workDir, 'all.zip'));

  // 5. Switch to English; the empty English page.
  await page.click('#switch-lang');
  await page.waitForSelector('html[lang=en]');
  report.axe.empty_en = await axe(page);

  // 6. A municipality report on a national folder: first without a
  //    municipality (the answer lists them), then with the first one.
  const workbooks = fs.readdirSync(nationalDir).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(nationalDir, f));
  check(workbooks.length > 1, `workbooks in ${nationalDir}`);
  await page.setInputFiles('#file', workbooks);
  await page.selectOption('#audience', 'municipality');
  await Promise.all([page.waitForNavigation(), page.click('#submit')]);
  const municipalities = await page.$$eval('#municipalities option', (o) => o.map((x) => x.value));
  check(municipalities.length > 0, 'the answer lists the municipalities in the data');
  check((await page.getAttribute('html', 'lang')) === 'en', 'the answer stays English');
  report.municipality = municipalities[0];
  await page.setInputFiles('#file', workbooks);
  await page.selectOption('#audience', 'municipality');
  await page.fill('#municipality', municipalities[0]);
  await Promise.all([page.waitForNavigation(), page.click('#submit')]);
  await page.waitForSelector('#verdict');
  const html = await page.content();
  fs.writeFileSync(path.join(workDir, 'municipality-answer.html'), html);
  check(!FAMILY_ID.test(html), `a family id in the municipality answer: ${html.match(FAMILY_ID)}`);
  check(html.includes('<iframe'), 'the municipality report is shown inline');
  report.axe.answer_en = await axe(page);

  const failing = Object.entries(report.axe).filter(([, v]) => v.length > 0);
  check(failing.length === 0, `axe violations: ${JSON.stringify(failing)}`);
  check(report.cspErrors.length === 0, `CSP refused something: ${report.cspErrors.join(' | ')}`);
  console.log(JSON.stringify(report));
} catch (e) {
  console.log(JSON.stringify(report));
  console.error(`serve.e2e: ${e.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
