// A person fills every section of one of our example reports through the form only; the export
// is the golden Markdown byte for byte, and the JSON export is the golden JSON.
import { test, expect, golden } from "./fixtures.js";

for (const name of ["01-checkout-tls", "05-leaked-token", "06-search-alias-swap"]) {
  test(`filling ${name} through the form exports its golden files`, async ({ studio }) => {
    test.setTimeout(90_000);
    const report = JSON.parse(golden(`${name}.json`));
    await studio.open();
    await studio.fillReport(report);
    await studio.expectNoFindings();

    const markdown = await studio.export("md");
    expect(markdown.text).toBe(golden(`${name}.md`));
    expect(markdown.name).toBe(`${report.summary.started_at.slice(0, 10)}-${markdown.name.slice(11)}`);
    expect(markdown.name).toMatch(/^\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.md$/);
    await expect(studio.exportMessage).toContainText(`Downloaded ${markdown.name}. No findings remain.`);

    const json = await studio.export("json");
    expect(json.text).toBe(golden(`${name}.json`));
  });
}

test("export says how many findings remain, and still exports", async ({ studio }) => {
  await studio.open();
  await studio.fill("title", "Half-written draft");
  const markdown = await studio.export("md");
  expect(markdown.name).toBe("half-written-draft.md");
  expect(markdown.text).toBe("# Half-written draft\n");
  await expect(studio.exportMessage).toHaveText(/Downloaded half-written-draft\.md\. \d+ errors and \d+ warnings? remain\./);
});
