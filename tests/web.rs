//! Browser tests (wasm-bindgen-test in headless Chromium): the app mounts into a real DOM, the
//! editor state derives its Markdown and findings, and the preview sets only sanitised HTML.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use postmortem_core::preview::RemoteImages;
use postmortem_editor::components::preview::Preview;
use postmortem_editor::state::{field_id, Editor};
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

fn texts(container: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let nodes = container.query_selector_all(selector).unwrap();
    (0..nodes.length())
        .map(|i| nodes.item(i).unwrap().text_content().unwrap())
        .collect()
}

#[wasm_bindgen_test]
fn app_mounts_with_every_form_section_and_a_preview() {
    let container = fresh_container();
    let _handle = leptos::mount::mount_to(container.clone(), App);
    assert_eq!(
        texts(&container, ".form-section h2"),
        [
            "Details",
            "Issue Summary",
            "Timeline",
            "Root Cause and Resolution",
            "Corrective and Preventative Measures",
            "Lessons Learned",
            "Responders",
            "Images",
            "Review",
            "Your own sections"
        ]
    );
    // The navigator lists the same cards.
    let nav: Vec<String> = texts(&container, ".section-nav .nav-label");
    assert_eq!(nav, texts(&container, ".form-section h2"));
    assert_eq!(texts(&container, "[data-testid=preview] h1"), ["Untitled postmortem"]);
    let title = container
        .query_selector("#field-title")
        .unwrap()
        .expect("a title input");
    assert_eq!(
        title.get_attribute("aria-invalid").as_deref(),
        Some("false"),
        "no error before typing"
    );
}

#[wasm_bindgen_test]
fn editor_derives_markdown_and_findings_from_the_report() {
    let owner = Owner::new();
    owner.with(|| {
        let editor = Editor::new(
            postmortem_editor::example::example_report().unwrap(),
            Default::default(),
            Vec::new(),
        );
        // The example is written as a blameless postmortem should be.
        assert_eq!(editor.advice.get_untracked(), vec![]);
        editor.update(|r| r.summary.root_cause = "Human error.".into());
        assert_eq!(editor.advice.get_untracked()[0].rule.id, "blameless/human-error");
        editor.update(|r| r.summary.root_cause = "The renewal job was disabled.".into());
        assert_eq!(editor.advice.get_untracked(), vec![]);
        assert!(editor.findings.get_untracked().is_empty());
        assert!(!editor.markdown.get_untracked().contains("```mermaid"));
        editor
            .export_options
            .set(postmortem_core::markdown::ExportOptions { mermaid: true });
        assert!(editor.markdown.get_untracked().contains("```mermaid\ngantt\n"));
        assert_eq!(
            editor.blocks.get_untracked().concat().trim_end(),
            editor.markdown.get_untracked().trim_end()
        );
        editor.update(|r| r.title.clear());
        assert!(editor.markdown.get_untracked().starts_with("# Untitled postmortem\n"));
        let findings = editor.findings.get_untracked();
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].path, "title");
        // Findings show beside a field only once it is touched, or when all are asked for.
        let visible = editor.visible_findings("title".into());
        assert!(visible.get_untracked().is_empty());
        editor.touch("title");
        assert_eq!(visible.get_untracked().len(), 1);
    });
}

/// Lets the scheduled effects run.
async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback(&resolve).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn preview_replaces_only_the_block_that_changed() {
    let container = fresh_container();
    let blocks = RwSignal::new(vec!["# Title\n\n".to_owned(), "## Timeline\n\n- a\n".to_owned()]);
    let _handle = leptos::mount::mount_to(
        container.clone(),
        move || view! { <Preview blocks=blocks images=RemoteImages::Load /> },
    );
    let timeline_before = container
        .query_selector(".preview-block:nth-child(2)")
        .unwrap()
        .unwrap();
    blocks.update(|b| b[0] = "# New title\n\n".to_owned());
    next_tick().await;
    assert_eq!(texts(&container, "h1"), ["New title"]);
    let timeline_after = container
        .query_selector(".preview-block:nth-child(2)")
        .unwrap()
        .unwrap();
    assert!(
        timeline_before.is_same_node(Some(&timeline_after)),
        "the unchanged block keeps its DOM"
    );
}

#[wasm_bindgen_test]
fn field_ids_follow_report_paths() {
    assert_eq!(field_id("timeline[3].time"), "field-timeline-3-time");
    assert_eq!(field_id("measures.improvements[0]"), "field-measures-improvements-0");
    assert_eq!(
        field_id("summary.users_affected_percent"),
        "field-summary-users_affected_percent"
    );
}

#[wasm_bindgen_test]
fn preview_never_creates_script_or_handlers() {
    let container = fresh_container();
    let markdown = "# Title\n\n<script>window.__pwned = 1</script>\n\n<img src=x onerror=\"window.__pwned = 2\">\n\n[click](javascript:window.__pwned=3)\n";
    let _handle = leptos::mount::mount_to(
        container.clone(),
        move || view! { <Preview blocks=vec![markdown.to_owned()] images=RemoteImages::Load /> },
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
    let window = web_sys::window().unwrap();
    let pwned = js_sys::Reflect::get(&window, &"__pwned".into()).unwrap();
    assert!(pwned.is_undefined(), "no payload ran");
}

#[wasm_bindgen_test]
async fn remote_images_follow_the_choice() {
    let container = fresh_container();
    let images = RwSignal::new(RemoteImages::Withhold);
    let markdown = "![Error rate](https://graphs.example.com/rate.png)\n".to_owned();
    let _handle = leptos::mount::mount_to(
        container.clone(),
        move || view! { <Preview blocks=vec![markdown.clone()] images=images /> },
    );
    assert!(container.query_selector("img").unwrap().is_none());
    assert_eq!(texts(&container, "[data-testid=image-withheld]").len(), 1);
    images.set(RemoteImages::Load);
    next_tick().await;
    let img = container
        .query_selector("img")
        .unwrap()
        .expect("the image, once allowed");
    assert_eq!(
        img.get_attribute("src").as_deref(),
        Some("https://graphs.example.com/rate.png")
    );
}
