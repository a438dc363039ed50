//! HTML images in Markdown (`<img src="…" width="480">`, often centred in a `<p>`), read as
//! Markdown images. The preview shows raw HTML as text, so a report's graphs and screenshots
//! would otherwise come in as tags to read rather than pictures.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::outline;
use super::text::apply_edits;
use crate::markdown::push_link_target;

/// The source with each `<img>` written as `![alt](src "title")`, and how many were; `None`
/// when it has none that can be. A tag stays as written where it sits among other HTML with
/// text of its own (a caption in a `<figure>`): only the image would be kept from there.
pub fn images_as_markdown(source: &str) -> Option<(String, usize)> {
    // Found by its `<`, which a 1 MB timeline may have none of.
    let has_image = source
        .split('<')
        .skip(1)
        .any(|after| after.get(..3).is_some_and(|name| name.eq_ignore_ascii_case("img")));
    if !has_image {
        return None;
    }
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut block: Option<Range<usize>> = None;
    for (event, range) in Parser::new_ext(source, outline::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::HtmlBlock) => block = Some(range),
            Event::End(TagEnd::HtmlBlock) => {
                let Some(block) = block.take() else { continue };
                let html = &source[block.clone()];
                let images: Vec<String> = tags(html).filter_map(image).collect();
                if !images.is_empty() && without_tags(html).trim().is_empty() {
                    let end = if html.ends_with('\n') { "\n" } else { "" };
                    edits.push((block, images.join("\n") + end));
                }
            }
            Event::InlineHtml(html) => {
                if let Some(markdown) = image(&html) {
                    edits.push((range, markdown));
                }
            }
            _ => {}
        }
    }
    if edits.is_empty() {
        return None;
    }
    let count = edits.iter().map(|(_, markdown)| markdown.matches("![").count()).sum();
    Some((apply_edits(source, edits), count))
}

/// The tags in a run of HTML, each from `<` to `>`.
fn tags(html: &str) -> impl Iterator<Item = &str> {
    html.match_indices('<')
        .filter_map(|(at, _)| html[at..].find('>').map(|end| &html[at..=at + end]))
}

/// The text between the tags.
fn without_tags(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        match rest[open..].find('>') {
            Some(close) => rest = &rest[open + close + 1..],
            None => return text + &rest[open..],
        }
    }
    text + rest
}

/// `<img src="a.png" alt="Traffic">` as `![Traffic](a.png)`; `None` for any other tag, and for
/// an image with no source.
fn image(tag: &str) -> Option<String> {
    let inner = tag
        .trim()
        .strip_prefix('<')?
        .trim_end_matches('>')
        .trim_end_matches('/');
    let (name, attributes) = inner.split_at(inner.find(char::is_whitespace).unwrap_or(inner.len()));
    if !name.eq_ignore_ascii_case("img") {
        return None;
    }
    let src = attribute(attributes, "src").filter(|s| !s.is_empty())?;
    let alt = attribute(attributes, "alt").unwrap_or_default().replace(['[', ']'], "");
    let title = attribute(attributes, "title").unwrap_or_default();
    // A browser reads a space in `src` as %20.
    let mut markdown = format!("![{alt}]");
    push_link_target(&mut markdown, &src.replace(' ', "%20"), &title);
    Some(markdown)
}

/// An attribute's value (quoted with `"` or `'`, or bare), its name in any case.
fn attribute(attributes: &str, name: &str) -> Option<String> {
    let mut rest = attributes;
    loop {
        rest = rest.trim_start();
        let name_end = rest.find(|c: char| c == '=' || c.is_whitespace()).unwrap_or(rest.len());
        if name_end == 0 {
            return None;
        }
        let this = &rest[..name_end];
        rest = rest[name_end..].trim_start();
        let value = match rest.strip_prefix('=') {
            Some(after) => {
                let after = after.trim_start();
                let (value, left) = match after.chars().next() {
                    Some(quote @ ('"' | '\'')) => {
                        let close = after[1..].find(quote).map_or(after.len(), |c| c + 1);
                        (&after[1..close], after.get(close + 1..).unwrap_or(""))
                    }
                    _ => after.split_at(after.find(char::is_whitespace).unwrap_or(after.len())),
                };
                rest = left;
                value
            }
            None => "",
        };
        if this.eq_ignore_ascii_case(name) {
            return Some(value.to_owned());
        }
        if rest.is_empty() {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn converted(source: &str) -> String {
        images_as_markdown(source).map_or_else(|| source.to_owned(), |(text, _)| text)
    }

    #[test]
    fn an_image_centred_in_html_is_a_markdown_image() {
        let source = "Traffic fell:\n\n<p align=\"center\">\n  <img src=\"img/traffic.png\" alt=\"Traffic [EU]\" width=\"480\">\n</p>\n\nThen it rose.\n";
        assert_eq!(
            images_as_markdown(source),
            Some((
                "Traffic fell:\n\n![Traffic EU](img/traffic.png)\n\nThen it rose.\n".to_owned(),
                1
            ))
        );
    }

    #[test]
    fn inline_and_bare_images_in_any_case_and_quoting() {
        assert_eq!(
            converted("See <IMG SRC='a b.png' TITLE=\"Graph\"/> and <img src=c.gif>.\n"),
            "See ![](a%20b.png \"Graph\") and ![](c.gif).\n"
        );
    }

    #[test]
    fn html_with_text_of_its_own_and_code_stay_as_written() {
        let kept = [
            "<figure>\n<img src=\"a.png\">\n<figcaption>Traffic</figcaption>\n</figure>\n",
            "```html\n<img src=\"a.png\">\n```\n",
            "    <img src=\"a.png\">\n",
            "An image with no source: <img alt=\"x\">.\n",
        ];
        for source in kept {
            assert_eq!(converted(source), source);
        }
    }
}
