import { chromium } from "@playwright/test";
const [url, n, css] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run"] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto(url);
await page.getByText("Open the example report").click();
let t0 = Date.now();
for (let i = 0; i < +n; i++) {
  await page.getByRole("button", { name: "Add entry", exact: true }).click();
  await page.locator(`#field-timeline-${11 + i}-text`).fill(`Entry ${i}: restarted worker pool, checked the **queue** depth`);
}
console.log(`added ${n} entries in ${Date.now() - t0} ms`);
if (css) await page.addStyleTag({ content: css });
await page.locator("#field-title").focus();
await page.evaluate(() => {
  window.__lat = [];
  const preview = document.querySelector("[data-testid=preview]");
  let start = 0;
  document.addEventListener("keydown", (e) => { start = e.timeStamp; }, true);
  window.__work = []; window.__layout = [];
  new MutationObserver(() => {
    const s = start;
    const dom = performance.now();
    void document.body.offsetHeight;
    window.__work.push(dom - s); window.__layout.push(performance.now() - dom);
    requestAnimationFrame(() => setTimeout(() => window.__lat.push(performance.now() - s), 0));
  }).observe(preview, { childList: true, subtree: true, characterData: true });
});
for (let i = 0; i < 60; i++) await page.keyboard.type("x", { delay: 30 });
await page.waitForTimeout(300);
const lat = (await page.evaluate(() => window.__lat)).sort((a, b) => a - b);
const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))].toFixed(1);
for (const k of ["__work", "__layout"]) { const v = (await page.evaluate((k) => window[k], k)).sort((a, b) => a - b); console.log(k, "p50", v[v.length >> 1].toFixed(1), "p95", v[Math.floor(v.length * 0.95)].toFixed(1)); }
console.log(`keystrokes ${lat.length}: p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${lat[lat.length - 1].toFixed(1)} ms`);
await browser.close();
