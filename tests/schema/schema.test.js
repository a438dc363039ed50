// Every example report, and the export of each, validates against the shipped JSON Schema;
// documents the reader refuses are refused by the schema too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const schema = JSON.parse(readFileSync(join(root, "schema", "postmortem.schema.json"), "utf8"));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
const goldenDir = join(root, "tests", "golden");
const examples = readdirSync(goldenDir).filter((f) => f.endsWith(".json")).sort();

function exportJson(path) {
  return execFileSync("cargo", ["run", "--quiet", "--locked", "-p", "postmortem-cli", "--", "export", path, "--format", "json"], {
    cwd: root,
    encoding: "utf8",
  });
}

function assertValid(document, what) {
  const ok = validate(document);
  assert.ok(ok, `${what}: ${JSON.stringify(validate.errors, null, 2)}`);
}

test("there are at least five examples", () => {
  assert.ok(examples.length >= 5, `found ${examples.length}`);
});

for (const file of examples) {
  test(`${file} validates against the schema`, () => {
    assertValid(JSON.parse(readFileSync(join(goldenDir, file), "utf8")), file);
  });

  test(`the JSON export of ${file} validates against the schema`, () => {
    assertValid(JSON.parse(exportJson(join(goldenDir, file))), `export of ${file}`);
  });
}

test("the export of a minimal report validates", () => {
  const minimal = join(root, "target", "schema-test-minimal.json");
  execFileSync("bash", ["-c", `mkdir -p target && printf '%s' '{"format":"postmortem","version":1,"title":""}' > ${minimal}`]);
  assertValid(JSON.parse(exportJson(minimal)), "minimal export");
});

test("the schema refuses what the reader refuses", () => {
  const base = { format: "postmortem", version: 1, title: "T" };
  const refused = [
    { ...base, format: "adr" },
    { ...base, version: 2 },
    { ...base, colour: "red" },
    { ...base, severity: "critical" },
    { ...base, summary: { users_affected_percent: 140 } },
    { ...base, summary: { users_affected_percent: "most" } },
    { ...base, timeline: [{ text: "x", kind: "panic" }] },
    { ...base, measures: { tasks: [{ text: "x", done: "yes" }] } },
  ];
  for (const document of refused) {
    assert.equal(validate(document), false, JSON.stringify(document));
  }
});
