// Offline and static hosting: after one visit the app works with no network; it runs from a
// sub-path; its Content-Security-Policy blocks inline handlers without blocking the app; and a
// new deployment is offered on the next visit.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, expect, golden } from "./fixtures.js";

/// Records CSP violations from the very start of each page.
async function watchViolations(page) {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

async function untilControlled(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
    }
  });
}

test("after one visit the app loads, edits, saves and exports with no network", async ({ studio, page, context }) => {
  await studio.open();
  await untilControlled(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator("#section-details")).toBeVisible();
  await studio.fill("title", "Written on a plane");
  await studio.waitSaved();
  const exported = await studio.export("md");
  expect(exported.text).toBe("# Written on a plane\n");
  await page.reload();
  await expect(studio.field("title")).toHaveValue("Written on a plane");
  // The Markdown reader, which the first visit never downloaded, was kept for offline use too.
  await page.getByTestId("paste-markdown").click();
  await page.getByTestId("paste-text").fill("# Read offline\n\n## Timeline\n\n- 10:00 UTC Alert fired\n");
  await page.getByTestId("paste-import").click();
  await expect(studio.field("title")).toHaveValue("Read offline");
  await context.setOffline(false);
});

test("the built site works from a sub-path", async ({ studio, page }) => {
  await page.goto("/sub/");
  await expect(page.locator("#section-details")).toBeVisible();
  await page.getByRole("button", { name: "Open the example report" }).click();
  await expect(studio.previewHeadings(1)).toHaveText([JSON.parse(golden("01-checkout-tls.json")).title]);
  const manifest = await page.evaluate(async () => (await fetch(document.querySelector("link[rel=manifest]").href)).json());
  expect(manifest.name).toBe("Postmortem Studio");
});

test("the CSP allows the app, with no violation at start-up, and blocks an injected inline handler", async ({ studio, page }) => {
  await watchViolations(page);
  await studio.open();
  await studio.openExample();
  expect(await page.evaluate(() => window.__violations)).toEqual([]);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  expect(csp).toContain("'wasm-unsafe-eval'");
  expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  studio.expectConsoleError(/^Executing inline event handler violates the following Content Security Policy directive/);
  const ran = await page.evaluate(async () => {
    const button = document.createElement("button");
    button.setAttribute("onclick", "window.__inlineRan = true");
    document.body.append(button);
    button.click();
    await new Promise((resolve) => setTimeout(resolve, 50));
    return window.__inlineRan === true;
  });
  expect(ran).toBe(false);
  expect(await page.evaluate(() => window.__violations)).toEqual([expect.stringContaining("script-src-attr")]);
  // Trunk's subresource integrity stays on.
  expect(await page.locator("link[integrity]").count()).toBeGreaterThan(0);
});

test("a new deployment is offered on the next visit, and reloading switches to it", async ({ browser }) => {
  const site = mkdtempSync(join(tmpdir(), "postmortem-site-"));
  cpSync("dist", site, { recursive: true });
  const port = 8190 + Math.floor(Math.random() * 50);
  const server = spawn("node", ["tests/e2e/serve.mjs", String(port), site], { stdio: "ignore" });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const url = `http://127.0.0.1:${port}/`;
    for (let i = 0; i < 50; i++) {
      try {
        await page.goto(url);
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    await untilControlled(page);
    await expect(page.getByTestId("update-banner")).toHaveCount(0);
    // Deploy: a changed build has a changed worker.
    const worker = join(site, "sw.js");
    writeFileSync(worker, readFileSync(worker, "utf8").replace(/postmortem-studio-[0-9a-f]+/, "postmortem-studio-nextdeploy0000"));
    await page.reload();
    await expect(page.getByTestId("update-banner")).toContainText("A new version of Postmortem Studio is available.");
    await page.getByTestId("update-banner").getByRole("button", { name: "Reload" }).click();
    await page.waitForEvent("load");
    await expect(page.getByTestId("update-banner")).toHaveCount(0);
    const caches = await page.evaluate(() => caches.keys());
    expect(caches).toEqual(["postmortem-studio-nextdeploy0000"]);
    await context.close();
  } finally {
    server.kill();
  }
});
