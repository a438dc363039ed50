// Drafts and backups written by the previous release (report format version 1) open with
// nothing lost, and are saved back in version 2.
import { test, expect } from "./fixtures.js";

// As the previous release stored a draft: a version 1 report, tasks with `done`.
const v1Report = {
  format: "postmortem",
  version: 1,
  title: "Queue stall written by the previous release",
  severity: "SEV2",
  authors: ["Kim Ode"],
  summary: { impact: "Invoices were sent two hours late.", root_cause: "A consumer stopped acknowledging messages." },
  measures: {
    tasks: [
      { text: "Alert on queue age", owner: "Kim Ode", due: "2026-02-01", done: true },
      { text: "Add a consumer liveness probe", owner: "Platform", due: "Q2", done: false },
    ],
  },
};
const v1Draft = {
  format: "postmortem-draft",
  id: "previous-release",
  report: v1Report,
  revision: 4,
  saved_at: "2026-01-10T09:00:00.000Z",
  version: 1,
};

test("a draft saved by the previous release opens, and is saved back in the new format", async ({ studio, page }) => {
  await page.addInitScript((draft) => {
    if (sessionStorage.getItem("seeded")) return;
    sessionStorage.setItem("seeded", "1");
    localStorage.setItem("postmortem-studio/draft/previous-release", JSON.stringify(draft));
    localStorage.setItem("postmortem-studio/session", JSON.stringify({ draft_id: "previous-release" }));
  }, v1Draft);
  await studio.open();
  await expect(studio.field("title")).toHaveValue(v1Report.title);
  await expect(page.locator("#field-severity")).toHaveValue("SEV2");
  await expect(studio.field("measures.tasks[0].status")).toHaveValue("done");
  await expect(studio.field("measures.tasks[1].status")).toHaveValue("open");
  await expect(studio.field("measures.tasks[1].due")).toHaveValue("Q2");

  await studio.fill("summary.impact", "Invoices were sent two hours late to every customer.");
  await studio.waitSaved();
  const stored = JSON.parse((await studio.stored())["postmortem-studio/draft/previous-release"]);
  expect(stored.revision).toBe(5);
  expect(stored.report.version).toBe(2);
  expect(stored.report.measures.tasks.map((t) => t.status)).toEqual(["done", "open"]);
  expect(stored.report.measures.tasks.every((t) => !("done" in t))).toBe(true);
  expect(stored.report.authors).toEqual(["Kim Ode"]);
});

test("a backup made by the previous release restores its drafts", async ({ studio, page }) => {
  const backup = { format: "postmortem-backup", version: 1, drafts: [v1Draft] };
  await studio.open();
  await studio.openLibrary();
  await page.getByTestId("open-file-input").last().setInputFiles({
    name: "postmortem-drafts-2026-01-10.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(backup)),
  });
  await expect(studio.toast).toContainText("Restored 1 draft(s) from postmortem-drafts-2026-01-10.json.");
  await expect(page.getByTestId("library-item").filter({ hasText: v1Report.title })).toHaveCount(1);
});
