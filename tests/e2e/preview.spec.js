// The release build loads in Chromium and shows the example report rendered from its Markdown.
import { readFileSync } from "node:fs";
import { test, expect } from "./fixtures.js";

const example = JSON.parse(readFileSync(new URL("../golden/01-checkout-tls.json", import.meta.url), "utf8"));

test("shows the example report's title and every section heading", async ({ studio }) => {
  await studio.open();
  await expect(studio.title).toHaveText(example.title);
  await expect(studio.previewHeadings(1)).toHaveText([example.title]);
  await expect(studio.previewHeadings(2)).toHaveText([
    "Issue Summary",
    "Timeline",
    "Root Cause and Resolution",
    "Corrective and Preventative Measures",
    ...example.extra_sections.map((s) => s.heading),
  ]);
  await expect(studio.status).toHaveText("Complete: no findings");
});

test("renders every timeline entry and task from the report", async ({ studio }) => {
  await studio.open();
  const timeline = studio.preview.locator("h2:has-text('Timeline') + ul > li");
  await expect(timeline).toHaveCount(example.timeline.length);
  // The preview shows the text rendered, so inline Markdown marks are not in it.
  const firstEntry = example.timeline[0].text.replace(/[`*_]/g, "");
  await expect(timeline.first()).toContainText(firstEntry.slice(0, 60));
  const checkboxes = studio.preview.locator("input[type=checkbox]");
  await expect(checkboxes).toHaveCount(example.measures.tasks.length);
  await expect(studio.page).toHaveTitle("Postmortem Studio");
});

test("the page is usable on a phone-sized screen", async ({ studio }) => {
  await studio.page.setViewportSize({ width: 390, height: 844 });
  await studio.open();
  const overflow = await studio.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "no horizontal scrolling").toBeLessThanOrEqual(0);
});
