// Editing lists with buttons and the keyboard, and the narrow-screen layout.
import { test, expect } from "./fixtures.js";

test("timeline entries move with buttons and Alt+Arrow keys, and focus follows", async ({ studio, page }) => {
  await studio.open();
  for (const [i, text] of ["first", "second", "third"].entries()) {
    await studio.add("Add entry");
    await expect(studio.field(`timeline[${i}].text`)).toBeFocused(); // a new entry's text takes the focus
    await page.keyboard.type(text);
  }
  const texts = () => page.getByTestId("timeline-entry").locator("textarea");
  const values = () => texts().evaluateAll((areas) => areas.map((a) => a.value));
  await expect.poll(values).toEqual(["first", "second", "third"]);
  await studio.field("timeline[2].text").focus();
  await page.keyboard.press("Alt+ArrowUp");
  await expect.poll(values).toEqual(["first", "third", "second"]);
  await expect(studio.field("timeline[1].text")).toBeFocused();
  await page.getByRole("button", { name: "Move entry 1 down" }).click();
  await expect.poll(values).toEqual(["third", "first", "second"]);
  await page.getByRole("button", { name: "Remove entry 2" }).click();
  await expect.poll(values).toEqual(["third", "second"]);
  await expect(studio.preview.locator("h2:has-text('Timeline') + ul > li")).toHaveText(["third", "second"]);
});

test("a timezone change keeps the times as typed and relabels them", async ({ studio }) => {
  await studio.open();
  await studio.fill("summary.started_at", "2026-05-01T10:00");
  await studio.field("summary.timezone").selectOption("UTC+02:00");
  await expect(studio.field("summary.started_at")).toHaveValue("2026-05-01T10:00");
  await expect(studio.preview).toContainText("from 2026-05-01 10:00 UTC+02:00, end not recorded");
});

test("on a phone the form and the preview are tabs", async ({ studio, page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await studio.openExample();
  await expect(page.getByTestId("form-pane")).toBeVisible();
  await expect(page.getByTestId("preview-pane")).toBeHidden();
  await page.getByRole("tab", { name: "Preview" }).click();
  await expect(page.getByTestId("preview-pane")).toBeVisible();
  await expect(page.getByTestId("form-pane")).toBeHidden();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "no horizontal scrolling").toBeLessThanOrEqual(0);
});

test("the section navigator jumps to a section", async ({ studio, page }) => {
  await studio.openExample();
  await page.getByTestId("nav-section-corrective-and-preventative-measures").click();
  await expect(page.locator("#section-corrective-and-preventative-measures-heading")).toBeFocused();
  await expect(page.locator("#section-corrective-and-preventative-measures-heading")).toBeInViewport();
});
