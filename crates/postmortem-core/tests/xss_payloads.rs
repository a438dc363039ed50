//! Every payload in `../shared/security/xss-payloads.txt`, as raw Markdown and typed into each
//! kind of report field, renders to HTML with no active element, event handler or unsafe URL.
//! (The end-to-end suite checks the same in Chromium's DOM.)

use postmortem_core::preview::{is_safe_url, to_html, RemoteImages};
use postmortem_core::{import_markdown, to_markdown, Report, TimelineEntry};

const FORBIDDEN_TAGS: [&str; 11] = [
    "script", "iframe", "object", "embed", "base", "meta", "link", "style", "form", "svg", "math",
];

fn payloads() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/security/xss-payloads.txt");
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{path}: {e} (the shared folder sits beside the repository)"));
    text.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with("##"))
        .map(|line| line.split('\t').next().unwrap_or_default().replace("\\n", "\n"))
        .collect()
}

/// The problems in rendered HTML. Text is escaped by the renderer, so every `<` in the output
/// opens a tag the renderer wrote.
fn dangers(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for tag in html.split('<').skip(1) {
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if FORBIDDEN_TAGS.contains(&name.to_ascii_lowercase().as_str()) {
            found.push(format!("<{name}>"));
        }
        for (key, value) in attributes(&tag[name.len()..]) {
            if key.starts_with("on") {
                found.push(format!("handler {key}"));
            }
            if (key == "href" || key == "src") && !is_safe_url(&value.replace("&amp;", "&")) {
                found.push(format!("{key}={value}"));
            }
        }
    }
    found
}

/// `name="value"` pairs of a tag, quoted values kept whole.
fn attributes(mut rest: &str) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        if name_end == 0 {
            return pairs;
        }
        let name = rest[..name_end].to_ascii_lowercase();
        rest = &rest[name_end..];
        let value = match rest.strip_prefix('=') {
            Some(after) => {
                let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'');
                let (value, remainder) = match quote {
                    Some(q) => after[1..].split_once(q).unwrap_or((&after[1..], "")),
                    None => after.split_once(char::is_whitespace).unwrap_or((after, "")),
                };
                rest = remainder;
                value.to_owned()
            }
            None => String::new(),
        };
        pairs.push((name, value));
    }
}

#[test]
fn the_shared_payload_list_is_read() {
    assert!(payloads().len() >= 20);
}

#[test]
fn raw_payloads_render_inert() {
    for payload in payloads() {
        assert_eq!(dangers(&both_ways(&payload)), Vec::<String>::new(), "{payload:?}");
    }
}

#[test]
fn payloads_in_imported_html_asciidoc_and_org_render_inert() {
    // The importer rewrites these formats as Markdown: a payload inside one must come out
    // as inert as one typed in.
    for payload in payloads() {
        let one_line = payload.replace('\n', " ");
        let documents = [
            format!("<h2>Outage</h2>\n<p>{payload}</p>\n<h3>Timeline</h3>\n<ul><li>10:00 {payload}</li></ul>\n<p><a href=\"{one_line}\">x</a></p>"),
            format!("= Outage\n\n== Summary\n\n{payload}\n\n== Timeline\n\n|===\n|10:00 |{one_line}\n|===\n\n{one_line}[link]\n"),
            format!("#+TITLE: Outage\n* Summary\n{payload}\n* Timeline\n- 10:00 :: {one_line}\n[[{one_line}][link]]\n"),
        ];
        for document in documents {
            let exported = to_markdown(&import_markdown(&document).report);
            assert_eq!(dangers(&both_ways(&exported)), Vec::<String>::new(), "{document:?}");
        }
    }
}

#[test]
fn payloads_typed_into_fields_render_inert() {
    for payload in payloads() {
        let mut report = Report {
            title: payload.clone(),
            ..Default::default()
        };
        report.summary.impact = payload.clone();
        report.timeline.push(TimelineEntry {
            text: payload.clone(),
            actor: Some(payload.clone()),
            ..Default::default()
        });
        report.root_cause_and_resolution.root_cause = payload.clone();
        report.measures.improvements.push(payload.clone());
        report.images.push(postmortem_core::Image {
            url: payload.clone(),
            alt: payload.clone(),
        });
        let html = both_ways(&to_markdown(&report));
        assert_eq!(dangers(&html), Vec::<String>::new(), "{payload:?}\n{html}");
    }
}

#[test]
fn the_checker_finds_what_it_looks_for() {
    assert_eq!(dangers("<p><script>x</script></p>"), ["<script>", "<script>"]);
    assert_eq!(
        dangers("<img src=\"javascript:x\" onerror=\"y\">"),
        ["src=javascript:x", "handler onerror"]
    );
    assert!(dangers("<a href=\"https://example.com\">ok</a>").is_empty());
    assert!(dangers("<img src=\"a.png\" alt=\"x onload y\" />").is_empty());
}

/// The preview as rendered with remote images loaded and withheld: both must be safe.
fn both_ways(markdown: &str) -> String {
    to_html(markdown, RemoteImages::Load) + &to_html(markdown, RemoteImages::Withhold)
}
