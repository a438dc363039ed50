// Printing (or saving as PDF) gives the report alone: no form, buttons or banners, a header of
// its severity, status and window, the timeline drawn, links written out, light colours.
import { test, expect, golden } from "./fixtures.js";

test("print media shows only the report, with its header and chart", async ({ studio, page }) => {
  studio.allowResourceErrors(); // the report's images point at hosts that do not exist
  await page.emulateMedia({ colorScheme: "dark" });
  await studio.open();
  await studio.openFile("06.json", golden("06-search-alias-swap.json"));
  await expect(studio.field("title")).toHaveValue(/Search returned empty results/);
  await expect(page.getByTestId("print-facts")).toBeHidden();
  await page.emulateMedia({ media: "print", colorScheme: "dark" });
  for (const hidden of [".app-bar", "[data-testid=form-pane]", ".preview-toolbar", ".toast"]) {
    await expect(page.locator(hidden)).toBeHidden();
  }
  await expect(page.getByTestId("preview")).toBeVisible();
  await expect(page.getByTestId("print-facts")).toHaveText("Postmortem · P1 · in review · 2026-05-12 13:40 – 14:25 UTC+02:00 (45 min)");
  await expect(page.locator(".print-header [data-testid=timeline-chart] .chart-mark")).toHaveCount(6);
  // Light whatever the theme, and links written out after their text.
  const colours = await page.evaluate(() => {
    const body = getComputedStyle(document.body).backgroundColor;
    const link = document.querySelector("[data-testid=preview] a[href^='http']");
    return { body, after: link ? getComputedStyle(link, "::after").content : null };
  });
  expect(colours.body).toBe("rgb(255, 255, 255)");
  expect(colours.after).toContain("https://");
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  expect(pdf.length).toBeGreaterThan(10_000);
  if (process.env.PRINT_PDF) (await import("node:fs")).writeFileSync(process.env.PRINT_PDF, pdf);
});

test("the Print / PDF button opens the browser's print", async ({ studio, page }) => {
  await studio.openExample();
  await page.evaluate(() => {
    window.printed = 0;
    window.print = () => (window.printed += 1);
  });
  await (await studio.exportItem("print")).click();
  expect(await page.evaluate(() => window.printed)).toBe(1);
});
