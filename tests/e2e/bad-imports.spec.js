// Each bad file gets a specific message, and the open draft is untouched.
import { test, expect } from "./fixtures.js";

const cases = [
  ["huge.json", Buffer.alloc(5 * 1024 * 1024 + 10, 0x20), "the file is 5.0 MB; the largest file Postmortem Studio opens is 5 MB"],
  ["scan.json", Buffer.from([0x25, 0x50, 0x44, 0x46, 0xff, 0xfe, 0x00]), "the file is not text (not UTF-8"],
  ["notes.json", Buffer.from("# Postmortem\n\nWe had an outage."), "the file is not JSON"],
  ["deep.json", Buffer.from("[".repeat(5000) + "]".repeat(5000)), "the file's JSON is nested too deeply to be a postmortem"],
  ["adr.json", Buffer.from('{"format":"adr","version":1}'), '`format` is "adr", but a postmortem document has "postmortem"'],
  ["future.json", Buffer.from('{"format":"postmortem","version":3,"title":"x"}'), "`version` is 3, newer than this tool reads (2)"],
  ["wrong-type.json", Buffer.from('{"format":"postmortem","version":1,"title":"x","timeline":"soon"}'), "`timeline`: invalid type"],
  ["mixed.json", Buffer.from('{"format":"postmortem","version":1,"title":"x","tags":["a"]}'), "`tags`: unknown field `tags`: it is a version 2 field, in a version 1 document"],
  ["template.json", Buffer.from('{"format":"postmortem","version":2,"title":"x","template":"itil"}'), "`template`: unknown variant `itil`"],
  ["milestone.json", Buffer.from('{"format":"postmortem","version":2,"title":"x","timeline":[{"text":"a","milestone":"done"}]}'), "`timeline[0].milestone`: unknown variant `done`"],
  ["empty.json", Buffer.alloc(0), "the file is empty"],
];

test("every bad file is refused with its reason, and the open draft is untouched", async ({ studio }) => {
  await studio.open();
  await studio.fill("title", "Draft in progress");
  await studio.waitSaved();
  const before = await studio.stored();
  for (const [name, bytes, reason] of cases) {
    await studio.openFile(name, bytes);
    await expect(studio.toast, name).toContainText(`Could not open ${name}: ${reason}`);
    await expect(studio.toast).toContainText("Your current draft is unchanged.");
    await expect(studio.field("title")).toHaveValue("Draft in progress");
  }
  expect(await studio.stored()).toEqual(before);
});
