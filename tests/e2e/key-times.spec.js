// The incident's key times and its timeline drawn: inferred moments say so and are marked in
// one click; the chart's marks lead to their entries; the export's table follows.
import { test, expect, golden, fieldId } from "./fixtures.js";

test("inferred key times say so, and one click marks the entry", async ({ studio, page }) => {
  studio.allowResourceErrors(); // the report's images point at hosts that do not exist
  await studio.open();
  await studio.openFile("02.json", golden("02-dns-ttl.json"));
  const keyTimes = page.getByTestId("key-times");
  await expect(keyTimes.locator("li").first()).toHaveText(
    /Time to detect 33 min, from impact start, 08:45 to detected, 09:18 \(entry 4, inferred: first detection entry\)/,
  );
  await expect(keyTimes.locator("li.inferred")).toHaveCount(4);
  const preview = page.getByTestId("preview-pane");
  await expect(preview.locator("table").first()).toContainText("detected, 09:18 (entry 4, inferred)");

  await page.getByRole("button", { name: "Mark entry 4 as detected" }).click();
  await expect(studio.field("timeline[3].milestone")).toHaveValue("detected");
  await expect(keyTimes.locator("li").first()).not.toHaveClass(/inferred/);
  await expect(keyTimes.locator("li").first()).toContainText("detected, 09:18 (entry 4)");
  await expect(preview.locator("table").first()).toContainText("detected, 09:18 (entry 4) |".replace(" |", ""));
  // Marking an earlier entry moves the moment, and the figure follows.
  await studio.field("timeline[3].milestone").selectOption("");
  await studio.field("timeline[1].milestone").selectOption("detected");
  await expect(keyTimes.locator("li").first()).toContainText("Time to detect under 1 min");
});

test("measuring from the declaration needs an entry marked declared", async ({ studio, page }) => {
  studio.allowResourceErrors(); // the report's images point at hosts that do not exist
  await studio.open();
  await studio.openFile("02.json", golden("02-dns-ttl.json"));
  await studio.field("summary.key_times_from").selectOption("declared");
  await expect(studio.findings("summary.key_times_from")).toContainText("no timeline entry is marked declared");
  await studio.field("timeline[5].milestone").selectOption("declared");
  await expect(studio.findings("summary.key_times_from")).toBeEmpty();
  await expect(page.getByTestId("key-times")).toContainText("Time to resolve 1 h 54 min, from declared, 09:58 (entry 6)");
  await expect(page.getByTestId("preview-pane")).toContainText("Measured from the moment the incident was declared.");
});

test("the chart draws every timed entry; a mark leads to its entry, by mouse or keyboard", async ({ studio, page }) => {
  studio.allowResourceErrors(); // the report's images point at hosts that do not exist
  await studio.open();
  await studio.openFile("02.json", golden("02-dns-ttl.json"));
  const chart = page.getByTestId("form-pane").getByTestId("timeline-chart");
  // Entry 3's time is words: listed beside the chart, not drawn.
  await expect(chart.locator(".chart-mark")).toHaveCount(10);
  await expect(chart).toContainText("Not drawn, their times being words: entries 3.");
  await expect(chart.locator(".chart-window")).toHaveCount(1);
  await expect(chart.locator(".chart-silence")).toContainText("47 min with no entry");
  const mark = chart.getByRole("button", { name: /^Entry 9, 10:34, mitigated \(inferred\): / });
  await mark.locator(".chart-dot").click();
  await expect(studio.field("timeline[8].text")).toBeFocused();
  await chart.getByRole("button", { name: /^Entry 6, 09:58/ }).focus();
  await page.keyboard.press("Enter");
  await expect(studio.field("timeline[5].text")).toBeFocused();
  // After typing in an entry, its mark shows the new words when pointed at or focused.
  await studio.fill("timeline[5].text", "Escalated to the network team.");
  await chart.locator(".chart-mark").nth(4).focus();
  await expect(chart.getByRole("button", { name: "Entry 6, 09:58, acknowledged (inferred): Escalated to the network team." })).toBeFocused();
  await expect(page.locator(`#${fieldId("timeline[5].text")}`)).toHaveValue("Escalated to the network team.");
});
