// Every payload in ../shared/security/xss-payloads.txt, typed into a Markdown body and into a
// timeline entry, renders inert: no dialog opens, and the preview's DOM (also re-parsed, for
// mutation XSS) holds no active element, no event handler and no unsafe URL.
import { readFileSync } from "node:fs";
import { test, expect } from "./fixtures.js";

const payloads = readFileSync(new URL("../../../shared/security/xss-payloads.txt", import.meta.url), "utf8")
  .split("\n")
  .filter((line) => line.trim() && !line.startsWith("##"))
  .map((line) => line.split("\t")[0].replaceAll("\\n", "\n"));

/// Runs in the page: what in the preview could run script.
function dangers(previewSelector) {
  const forbidden = "script,iframe,object,embed,base,meta,link,style,form,svg,math";
  const safeUrl = (url) => {
    const cleaned = url.replace(/[\u0000-\u0020]/g, "").toLowerCase();
    const scheme = /^([a-z][a-z0-9+.-]*):/.exec(cleaned);
    return !scheme || ["http", "https", "mailto"].includes(scheme[1]);
  };
  const check = (root, where) => {
    const found = [];
    for (const el of root.querySelectorAll(forbidden)) found.push(`${where}: <${el.tagName.toLowerCase()}>`);
    for (const el of root.querySelectorAll("*")) {
      for (const attr of el.attributes) {
        if (attr.name.startsWith("on")) found.push(`${where}: ${attr.name} on <${el.tagName.toLowerCase()}>`);
        if (["href", "src", "action", "formaction", "xlink:href"].includes(attr.name) && !safeUrl(attr.value)) {
          found.push(`${where}: ${attr.name}=${attr.value}`);
        }
      }
    }
    return found;
  };
  const preview = document.querySelector(previewSelector);
  const reparsed = new DOMParser().parseFromString(`<body>${preview.innerHTML}</body>`, "text/html").body;
  return [...check(preview, "live"), ...check(reparsed, "re-parsed")];
}

test(`none of the ${payloads.length} payloads runs script in the preview`, async ({ studio, page }) => {
  expect(payloads.length).toBeGreaterThanOrEqual(20);
  studio.allowResourceErrors(); // image payloads point at URLs that do not exist
  await page.addInitScript(() => {
    window.__fired = [];
    for (const name of ["alert", "prompt", "confirm"]) window[name] = (...args) => window.__fired.push([name, ...args]);
  });
  await studio.open();
  await studio.add("Add entry");
  for (const payload of payloads) {
    await studio.fill("root_cause_and_resolution.root_cause", payload);
    await studio.fill("timeline[0].text", payload);
    await studio.fill("summary.impact", payload);
    await page.waitForTimeout(20);
    expect(await page.evaluate(dangers, "[data-testid=preview]"), payload).toEqual([]);
  }
  // Handlers that would fire on load or error get a moment to do so.
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => window.__fired)).toEqual([]);
  // Typed text stays visible as text.
  await studio.fill("root_cause_and_resolution.root_cause", "<script>alert(1)</script>");
  await expect(studio.preview).toContainText("<script>alert(1)</script>");
});
