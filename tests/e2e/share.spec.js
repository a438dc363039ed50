// A report in a link: copied from one browser, opened in another as the same report, read-only
// until opened as a new draft; a damaged link says so and opens nothing.
import { test, expect, golden, exportItem } from "./fixtures.js";

test("a share link opens the same report in a new browser, as a new draft when asked", async ({ studio, page, context, browser }) => {
  studio.allowResourceErrors(); // the report's images point at hosts that do not exist
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await studio.open();
  await studio.openFile("06.json", golden("06-search-alias-swap.json"));
  await expect(studio.field("title")).toHaveValue(/Search returned empty results/);
  const original = (await studio.export("json")).text;
  await (await exportItem(page, "share-link")).click();
  await expect(studio.toast).toContainText("Copied a share link");
  await expect(studio.toast).toContainText("Anyone with the link can read the report");
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/#r=[A-Za-z0-9_-]+$/);
  expect(link.length).toBeLessThan(8000);

  const other = await browser.newContext({ acceptDownloads: true });
  const reader = await other.newPage();
  await reader.goto(link);
  const shared = reader.getByTestId("shared-report");
  await expect(shared.locator("h1")).toHaveText("Search returned empty results after an index alias swap");
  await expect(reader.getByTestId("library-list")).toHaveCount(0);
  await reader.getByTestId("open-shared").click();
  await expect(shared).toHaveCount(0);
  await expect(reader.locator("#field-title")).toHaveValue("Search returned empty results after an index alias swap");
  expect(new URL(reader.url()).hash).toBe("");
  const download = reader.waitForEvent("download");
  await (await exportItem(reader, "export-json")).click();
  const file = await download;
  const chunks = [];
  for await (const chunk of await file.createReadStream()) chunks.push(chunk);
  expect(Buffer.concat(chunks).toString("utf8")).toBe(original);
  await other.close();
});

test("a damaged, cut or newer link says so, and leaves the drafts as they were", async ({ studio, page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await studio.openExample();
  await studio.waitSaved();
  const before = await studio.stored();
  await (await exportItem(page, "share-link")).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const problem = page.getByTestId("share-problem");
  // Pasted into this tab: read without a reload.
  await page.evaluate(() => (location.hash = "#r=not-a-report!"));
  await expect(problem).toContainText("The link is damaged or cut short");
  await expect(problem).toContainText("your drafts are unchanged");
  await page.getByRole("button", { name: "Close the shared report" }).click();
  await page.goto(link.slice(0, -12));
  await page.reload();
  await expect(problem).toContainText("The link is damaged or cut short");
  // A report from a newer version of the format.
  const newer = await page.evaluate(async () => {
    const text = JSON.stringify({ format: "postmortem", version: 9, title: "From the future" });
    const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw"));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
  });
  await page.evaluate((code) => (location.hash = `#r=${code}`), newer);
  await expect(problem).toContainText("newer");
  await page.getByRole("button", { name: "Close the shared report" }).click();
  expect(new URL(page.url()).hash).toBe("");
  expect(await studio.stored()).toEqual(before);
});

test("a report too long for a link is sent as a file instead", async ({ studio, page }) => {
  await studio.openExample();
  // Words that do not compress away: a long, varied timeline.
  const many = Array.from({ length: 400 }, (_, i) => `Entry ${i}: ${Math.random().toString(36).slice(2)} ${i * 7919}`).join("\n");
  await studio.fill("root_cause_and_resolution.root_cause", many);
  await (await exportItem(page, "share-link")).click();
  await expect(studio.toast).toContainText("links over 8 KB are cut by some chat tools and browsers. Send the JSON file instead");
});
