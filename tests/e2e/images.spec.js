// Nothing leaves the machine unless the user says so: a report's images on other sites are
// not fetched until the user allows it for that draft, in the preview, the print and the HTML
// copied for docs alike. The choice is kept for that draft only.
import { test, expect } from "./fixtures.js";

const REPORT = {
  title: "Dashboard outage",
  images: [{ url: "https://graphs.example.com/error-rate.png", alt: "Error rate during the outage" }],
};

async function countRequests(page) {
  const seen = [];
  await page.route("https://graphs.example.com/**", (route) => {
    seen.push(route.request().url());
    return route.fulfill({ status: 200, contentType: "image/svg+xml", body: "<svg xmlns='http://www.w3.org/2000/svg' width='4' height='4'/>" });
  });
  return seen;
}

test("images wait for consent, then load, and the consent is kept for that draft", async ({ studio, page, context }) => {
  const seen = await countRequests(page);
  await studio.open();
  await studio.openFile("dashboard.json", JSON.stringify({ format: "postmortem", version: 2, ...REPORT }));
  await expect(studio.field("title")).toHaveValue("Dashboard outage");
  const withheld = studio.preview.getByTestId("image-withheld");
  await expect(withheld).toHaveText("Image from graphs.example.com, not loaded: Error rate during the outage");
  await expect(studio.preview.locator("img")).toHaveCount(0);
  await expect(page.getByTestId("load-images")).toHaveText("Load images from graphs.example.com");

  // Print and Copy for Docs withhold them too.
  await page.emulateMedia({ media: "print" });
  await expect(withheld).toBeVisible();
  await expect(page.getByTestId("image-consent")).toBeHidden();
  await page.emulateMedia({ media: "screen" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await (await studio.exportItem("copy-for-docs")).click();
  await expect(studio.toast).toContainText("Copied");
  const html = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    return (await item.getType("text/html")).text();
  });
  expect(html).not.toContain("graphs.example.com/error-rate.png");
  expect(html).toContain("Error rate during the outage");
  expect(seen).toEqual([]);

  await page.getByTestId("load-images").click();
  await expect(studio.preview.locator("img[src='https://graphs.example.com/error-rate.png']")).toHaveCount(1);
  await expect(page.getByTestId("image-consent")).toHaveCount(0);
  await expect.poll(() => seen.length).toBeGreaterThan(0);

  await studio.waitSaved();
  await page.reload();
  await expect(studio.preview.locator("img[src='https://graphs.example.com/error-rate.png']")).toHaveCount(1);

  // Another draft with the same image asks again.
  await studio.openFile("again.json", JSON.stringify({ format: "postmortem", version: 2, ...REPORT, title: "Another" }));
  await expect(studio.field("title")).toHaveValue("Another");
  await expect(studio.preview.getByTestId("image-withheld")).toHaveCount(1);
});
