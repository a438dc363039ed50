// A page object for the app, so specs read as what a person does and sees.
import { test as base, expect } from "@playwright/test";

export class StudioPage {
  constructor(page) {
    this.page = page;
    this.problems = [];
    page.on("console", (message) => {
      if (message.type() === "error") this.problems.push(`console: ${message.text()}`);
    });
    page.on("pageerror", (error) => this.problems.push(`page error: ${error.message}`));
    page.on("dialog", (dialog) => {
      this.problems.push(`dialog: ${dialog.message()}`);
      dialog.dismiss();
    });
    this.title = page.getByTestId("report-title");
    this.status = page.getByTestId("report-status");
    this.preview = page.getByTestId("preview");
  }

  async open() {
    await this.page.goto("./");
    await expect(this.preview).toBeVisible();
  }

  previewHeadings(level) {
    return this.preview.locator(`h${level}`);
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
