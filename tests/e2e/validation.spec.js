// Each validation rule, as a person meets it: the message appears beside the field while typing,
// the navigator and counter reflect it, and it disappears once fixed.
import { test, expect } from "./fixtures.js";

test.beforeEach(async ({ studio }) => {
  await studio.open();
});

test("a required field left empty", async ({ studio }) => {
  await studio.fill("title", "x");
  await studio.fill("title", "");
  await expect(studio.findings("title")).toContainText("The title is empty");
  await expect(studio.field("title")).toHaveAttribute("aria-invalid", "true");
  await studio.fill("title", "Queue backlog");
  await expect(studio.findings("title")).toBeEmpty();
  await expect(studio.field("title")).toHaveAttribute("aria-invalid", "false");
});

test("an end that is not after the start, and the live duration", async ({ studio }) => {
  await studio.fill("summary.started_at", "2026-05-01T10:00");
  await studio.fill("summary.ended_at", "2026-05-01T09:30");
  await expect(studio.findings("summary.ended_at")).toContainText("The end is not after the start");
  await studio.fill("summary.ended_at", "2026-05-01T12:30");
  await expect(studio.findings("summary.ended_at")).toBeEmpty();
  await expect(studio.page.getByTestId("duration")).toHaveText("Duration: 2 h 30 min (UTC)");
});

test("a percentage that is not a number or out of range", async ({ studio }) => {
  await studio.fill("summary.users_affected_percent", "most");
  await expect(studio.findings("summary.users_affected_percent")).toContainText('"most" is not a number');
  await studio.fill("summary.users_affected_percent", "140");
  await expect(studio.findings("summary.users_affected_percent")).toContainText("from 0 to 100");
  await studio.fill("summary.users_affected_percent", "40");
  await expect(studio.findings("summary.users_affected_percent")).toBeEmpty();
  await expect(studio.preview).toContainText("Users affected: 40%");
});

test("a summary longer than an executive reads", async ({ studio }) => {
  await studio.fill("summary.impact", "word ".repeat(130));
  await expect(studio.page.locator("#field-summary")).toContainText("executives read about 120");
  await studio.fill("summary.impact", "Checkout failed for everyone.");
  await expect(studio.page.locator("#field-summary")).toBeEmpty();
});

test("timeline entries out of order, outside the window, without detection or resolution", async ({ studio }) => {
  await studio.fill("summary.started_at", "2026-05-01T10:00");
  await studio.fill("summary.ended_at", "2026-05-01T11:00");
  await studio.add("Add entry");
  await expect(studio.field("timeline[0].time")).toHaveValue("2026-05-01T10:00");
  await studio.fill("timeline[0].text", "Alert fired");
  await expect(studio.page.locator("#field-timeline")).toContainText("No entry is marked Detection");
  await expect(studio.page.locator("#field-timeline")).toContainText("No entry is marked Resolution");
  await studio.field("timeline[0].kind").selectOption("detection");
  await expect(studio.page.locator("#field-timeline")).not.toContainText("Detection");

  await studio.add("Add entry");
  await expect(studio.field("timeline[1].time")).toHaveValue("2026-05-01T10:05");
  await studio.fill("timeline[1].time", "2026-05-01T09:50");
  await studio.fill("timeline[1].text", "Deploy");
  await expect(studio.findings("timeline[1].time")).toContainText("earlier than the one before it");
  await studio.page.getByRole("button", { name: "Sort by time" }).click();
  await expect(studio.field("timeline[0].text")).toHaveValue("Deploy");
  await expect(studio.findings("timeline[1].time")).toBeEmpty();

  await studio.add("Add entry");
  await studio.fill("timeline[2].time", "2026-05-01T11:30");
  await studio.field("timeline[2].kind").selectOption("resolution");
  await studio.fill("timeline[2].text", "Fixed");
  await expect(studio.findings("timeline[2].time")).toContainText("after the incident's end");
  await studio.fill("timeline[2].time", "2026-05-01T10:55");
  await expect(studio.findings("timeline[2].time")).toBeEmpty();
  await expect(studio.page.locator("#field-timeline")).toBeEmpty();
});

test("a task without an owner or due date", async ({ studio }) => {
  await studio.add("Add task");
  await studio.fill("measures.tasks[0].text", "Add a size guard to the index swap");
  await studio.field("measures.tasks[0].owner").focus();
  await studio.field("measures.tasks[0].owner").blur();
  await expect(studio.findings("measures.tasks[0].owner")).toContainText("no owner");
  await studio.fill("measures.tasks[0].owner", "Search team");
  await expect(studio.findings("measures.tasks[0].owner")).toBeEmpty();
  await studio.fill("measures.tasks[0].due", "x");
  await studio.fill("measures.tasks[0].due", "");
  await expect(studio.findings("measures.tasks[0].due")).toContainText("no due date");
  await studio.fill("measures.tasks[0].due", "2026-06-01");
  await expect(studio.findings("measures.tasks[0].due")).toBeEmpty();
});

test("an image URL that is not a web address", async ({ studio }) => {
  studio.allowResourceErrors(); // the preview tries to load the example image URL
  await studio.add("Add image");
  await studio.fill("images[0].url", "javascript:alert(1)");
  await expect(studio.findings("images[0].url")).toContainText("is not a web address");
  await expect(studio.page.getByTestId("nav-section-images").locator(".badge")).toHaveClass(/badge-error/);
  await studio.fill("images[0].url", "https://grafana.example.com/d/1.png");
  await studio.fill("images[0].alt", "Error rate");
  await expect(studio.findings("images[0].url")).toBeEmpty();
  await expect(studio.page.getByTestId("nav-section-images").locator(".badge")).toHaveClass(/badge-ok/);
});

test("the counter shows every finding inline on demand", async ({ studio }) => {
  await expect(studio.counter).toHaveText(/^\d+ errors · 1 warning$/);
  await expect(studio.findings("summary.impact")).toBeEmpty();
  await studio.counter.click();
  await expect(studio.findings("summary.impact")).toContainText("The impact is empty");
  await expect(studio.page.getByTestId("nav-section-issue-summary").locator(".badge")).toHaveClass(/badge-error/);
});
