// The timeline's Mermaid diagram, as GitHub and GitLab would draw it: every exported diagram
// parses and renders with the mermaid package, whatever the entries say, and an export with a
// diagram opens back as the same report. The choice is remembered.
import { readFileSync } from "node:fs";
import { test, expect, golden } from "./fixtures.js";
import { render } from "./mermaid-render.js";


const payloads = readFileSync(new URL("../../../shared/security/xss-payloads.txt", import.meta.url), "utf8")
  .split("\n")
  .filter((line) => line.trim() && !line.startsWith("##"))
  .map((line) => line.split("\t")[0].replaceAll("\\n", "\n"));

// What Mermaid's gantt grammar gives a meaning to, or a Markdown fence would end at.
const structural = [
  "Alert: p95 latency > 2s; see #ops",
  "section Mitigation",
  "title Hacked",
  "dateFormat YYYY",
  "%% a comment",
  "```\nend of the fence",
  '"quoted" and \'single\' and `code`',
  "crit, done, milestone, 2026-05-12, 10m",
  "{{curly}} [square] (round) <angle>",
  "colon at the end:",
  ";",
  "#",
  "",
];

function diagramOf(markdown) {
  const match = /\n```mermaid\n([\s\S]*?)\n```\n/.exec(markdown);
  expect(match, "the export holds a mermaid block").not.toBeNull();
  return match[1];
}

test("every golden report's diagram parses and renders", async ({ studio, page, context }) => {
  studio.allowResourceErrors(); // the goldens' images point at hosts that do not exist
  await studio.open();
  await (await studio.exportItem("export-mermaid")).check();
  const diagrams = [];
  for (const name of ["01-checkout-tls", "02-dns-ttl", "03-queue-backlog", "04-disk-full-db", "05-leaked-token", "06-search-alias-swap"]) {
    await studio.openFile(`${name}.json`, golden(`${name}.json`));
    await expect(studio.field("title")).toHaveValue(JSON.parse(golden(`${name}.json`)).title);
    diagrams.push(diagramOf((await studio.export("md")).text));
  }
  const results = await render(context, diagrams);
  for (const [i, result] of results.entries()) {
    expect(result, diagrams[i]).toMatchObject({ ok: true, script: false });
    const tasks = (diagrams[i].match(/ :milestone/g) || []).length;
    expect(tasks).toBeGreaterThan(0);
    expect(result.milestones).toBe(tasks);
    expect(result.entries).toBe(tasks);
  }
});

test("hostile entry texts never break the diagram, and the export opens back as the same report", async ({ studio, page, context }) => {
  studio.allowResourceErrors(); // image payloads in the preview point at URLs that do not exist
  const texts = [...payloads, ...structural];
  const base = Date.parse("2026-05-12T10:00:00Z");
  const report = {
    format: "postmortem",
    version: 2,
    title: "Hostile timeline",
    summary: {
      started_at: "2026-05-12T10:00:00Z",
      ended_at: new Date(base + texts.length * 60_000).toISOString().replace(".000Z", "Z"),
      timezone: "UTC",
      impact: "None: a test.",
      root_cause: "A test.",
    },
    timeline: texts.map((text, i) => ({
      time: new Date(base + i * 60_000).toISOString().replace(".000Z", "Z"),
      kind: ["detection", "mitigation", "resolution", "other"][i % 4],
      text,
      ...(i === 0 ? { milestone: "detected" } : {}),
    })),
    root_cause_and_resolution: { root_cause: "A test.", resolution: "A test." },
    measures: { improvements: [], tasks: [] },
  };
  await studio.open();
  await (await studio.exportItem("export-mermaid")).check();
  await studio.openFile("hostile.json", JSON.stringify(report));
  await expect(studio.field("title")).toHaveValue("Hostile timeline");
  await studio.waitSaved();
  const original = JSON.parse((await studio.export("json")).text);
  const markdown = (await studio.export("md")).text;
  const [result] = await render(context, [diagramOf(markdown)]);
  expect(result, diagramOf(markdown)).toMatchObject({ ok: true, script: false });
  expect(result.milestones).toBe(texts.length);
  expect(result.entries).toBe(texts.length);

  await studio.page.getByTestId("open-file-input").first().setInputFiles({
    name: "hostile.md",
    mimeType: "text/markdown",
    buffer: Buffer.from(markdown),
  });
  await expect(studio.toast).toContainText("Imported hostile.md as a new draft.");
  await expect(page.getByTestId("import-notes")).toContainText("Every part found its field.");
  expect(JSON.parse((await studio.export("json")).text)).toEqual(original);
});

test("the choice is remembered, and the preview shows the diagram's source", async ({ studio, page }) => {
  await studio.open();
  await page.getByRole("button", { name: "Open the example report" }).click();
  await expect((await studio.exportItem("export-mermaid"))).not.toBeChecked();
  await (await studio.exportItem("export-mermaid")).check();
  await expect(page.getByTestId("preview-pane").locator("pre").filter({ hasText: "dateFormat" })).toContainText("gantt");
  await page.reload();
  await expect((await studio.exportItem("export-mermaid"))).toBeChecked();
  expect((await studio.export("md")).text).toContain("```mermaid\ngantt\n");
  await (await studio.exportItem("export-mermaid")).uncheck();
  expect((await studio.export("md")).text).not.toContain("```mermaid");
});
