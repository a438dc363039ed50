// Trunk's post_build hook (see Trunk.toml): finishes the static site in the staging folder.
// 1. A Content-Security-Policy <meta>, first in <head>, that allows only what the app needs:
//    its own files, the sha256 of each inline script (the wasm loader) and of the inlined
//    stylesheet, and 'wasm-unsafe-eval' to compile the module. Computed here so it stays right
//    when the build changes.
// 2. The service worker, with the list of files to keep offline and a cache version derived from
//    their contents, so every deployment that changes a byte is picked up on the next visit.
// 3. Release builds: gzip and brotli copies of the text files and the wasm beside them.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { join, relative } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("post-build: TRUNK_STAGING_DIR is not set; run through trunk build");
  process.exit(1);
}

const sha256 = (data, encoding) => createHash("sha256").update(data).digest(encoding);

// --- Content-Security-Policy ---------------------------------------------------------------
// Release builds only: `trunk serve` adds its live-reload script after this hook runs, and
// debug builds never register the service worker.
const release = process.env.TRUNK_PROFILE !== "debug";
const indexPath = join(dir, "index.html");
let html = readFileSync(indexPath, "utf8");
const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
if (release && inlineScripts.length === 0) {
  console.error("post-build: found no inline loader script in index.html; the CSP would block the app");
  process.exit(1);
}
const hashesOf = (bodies) => bodies.map((body) => `'sha256-${sha256(body, "base64")}'`).join(" ");
const scriptHashes = hashesOf(inlineScripts);
// The stylesheet is inlined (index.html), so the outline paints without a second request.
const inlineStyles = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
const styleSources = ["'self'", hashesOf(inlineStyles)].filter(Boolean).join(" ");
const policy = [
  "default-src 'none'",
  `script-src 'self' 'wasm-unsafe-eval' ${scriptHashes}`,
  `style-src ${styleSources}`,
  // pulldown-cmark writes text-align as a style attribute for aligned table columns.
  "style-src-attr 'unsafe-inline'",
  // Images in a report are the author's graphs, linked by https URL.
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");
// The loader (Trunk.toml) fetches the wasm once the outline has painted; Trunk's preload of it
// would start the download at once. (Attributes quoted or not: the page may be minified.)
if (release) {
  const wasmPreload = /<link(?=[^>]*\brel="?preload\b)(?=[^>]*\.wasm\b)[^>]*>/;
  if (!wasmPreload.test(html)) {
    console.error("post-build: found no preload of the wasm to drop; has Trunk's output changed?");
    process.exit(1);
  }
  html = html.replace(wasmPreload, "");
}
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
if (!release) {
  // No policy in development.
} else if (html.includes('http-equiv="Content-Security-Policy"')) {
  html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, meta);
} else {
  // Before every script: right after <meta charset>, which must stay first.
  // (Quoted or not: the minified page writes `<meta charset=utf-8>`.)
  html = html.replace(/(<meta charset="?utf-8"?\s*\/?>)/i, `$1\n    ${meta}`);
}
if (release && !html.includes(meta)) {
  console.error("post-build: could not place the CSP meta after <meta charset>");
  process.exit(1);
}
const firstScript = html.search(/<script/);
if (firstScript >= 0 && html.indexOf(meta) > firstScript) {
  console.error("post-build: the CSP meta must come before every script");
  process.exit(1);
}
writeFileSync(indexPath, html);

// --- Service worker ------------------------------------------------------------------------
const files = [];
const walk = (folder) => {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) walk(path);
    else files.push(relative(dir, path).split("\\").join("/"));
  }
};
walk(dir);
const assets = files.filter((f) => f !== "sw.js" && !f.endsWith(".map") && !/\.(gz|br)$/.test(f)).sort();
const version = sha256(assets.map((f) => f + "\0" + sha256(readFileSync(join(dir, f)), "hex")).join("\n"), "hex").slice(0, 16);
const template = readFileSync(new URL("./sw-template.js", import.meta.url), "utf8");
const worker = template
  .replace("__CACHE_VERSION__", version)
  .replace("__ASSETS__", JSON.stringify(["./", ...assets.filter((f) => f !== "index.html")]));
writeFileSync(join(dir, "sw.js"), worker);
// --- Precompressed copies ----------------------------------------------------------------------
// For hosts that serve `file.br` or `file.gz` in place of `file` (nginx's brotli_static and
// gzip_static, many CDNs): the smallest encodings, made once here rather than per request.
if (release) {
  for (const file of [...assets, "sw.js"].filter((f) => /\.(html|js|css|wasm|svg|webmanifest)$/.test(f))) {
    const bytes = readFileSync(join(dir, file));
    writeFileSync(join(dir, `${file}.gz`), gzipSync(bytes, { level: 9 }));
    writeFileSync(join(dir, `${file}.br`), brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  }
}
const cspNote = release ? `CSP with ${inlineScripts.length} script hash(es)` : "no CSP (debug build)";
console.log(`post-build: ${cspNote}; service worker ${version} caching ${assets.length} files`);
