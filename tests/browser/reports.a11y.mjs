// Checks HTML reports in headless Chromium: axe-core's WCAG 2.1 A and AA
// rules, and, with print media at the A4 content width, every element that
// reaches past the page or is cut by its own box. Prints one JSON object:
// { "reports": [{ "file", "violations": [...], "overflows": [...] }] }.
//
// Usage: node tests/browser/reports.a11y.mjs report.html [more.html ...]
// CHROMIUM overrides the browser (default /usr/bin/chromium).

import { createRequire } from "node:module";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const axeSource = require("fs").readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

// A4 is 210 mm wide; the reports print with 15 mm margins (reports/style.css):
// 180 mm of content, in CSS pixels of 96 per inch.
const CONTENT_WIDTH = Math.floor((180 / 25.4) * 96);
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
// axe looks at what is laid out: a desktop screen and a phone (where wide
// tables scroll) show different boxes.
const SCREENS = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
];

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node reports.a11y.mjs report.html [more.html ...]");
  process.exit(2);
}

const profile = mkdtempSync(join(tmpdir(), "hs-audit-a11y-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
  viewport: { width: 1200, height: 1600 },
});

const reports = [];
try {
  for (const file of files) {
    const page = await context.newPage();
    await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: "load" });
    await page.addScriptTag({ content: axeSource });
    const axe = [];
    for (const screen of SCREENS) {
      await page.setViewportSize(screen);
      const found = await page.evaluate(async (tags) => {
        const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
        return r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
        }));
      }, TAGS);
      for (const v of found) {
        if (!axe.some((a) => a.id === v.id)) axe.push({ screen: screen.width, ...v });
      }
    }

    await page.emulateMedia({ media: "print" });
    await page.setViewportSize({ width: CONTENT_WIDTH, height: 1000 });
    const overflows = await page.evaluate((width) => {
      const name = (el) => {
        let s = el.tagName.toLowerCase();
        if (el.id) s += "#" + el.id;
        if (el.classList.length) s += "." + [...el.classList].join(".");
        const parent = el.parentElement;
        if (parent && parent !== document.body && parent !== document.documentElement) s = name(parent) + " > " + s;
        return s;
      };
      const found = [];
      const root = document.documentElement;
      if (root.scrollWidth > width) found.push({ element: "html", right: root.scrollWidth, width, how: "page wider than A4" });
      for (const el of document.body.querySelectorAll("*")) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;
        // Text for screen readers only (a 1 px box clipped away) is not printed.
        if (el.closest(".sr-only")) continue;
        // A table with collapsed borders draws half its outer border outside its box.
        const style = getComputedStyle(el);
        const half = el.tagName === "TABLE" && style.borderCollapse === "collapse" ? 1 : 0;
        if (box.right + half > width + 0.5 || box.left < -0.5) {
          found.push({ element: name(el), right: Math.round(box.right), width, how: "past the page edge" });
        }
        if (style.display !== "inline" && style.overflowX !== "visible" && el.scrollWidth > el.clientWidth + 1) {
          found.push({ element: name(el), right: el.scrollWidth, width: el.clientWidth, how: "cut by its own box" });
        }
        // A word wider than its table cell runs into the next one.
        if (style.display === "table-cell" && el.scrollWidth > el.clientWidth + 1) {
          found.push({ element: name(el), right: el.scrollWidth, width: el.clientWidth, how: "text wider than its cell" });
        }
      }
      // Report the outermost offenders only: a wide table's cells follow it.
      return found.filter((f, i) => !found.slice(0, i).some((g) => g.how === f.how && f.element.startsWith(g.element + " > ")));
    }, CONTENT_WIDTH);
    reports.push({ file, violations: axe, overflows });
    await page.close();
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify({ content_width: CONTENT_WIDTH, reports }, null, 2));
