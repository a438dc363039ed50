//! Reports in links: the report's JSON, deflated with the browser's `CompressionStream` and
//! written in base64url after `#r=`. The fragment never reaches a server.

use wasm_bindgen::prelude::*;

// The streams API is easiest from JavaScript; this is ours, bundled by wasm-bindgen as a
// module of the site (so the Content-Security-Policy's 'self' covers it).
#[wasm_bindgen(inline_js = r#"
export async function pack(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}
export async function unpack(code) {
  const base64 = code.replaceAll("-", "+").replaceAll("_", "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return await new Response(stream).text();
}
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn pack(text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn unpack(code: &str) -> Result<JsValue, JsValue>;
}

/// What goes before the report in a link's fragment.
pub const MARK: &str = "#r=";

/// The longest link offered. RFC 9110 asks that senders and recipients support request lines
/// of at least 8000 octets; chat tools and browsers commonly keep links of that length intact,
/// longer ones are cut by some.
pub const MAX_LINK: usize = 8000;

/// The link that holds `json`: this page's address and the packed report.
pub async fn link_for(json: &str) -> Result<String, String> {
    let code = pack(json)
        .await
        .map_err(|e| describe(&e))?
        .as_string()
        .unwrap_or_default();
    let location = web_sys::window().ok_or("no window")?.location();
    let base = format!(
        "{}{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    Ok(format!("{base}{MARK}{code}"))
}

/// The report's JSON from a link's fragment, or why it cannot be read.
pub async fn json_from(code: &str) -> Result<String, String> {
    match unpack(code).await {
        Ok(text) => Ok(text.as_string().unwrap_or_default()),
        Err(error) => Err(describe(&error)),
    }
}

fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| "the browser could not read it".to_owned())
}
