//! The document as a flat list of blocks, read from pulldown-cmark's event stream: headings,
//! paragraphs, list items (with their nesting depth), table rows, code and the rest. Each block
//! keeps the byte ranges of its source, so that what the importer places in a field is the
//! author's Markdown as written, links, emphasis and code included.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::model::Image;

/// A byte range of the source.
pub type Span = Range<usize>;

#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    Heading {
        level: u8,
    },
    Paragraph,
    Item {
        depth: usize,
        task: Option<bool>,
    },
    /// Rows of cells; the first row is the header.
    Table {
        rows: Vec<Vec<Span>>,
    },
    Code {
        text: String,
    },
    /// Raw HTML: kept as written, never placed in a field.
    Other,
    /// YAML front matter.
    Meta {
        text: String,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub body: Body,
    /// The whole block in the source (a list item with its nested lists).
    pub range: Span,
    /// The block's own inline text, one span per line (a list item without its nested lists).
    pub lines: Vec<Span>,
    /// The same text without markup, lines joined by '\n' (images left out).
    pub plain: String,
    pub images: Vec<Image>,
}

impl Block {
    fn new(body: Body, range: Span) -> Self {
        Self {
            body,
            range,
            lines: Vec::new(),
            plain: String::new(),
            images: Vec::new(),
        }
    }

    /// Only images (or nothing) and no text of its own.
    pub fn is_only_images(&self) -> bool {
        !self.images.is_empty() && self.plain.trim().is_empty()
    }

    /// Its own text as Markdown source, one line per line.
    pub fn text(&self, source: &str) -> String {
        let lines: Vec<&str> = self.lines.iter().map(|l| source.get(l.clone()).unwrap_or("")).collect();
        lines.join("\n")
    }

    pub fn depth(&self) -> usize {
        match self.body {
            Body::Item { depth, .. } => depth,
            _ => 0,
        }
    }
}

/// The depth of the outermost list items among `blocks`, if there are any: a list's own
/// items, as against those nested under them.
pub fn top_item_depth(blocks: &[Block]) -> Option<usize> {
    blocks
        .iter()
        .filter_map(|b| match b.body {
            Body::Item { depth, .. } => Some(depth),
            _ => None,
        })
        .min()
}

enum Container {
    List,
    /// A list item, by its index in the blocks.
    Item(usize),
    Other,
}

/// The inline text being collected for one block.
struct Inline {
    block: usize,
    line_start: Option<usize>,
    line_end: usize,
    /// Where the current line may start: after the last line break.
    floor: usize,
    image_depth: usize,
}

/// The preview's extensions, and front matter in YAML or TOML.
pub fn options() -> Options {
    crate::preview::options()
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

/// Where front matter at the very start of the document ends. pulldown-cmark takes a `---`
/// line over text and another `---` for a metadata block anywhere; only the document's first
/// block is front matter, and a report's `---` rules around a section are not.
fn front_matter_end(source: &str) -> Option<usize> {
    // The parser reads a whole document's blocks before its first event: only a document
    // that opens with a fence line is read for it.
    let first = source.trim_start().lines().next()?.trim_end();
    if first != "---" && first != "+++" {
        return None;
    }
    match Parser::new_ext(source, options()).into_offset_iter().next()? {
        (Event::Start(Tag::MetadataBlock(_)), range) if source[..range.start].trim().is_empty() => Some(range.end),
        _ => None,
    }
}

/// The document's events with their byte ranges: the front matter's, then the rest's, read
/// without metadata blocks.
fn events(source: &str) -> impl Iterator<Item = (Event<'_>, Range<usize>)> {
    let end = front_matter_end(source).unwrap_or(0);
    let front = Parser::new_ext(&source[..end], options()).into_offset_iter();
    let rest = Parser::new_ext(&source[end..], crate::preview::options())
        .into_offset_iter()
        .map(move |(event, range)| (event, range.start + end..range.end + end));
    front.chain(rest)
}

pub fn read(source: &str) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut containers: Vec<Container> = Vec::new();
    let mut inline: Option<Inline> = None;
    let mut raw_text: Option<usize> = None; // code or metadata block collecting its text
    for (event, range) in events(source) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => {
                    finish_inline(&mut inline, &mut blocks);
                    blocks.push(Block::new(Body::Heading { level: level as u8 }, range.clone()));
                    inline = Some(Inline::new(blocks.len() - 1, range.start));
                }
                Tag::Paragraph => {
                    finish_inline(&mut inline, &mut blocks);
                    let target = match containers.last() {
                        Some(Container::Item(index)) => *index,
                        _ => {
                            blocks.push(Block::new(Body::Paragraph, range.clone()));
                            blocks.len() - 1
                        }
                    };
                    if !blocks[target].lines.is_empty() {
                        // A second paragraph of the same item: a blank line between them.
                        blocks[target].plain.push('\n');
                    }
                    inline = Some(Inline::new(target, range.start));
                }
                Tag::List(_) => {
                    finish_inline(&mut inline, &mut blocks);
                    containers.push(Container::List);
                }
                Tag::Item => {
                    finish_inline(&mut inline, &mut blocks);
                    let depth = containers.iter().filter(|c| matches!(c, Container::List)).count();
                    blocks.push(Block::new(Body::Item { depth, task: None }, range.clone()));
                    containers.push(Container::Item(blocks.len() - 1));
                    // A tight item's text comes without a paragraph around it.
                    inline = Some(Inline::new(blocks.len() - 1, range.start));
                }
                Tag::Table(_) => {
                    finish_inline(&mut inline, &mut blocks);
                    blocks.push(Block::new(Body::Table { rows: Vec::new() }, range.clone()));
                }
                Tag::TableHead | Tag::TableRow => {
                    if let Some(Body::Table { rows }) = blocks.last_mut().map(|b| &mut b.body) {
                        rows.push(Vec::new());
                    }
                }
                Tag::TableCell => {
                    if let Some(Body::Table { rows }) = blocks.last_mut().map(|b| &mut b.body) {
                        if let Some(row) = rows.last_mut() {
                            row.push(range.clone());
                        }
                    }
                }
                Tag::CodeBlock(_) => {
                    finish_inline(&mut inline, &mut blocks);
                    blocks.push(Block::new(Body::Code { text: String::new() }, range.clone()));
                    raw_text = Some(blocks.len() - 1);
                }
                Tag::MetadataBlock(_) => {
                    blocks.push(Block::new(Body::Meta { text: String::new() }, range.clone()));
                    raw_text = Some(blocks.len() - 1);
                }
                Tag::HtmlBlock => {
                    finish_inline(&mut inline, &mut blocks);
                    blocks.push(Block::new(Body::Other, range.clone()));
                }
                Tag::BlockQuote(_) | Tag::FootnoteDefinition(_) | Tag::DefinitionList => {
                    finish_inline(&mut inline, &mut blocks);
                    containers.push(Container::Other);
                }
                Tag::Image { dest_url, .. } => {
                    if let Some(current) = inline.as_mut() {
                        current.touch(&range);
                        current.image_depth += 1;
                        blocks[current.block].images.push(Image {
                            url: dest_url.to_string(),
                            alt: image_alt(source.get(range.clone()).unwrap_or("")),
                        });
                    }
                }
                _ => {
                    if let Some(current) = inline.as_mut() {
                        current.touch(&range);
                    }
                }
            },
            Event::End(end) => match end {
                TagEnd::Heading(_) | TagEnd::Paragraph => finish_inline(&mut inline, &mut blocks),
                TagEnd::Item => {
                    finish_inline(&mut inline, &mut blocks);
                    containers.pop();
                    // Text after a nested list still belongs to the enclosing item.
                    if let Some(Container::Item(index)) = containers.last() {
                        inline = Some(Inline::new(*index, range.end));
                    }
                }
                TagEnd::List(_) => {
                    containers.pop();
                    if let Some(Container::Item(index)) = containers.last() {
                        inline = Some(Inline::new(*index, range.end));
                    }
                }
                TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition | TagEnd::DefinitionList => {
                    containers.pop();
                }
                TagEnd::CodeBlock | TagEnd::MetadataBlock(_) => raw_text = None,
                TagEnd::Image => {
                    if let Some(current) = inline.as_mut() {
                        current.image_depth = current.image_depth.saturating_sub(1);
                    }
                }
                _ => {}
            },
            Event::Text(text) if raw_text.is_some() => {
                if let Some(block) = raw_text.and_then(|i| blocks.get_mut(i)) {
                    if let Body::Code { text: code } | Body::Meta { text: code } = &mut block.body {
                        code.push_str(&text);
                    }
                }
            }
            Event::Text(text) | Event::Code(text) | Event::InlineMath(text) | Event::DisplayMath(text) => {
                if let Some(current) = inline.as_mut() {
                    current.touch(&range);
                    let block = &mut blocks[current.block];
                    if current.image_depth == 0 {
                        block.plain.push_str(&text);
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(current) = inline.as_mut() {
                    current.close_line(&mut blocks[current.block], range.start);
                    current.floor = range.end;
                    blocks[current.block].plain.push('\n');
                }
            }
            Event::TaskListMarker(done) => {
                if let Some(Container::Item(index)) = containers.last() {
                    if let Body::Item { task, .. } = &mut blocks[*index].body {
                        *task = Some(done);
                    }
                }
                if let Some(current) = inline.as_mut() {
                    current.floor = range.end;
                }
            }
            Event::Html(_) if inline.is_none() => {}
            // A thematic break only separates; it holds no text to place.
            Event::Rule => {}
            _ => {
                if let Some(current) = inline.as_mut() {
                    current.touch(&range);
                }
            }
        }
    }
    finish_inline(&mut inline, &mut blocks);
    blocks
}

/// The alt text of `![alt](url)` as written, with the backslashes before brackets taken out.
fn image_alt(markdown: &str) -> String {
    let Some(inside) = markdown.strip_prefix("![") else {
        return String::new();
    };
    let mut alt = String::new();
    let mut depth = 0usize;
    let mut chars = inside.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(next @ ('[' | ']' | '\\')) => alt.push(next),
                Some(next) => {
                    alt.push('\\');
                    alt.push(next);
                }
                None => alt.push('\\'),
            },
            '[' => {
                depth += 1;
                alt.push(c);
            }
            ']' if depth == 0 => break,
            ']' => {
                depth -= 1;
                alt.push(c);
            }
            _ => alt.push(c),
        }
    }
    alt
}

impl Inline {
    fn new(block: usize, floor: usize) -> Self {
        Self {
            block,
            line_start: None,
            line_end: 0,
            floor,
            image_depth: 0,
        }
    }

    fn touch(&mut self, range: &Span) {
        let start = range.start.max(self.floor);
        if self.line_start.is_none() {
            self.line_start = Some(start);
        }
        self.line_end = self.line_end.max(range.end);
    }

    fn close_line(&mut self, block: &mut Block, end: usize) {
        if let Some(start) = self.line_start.take() {
            if end > start {
                block.lines.push(start..end);
            }
        }
        self.line_end = 0;
    }
}

fn finish_inline(inline: &mut Option<Inline>, blocks: &mut [Block]) {
    if let Some(mut current) = inline.take() {
        let end = current.line_end;
        current.close_line(&mut blocks[current.block], end);
    }
}
