// Writing review as the author types: advice beside the field, quoting the phrase, with why and
// what to write instead; dismissed (kept in the report) or turned off (in this browser). The
// review checklist, ticked by the report and by the reviewer, and the status moved on.
import { test, expect, golden, fieldId } from "./fixtures.js";

const ROOT_CAUSE = "root_cause_and_resolution.root_cause";

test("advice quotes the phrase, says why and what instead, and can be dismissed", async ({ studio, page }) => {
  await studio.openExample();
  await studio.fill(ROOT_CAUSE, "The on-call engineer should have noticed the lag. Obviously the alert was too quiet.");
  const field = page.locator(`#${fieldId(ROOT_CAUSE)}`).locator("xpath=..");
  const advice = field.getByTestId("advice");
  await expect(advice).toHaveCount(2);
  await expect(advice.first()).toContainText("“should have noticed”");
  await expect(advice.first()).toContainText("judges a decision by what was only learned later");
  await expect(advice.first()).toContainText("Describe what they saw and knew at the time");
  await expect(advice.first().getByRole("link", { name: "Why" })).toHaveAttribute("href", /^https:\/\//);
  // The preview is not advice: it shows the text as written.
  await expect(studio.preview).toContainText("should have noticed the lag");

  await advice.first().getByRole("button", { name: "Dismiss" }).click();
  await expect(advice).toHaveCount(1);
  await studio.waitSaved();
  const saved = JSON.parse((await studio.export("json")).text);
  expect(saved.review.dismissed).toEqual([{ rule: "blameless/counterfactual", quote: "should have noticed" }]);
  // Kept in the report: after a reload, and through the Markdown export and back.
  await page.reload();
  await expect(page.locator(`#${fieldId(ROOT_CAUSE)}`)).toHaveValue(/should have noticed/);
  await studio.counter.click();
  await expect(field.getByTestId("advice")).toHaveCount(1);
  const markdown = (await studio.export("md")).text;
  expect(markdown).toContain("- **Advice set aside:**\n  - blameless/counterfactual: should have noticed\n");
});

test("a rule turned off stays off in this browser, and can be turned on again", async ({ studio, page }) => {
  await studio.openExample();
  await studio.fill("measures.tasks[0].text", "Be more careful with alias swaps!!");
  const field = page.locator(`#${fieldId("measures.tasks[0].text")}`).locator("xpath=..");
  await expect(field.locator("[data-rule='actionable/try-harder']")).toBeVisible();
  await field.locator("[data-rule='tone/exclamation']").getByRole("button", { name: "Turn this rule off" }).click();
  await expect(field.locator("[data-rule='tone/exclamation']")).toHaveCount(0);
  await expect(field.locator("[data-rule='actionable/try-harder']")).toBeVisible();
  await page.reload();
  await studio.counter.click();
  await expect(field.locator("[data-rule='actionable/try-harder']")).toBeVisible();
  await expect(field.locator("[data-rule='tone/exclamation']")).toHaveCount(0);
  await page.getByTestId("readiness").click();
  const panel = page.getByTestId("review-panel");
  await expect(panel).toContainText("tone/exclamation");
  await panel.getByRole("button", { name: "Turn on" }).click();
  await page.getByRole("button", { name: "Close review" }).click();
  await expect(field.locator("[data-rule='tone/exclamation']")).toBeVisible();
});

test("the checklist ticks what the report answers; the reviewer ticks the rest and moves the status on", async ({ studio, page }) => {
  studio.allowResourceErrors(); // the report's images point at hosts that do not exist
  await studio.open();
  await studio.openFile("06.json", golden("06-search-alias-swap.json"));
  const readiness = page.getByTestId("readiness");
  await expect(readiness).toHaveText(/^Ready \d of 9$/);
  const before = Number((await readiness.textContent()).match(/Ready (\d)/)[1]);
  await readiness.click();
  const panel = page.getByTestId("review-panel");
  await expect(panel.locator(".check.done")).toHaveCount(before);
  await expect(panel).toContainText("The key times can be worked out");
  await panel.getByLabel("Each task's owner has agreed to it").check();
  await expect(readiness).toHaveText(`Ready ${before + 1} of 9`);
  await expect(page.getByTestId("review-status")).toHaveText("in review");
  await panel.getByRole("button", { name: "Mark reviewed" }).click();
  await expect(page.getByTestId("review-status")).toHaveText("reviewed");
  await page.getByRole("button", { name: "Close review" }).click();
  await studio.waitSaved();
  const saved = JSON.parse((await studio.export("json")).text);
  expect(saved.review.checked).toEqual(["tasks_agreed"]);
  expect(saved.review.status).toBe("reviewed");
  expect(saved.review.date).toBeTruthy();
  await readiness.click();
  await panel.getByLabel("Each task's owner has agreed to it").uncheck();
  await expect(readiness).toHaveText(`Ready ${before} of 9`);
});
