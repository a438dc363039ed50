import { chromium } from "@playwright/test";
const [url, out, w, h, scheme, action] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
const page = await browser.newPage({ viewport: { width: +w, height: +h }, colorScheme: scheme || "light" });
const logs = [];
page.on("console", m => logs.push(m.type() + ": " + m.text()));
page.on("pageerror", e => logs.push("pageerror: " + e.message));
await page.goto(url);
await page.waitForSelector("#section-summary");
if (action === "example") { await page.getByText("Open the example report").click(); }
if (action === "preview") { await page.getByText("Open the example report").click(); await page.getByRole("tab", { name: "Preview" }).click(); }
if (action === "timeline") { await page.getByText("Open the example report").click(); await page.locator("#section-timeline").scrollIntoViewIfNeeded(); }
if (action === "typed") { await page.fill("#field-title", "Search down"); await page.fill("#field-summary-impact", ""); await page.locator("#field-summary-impact").blur(); await page.fill("#field-summary-users_affected_percent", "abc"); }
await page.waitForTimeout(300);
await page.screenshot({ path: out });
console.log(logs.join("\n"));
await browser.close();
