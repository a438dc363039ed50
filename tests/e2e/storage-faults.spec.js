// Storage faults: each gives a clear message, and nothing already saved is lost.
import { test, expect } from "./fixtures.js";

test("storage full: the draft stays in the tab, a banner says so and offers a download; the saved copy is unchanged", async ({ studio, page }) => {
  await studio.open();
  await studio.fill("title", "Saved before the disk filled");
  await studio.waitSaved();
  const before = await studio.stored();
  // Another site component fills the rest of the quota.
  await page.evaluate(() => {
    // Fill with ever smaller values until not even one character fits.
    let n = 0;
    for (let size = 512 * 1024; size >= 1; size >>= 1) {
      const value = "x".repeat(size);
      for (;;) {
        try {
          localStorage.setItem(`filler/${n++}`, value);
        } catch {
          break;
        }
      }
    }
  });
  await studio.fill("title", "Typed after the disk filled, and much longer than before so it cannot fit");
  await expect(page.getByTestId("storage-banner")).toContainText("Not saved: browser storage is full.");
  await expect(studio.saveStatus).toHaveText("Not saved");
  expect(await studio.stored()).toEqual(before);
  await expect(studio.field("title")).toHaveValue("Typed after the disk filled, and much longer than before so it cannot fit");
  // Typing on keeps the banner up (no flicker while the next save is pending).
  await studio.field("title").press("End");
  await studio.field("title").pressSequentially("!");
  // Checked at once, not retried: a banner that hid while the save is pending would fail here.
  expect(await page.getByTestId("storage-banner").isVisible()).toBe(true);
  expect(await studio.saveStatus.textContent()).toBe("Not saved");
  const copy = await studio.downloadFrom(page.getByTestId("storage-banner").getByRole("button", { name: "Download a copy" }));
  expect(JSON.parse(copy.text).title).toBe("Typed after the disk filled, and much longer than before so it cannot fit!");
  // Room is made; trying again saves.
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("filler/")).forEach((k) => localStorage.removeItem(k)));
  await page.getByTestId("storage-banner").getByRole("button", { name: "Try again" }).click();
  await studio.waitSaved();
});

test("storage unavailable: the app runs in memory and says so", async ({ studio, page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      get() {
        throw new DOMException("The operation is insecure.", "SecurityError");
      },
    });
  });
  await studio.open();
  await expect(page.getByTestId("storage-banner")).toContainText("Browser storage is not available (SecurityError: The operation is insecure.)");
  await studio.fill("title", "Still works in memory");
  await expect(studio.previewHeadings(1)).toHaveText(["Still works in memory"]);
  await expect(studio.saveStatus).toHaveText("Not saved: storage unavailable");
});

test("corrupt, foreign and future data under our keys: the app starts, keeps the bytes and offers them for download", async ({ studio, page }) => {
  const corrupt = '{"format":"postmortem-draft","version":1,"id":"a","revis';
  const future = JSON.stringify({ format: "postmortem-draft", version: 7, id: "b", future: true });
  const foreign = "not json at all \u{1F4A5}";
  await page.addInitScript(([corrupt, future, foreign]) => {
    if (sessionStorage.getItem("seeded")) return;
    sessionStorage.setItem("seeded", "1");
    localStorage.setItem("postmortem-studio/draft/a", corrupt);
    localStorage.setItem("postmortem-studio/draft/b", future);
    localStorage.setItem("postmortem-studio/draft/c", foreign);
    localStorage.setItem("postmortem-studio/session", "{broken");
  }, [corrupt, future, foreign]);
  await studio.open();
  await expect(studio.toast).toContainText("3 saved drafts could not be read. They are kept unchanged");
  await studio.fill("title", "A new draft beside the broken ones");
  await studio.waitSaved();
  const stored = await studio.stored();
  expect(stored["postmortem-studio/draft/a"]).toBe(corrupt);
  expect(stored["postmortem-studio/draft/b"]).toBe(future);
  expect(stored["postmortem-studio/draft/c"]).toBe(foreign);

  await studio.openLibrary();
  const unreadable = page.getByTestId("unreadable-draft");
  await expect(unreadable).toHaveCount(3);
  await expect(unreadable.filter({ hasText: "newer version" })).toHaveCount(1);
  const download = await studio.downloadFrom(unreadable.filter({ hasText: "newer version" }).getByRole("button", { name: "Download as stored" }));
  expect(download.text).toBe(future);
});

/// A saved draft open in this tab and in a second one.
async function twoTabsOnOneDraft(studio, page, context, title) {
  await studio.open();
  await studio.fill("title", title);
  await studio.waitSaved();
  const second = await context.newPage();
  await second.goto(page.url());
  await expect(second.locator("#field-title")).toHaveValue(title);
  return second;
}

/// Waits until exactly one of the two tabs asks which version to keep; returns [asking, other].
async function conflictBetween(page, second) {
  const asking = async () => (await page.getByTestId("conflict-banner").count()) + (await second.getByTestId("conflict-banner").count());
  await expect.poll(asking).toBe(1);
  return (await page.getByTestId("conflict-banner").count()) ? [page, second] : [second, page];
}

test("two tabs on one draft: a save never silently overwrites the other tab's", async ({ studio, page, context }) => {
  const second = await twoTabsOnOneDraft(studio, page, context, "Shared draft");

  // The first tab saves; the second, with nothing typed, follows it.
  await studio.fill("summary.impact", "Typed in the first tab");
  await studio.waitSaved();
  await expect(second.locator("#field-summary-impact")).toHaveValue("Typed in the first tab");

  // Both type before seeing each other's save: the later save is stopped and asks.
  await second.locator("#field-summary-root_cause").fill("Typed in the second tab");
  await studio.fill("summary.business_impact", "Typed in the first tab again");
  const [loser] = await conflictBetween(page, second);
  await expect(loser.getByTestId("conflict-banner")).toContainText("This draft was changed in another tab.");
  await loser.getByRole("button", { name: "Keep both" }).click();
  await expect(loser.getByTestId("save-status")).toHaveText(/^Saved/);
  await loser.getByTestId("open-library").click();
  await expect(loser.getByTestId("library-item")).toHaveCount(2);
  await second.close();
});

test("two tabs: Load theirs takes the other tab's version, Keep mine keeps this one", async ({ studio, page, context }) => {
  const second = await twoTabsOnOneDraft(studio, page, context, "Base");
  // Both tabs type before either sees the other's save.
  await studio.fill("summary.impact", "From tab one");
  await second.locator("#field-summary-root_cause").fill("From tab two");
  const [loser, winner] = await conflictBetween(page, second);
  await loser.getByRole("button", { name: "Load theirs" }).click();
  await expect(loser.getByTestId("conflict-banner")).toHaveCount(0);
  const theirs = await winner.evaluate(() => [document.querySelector("#field-summary-impact").value, document.querySelector("#field-summary-root_cause").value]);
  await expect(loser.locator("#field-summary-impact")).toHaveValue(theirs[0]);
  await expect(loser.locator("#field-summary-root_cause")).toHaveValue(theirs[1]);
  await second.close();
});
