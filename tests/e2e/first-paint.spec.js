// The page paints a static outline of the editor before the WebAssembly has started
// (index.html), and the app replaces it where it stood: the outline is laid out as the app's
// first screen, so nothing moves when the app arrives. Compared on a phone and on a desktop.
import { test, expect } from "./fixtures.js";

const MARKS = [".app-bar", ".section-nav", ".start-hint", ".form-section .guidance", ".form-section h2"];

async function layout(page) {
  return page.evaluate((marks) => marks.map((selector) => {
    const box = document.querySelector(selector).getBoundingClientRect();
    return [selector, Math.round(box.x), Math.round(box.y), Math.round(box.width), Math.round(box.height)];
  }), MARKS);
}

for (const viewport of [{ width: 412, height: 823 }, { width: 1400, height: 900 }]) {
  test(`the outline painted before the app is where the app puts it (${viewport.width} px)`, async ({ browser }) => {
    const before = await browser.newPage({ viewport });
    // The app never starts: what shows is the outline alone.
    await before.route(/\.wasm$/, (route) => route.abort());
    await before.goto("./");
    await expect(before.locator("#boot")).toBeAttached();
    await expect(before.locator("#boot .save-status")).toHaveText("Loading the editor…");
    const outline = await layout(before);
    await before.close();

    const after = await browser.newPage({ viewport });
    await after.goto("./");
    await expect(after.locator("#section-details")).toBeVisible();
    await expect(after.locator("#boot")).toHaveCount(0);
    expect(await layout(after)).toEqual(outline);
    await after.close();
  });
}

test("the wasm is fetched only once the outline has painted, and the outline is the largest paint", async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 412, height: 823 } });
  await page.addInitScript(() => {
    window.__largest = [];
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => window.__largest.push(Boolean(entry.element?.closest("#boot")))))
      .observe({ type: "largest-contentful-paint", buffered: true });
  });
  await page.goto("./");
  await expect(page.locator("#section-details")).toBeVisible();
  const [painted, fetched] = await page.evaluate(() => [
    performance.getEntriesByName("first-contentful-paint")[0].startTime,
    performance.getEntriesByType("resource").find((entry) => entry.name.endsWith(".wasm")).startTime,
  ]);
  expect(fetched).toBeGreaterThanOrEqual(painted);
  // Every candidate for the largest paint came from the outline: the app, where it stood, is no
  // larger, so the page's largest paint is the outline's.
  expect(await page.evaluate(() => window.__largest)).toEqual([true]);
  await page.close();
});
