// Drafts are saved as you type and come back after a reload; the library manages them.
import { test, expect, golden } from "./fixtures.js";

test("typing is saved within a moment and survives a reload, cursor included", async ({ studio, page }) => {
  await studio.open();
  await expect(studio.saveStatus).toHaveText("Nothing to save yet");
  await studio.fill("title", "Queue backlog overnight");
  await studio.fill("summary.impact", "Password reset emails arrived hours late.");
  await studio.add("Add entry");
  await studio.fill("timeline[0].text", "Consumer lag alert fired");
  await studio.waitSaved();
  await studio.field("summary.impact").focus();
  await page.reload();
  await expect(studio.field("title")).toHaveValue("Queue backlog overnight");
  await expect(studio.field("summary.impact")).toHaveValue("Password reset emails arrived hours late.");
  await expect(studio.field("timeline[0].text")).toHaveValue("Consumer lag alert fired");
  await expect(studio.field("summary.impact")).toBeFocused();
  await expect(studio.previewHeadings(1)).toHaveText(["Queue backlog overnight"]);
});

test("a reload right after typing loses nothing", async ({ studio, page }) => {
  await studio.open();
  await studio.field("title").pressSequentially("Typed just before reload");
  // No wait for the autosave timer: leaving the page saves at once.
  await page.reload();
  await expect(studio.field("title")).toHaveValue("Typed just before reload");
});

test("new from a template, open, rename, duplicate, delete and undo", async ({ studio, page }) => {
  await studio.open();
  await studio.fill("title", "First incident");
  await studio.waitSaved();
  await studio.openLibrary();
  await page.getByRole("button", { name: "New: Classic four sections" }).click();
  await expect(studio.field("timeline[0].kind")).toHaveValue("detection");
  await expect(studio.field("timeline[4].kind")).toHaveValue("resolution");
  await studio.fill("title", "Second incident");
  await studio.waitSaved();

  await studio.openLibrary();
  const items = page.getByTestId("library-item");
  await expect(items).toHaveCount(2);
  await expect(items.first()).toContainText("open now");
  await items.filter({ hasText: "First incident" }).getByRole("button", { name: "First incident" }).click();
  await expect(studio.field("title")).toHaveValue("First incident");

  await studio.openLibrary();
  await items.filter({ hasText: "Second incident" }).getByRole("button", { name: "Rename" }).click();
  await page.getByLabel("New title").fill("Second incident, renamed");
  await page.getByLabel("New title").press("Enter");
  await expect(items.filter({ hasText: "Second incident, renamed" })).toHaveCount(1);

  await items.filter({ hasText: "First incident" }).getByRole("button", { name: "Duplicate" }).click();
  await expect(items).toHaveCount(3);
  await expect(items.filter({ hasText: "Copy of First incident" })).toHaveCount(1);

  await items.filter({ hasText: "Copy of First incident" }).getByRole("button", { name: "Delete" }).click();
  await expect(items).toHaveCount(2);
  await expect(studio.toast).toContainText("Deleted “Copy of First incident”.");
  await studio.toast.getByRole("button", { name: "Undo" }).click();
  await expect(items).toHaveCount(3);
});

test("all drafts download as one backup and restore from it", async ({ studio, page, context }) => {
  await studio.open();
  await studio.fill("title", "Backed up incident");
  await studio.waitSaved();
  await studio.openLibrary();
  const backup = await studio.downloadFrom(page.getByRole("button", { name: "Download all drafts" }));
  expect(backup.name).toMatch(/^postmortem-drafts-\d{4}-\d{2}-\d{2}\.json$/);
  const parsed = JSON.parse(backup.text);
  expect(parsed.format).toBe("postmortem-backup");
  expect(parsed.drafts.map((d) => d.report.title)).toEqual(["Backed up incident"]);

  // In a fresh browser profile, the backup brings the draft back.
  const other = await context.browser().newContext();
  const fresh = await other.newPage();
  await fresh.goto(page.url());
  await fresh.getByTestId("open-library").click();
  await fresh.getByTestId("open-file-input").last().setInputFiles({ name: backup.name, mimeType: "application/json", buffer: Buffer.from(backup.text) });
  await expect(fresh.getByTestId("toast")).toContainText(`Restored 1 draft(s) from ${backup.name}.`);
  await expect(fresh.getByTestId("library-item").filter({ hasText: "Backed up incident" })).toHaveCount(1);
  await other.close();
});

test("a JSON export opens as a new draft and exports back identically", async ({ studio, page }) => {
  studio.allowResourceErrors(); // report 02 links images that are not reachable here
  await studio.open();
  await studio.fill("title", "Draft that must stay");
  await studio.waitSaved();
  for (const name of ["01-checkout-tls", "02-dns-ttl", "03-queue-backlog", "04-disk-full-db", "05-leaked-token"]) {
    await studio.openFile(`${name}.json`, golden(`${name}.json`));
    await expect(studio.toast).toContainText(`Opened ${name}.json as a new draft.`);
    const exported = await studio.export("json");
    expect(exported.text, name).toBe(golden(`${name}.json`));
  }
  await studio.openLibrary();
  await expect(page.getByTestId("library-item").filter({ hasText: "Draft that must stay" })).toHaveCount(1);
  await expect(page.getByTestId("library-item")).toHaveCount(6);
});

test("Copy puts the Markdown on the clipboard", async ({ studio, page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await studio.openExample();
  await (await studio.exportItem("copy-markdown")).click();
  await expect(studio.toast).toContainText("Copied the Markdown to the clipboard.");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(golden("01-checkout-tls.md"));
});

test("a JSON file dropped on the page opens as a new draft", async ({ studio, page }) => {
  await studio.open();
  await studio.fill("title", "Draft already open");
  await studio.waitSaved();
  const text = golden("04-disk-full-db.json");
  await page.evaluate((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], "04-disk-full-db.json", { type: "application/json" }));
    for (const type of ["dragover", "drop"]) {
      document.body.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }
  }, text);
  await expect(studio.toast).toContainText("Opened 04-disk-full-db.json as a new draft.");
  await expect(studio.field("title")).toHaveValue(JSON.parse(text).title);
  await studio.openLibrary();
  await expect(page.getByTestId("library-item").filter({ hasText: "Draft already open" })).toHaveCount(1);
});

test("Copy for Docs puts the rendered, sanitised report on the clipboard as HTML, with its Markdown", async ({ studio, page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await studio.openExample();
  await studio.fill("summary.impact", 'Checkout failed. <img src=x onerror="alert(1)"> <script>alert(2)</script> [x](javascript:alert(3))');
  await (await studio.exportItem("copy-for-docs")).click();
  await expect(studio.toast).toContainText("Copied the report for docs");
  const copied = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    const text = async (type) => (item.types.includes(type) ? await (await item.getType(type)).text() : null);
    return { types: item.types, html: await text("text/html"), plain: await text("text/plain") };
  });
  expect(copied.types).toEqual(expect.arrayContaining(["text/html", "text/plain"]));
  expect(copied.html).toContain("<h1>");
  expect(copied.html).toContain("<h2>Issue Summary</h2>");
  expect(copied.html).toContain("<table>");
  expect(copied.html).toContain("<strong>Impact:</strong>");
  const parsed = await page.evaluate((html) => {
    const doc = new DOMParser().parseFromString(html, "text/html");
    const active = [...doc.querySelectorAll("*")].filter(
      (el) => ["script", "iframe", "style"].includes(el.localName) || [...el.attributes].some((a) => a.name.startsWith("on") || /^\s*javascript:/i.test(a.value)),
    );
    return active.map((el) => el.outerHTML);
  }, copied.html);
  expect(parsed).toEqual([]);
  expect(copied.plain).toContain("# ");
  expect(copied.plain).toContain("## Issue Summary");
});

test("the draft library says how much is stored and whether the browser keeps it", async ({ studio, page }) => {
  await studio.openExample();
  await studio.waitSaved();
  await studio.openLibrary();
  const note = page.getByTestId("storage-use");
  await expect(note).toContainText(/This site stores \d+(\.\d)? (KB|MB) of the \d+(\.\d)? (MB|GB) the browser allows it\./);
  await expect(note).toContainText(/The browser (keeps these drafts|may clear these drafts)/);
});

test("after a week with no backup, a quiet reminder offers one, and stays away once taken", async ({ studio, page }) => {
  await studio.openExample();
  await studio.waitSaved();
  await page.reload();
  await expect(page.getByTestId("backup-reminder")).toHaveCount(0);
  // The drafts were first kept eight days ago, and never backed up.
  await page.evaluate(() => {
    const key = "postmortem-studio/session";
    const session = JSON.parse(localStorage.getItem(key) || "{}");
    session.first_kept = Date.now() - 8 * 24 * 3600 * 1000;
    session.last_backup = null;
    localStorage.setItem(key, JSON.stringify(session));
  });
  await page.reload();
  const reminder = page.getByTestId("backup-reminder");
  await expect(reminder).toContainText("Your drafts live only in this browser");
  const backup = await studio.downloadFrom(reminder.getByRole("button", { name: "Download a backup" }));
  expect(backup.name).toMatch(/^postmortem-drafts-\d{4}-\d\d-\d\d\.json$/);
  await expect(reminder).toHaveCount(0);
  await page.reload();
  await expect(page.locator("#section-details")).toBeVisible();
  await expect(page.getByTestId("backup-reminder")).toHaveCount(0);
});
