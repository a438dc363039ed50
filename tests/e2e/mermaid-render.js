// Drawing Mermaid diagrams in Chromium with the mermaid package, as GitHub does, and saying
// what came out.

const mermaidScript = new URL("../../node_modules/mermaid/dist/mermaid.min.js", import.meta.url).pathname;

/// Parses and renders each diagram in a blank page with the mermaid package; a parse error
/// fails the test with Mermaid's message.
export async function render(context, diagrams) {
  const page = await context.newPage();
  await page.setContent("<!doctype html><html><body></body></html>");
  await page.addScriptTag({ path: mermaidScript });
  const results = await page.evaluate(async (diagrams) => {
    window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
    const out = [];
    for (const [i, code] of diagrams.entries()) {
      try {
        await window.mermaid.parse(code);
        const { svg } = await window.mermaid.render(`diagram-${i}`, code);
        // Anything in the drawing that could run: a script element, an event handler, a
        // javascript: address (entry text shown as text is fine).
        const drawing = new DOMParser().parseFromString(svg, "image/svg+xml");
        const script = [...drawing.querySelectorAll("*")].some(
          (el) =>
            el.localName === "script" ||
            [...el.attributes].some((a) => a.name.startsWith("on") || /^\s*javascript:/i.test(a.value)),
        );
        // Each entry's task is drawn under its own number: a name the grammar misread would
        // lose its task or its number.
        const numbers = new Set(
          [...drawing.querySelectorAll("text")].map((t) => /^(\d+)\. /.exec(t.textContent)?.[1]).filter(Boolean),
        );
        const milestones = [...drawing.querySelectorAll("rect")].filter((r) =>
          /\bmilestone\b/.test(r.getAttribute("class") ?? ""),
        ).length;
        out.push({ ok: true, milestones, entries: numbers.size, script });
      } catch (error) {
        out.push({ ok: false, error: String(error?.message ?? error) });
      }
    }
    return out;
  }, diagrams);
  await page.close();
  return results;
}

