// Opening existing Markdown postmortems: by file, by dropping, by pasting. The shared sample
// reports are read from ../shared/samples at run time (they are other people's writing).
import { readFileSync, readdirSync } from "node:fs";
import { test, expect } from "./fixtures.js";

const samplesDir = new URL("../../../shared/samples/", import.meta.url);
const expected = JSON.parse(readFileSync(new URL("expected.json", samplesDir), "utf8"));

function sample(key) {
  return readFileSync(new URL(key.replace(/^samples\//, ""), samplesDir));
}

// Our own example, not taken from the samples.
const queueStall = `# Queue stall on the billing workers

## Timeline (all times PST)

### March 3, 2025

- 11:50 pm - Backlog alert fires for the billing queue
- 11:58 pm - On-call restarts one consumer; no change

### March 4, 2025

- 12:20 am - All consumers restarted with a larger heap
- sometime later - Queue drained

## Action Items

- [x] Raise the consumer heap limit
- [ ] Alert on queue age, not depth
`;

test("every shared sample opens from the file picker as a filled draft", async ({ studio, page }) => {
  studio.allowResourceErrors();
  await studio.open();
  const keys = Object.keys(expected);
  expect(keys).toHaveLength(15);
  expect(readdirSync(new URL("more/", samplesDir)).filter((f) => f.endsWith(".md"))).toHaveLength(10);
  for (const key of keys) {
    const name = key.split("/").pop();
    await studio.page.getByTestId("open-file-input").first().setInputFiles({
      name,
      mimeType: "text/markdown",
      buffer: sample(key),
    });
    await expect(studio.toast, name).toContainText(`Imported ${name} as a new draft.`);
    await expect(studio.field("title"), name).toHaveValue(expected[key].title);
    await expect(page.getByTestId("import-notes")).toContainText(`Imported from ${name}`);
    await expect(studio.previewHeadings(1)).toHaveText(expected[key].title);
    const timed = expected[key].timeline_entries;
    await expect(studio.preview.locator("h2", { hasText: "Timeline" }), name).toHaveCount(timed > 0 ? 1 : 0);
  }
  await studio.openLibrary();
  await expect(page.getByTestId("library-item")).toHaveCount(15);
});

test("pasted Markdown opens as a new draft, lists its guesses and survives a reload", async ({ studio, page }) => {
  await studio.open();
  await studio.fill("title", "Draft in progress");
  await studio.waitSaved();
  await page.getByTestId("paste-markdown").click();
  const dialog = page.getByTestId("paste-dialog");
  await expect(dialog).toBeVisible();
  await page.getByTestId("paste-import").click();
  await expect(dialog.getByRole("alert")).toHaveText("Paste a postmortem written in Markdown first.");
  await page.getByTestId("paste-text").fill(queueStall);
  await page.getByTestId("paste-import").click();
  await expect(dialog).toBeHidden();
  await expect(studio.field("title")).toHaveValue("Queue stall on the billing workers");
  const notes = page.getByTestId("import-notes");
  await expect(notes).toContainText("PST was read as UTC-08:00");
  await expect(studio.preview.locator("li", { hasText: "Backlog alert fires" })).toContainText("23:50 UTC-08:00");
  await expect(studio.preview.locator("li", { hasText: "All consumers restarted" })).toContainText("2025-03-04 00:20 UTC-08:00");
  await expect(studio.preview.locator("li", { hasText: "Queue drained" })).toContainText("sometime later");
  await expect(studio.preview.locator("input[type=checkbox]")).toHaveCount(2);
  await studio.waitSaved();
  await page.reload();
  await expect(studio.field("title")).toHaveValue("Queue stall on the billing workers");
  await studio.openLibrary();
  await expect(page.getByTestId("library-item").filter({ hasText: "Draft in progress" })).toHaveCount(1);
  // Dismissed notes stay dismissed.
  await page.keyboard.press("Escape");
});

test("a Markdown file dropped on the page opens as a new draft", async ({ studio, page }) => {
  await studio.open();
  await page.evaluate((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], "POSTMORTEM.md", { type: "text/markdown" }));
    for (const type of ["dragover", "drop"]) {
      document.body.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }
  }, queueStall);
  await expect(studio.toast).toContainText("Imported POSTMORTEM.md as a new draft.");
  await expect(studio.field("title")).toHaveValue("Queue stall on the billing workers");
  await page.getByRole("button", { name: "Dismiss import notes" }).click();
  await expect(page.getByTestId("import-notes")).toHaveCount(0);
});

test.describe("with no service worker to answer from its cache", () => {
  test.use({ serviceWorkers: "block" });
  test("the Markdown reader is downloaded on first use; when it cannot load, the import says so and keeps the text", async ({ studio, page }) => {
    const fetched = [];
    page.on("request", (request) => fetched.push(new URL(request.url()).pathname));
    await studio.open();
    await studio.fill("title", "Kept draft");
    await studio.waitSaved();
    expect(fetched.filter((path) => path.includes("import-worker"))).toEqual([]);
    await page.route(/import-worker/, (route) => route.abort());
    await page.getByTestId("paste-markdown").click();
    await page.getByTestId("paste-text").fill("# Disk full\n\n## Timeline\n\n- 10:00 UTC Alert fired\n");
    await page.getByTestId("paste-import").click();
    const dialog = page.getByTestId("paste-dialog");
    await expect(dialog.getByRole("alert")).toHaveText("The Markdown reader could not be loaded. Check your connection, then try again.");
    await expect(page.getByTestId("paste-text")).toHaveValue(/Disk full/);
    await expect(studio.field("title")).toHaveValue("Kept draft");
    // Back online: the same text imports, as a new draft.
    await page.unroute(/import-worker/);
    await page.getByTestId("paste-import").click();
    await expect(dialog).toBeHidden();
    await expect(studio.field("title")).toHaveValue("Disk full");
    studio.expectConsoleError(/Failed to load resource|import-worker/);
  });
});

test("imported raw HTML and javascript: links never run", async ({ studio, page }) => {
  await studio.open();
  await page.getByTestId("paste-markdown").click();
  await page.getByTestId("paste-text").fill(
    [
      "# <img src=x onerror=alert(1)> Hostile",
      "",
      "<script>alert(2)</script>",
      "",
      "## Timeline",
      "",
      "- 10:00 UTC [details](javascript:alert(3)) <b onmouseover=alert(4)>x</b>",
    ].join("\n"),
  );
  await page.getByTestId("paste-import").click();
  await expect(studio.preview.locator("h1")).toContainText("Hostile");
  await expect(studio.preview.locator("script, img[onerror], [onmouseover]")).toHaveCount(0);
  const hrefs = await studio.preview.locator("a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  expect(hrefs.some((href) => href && href.startsWith("javascript:"))).toBe(false);
  expect(studio.problems).toEqual([]);
});
