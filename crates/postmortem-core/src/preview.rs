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

/// Whether images on other sites are fetched. Loading one tells its host that the report was
/// opened, from where and when; until the reader allows it, such an image is shown as its alt
/// text and the host it is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RemoteImages {
    Load,
    Withhold,
}

/// Appends the HTML for `markdown` to `out`.
pub fn write_html(markdown: &str, images: RemoteImages, out: &mut String) {
    let mut withheld = Vec::new();
    let events = Parser::new_ext(markdown, options())
        .map(neutralise)
        .map(|event| withhold_images(event, images, &mut withheld));
    pulldown_cmark::html::push_html(out, events);
}

pub fn to_html(markdown: &str, images: RemoteImages) -> String {
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    write_html(markdown, images, &mut out);
    out
}

/// The hosts of the remote images in these Markdown texts (a whole export, or its blocks),
/// sorted, each once: the sites that would learn that the report was opened.
pub fn remote_image_hosts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut hosts: Vec<String> = texts
        .into_iter()
        // Most reports have no image: a search for the image syntax spares parsing them.
        .filter(|markdown| markdown.contains("!["))
        .flat_map(|markdown| {
            Parser::new_ext(markdown, options()).filter_map(|event| match event {
                Event::Start(Tag::Image { dest_url, .. }) if is_safe_url(&dest_url) => {
                    remote_host(&dest_url).map(str::to_owned)
                }
                _ => None,
            })
        })
        .collect();
    hosts.sort();
    hosts.dedup();
    hosts
}

/// The host of an address on another site (`https://host/…`, `//host/…`); `None` for one
/// on this site (relative) or of another scheme.
fn remote_host(url: &str) -> Option<&str> {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        url.strip_prefix("//")?
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit('@').next().unwrap_or(host);
    // Only the characters a host name has, so that it can be written into the page as is.
    (!host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']')))
    .then_some(host)
}

/// A remote image, while images are withheld, becomes a marked span holding its alt text.
/// `withheld` tracks, for each image open, whether it was.
fn withhold_images<'a>(event: Event<'a>, images: RemoteImages, withheld: &mut Vec<bool>) -> Event<'a> {
    match event {
        Event::Start(Tag::Image { ref dest_url, .. }) => {
            let host = remote_host(dest_url).filter(|_| images == RemoteImages::Withhold);
            withheld.push(host.is_some());
            match host {
                Some(host) => Event::Html(
                    format!(
                        "<span class=\"image-withheld\" data-testid=\"image-withheld\"><span class=\"image-withheld-host\">Image from {host}, not loaded:</span> "
                    )
                    .into(),
                ),
                None => event,
            }
        }
        Event::End(pulldown_cmark::TagEnd::Image) if withheld.pop() == Some(true) => Event::Html("</span>".into()),
        other => other,
    }
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

    fn to_html_loading(markdown: &str) -> String {
        to_html(markdown, RemoteImages::Load)
    }

    #[test]
    fn remote_images_wait_for_consent() {
        let markdown = "![Error rate](https://grafana.example.com/d/1.png) and ![local](img/chart.png)\n\n![b](//cdn.example.org/x.png)";
        assert_eq!(
            remote_image_hosts([markdown, markdown]),
            ["cdn.example.org", "grafana.example.com"]
        );
        let html = to_html(markdown, RemoteImages::Withhold);
        assert!(!html.contains("grafana.example.com/d/1.png"), "{html}");
        assert!(!html.contains("cdn.example.org/x.png"), "{html}");
        assert!(
            html.contains("Image from grafana.example.com, not loaded:</span> Error rate</span>"),
            "{html}"
        );
        assert!(html.contains("<img src=\"img/chart.png\" alt=\"local\""), "{html}");
        let loaded = to_html(markdown, RemoteImages::Load);
        assert!(
            loaded.contains("<img src=\"https://grafana.example.com/d/1.png\""),
            "{loaded}"
        );
        assert!(remote_image_hosts(["no images here"]).is_empty());
        // A host that is not a plain name is not written into the page.
        assert_eq!(remote_host("https://a\"b/x"), None);
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = to_html_loading("<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> here");
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
            let html = to_html_loading(&format!("[a](<{url}>) ![b](<{url}>)"));
            assert!(!html.to_ascii_lowercase().contains("script:"), "{url}: {html}");
            assert!(!html.contains("data:"), "{url}: {html}");
        }
    }

    #[test]
    fn safe_links_are_kept() {
        let html =
            to_html_loading("[a](https://example.com/x?y=1) [b](mailto:a@example.com) [c](../notes.md) [d](#timeline)");
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
        let html = to_html_loading("- [x] done\n- [ ] open\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(html.contains("type=\"checkbox\""));
        assert!(html.contains("<table>"));
    }
}
