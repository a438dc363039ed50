// A team keeps its template: a new draft starts from it, switching template moves every field
// to where that template puts it, and the export in any template opens back exactly.
import { test, expect, golden, fieldId } from "./fixtures.js";

test("a draft from the Atlassian template has its sections, and writes nothing until filled", async ({ studio, page }) => {
  await studio.open();
  await studio.openLibrary();
  await page.getByRole("button", { name: "New: Atlassian" }).click();
  await expect(studio.field("template")).toHaveValue("atlassian");
  await expect(studio.field("extra_sections[0].heading")).toHaveValue("Leadup");
  await expect(studio.previewHeadings(2)).toHaveCount(0);
  await studio.fill("title", "Queue stall");
  await studio.fill("summary.impact", "Invoices went out two hours late.");
  await studio.fill("extra_sections[1].body", "Why did the consumer stop? Its lease expired.");
  await expect(studio.previewHeadings(2)).toHaveText(["Impact", "Five Whys"]);
});

test("switching template moves every field, and each template's export opens back exactly", async ({ studio, page }) => {
  const report = JSON.parse(golden("06-search-alias-swap.json"));
  await studio.open();
  await studio.openFile("06.json", golden("06-search-alias-swap.json"));
  await expect(studio.field("title")).toHaveValue(report.title);
  const layouts = {
    "google-sre": ["Summary", "Impact", "Root Causes", "Trigger", "Resolution", "Detection", "Action Items", "Timeline", "Responders", "Review"],
    pagerduty: ["Overview", "What Happened", "Contributing Factors", "Resolution", "Impact", "Responders", "Timeline", "Action Items", "Review"],
    atlassian: ["Incident Summary", "Fault", "Impact", "Detection", "Response", "Recovery", "Timeline", "Root Cause", "Corrective Actions", "Review"],
  };
  for (const [template, headings] of Object.entries(layouts)) {
    await studio.field("template").selectOption(template);
    await expect(studio.previewHeadings(2)).toHaveText(headings);
    await studio.waitSaved();
    const markdown = await studio.export("md");
    expect(markdown.text).toBe(golden(`templates/06-search-alias-swap.${template}.md`));
    await studio.page.getByTestId("open-file-input").first().setInputFiles({
      name: `${template}.md`,
      mimeType: "text/markdown",
      buffer: Buffer.from(markdown.text),
    });
    await expect(studio.toast).toContainText(`Imported ${template}.md as a new draft.`);
    await expect(page.getByTestId("import-notes")).toContainText("Every part found its field.");
    await expect(studio.field("template")).toHaveValue(template);
    const reopened = JSON.parse((await studio.export("json")).text);
    expect(reopened).toEqual({ ...report, template });
  }
});

test("the form follows the template: its sections, in its order, and the fields move with their content", async ({ studio, page }) => {
  await studio.open();
  await studio.fill("title", "Queue stall");
  await studio.field("summary.detection").selectOption("customer_report");
  await studio.fill("root_cause_and_resolution.trigger", "A lease renewal failed.");
  await expect(page.locator(`#section-issue-summary #${fieldId("summary.detection")}`)).toHaveCount(1);
  await studio.field("template").focus();
  await studio.field("template").selectOption("google-sre");
  await expect(page.locator(".report-form h2")).toHaveText([
    "Details", "Summary", "Impact", "Root Causes", "Trigger", "Resolution", "Detection", "Action Items",
    "Lessons Learned", "Timeline", "Responders", "Supporting Information", "Review", "Your own sections",
  ]);
  await expect(page.locator(".section-nav a .nav-label")).toHaveText(await page.locator(".report-form h2").allTextContents());
  // The details card is the same card, so the focus stays where the author switched.
  await expect(studio.field("template")).toBeFocused();
  await expect(page.locator(`#section-detection #${fieldId("summary.detection")}`)).toHaveValue("customer_report");
  await expect(page.locator("#section-trigger .guidance")).toContainText("latent fault");
  await expect(page.locator(`#section-trigger #${fieldId("root_cause_and_resolution.trigger")}`)).toHaveValue("A lease renewal failed.");
  await studio.field("template").selectOption("pagerduty");
  await expect(page.locator(`#section-contributing-factors label[for="${fieldId("root_cause_and_resolution.trigger")}"]`)).toHaveText("Trigger");
  await expect(page.locator(`#section-contributing-factors #${fieldId("root_cause_and_resolution.trigger")}`)).toHaveValue("A lease renewal failed.");
  await expect(page.getByTestId("nav-section-howd-we-do")).toBeVisible();
});
