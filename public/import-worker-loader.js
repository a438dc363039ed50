// Starts the Markdown reader's worker (crates/postmortem-import-worker; src/importer.rs starts
// this script). Trunk builds the reader with wasm-bindgen's no-modules target, so its glue is a
// classic script. A wasm that fails to load would otherwise leave the page waiting: it says so.
importScripts("./postmortem-import-worker.js");
wasm_bindgen("./postmortem-import-worker_bg.wasm").catch((error) => postMessage(`failed: ${error}`));
