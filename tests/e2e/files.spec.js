// Saving to a file on disk and keeping on saving: "Save to file…" asks once, Ctrl+S writes the
// same file again, the link survives a reload, a failed write says so and keeps the draft, and
// a browser without the File System Access API downloads instead and says why. Headless
// Chromium shows no file picker, so the picker is stood in for by one that hands out files of
// the origin-private file system: real FileSystemFileHandles, written by the app's own code.
import { test, expect, golden } from "./fixtures.js";

async function usePicker(page) {
  await page.addInitScript(() => {
    window.showSaveFilePicker = async ({ suggestedName }) => {
      window.pickerShown = (window.pickerShown || 0) + 1;
      const root = await navigator.storage.getDirectory();
      return root.getFileHandle(suggestedName, { create: true });
    };
    window.showOpenFilePicker = async () => {
      const root = await navigator.storage.getDirectory();
      return [await root.getFileHandle("opened.json")];
    };
  });
}

/// The file's text as it stands once no write is under way: a read that overlaps the app's
/// write (the file is replaced when the write closes) is tried again.
function fileText(page, name) {
  return page.evaluate(async (name) => {
    const root = await navigator.storage.getDirectory();
    for (let attempt = 0; ; attempt++) {
      try {
        return await (await (await root.getFileHandle(name)).getFile()).text();
      } catch (error) {
        if (attempt >= 20 || !["NotReadableError", "NotFoundError"].includes(error.name)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }, name);
}

test("Save to file writes the Markdown, Ctrl+S writes it again, and the link survives a reload", async ({ studio, page }) => {
  await usePicker(page);
  await studio.open();
  await studio.fill("title", "Checkout outage");
  await page.getByTestId("save-to-file").click();
  await expect(studio.toast).toContainText("Saved to checkout-outage.md.");
  await expect(page.getByTestId("save-to-file")).toHaveText("Save to checkout-outage.md");
  expect(await fileText(page, "checkout-outage.md")).toContain("# Checkout outage");

  await studio.fill("summary.impact", "Payments failed for a third of users.");
  await page.keyboard.press("Control+s");
  await expect.poll(() => fileText(page, "checkout-outage.md")).toContain("Payments failed for a third of users.");
  expect(await page.evaluate(() => window.pickerShown)).toBe(1);
  // What the file holds is the export, byte for byte.
  const { text } = await studio.export("md");
  expect(await fileText(page, "checkout-outage.md")).toBe(text);

  await studio.waitSaved();
  await page.reload();
  await expect(page.getByTestId("save-to-file")).toHaveText("Save to checkout-outage.md");
  await studio.fill("summary.impact", "Payments failed for half of the users.");
  await page.keyboard.press("Control+s");
  await expect.poll(() => fileText(page, "checkout-outage.md")).toContain("half of the users");
  expect(await page.evaluate(() => window.pickerShown ?? 0)).toBe(0);
});

test("autosave to the file follows the draft's saves once turned on", async ({ studio, page }) => {
  await usePicker(page);
  await studio.open();
  await studio.fill("title", "Queue stall");
  await page.getByTestId("save-to-file").click();
  await expect(page.getByTestId("save-to-file")).toHaveText("Save to queue-stall.md");
  await page.getByTestId("file-autosave").check();
  await studio.fill("summary.impact", "Orders waited for an hour.");
  await expect.poll(() => fileText(page, "queue-stall.md")).toContain("Orders waited for an hour.");
  await page.getByTestId("unlink-file").click();
  await expect(page.getByTestId("save-to-file")).toHaveText("Save to file…");
});

test("a file opened through the picker is linked: Ctrl+S writes the JSON back to it", async ({ studio, page }) => {
  await usePicker(page);
  await studio.open();
  await page.evaluate(async (json) => {
    const root = await navigator.storage.getDirectory();
    const writable = await (await root.getFileHandle("opened.json", { create: true })).createWritable();
    await writable.write(json);
    await writable.close();
  }, golden("01-checkout-tls.json"));
  await page.getByRole("button", { name: "Open…" }).click();
  await expect(studio.toast).toContainText("Ctrl+S saves it back to opened.json");
  await expect(page.getByTestId("save-to-file")).toHaveText("Save to opened.json");
  await studio.fill("title", "Checkout TLS, reviewed");
  await page.keyboard.press("Control+s");
  await expect.poll(async () => JSON.parse(await fileText(page, "opened.json")).title).toBe("Checkout TLS, reviewed");
});

test("a write that fails says why and keeps the draft", async ({ studio, page }) => {
  await page.addInitScript(() => {
    window.showSaveFilePicker = async () => ({
      name: "locked.md",
      queryPermission: async () => "granted",
      createWritable: async () => {
        throw new DOMException("The file is locked", "NoModificationAllowedError");
      },
    });
  });
  await studio.open();
  await studio.fill("title", "Locked out");
  await page.getByTestId("save-to-file").click();
  await expect(studio.toast).toContainText("Not saved to locked.md: The file is locked. Your draft is kept in this browser.");
  await studio.waitSaved();
  await page.reload();
  await expect(studio.field("title")).toHaveValue("Locked out");
});

test("permission taken back: the write asks again, and a refusal keeps the draft", async ({ studio, page }) => {
  await page.addInitScript(() => {
    window.showSaveFilePicker = async () => ({
      name: "revoked.md",
      queryPermission: async () => "prompt",
      requestPermission: async () => "denied",
      createWritable: async () => {
        throw new Error("must not be reached");
      },
    });
  });
  await studio.open();
  await studio.fill("title", "Revoked");
  await page.getByTestId("save-to-file").click();
  await expect(studio.toast).toContainText("Not saved to revoked.md: the browser did not allow writing to it.");
  await expect(studio.field("title")).toHaveValue("Revoked");
});

test("without the File System Access API, saving downloads and says why", async ({ studio, page }) => {
  await page.addInitScript(() => {
    delete window.showSaveFilePicker;
    delete window.showOpenFilePicker;
  });
  await studio.open();
  await studio.fill("title", "Plain browser");
  const { name, text } = await studio.downloadFrom(page.getByTestId("save-to-file"));
  expect(name).toBe("plain-browser.md");
  expect(text).toContain("# Plain browser");
  await expect(studio.toast).toContainText("lacks the File System Access API");
});
