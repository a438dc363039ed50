// `postmortem lint --format sarif` is SARIF 2.1.0: the output over our goldens, a real sample
// and a report with writing advice validates against the SARIF 2.1.0 JSON Schema (the copy
// Microsoft's @microsoft/jest-sarif package ships), for GitHub code scanning and reviewdog.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import AjvDraft04 from "ajv-draft-04";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const schema = JSON.parse(
  readFileSync(join(root, "node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"),
);

function lintSarif(...paths) {
  try {
    return execFileSync("cargo", ["run", "--quiet", "--locked", "-p", "postmortem-cli", "--", "lint", ...paths, "--format", "sarif"], {
      cwd: root,
      encoding: "utf8",
    });
  } catch (failed) {
    // Exit 1: errors were found, which is what this output is for.
    if (failed.status === 1) return failed.stdout;
    throw failed;
  }
}

test("lint's SARIF output validates against the SARIF 2.1.0 schema", () => {
  // The schema has a pattern that is not valid as a Unicode regular expression.
  const validate = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
  const dir = mkdtempSync(join(tmpdir(), "postmortem-sarif-"));
  cpSync(join(root, "tests/golden"), join(dir, "golden"), { recursive: true });
  cpSync(join(root, "../shared/samples/more"), join(dir, "samples"), { recursive: true });
  writeFileSync(
    join(dir, "advice.md"),
    "# Queue stall\n\n## Issue Summary\n\n- **Impact:** Invoices went out late!!\n\n## Root Cause and Resolution\n\n### Root Cause\n\nThe on-call should have noticed the lag.\n",
  );
  const log = JSON.parse(lintSarif(dir));
  const ok = validate(log);
  assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  const results = log.runs[0].results;
  assert.ok(results.length > 10, "findings in the output");
  for (const id of ["blameless/counterfactual", "tone/exclamation", "required/timeline"]) {
    assert.ok(results.some((r) => r.ruleId === id), id);
  }
});
