//! Browser tests (wasm-bindgen-test in headless Chromium): the app mounts into a real DOM and
//! the preview sets only sanitised HTML.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use postmortem_editor::components::preview::Preview;
use postmortem_editor::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_container() -> web_sys::HtmlElement {
    let document = document();
    let container = document
        .create_element("div")
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>();
    document.body().unwrap().append_child(&container).unwrap();
    container
}

#[wasm_bindgen_test]
fn app_mounts_and_renders_the_example_report() {
    let container = fresh_container();
    let _handle = leptos::mount::mount_to(container.clone(), App);
    let title = container
        .query_selector("[data-testid=report-title]")
        .unwrap()
        .expect("a title");
    let example = postmortem_editor::example::example_report().unwrap();
    assert_eq!(title.text_content().unwrap(), example.title);
    let headings = container.query_selector_all("[data-testid=preview] h2").unwrap();
    let texts: Vec<String> = (0..headings.length())
        .map(|i| headings.item(i).unwrap().text_content().unwrap())
        .collect();
    assert_eq!(
        &texts[..4],
        [
            "Issue Summary",
            "Timeline",
            "Root Cause and Resolution",
            "Corrective and Preventative Measures"
        ]
    );
}

#[wasm_bindgen_test]
fn preview_never_creates_script_or_handlers() {
    let container = fresh_container();
    let markdown = "# Title\n\n<script>window.__pwned = 1</script>\n\n<img src=x onerror=\"window.__pwned = 2\">\n\n[click](javascript:window.__pwned=3)\n";
    let _handle = leptos::mount::mount_to(
        container.clone(),
        move || view! { <Preview markdown=markdown.to_owned() /> },
    );
    let preview = container
        .query_selector("[data-testid=preview]")
        .unwrap()
        .expect("a preview");
    assert!(preview.query_selector("script").unwrap().is_none());
    assert!(preview.query_selector("img").unwrap().is_none());
    assert!(preview.query_selector("[onerror]").unwrap().is_none());
    let link = preview
        .query_selector("a")
        .unwrap()
        .expect("the link is kept as a link");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some(postmortem_core::preview::BLOCKED_URL)
    );
    assert!(preview
        .text_content()
        .unwrap()
        .contains("<script>window.__pwned = 1</script>"));
    let pwned = js_sys_global_has("__pwned");
    assert!(!pwned, "no payload ran");
}

fn js_sys_global_has(name: &str) -> bool {
    let window = web_sys::window().unwrap();
    let value = js_sys::Reflect::get(&window, &name.into()).unwrap();
    !value.is_undefined()
}
