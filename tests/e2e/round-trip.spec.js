// The exported Markdown is what teams commit, and opening it again must give back the report
// that was typed: export Markdown, open it with Open…, and the JSON export is the same.
import { test, expect } from "./fixtures.js";

// Text typed into the form that reads like Markdown structure or like our own export's lines.
const tricky = {
  title: "Timeline of a DNS failure",
  summary: {
    impact: "Checkouts failed for some users.\n\nA second paragraph, after a blank line.\n**Impact:** a line that reads like our own label",
    root_cause: "Root cause and resolution of the queue backlog",
  },
  timeline: [
    { kind: "other", text: "10:00 looks like a time but the author typed it as text" },
    { kind: "detection", actor: "Ana", text: "Paged.\n**15:00 UTC** — a line like a timeline entry\n- [ ] a line like a task" },
  ],
  root_cause_and_resolution: {
    root_cause: "A list whose item holds a heading:\n\n-\n    # not a section\n\n- a\n\n    # b\n\n```sql\n# a comment in code\nSELECT 1;\n```",
    resolution: "Setext lines\n===\n\n<!-- an unclosed comment\n\n<pre>\nand raw HTML",
  },
  measures: {
    improvements: ["Corrective measures after the disk filled"],
    tasks: [{ text: "Owner: Ana, due 2026-05-01", owner: "Bo", due: "2026-06-01" }],
  },
  extra_sections: [
    { heading: "Lessons learned", body: "An extra section with a template section's name." },
    { heading: "Corrective and Preventative Measures", body: "- [ ] reads like a task\n> ## in a quote" },
  ],
};

/// The report part of a JSON export (the envelope says when and by what it was written).
function reportOf(json) {
  const parsed = JSON.parse(json);
  delete parsed.exported_at;
  return parsed;
}

test("typed Markdown structure comes back exactly through an exported Markdown file", async ({ studio, page }) => {
  await studio.open();
  await studio.fillReport(tricky);
  await studio.waitSaved();
  // The preview shows the template's outline and nothing else at its levels.
  await expect(studio.previewHeadings(1)).toHaveText([tricky.title]);
  await expect(studio.previewHeadings(2)).toHaveText([
    "Issue Summary",
    "Timeline",
    "Root Cause and Resolution",
    "Corrective and Preventative Measures",
    "Lessons learned",
    "Corrective and Preventative Measures",
  ]);
  const typed = reportOf((await studio.export("json")).text);
  const markdown = await studio.export("md");

  await studio.page.getByTestId("open-file-input").first().setInputFiles({
    name: markdown.name,
    mimeType: "text/markdown",
    buffer: Buffer.from(markdown.text),
  });
  await expect(studio.toast).toContainText(`Imported ${markdown.name} as a new draft.`);
  // Our own export is read exactly: nothing was guessed, so no notes.
  await expect(page.getByTestId("import-notes")).toContainText("Every part found its field.");
  await expect(studio.field("title")).toHaveValue(tricky.title);
  const reopened = reportOf((await studio.export("json")).text);
  expect(reopened).toEqual(typed);
  // And writing it again gives the same file, byte for byte.
  expect((await studio.export("md")).text).toBe(markdown.text);
});
