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
const readSchema = (name) => JSON.parse(readFileSync(join(root, "schema", name), "utf8"));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(readSchema("postmortem.schema.json"));
// Version 1 stays published for readers of old files; the old goldens still validate against it.
const validateV1 = new Ajv2020({ allErrors: true, strict: true }).compile(readSchema("postmortem.v1.schema.json"));
const goldenDir = join(root, "tests", "golden");
const examples = readdirSync(goldenDir).filter((f) => f.endsWith(".json")).sort();

function exportJson(path) {
  return execFileSync("cargo", ["run", "--quiet", "--locked", "-p", "postmortem-cli", "--", "export", path, "--format", "json"], {
    cwd: root,
    encoding: "utf8",
  });
}

function assertValid(document, what, check = validate) {
  const ok = check(document);
  assert.ok(ok, `${what}: ${JSON.stringify(check.errors, null, 2)}`);
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
  execFileSync("bash", ["-c", `mkdir -p target && printf '%s' '{"format":"postmortem","version":2,"title":""}' > ${minimal}`]);
  assertValid(JSON.parse(exportJson(minimal)), "minimal export");
});

test("the schema refuses what the reader refuses", () => {
  const base = { format: "postmortem", version: 2, title: "T" };
  const refused = [
    { ...base, format: "adr" },
    { ...base, version: 3 },
    { ...base, colour: "red" },
    { ...base, severity: "" },
    { ...base, timeline: [{ text: "x", milestone: "finished" }] },
    { ...base, measures: { tasks: [{ text: "x", status: "maybe" }] } },
    { ...base, measures: { tasks: [{ text: "x", priority: "P9" }] } },
    { ...base, review: { status: "approved" } },
    { ...base, summary: { users_affected_percent: 140 } },
    { ...base, summary: { users_affected_percent: "most" } },
    { ...base, timeline: [{ text: "x", kind: "panic" }] },
    { ...base, measures: { tasks: [{ text: "x", done: true }] } },
  ];
  for (const document of refused) {
    assert.equal(validate(document), false, JSON.stringify(document));
  }
});

const v1Dir = join(goldenDir, "v1");
for (const file of readdirSync(v1Dir).filter((f) => f.endsWith(".json")).sort()) {
  test(`version 1 ${file} validates against the version 1 schema, and its upgrade against version 2`, () => {
    const path = join(v1Dir, file);
    const document = JSON.parse(readFileSync(path, "utf8"));
    assert.equal(document.version, 1);
    assertValid(document, file, validateV1);
    const upgraded = JSON.parse(exportJson(path));
    assert.equal(upgraded.version, 2);
    assertValid(upgraded, `upgrade of ${file}`);
    assert.deepEqual(upgraded, JSON.parse(readFileSync(join(goldenDir, file), "utf8")));
  });
}

test("a report in each template validates, with its template named", () => {
  for (const template of ["classic", "google-sre", "pagerduty", "atlassian"]) {
    const json = execFileSync(
      "cargo",
      ["run", "--quiet", "--locked", "-p", "postmortem-cli", "--", "export", join(goldenDir, "06-search-alias-swap.json"), "--format", "json", "--template", template],
      { cwd: root, encoding: "utf8" },
    );
    const document = JSON.parse(json);
    assert.equal(document.template, template === "classic" ? undefined : template);
    assertValid(document, template);
  }
  assert.equal(validate({ format: "postmortem", version: 2, title: "T", template: "itil" }), false);
});
