// A page object for the app, so specs read as what a person does and sees.
import { readFileSync } from "node:fs";
import { test as base, expect } from "@playwright/test";

/// The DOM id the app gives the input for a report path: `timeline[3].time` → `field-timeline-3-time`.
export function fieldId(path) {
  return "field-" + path.replace(/[^A-Za-z0-9_]+/g, "-").replace(/-+$/, "");
}

export function golden(name) {
  const url = new URL(`../golden/${name}`, import.meta.url);
  return readFileSync(url, "utf8");
}

/// "2026-03-14T09:12:00+00:00" → the value a datetime-local input shows for it in its own offset.
export function localInput(rfc3339) {
  const [date, rest] = rfc3339.split("T");
  const clock = rest.slice(0, 8);
  return clock.endsWith(":00") ? `${date}T${clock.slice(0, 5)}` : `${date}T${clock}`;
}

export class StudioPage {
  constructor(page) {
    this.page = page;
    this.problems = [];
    this.ignoreResourceErrors = false;
    this.expectedErrors = [];
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      if (this.ignoreResourceErrors && message.text().startsWith("Failed to load resource")) return;
      if (this.expectedErrors.some((pattern) => pattern.test(message.text()))) return;
      this.problems.push(`console: ${message.text()}`);
    });
    page.on("pageerror", (error) => this.problems.push(`page error: ${error.message}`));
    page.on("dialog", (dialog) => {
      this.problems.push(`dialog: ${dialog.message()}`);
      dialog.dismiss();
    });
    this.preview = page.getByTestId("preview");
    this.counter = page.getByTestId("findings-counter");
    this.exportMessage = page.getByTestId("export-message");
    this.saveStatus = page.getByTestId("save-status");
    this.toast = page.getByTestId("toast");
    this.library = page.getByTestId("library");
  }

  /// For a test that provokes an error on purpose.
  expectConsoleError(pattern) {
    this.expectedErrors.push(pattern);
  }

  /// For tests whose reports point at images that cannot load here.
  allowResourceErrors() {
    this.ignoreResourceErrors = true;
  }

  async open() {
    await this.page.goto("./");
    await expect(this.page.locator("#section-details")).toBeVisible();
  }

  async openExample() {
    await this.open();
    await this.page.getByRole("button", { name: "Open the example report" }).click();
  }

  /// Waits for the counter to say "No findings"; if it never does, the error lists every
  /// finding, so that a failure says which field went wrong.
  async expectNoFindings() {
    try {
      await expect(this.counter).toHaveText("No findings");
    } catch (error) {
      await this.counter.click();
      const findings = await this.page.locator(".finding").allTextContents();
      throw new Error(`${error.message}\nfindings shown: ${JSON.stringify(findings)}`);
    }
  }

  async waitSaved() {
    await expect(this.saveStatus).toHaveText(/^Saved · \d\d:\d\d$/);
  }

  async openLibrary() {
    await this.page.getByTestId("open-library").click();
    await expect(this.library).toBeVisible();
  }

  /// Chooses a file in the "Open file…" picker.
  async openFile(name, content) {
    const buffer = Buffer.isBuffer(content) ? content : Buffer.from(content);
    await this.page.getByTestId("open-file-input").first().setInputFiles({ name, mimeType: "application/json", buffer });
  }

  /// Our stored values, key → raw string.
  async stored() {
    return this.page.evaluate(() => {
      const out = {};
      for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i);
        if (key.startsWith("postmortem-studio/draft/")) out[key] = localStorage.getItem(key);
      }
      return out;
    });
  }

  field(path) {
    return this.page.locator(`#${fieldId(path)}`);
  }

  /// The messages shown beside a field.
  findings(path) {
    return this.page.locator(`#${fieldId(path)}-findings`);
  }

  async fill(path, value) {
    await this.field(path).fill(value);
  }

  async add(label) {
    await this.page.getByRole("button", { name: label, exact: true }).click();
  }

  previewHeadings(level) {
    return this.preview.locator(`h${level}`);
  }

  /// An item of the Export menu, with the menu opened, as a person would find it.
  async exportItem(testId) {
    return exportItem(this.page, testId);
  }

  /// Chooses an export from the Export menu and returns the downloaded file's name and text.
  async export(kind) {
    return this.downloadFrom(await this.exportItem(kind === "json" ? "export-json" : "export-md"));
  }

  /// Clicks something that downloads a file and returns the file's name and text.
  async downloadFrom(locator) {
    const download = this.page.waitForEvent("download");
    await locator.click();
    const file = await download;
    const stream = await file.createReadStream();
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    return { name: file.suggestedFilename(), text: Buffer.concat(chunks).toString("utf8") };
  }

  /// Types a whole report into the form, as a person would, section by section.
  async fillReport(report) {
    const s = report.summary;
    await this.fill("title", report.title);
    if (report.service) await this.fill("service", report.service);
    if (report.severity) await this.page.locator("#field-severity").selectOption(report.severity);
    if (report.authors) await this.fill("authors", report.authors.join(", "));
    if (report.incident?.key) await this.fill("incident.key", report.incident.key);
    if (report.incident?.url) await this.fill("incident.url", report.incident.url);
    if (report.owner) await this.fill("owner", report.owner);
    if (report.tags) await this.fill("tags", report.tags.join(", "));
    if (s.timezone) await this.field("summary.timezone").selectOption(s.timezone);
    if (s.started_at) await this.fill("summary.started_at", localInput(s.started_at));
    if (s.ended_at) await this.fill("summary.ended_at", localInput(s.ended_at));
    await this.fill("summary.impact", s.impact);
    if (s.users_affected_percent !== undefined) await this.fill("summary.users_affected_percent", String(s.users_affected_percent));
    if (s.business_impact) await this.fill("summary.business_impact", s.business_impact);
    if (s.detection) await this.field("summary.detection").selectOption(s.detection);
    for (const [i, figure] of (s.impact_figures ?? []).entries()) {
      await this.add("Add impact figure");
      await this.fill(`summary.impact_figures[${i}].name`, figure.name);
      if (figure.value) await this.fill(`summary.impact_figures[${i}].value`, figure.value);
    }
    await this.fill("summary.root_cause", s.root_cause);

    for (const [i, entry] of report.timeline.entries()) {
      await this.add("Add entry");
      const at = `timeline[${i}]`;
      if (entry.time) await this.fill(`${at}.time`, localInput(entry.time));
      await this.field(`${at}.kind`).selectOption(entry.kind ?? "other");
      if (entry.actor) await this.fill(`${at}.actor`, entry.actor);
      if (entry.milestone) await this.field(`${at}.milestone`).selectOption(entry.milestone);
      await this.fill(`${at}.text`, entry.text);
    }

    await this.fill("root_cause_and_resolution.root_cause", report.root_cause_and_resolution.root_cause);
    if (report.root_cause_and_resolution.trigger) await this.fill("root_cause_and_resolution.trigger", report.root_cause_and_resolution.trigger);
    for (const [i, factor] of (report.root_cause_and_resolution.contributing_factors ?? []).entries()) {
      await this.add("Add contributing factor");
      await this.fill(`root_cause_and_resolution.contributing_factors[${i}]`, factor);
    }
    await this.fill("root_cause_and_resolution.resolution", report.root_cause_and_resolution.resolution);

    for (const [i, improvement] of report.measures.improvements.entries()) {
      await this.add("Add improvement");
      await this.fill(`measures.improvements[${i}]`, improvement);
    }
    for (const [i, task] of report.measures.tasks.entries()) {
      await this.add("Add task");
      await this.fill(`measures.tasks[${i}].text`, task.text);
      if (task.owner) await this.fill(`measures.tasks[${i}].owner`, task.owner);
      if (task.due) await this.fill(`measures.tasks[${i}].due`, task.due);
      if (task.ticket) await this.fill(`measures.tasks[${i}].ticket`, task.ticket);
      if (task.priority) await this.field(`measures.tasks[${i}].priority`).selectOption(task.priority);
      if (task.type) await this.field(`measures.tasks[${i}].type`).selectOption(task.type);
      if (task.status && task.status !== "open") await this.field(`measures.tasks[${i}].status`).selectOption(task.status);
    }

    const lessons = { went_well: "what went well", went_wrong: "what went wrong", got_lucky: "where we got lucky" };
    for (const [group, words] of Object.entries(lessons)) {
      for (const [i, item] of (report.lessons_learned?.[group] ?? []).entries()) {
        await this.add(`Add ${words}`);
        await this.fill(`lessons_learned.${group}[${i}]`, item);
      }
    }
    for (const [i, responder] of (report.responders ?? []).entries()) {
      await this.add("Add responder");
      await this.fill(`responders[${i}].name`, responder.name);
      if (responder.role) await this.fill(`responders[${i}].role`, responder.role.replaceAll("_", " "));
    }
    if (report.review) {
      const review = report.review;
      if (review.status) await this.field("review.status").selectOption(review.status);
      if (review.reviewers) await this.fill("review.reviewers", review.reviewers.join(", "));
      if (review.date) await this.fill("review.date", review.date);
      if (review.shared_with) await this.fill("review.shared_with", review.shared_with.join(", "));
    }
    for (const [i, image] of (report.images ?? []).entries()) {
      await this.add("Add image");
      await this.fill(`images[${i}].url`, image.url);
      await this.fill(`images[${i}].alt`, image.alt);
    }
    for (const [i, section] of (report.extra_sections ?? []).entries()) {
      await this.add("Add section");
      await this.fill(`extra_sections[${i}].heading`, section.heading);
      await this.fill(`extra_sections[${i}].body`, section.body);
    }
  }
}

export const test = base.extend({
  studio: async ({ page }, use) => {
    const studio = new StudioPage(page);
    await use(studio);
    expect(studio.problems, "no console errors, page errors or dialogs").toEqual([]);
  },
});

export { expect };

/// Opens the Export menu on `page` (unless open) and returns its item `testId`.
export async function exportItem(page, testId) {
  const menu = page.getByTestId("export-menu");
  if (!(await menu.evaluate((details) => details.open))) {
    await page.getByTestId("export-menu-button").click();
  }
  return page.getByTestId(testId);
}
