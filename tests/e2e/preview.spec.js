// The release build loads in Chromium; the example report opens and its preview shows every section.
import { test, expect, golden } from "./fixtures.js";

const example = JSON.parse(golden("01-checkout-tls.json"));

test("a new report starts blank with guidance and the example one click away", async ({ studio }) => {
  await studio.open();
  await expect(studio.page).toHaveTitle("Postmortem Studio");
  await expect(studio.previewHeadings(1)).toHaveText(["Untitled postmortem"]);
  await expect(studio.page.getByTestId("start-hint")).toBeVisible();
  await expect(studio.page.locator("#section-issue-summary .guidance")).toContainText("duration with start, end and timezone");
});

test("the example report shows its title and every section heading", async ({ studio }) => {
  await studio.openExample();
  await expect(studio.field("title")).toHaveValue(example.title);
  await expect(studio.previewHeadings(1)).toHaveText([example.title]);
  await expect(studio.previewHeadings(2)).toHaveText([
    "Issue Summary",
    "Timeline",
    "Root Cause and Resolution",
    "Corrective and Preventative Measures",
    ...example.extra_sections.map((s) => s.heading),
  ]);
  await expect(studio.counter).toHaveText("No findings");
  const timeline = studio.preview.locator("h2:has-text('Timeline') + ul > li");
  await expect(timeline).toHaveCount(example.timeline.length);
  const firstEntry = example.timeline[0].text.replace(/[`*_]/g, "");
  await expect(timeline.first()).toContainText(firstEntry.slice(0, 60));
  await expect(studio.preview.locator("input[type=checkbox]")).toHaveCount(example.measures.tasks.length);
});

test("the preview follows every keystroke, and can show the raw Markdown", async ({ studio }) => {
  await studio.open();
  await studio.field("title").pressSequentially("Search results empty");
  await expect(studio.previewHeadings(1)).toHaveText(["Search results empty"]);
  await studio.page.getByTestId("show-markdown").click();
  await expect(studio.page.getByTestId("raw-markdown")).toHaveText("# Search results empty\n");
});
