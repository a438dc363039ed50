//! The one renderer from Markdown to HTML for the preview. Its output is safe to set as
//! `innerHTML`: raw HTML in the Markdown is shown as text, and link and image URLs are kept
//! only when their scheme is http, https or mailto, or when they are relative.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag};

/// What a neutralised URL is replaced with: a link to nowhere, visibly inert.
pub const BLOCKED_URL: &str = "#blocked-unsafe-link";

/// The Markdown extensions the export uses (GitHub's tables, task lists, strikethrough).
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH
}

/// Appends the HTML for `markdown` to `out`.
pub fn write_html(markdown: &str, out: &mut String) {
    let events = Parser::new_ext(markdown, options()).map(neutralise);
    pulldown_cmark::html::push_html(out, events);
}

pub fn to_html(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    write_html(markdown, &mut out);
    out
}

fn neutralise(event: Event<'_>) -> Event<'_> {
    match event {
        // The writer escapes text, so markup typed by the author is shown, never parsed.
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        other => other,
    }
}

fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    if is_safe_url(&url) {
        url
    } else {
        CowStr::Borrowed(BLOCKED_URL)
    }
}

/// Whether a browser would follow this URL only to an allowed scheme. Browsers ignore tabs and
/// newlines anywhere in a URL and leading control characters and spaces, so `java\tscript:` is
/// a `javascript:` URL: the scheme is read the way they read it.
pub fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let scheme_end = cleaned.find([':', '/', '?', '#']);
    match scheme_end {
        Some(end) if cleaned[end..].starts_with(':') => {
            let scheme = cleaned[..end].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
        // No scheme: a relative URL, a path, a query or a fragment.
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = to_html("<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> here");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
    }

    #[test]
    fn unsafe_link_schemes_are_neutralised() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            " \u{1}javascript:x",
            "data:text/html,x",
            "vbscript:x",
            "&#x6A;avascript:x",
        ] {
            let html = to_html(&format!("[a](<{url}>) ![b](<{url}>)"));
            assert!(!html.to_ascii_lowercase().contains("script:"), "{url}: {html}");
            assert!(!html.contains("data:"), "{url}: {html}");
        }
    }

    #[test]
    fn safe_links_are_kept() {
        let html = to_html("[a](https://example.com/x?y=1) [b](mailto:a@example.com) [c](../notes.md) [d](#timeline)");
        for url in [
            "https://example.com/x?y=1",
            "mailto:a@example.com",
            "../notes.md",
            "#timeline",
        ] {
            assert!(html.contains(&format!("href=\"{url}\"")), "{url}: {html}");
        }
    }

    #[test]
    fn task_lists_and_tables_render() {
        let html = to_html("- [x] done\n- [ ] open\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(html.contains("type=\"checkbox\""));
        assert!(html.contains("<table>"));
    }
}
