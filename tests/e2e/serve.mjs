// A static server for the end-to-end tests and the benchmarks: serves a built site at the root
// and under /sub/ (to prove it works from a sub-path), with the right content types for wasm and
// the manifest. With a third argument it serves as a real host does: compressed (`gzip` or `br`,
// as GitHub Pages and most CDNs compress), with long cache headers for content-hashed files.
// Usage: node tests/e2e/serve.mjs PORT DIR [gzip|br]
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const [port, root, encoding] = process.argv.slice(2);
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".css": "text/css",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".md": "text/markdown; charset=utf-8",
};
const compressible = new Set([".html", ".js", ".mjs", ".css", ".wasm", ".svg", ".json", ".webmanifest", ".md"]);
const compressed = new Map();
const compress = (file, body) => {
  if (!compressed.has(file)) {
    compressed.set(
      file,
      encoding === "br"
        ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
        : gzipSync(body, { level: 9 }),
    );
  }
  return compressed.get(file);
};

createServer(async (request, response) => {
  let path = decodeURIComponent(new URL(request.url, "http://localhost").pathname);
  if (path.startsWith("/sub/")) path = path.slice(4);
  if (path.endsWith("/")) path += "index.html";
  const file = normalize(join(root, path));
  if (!file.startsWith(normalize(root))) {
    response.writeHead(403).end();
    return;
  }
  try {
    let body = await readFile(file);
    const headers = { "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" };
    if (encoding) {
      // Trunk names what it builds by content hash: such a file never changes.
      if (/-[0-9a-f]{16}(_bg)?\.[a-z]+$/.test(file)) headers["cache-control"] = "public, max-age=31536000, immutable";
      const accepts = (request.headers["accept-encoding"] ?? "").includes(encoding === "br" ? "br" : "gzip");
      if (accepts && compressible.has(extname(file))) {
        body = compress(file, body);
        headers["content-encoding"] = encoding === "br" ? "br" : "gzip";
        headers.vary = "accept-encoding";
      }
    }
    response.writeHead(200, headers);
    response.end(body);
  } catch {
    response.writeHead(404, { "content-type": "text/plain" }).end("not found");
  }
}).listen(Number(port), "127.0.0.1");
