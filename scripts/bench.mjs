// `make bench`: size, load and keystroke-to-preview latency of the release build, side by side
// with a reference page, plus autosave cost and the core's native throughput. Prints one table
// and writes it to BENCHMARKS.md. Figures, not pass/fail: CI does not run this.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { chromium } from "@playwright/test";

const ROOT = new URL("..", import.meta.url).pathname;
const SIZES = [10, 100, 300, 1000];
const KEYSTROKES = 200;
const AUTOSAVES = 60;
const LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
};

const lines = [];
const say = (line = "") => {
  lines.push(line);
  console.log(line);
};
const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const ms = (value) => `${value.toFixed(1)} ms`;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

// --- Report fixtures -------------------------------------------------------------------------
const golden = JSON.parse(readFileSync(join(ROOT, "tests/golden/01-checkout-tls.json"), "utf8"));
const kinds = ["detection", "investigation", "misleading_path", "escalation", "mitigation", "resolution", "communication", "other"];
function reportWith(entries) {
  const start = Date.parse(golden.summary.started_at);
  const timeline = Array.from({ length: entries }, (_, i) => ({
    time: new Date(start + i * 30_000).toISOString().replace(".000Z", "+00:00"),
    kind: kinds[i % kinds.length],
    text: `Step ${i}: checked the \`payments-gateway\` pods, restarted **two** of them and watched the error rate.`,
    ...(i % 3 === 0 ? { actor: "On-call SRE" } : {}),
  }));
  return { ...golden, timeline };
}
const work = mkdtempSync(join(tmpdir(), "postmortem-bench-"));
function markdownOf(report, name) {
  const path = join(work, `${name}.json`);
  writeFileSync(path, JSON.stringify(report));
  return execFileSync(join(ROOT, "target/release/postmortem"), ["export", path], { encoding: "utf8" });
}

// --- Servers ---------------------------------------------------------------------------------
const reference = join(work, "reference");
cpSync(join(ROOT, "bench/reference"), reference, { recursive: true });
cpSync(join(ROOT, "node_modules/markdown-it/dist/browser/markdown-it.umd.min.js"), join(reference, "markdown-it.min.js"));
const servers = [
  spawn("node", [join(ROOT, "tests/e2e/serve.mjs"), "8301", join(ROOT, "dist")], { stdio: "ignore" }),
  spawn("node", [join(ROOT, "tests/e2e/serve.mjs"), "8302", reference], { stdio: "ignore" }),
];
await new Promise((resolve) => setTimeout(resolve, 500));
const APP = "http://127.0.0.1:8301/";
const REFERENCE = "http://127.0.0.1:8302/";

/// Runs in the page. For each key event, two times:
/// - `work`: until the preview has changed and the browser has laid it out (style and layout
///   forced right away), so everything the page must do before the frame can be painted;
/// - `paint`: until the next paint after that change, which also waits for the display's next
///   frame (60 Hz here), on average half a frame whatever the page does.
function watchLatency(previewSelector) {
  window.__latencies = { work: [], paint: [] };
  const preview = document.querySelector(previewSelector);
  let keyAt = null;
  document.addEventListener("keydown", (event) => { keyAt = event.timeStamp; }, true);
  new MutationObserver(() => {
    if (keyAt === null) return;
    const start = keyAt;
    keyAt = null;
    preview.getBoundingClientRect();
    window.__latencies.work.push(performance.now() - start);
    requestAnimationFrame(() => setTimeout(() => window.__latencies.paint.push(performance.now() - start), 0));
  }).observe(preview, { childList: true, subtree: true, characterData: true });
}

async function typeAndMeasure(page, selector, previewSelector) {
  await page.evaluate(watchLatency, previewSelector);
  await page.focus(selector);
  for (let i = 0; i < KEYSTROKES; i++) await page.keyboard.type("x", { delay: 25 });
  await page.waitForTimeout(300);
  return page.evaluate(() => window.__latencies);
}

const browser = await chromium.launch(LAUNCH);
try {
  // --- Transfer size ---------------------------------------------------------------------------
  say("## Transfer size (release build)");
  say();
  say("| file | raw | gzip -9 | brotli |");
  say("|---|---:|---:|---:|");
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const name of readdirSync(join(ROOT, "dist")).filter((f) => /\.(wasm|js|css)$/.test(f) && f !== "sw.js").sort()) {
    const bytes = readFileSync(join(ROOT, "dist", name));
    const gzip = gzipSync(bytes, { level: 9 }).length;
    const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    total.raw += bytes.length;
    total.gzip += gzip;
    total.brotli += brotli;
    say(`| ${name.replace(/-[0-9a-f]{16}/, "")} | ${kb(bytes.length)} | ${kb(gzip)} | ${kb(brotli)} |`);
  }
  say(`| **total** | ${kb(total.raw)} | **${kb(total.gzip)}** (target < 200 KB) | ${kb(total.brotli)} |`);
  say();

  // --- Cold load -------------------------------------------------------------------------------
  const loads = [];
  for (let i = 0; i < 10; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(APP, { waitUntil: "commit" });
    await page.waitForSelector("#field-title", { state: "attached" });
    loads.push(await page.evaluate(() => performance.now()));
    await context.close();
  }
  say("## Cold load (navigation to the editor interactive, local server, median of 10)");
  say();
  say(`${ms(quantile(loads, 0.5))} (min ${ms(Math.min(...loads))}, max ${ms(Math.max(...loads))})`);
  say();

  // --- Keystroke to preview, and autosave ------------------------------------------------------
  const rows = { work: [], paint: [] };
  let autosave = [];
  for (const entries of SIZES) {
    const report = reportWith(entries);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(APP);
    await page.getByTestId("open-file-input").first().setInputFiles({ name: "bench.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(report)) });
    await page.getByTestId("toast").waitFor();
    await page.waitForTimeout(1000);
    const app = await typeAndMeasure(page, "#field-title", "[data-testid=preview]");
    if (entries === 1000) {
      await page.evaluate(() => {
        window.__autosaves = [];
        new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__autosaves.push(e.duration))).observe({ entryTypes: ["measure"] });
      });
      for (let i = 0; i < AUTOSAVES; i++) {
        await page.keyboard.type("y");
        await page.waitForTimeout(700);
      }
      autosave = await page.evaluate(() => window.__autosaves);
    }
    await context.close();

    const refContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const refPage = await refContext.newPage();
    const markdown = markdownOf(report, `report-${entries}`);
    writeFileSync(join(reference, "report.md"), markdown);
    await refPage.goto(REFERENCE);
    await refPage.waitForSelector("body[data-ready=true]");
    await refPage.evaluate(() => {
      const source = document.getElementById("source");
      const endOfTitle = source.value.indexOf("\n");
      source.focus();
      source.setSelectionRange(endOfTitle, endOfTitle);
    });
    await refPage.evaluate(watchLatency, "#preview");
    for (let i = 0; i < KEYSTROKES; i++) await refPage.keyboard.type("x", { delay: 25 });
    await refPage.waitForTimeout(300);
    const ref = await refPage.evaluate(() => window.__latencies);
    await refContext.close();

    for (const kind of ["work", "paint"]) {
      if (!app[kind].length || !ref[kind].length) throw new Error(`no keystroke reached the preview (app ${app[kind].length}, reference ${ref[kind].length})`);
      const [a50, a95, r50, r95] = [quantile(app[kind], 0.5), quantile(app[kind], 0.95), quantile(ref[kind], 0.5), quantile(ref[kind], 0.95)];
      rows[kind].push(`| ${entries} | ${ms(a50)} | ${ms(a95)} | ${ms(r50)} | ${ms(r95)} | ${(a50 / r50).toFixed(2)} | ${(a95 / r95).toFixed(2)} |`);
    }
  }
  const header = ["| timeline entries | app p50 | app p95 | reference p50 | reference p95 | ratio p50 | ratio p95 |", "|---:|---:|---:|---:|---:|---:|---:|"];
  say(`## Keystroke to preview (${KEYSTROKES} keystrokes in the title, key event to the preview laid out)`);
  say();
  [...header, ...rows.work].forEach((row) => say(row));
  say();
  say("Targets: app p95 under 16 ms at 300 entries (one frame); ratio at most 1.0 at every size. This is");
  say("everything the page does before the frame can be painted: the key event, rendering the preview and the");
  say("browser's style and layout of it.");
  say();
  say("### The same, to the next paint at 60 Hz");
  say();
  [...header, ...rows.paint].forEach((row) => say(row));
  say();
  say("The paint waits for the display's next frame too: 0 to 16.7 ms depending on when the key arrived in");
  say("the frame, whatever the page does, so at p95 even the reference page is above 16 ms at 10 entries.");
  say();
  say("## Autosave (serialise and store the 1000-entry report)");
  say();
  say(autosave.length ? `p50 ${ms(quantile(autosave, 0.5))}, p95 ${ms(quantile(autosave, 0.95))} over ${autosave.length} saves (target p95 < 5 ms)` : "no autosave measured");
  say();
} finally {
  await browser.close();
  servers.forEach((server) => server.kill());
}

// --- Core, native ------------------------------------------------------------------------------
say("## Core, native (`cargo bench -p postmortem-core`)");
say();
say(readFileSync(join(ROOT, "target/core-bench.md"), "utf8").trim());
say();

// --- A repository of postmortems: `postmortem lint` over 10,000 reports ------------------------
{
  const dir = mkdtempSync(join(tmpdir(), "postmortem-lint-bench-"));
  const goldens = readdirSync(join(ROOT, "tests/golden")).filter((f) => f.endsWith(".md"));
  const texts = goldens.map((f) => readFileSync(join(ROOT, "tests/golden", f), "utf8"));
  let bytes = 0;
  const COUNT = 10_000;
  for (let i = 0; i < COUNT; i++) {
    // Each report a little different, so that nothing is read twice from a cache.
    const text = texts[i % texts.length].replace(/^# (.*)$/m, (_, title) => `# ${title} (${i})`);
    const sub = join(dir, String(i % 100));
    if (i < 100) execFileSync("mkdir", ["-p", sub]);
    writeFileSync(join(sub, `report-${i}.md`), text);
    bytes += Buffer.byteLength(text);
  }
  const binary = join(ROOT, "target/release/postmortem");
  const runs = [];
  for (let run = 0; run < 3; run++) {
    const started = process.hrtime.bigint();
    try {
      execFileSync(binary, ["lint", dir, "--format", "json"], { stdio: ["ignore", "ignore", "ignore"], maxBuffer: 1 << 30 });
    } catch {
      // Exit 1 (the reports have findings) is the expected outcome.
    }
    runs.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  const seconds = runs.sort((a, b) => a - b)[1];
  say("## A repository of postmortems (`postmortem lint` over 10,000 reports, release build)");
  say();
  say(`${COUNT} Markdown reports, ${(bytes / 2 ** 20).toFixed(1)} MB: ${seconds.toFixed(2)} s (median of 3), ${Math.round(COUNT / seconds)} files/s on ${cpus().length} cores (target under 5 s)`);
  say();
  execFileSync("rm", ["-rf", dir]);
}

const version = (command, args) => {
  try {
    return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim().split("\n").pop();
  } catch {
    return "unknown";
  }
};
const machine = [
  `- Date: ${new Date().toISOString().slice(0, 10)}; commit ${version("git", ["rev-parse", "--short", "HEAD"])}`,
  `- Machine: ${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
  `- Browser: ${browser.version ? "Chromium " + browser.version() : version("chromium", ["--version"])} (headless, ${LAUNCH.executablePath})`,
  `- Toolchain: ${version("rustc", ["--version"])}; ${version("trunk", ["--version"])}; wasm-bindgen ${version("wasm-bindgen", ["--version"]).split(" ").pop()}; node ${process.version}`,
];
writeFileSync(join(ROOT, "BENCHMARKS.md"), `# Benchmarks\n\nWritten by \`make bench\`.\n\n${machine.join("\n")}\n\n${lines.join("\n")}\n`);
console.log("\nWrote BENCHMARKS.md");
