//! A report written as HTML (a CMS's body field, a page saved from a wiki, a Google Docs
//! paste), read as the Markdown it stands for: headings, paragraphs, lists, tables, emphasis,
//! links, images and code. Read as Markdown unchanged, such a report is one block of raw HTML,
//! which the importer keeps but never places.
//!
//! Only a document that starts with a tag and is mostly made of block tags is taken for HTML.
//! Nothing is dropped but the markup, scripts and styles: a comment's text is kept, quoted,
//! since an author may have written in it.

pub const NOTE: &str = "The report was written in HTML; it was read as the Markdown it stands for.";

/// Said too when the document's status updates were read as its timeline.
pub const UPDATES_NOTE: &str =
    "Its list of time-stamped status updates was read as the timeline, under the heading “Status updates”.";

/// The report in Markdown and what was done to read it, or `None` when it is not an HTML
/// document.
pub fn as_markdown(source: &str) -> Option<(String, String)> {
    if !is_html_document(source) {
        return None;
    }
    let (source, updates) = match status_updates_first(source) {
        Some(rewritten) => (rewritten, true),
        None => (source.to_owned(), false),
    };
    let note = if updates {
        format!("{NOTE} {UPDATES_NOTE}")
    } else {
        NOTE.to_owned()
    };
    Some((convert(&source), note))
}

/// A status page's updates: a list whose every item (two or more) carries one `<time>`,
/// often after the update's text and under a heading naming its status ("Resolved"). A
/// reader takes them for the incident's timeline; written as Markdown they are time-led
/// lines under a heading of their own, the status in bold. `None` when there is no such list.
fn status_updates_first(source: &str) -> Option<String> {
    let lower = source.to_ascii_lowercase();
    let mut out = String::with_capacity(source.len() + 64);
    let mut copied = 0;
    let mut found = false;
    let mut from = 0;
    while let Some(open) = ["<ul", "<ol"]
        .iter()
        .filter_map(|t| lower[from..].find(t).map(|i| from + i))
        .min()
    {
        let name = &lower[open + 1..open + 3];
        let Some(close) = lower[open..].find(&format!("</{name}>")).map(|i| open + i) else {
            break;
        };
        from = close + 5;
        let list = &lower[open..close];
        let items: Vec<usize> = list.match_indices("<li").map(|(i, _)| open + i).collect();
        if items.len() < 2 || list[3..].contains("<ul") || list[3..].contains("<ol") {
            continue;
        }
        let mut rewritten = Vec::new();
        for (n, &start) in items.iter().enumerate() {
            let end = items.get(n + 1).copied().unwrap_or(close);
            let item = &source[start..end];
            let item_lower = &lower[start..end];
            let (Some(t_open), Some(t_close)) = (item_lower.find("<time"), item_lower.find("</time>")) else {
                break;
            };
            if item_lower[t_close + 7..].contains("<time") {
                break;
            }
            let Some(li_end) = item.find('>') else { break };
            let time = &item[t_open..t_close + 7];
            let body = format!("{}{}", &item[li_end + 1..t_open], &item[t_close + 7..]);
            let body = heading_as_bold(&body);
            rewritten.push(format!("{}{time} {body}", &item[..=li_end]));
        }
        if rewritten.len() != items.len() {
            continue;
        }
        found = true;
        out.push_str(&source[copied..open]);
        out.push_str("<h2>Status updates</h2>\n");
        out.push_str(&source[open..items[0]]);
        out.push_str(&rewritten.concat());
        copied = close;
    }
    out.push_str(&source[copied..]);
    found.then_some(out)
}

/// `<h2>Resolved</h2>` inside an update is its status, in bold before its text.
fn heading_as_bold(html: &str) -> String {
    let mut out = html.to_owned();
    for level in 1..=6 {
        out = out
            .replace(&format!("<h{level}>"), "<b>")
            .replace(&format!("</h{level}>"), ":</b> ")
            .replace(&format!("<H{level}>"), "<b>")
            .replace(&format!("</H{level}>"), ":</b> ");
    }
    out
}

fn convert(source: &str) -> String {
    let mut writer = Writer::default();
    let mut rest = source;
    while let Some(open) = rest.find('<') {
        writer.text(&rest[..open]);
        rest = &rest[open..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            let end = comment.find("-->").unwrap_or(comment.len());
            // A note to whoever pastes it, quoted so that it heads nothing.
            let text = decode_entities(&comment[..end]);
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if !text.is_empty() {
                writer.block_break();
                writer.sink().push_str(&format!("> {text}"));
                writer.block_break();
            }
            rest = comment.get(end + 3..).unwrap_or("");
            continue;
        }
        let Some(close) = rest.find('>') else {
            writer.text(rest);
            rest = "";
            break;
        };
        let tag = Tag::read(&rest[1..close]);
        rest = &rest[close + 1..];
        // What a script or a style holds is not the report's text.
        if !tag.closing && matches!(tag.name.as_str(), "script" | "style" | "head" | "title") {
            let end = format!("</{}", tag.name);
            let at = rest.to_ascii_lowercase().find(&end).unwrap_or(rest.len());
            if tag.name == "title" {
                writer.title(&rest[..at]);
            }
            // The page's title sits in its head, which is otherwise none of the report.
            if tag.name == "head" {
                let head = &rest[..at];
                let lower = head.to_ascii_lowercase();
                if let Some(open) = lower.find("<title") {
                    let inner = head[open..].find('>').map_or("", |gt| &head[open + gt + 1..]);
                    let end = inner.to_ascii_lowercase().find("</title").unwrap_or(inner.len());
                    writer.title(&inner[..end]);
                }
            }
            rest = &rest[at..];
            rest = rest.find('>').map_or("", |gt| &rest[gt + 1..]);
            continue;
        }
        writer.tag(&tag);
    }
    writer.text(rest);
    writer.finish()
}

/// A document that opens with a tag (after a comment or a doctype) and has at least three
/// block tags, with a block tag for every 400 bytes of it.
fn is_html_document(source: &str) -> bool {
    let start = source.trim_start();
    if !start.starts_with('<') {
        return false;
    }
    let lower = start
        .get(..start.len().min(200_000))
        .unwrap_or(start)
        .to_ascii_lowercase();
    let blocks = [
        "<p", "<h1", "<h2", "<h3", "<h4", "<li", "<tr", "<div", "<table", "<ul", "<ol", "<br",
    ]
    .iter()
    .map(|tag| {
        lower
            .match_indices(tag)
            .filter(|(at, _)| {
                lower[at + tag.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| c == '>' || c == ' ' || c == '/')
            })
            .count()
    })
    .sum::<usize>();
    blocks >= 3 && blocks * 400 >= lower.len()
}

/// One tag: its name in lower case, whether it closes, and the attributes the Markdown keeps.
struct Tag {
    name: String,
    closing: bool,
    href: Option<String>,
    src: Option<String>,
    alt: Option<String>,
}

impl Tag {
    fn read(inside: &str) -> Self {
        let inside = inside.trim();
        let closing = inside.starts_with('/');
        let inside = inside.trim_start_matches('/');
        let name: String = inside
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        Self {
            closing,
            href: attribute(inside, "href"),
            src: attribute(inside, "src"),
            alt: attribute(inside, "alt"),
            name,
        }
    }
}

/// An attribute's value: `name="value"`, `name='value'` or `name=value`.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find(name) {
        let at = from + found;
        from = at + name.len();
        let before_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = tag[at + name.len()..].trim_start();
        let Some(value) = rest.strip_prefix('=').map(str::trim_start).filter(|_| before_ok) else {
            continue;
        };
        let value = match value.chars().next() {
            Some(quote @ ('"' | '\'')) => value[1..].split(quote).next().unwrap_or_default(),
            _ => value
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or_default(),
        };
        return Some(decode_entities(value));
    }
    None
}

/// Text with its character references (`&amp;`, `&#8217;`, `&#x2014;`) as the characters.
fn decode_entities(text: &str) -> String {
    const NAMED: [(&str, &str); 18] = [
        ("amp", "&"),
        ("lt", "<"),
        ("gt", ">"),
        ("quot", "\""),
        ("apos", "'"),
        ("nbsp", " "),
        ("middot", "\u{b7}"),
        ("mdash", "\u{2014}"),
        ("ndash", "\u{2013}"),
        ("rsquo", "\u{2019}"),
        ("lsquo", "\u{2018}"),
        ("rdquo", "\u{201d}"),
        ("ldquo", "\u{201c}"),
        ("hellip", "\u{2026}"),
        ("rarr", "\u{2192}"),
        ("bull", "\u{2022}"),
        ("times", "\u{d7}"),
        ("copy", "\u{a9}"),
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..].find(';').map(|e| e + 1).filter(|e| *e <= 10);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let number = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X"));
            let character = match (number, name.strip_prefix('#')) {
                (Some(hex), _) => u32::from_str_radix(hex, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .map(String::from),
                (None, Some(decimal)) => decimal.parse().ok().and_then(char::from_u32).map(String::from),
                _ => NAMED.iter().find(|(n, _)| *n == name).map(|(_, c)| (*c).to_owned()),
            };
            character.map(|c| (c, end + 1))
        });
        match decoded {
            Some((character, length)) => {
                out.push_str(&character);
                rest = &rest[length..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[derive(Default)]
struct Writer {
    out: String,
    /// The lists open, innermost last: whether numbered, and the next number.
    lists: Vec<(bool, usize)>,
    /// The cells of the table row being read, and the cell being read.
    row: Option<Vec<String>>,
    cell: Option<String>,
    /// Rows written in the current table (the rule goes under the first).
    rows: usize,
    columns: usize,
    pre: bool,
    link: Option<String>,
    title: Option<String>,
}

impl Writer {
    fn sink(&mut self) -> &mut String {
        self.cell.as_mut().unwrap_or(&mut self.out)
    }

    fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let decoded = decode_entities(text);
        if self.pre {
            self.out.push_str(&decoded);
            return;
        }
        let collapsed = decoded.split_whitespace().collect::<Vec<_>>().join(" ");
        let starts_space = decoded.starts_with(char::is_whitespace);
        let ends_space = decoded.ends_with(char::is_whitespace) && !collapsed.is_empty();
        let sink = self.sink();
        if starts_space && !sink.is_empty() && !sink.ends_with([' ', '\n']) {
            sink.push(' ');
        }
        sink.push_str(&collapsed);
        if ends_space {
            sink.push(' ');
        }
    }

    fn block_break(&mut self) {
        if self.cell.is_some() {
            self.text(" ");
            return;
        }
        if !self.lists.is_empty() {
            // Inside a list item, a paragraph goes on the item's line.
            return;
        }
        let trimmed = self.out.trim_end_matches([' ', '\t']).len();
        self.out.truncate(trimmed);
        while !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    fn line_break(&mut self) {
        if self.cell.is_some() {
            self.text(" ");
        } else {
            let trimmed = self.out.trim_end_matches(' ').len();
            self.out.truncate(trimmed);
            self.out.push('\n');
        }
    }

    fn title(&mut self, text: &str) {
        let text = decode_entities(text).split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            self.title = Some(text);
        }
    }

    fn tag(&mut self, tag: &Tag) {
        let name = tag.name.as_str();
        match (name, tag.closing) {
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", false) => {
                self.block_break();
                let level = usize::from(name.as_bytes()[1] - b'0');
                self.out.push_str(&"#".repeat(level));
                self.out.push(' ');
            }
            ("ul" | "ol", false) => {
                self.line_break_if_open();
                self.lists.push((name == "ol", 1));
            }
            ("ul" | "ol", true) => {
                self.lists.pop();
                if self.lists.is_empty() {
                    self.block_break();
                }
            }
            ("li", false) => {
                self.line_break_if_open();
                let depth = self.lists.len().max(1);
                let marker = match self.lists.last_mut() {
                    Some((true, next)) => {
                        *next += 1;
                        format!("{}. ", *next - 1)
                    }
                    _ => "- ".to_owned(),
                };
                self.out.push_str(&"  ".repeat(depth - 1));
                self.out.push_str(&marker);
            }
            ("table", false) => {
                self.block_break();
                self.rows = 0;
            }
            ("table", true) => {
                self.rows = 0;
                self.block_break();
            }
            ("tr", false) => self.row = Some(Vec::new()),
            ("td" | "th", false) => self.cell = Some(String::new()),
            ("td" | "th", true) => {
                if let (Some(cell), Some(row)) = (self.cell.take(), self.row.as_mut()) {
                    row.push(cell.trim().replace('|', "\\|"));
                }
            }
            ("tr", true) => self.end_row(),
            ("pre", false) => {
                self.block_break();
                self.out.push_str("```\n");
                self.pre = true;
            }
            ("pre", true) => {
                self.pre = false;
                if !self.out.ends_with('\n') {
                    self.out.push('\n');
                }
                self.out.push_str("```");
                self.block_break();
            }
            ("code", _) if !self.pre => self.sink().push('`'),
            ("strong" | "b", _) => self.sink().push_str("**"),
            ("em" | "i", _) => self.sink().push('*'),
            ("a", false) => {
                self.link = tag.href.clone().filter(|h| !h.starts_with('#'));
                if self.link.is_some() {
                    self.sink().push('[');
                }
            }
            ("a", true) => {
                if let Some(href) = self.link.take() {
                    let sink = self.sink();
                    sink.push_str("](");
                    sink.push_str(&href.replace(' ', "%20"));
                    sink.push(')');
                }
            }
            ("img", false) => {
                if let Some(src) = &tag.src {
                    let image = format!(
                        "![{}]({})",
                        tag.alt.clone().unwrap_or_default(),
                        src.replace(' ', "%20")
                    );
                    self.sink().push_str(&image);
                }
            }
            ("br", _) => self.line_break(),
            ("hr", _) => {
                self.block_break();
                self.out.push_str("---");
                self.block_break();
            }
            (
                "p" | "div" | "section" | "article" | "header" | "footer" | "main" | "blockquote" | "details"
                | "summary" | "figure" | "figcaption" | "dl" | "dt" | "dd" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6",
                _,
            ) => self.block_break(),
            _ => {}
        }
    }

    fn line_break_if_open(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.line_break();
        }
    }

    fn end_row(&mut self) {
        let Some(row) = self.row.take() else { return };
        if row.iter().all(String::is_empty) {
            return;
        }
        if self.rows == 0 {
            self.block_break();
            self.columns = row.len();
        }
        let mut cells = row;
        cells.resize(self.columns.max(cells.len()), String::new());
        self.out.push_str(&format!("| {} |\n", cells.join(" | ")));
        if self.rows == 0 {
            self.out.push_str(&super::text_table::header_rule(cells.len()));
        }
        self.rows += 1;
    }

    fn finish(mut self) -> String {
        let mut out = String::with_capacity(self.out.len() + 64);
        // The page's title names the report unless one top heading does; several are its
        // sections ("Outage status", "Outage postmortem", "Conclusion").
        let top_headings = self.out.lines().filter(|l| l.starts_with("# ")).count();
        if let Some(title) = self.title.take().filter(|_| top_headings != 1) {
            out.push_str(&format!("# {title}\n\n"));
        }
        let mut blank = 0;
        for line in self.out.lines() {
            let line = line.trim_end();
            if line.trim().is_empty() {
                blank += 1;
                continue;
            }
            if blank > 0 && !out.is_empty() {
                out.push('\n');
            }
            blank = 0;
            out.push_str(line);
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_html_report_reads_as_markdown() {
        let html = "<!-- for the news page -->\n<article>\n  <h2>Why the forms were down</h2>\n  \
                    <p>On <b>Monday</b> the forms failed &amp; nobody\n  could apply.</p>\n  <h3>Timeline</h3>\n  \
                    <table><tr><th>Time</th><th>What happened</th></tr>\n  \
                    <tr><td>9:12 a.m.</td><td>First <a href=\"https://status.example\">report</a>.</td></tr></table>\n  \
                    <h3>What we are changing</h3>\n  <ol><li>Alert on errors.</li><li>Test restarts.</li></ol>\n</article>\n";
        let markdown = as_markdown(html).unwrap().0;
        assert_eq!(
            markdown,
            "> for the news page\n\n## Why the forms were down\n\nOn **Monday** the forms failed & nobody could apply.\n\n\
             ### Timeline\n\n| Time | What happened |\n| --- | --- |\n| 9:12 a.m. | First [report](https://status.example). |\n\n\
             ### What we are changing\n\n1. Alert on errors.\n2. Test restarts.\n"
        );
    }

    #[test]
    fn status_updates_become_time_led_lines_under_a_heading_of_their_own() {
        let html = "<h1>Queue stall</h1>\n<p>Jobs waited.</p>\n<ul class=\"updates\">\n\
                    <li><h2>Resolved</h2><p>Jobs run again.</p><time>2026-02-25T19:30:00.000Z</time></li>\n\
                    <li><h2>Investigating</h2><p>Jobs wait.</p><time>2026-02-25T18:00:00.000Z</time></li>\n</ul>\n";
        let (markdown, note) = as_markdown(html).unwrap();
        assert!(note.contains("status updates"), "{note}");
        assert!(
            markdown.contains(
                "## Status updates\n\n- 2026-02-25T19:30:00.000Z **Resolved:** Jobs run again.\n\
                 - 2026-02-25T18:00:00.000Z **Investigating:** Jobs wait."
            ),
            "{markdown}"
        );
        // A list whose items are not all dated stays as it was.
        let html = "<h1>T</h1>\n<p>a</p>\n<ul><li><time>2026-01-01</time> one</li><li>two</li></ul>\n";
        assert!(!as_markdown(html).unwrap().0.contains("Status updates"));
    }

    #[test]
    fn the_page_title_names_a_report_whose_top_headings_are_its_sections() {
        let html = "<html><head><title>Shell server postmortem</title><script>x()</script></head>\n<body>\n\
                    <h2>$&gt;^C</h2>\n<h1>Outage status</h1>\n<p>We are back.</p>\n<h1>Conclusion</h1>\n<p>Thanks.</p>\n</body></html>";
        let markdown = as_markdown(html).unwrap().0;
        assert!(markdown.starts_with("# Shell server postmortem\n"), "{markdown}");
        assert!(!markdown.contains("x()"));
    }

    #[test]
    fn markdown_with_some_html_is_not_an_html_document() {
        assert_eq!(
            as_markdown("# Outage\n\n<details><summary>Logs</summary>\n\nlines\n</details>\n"),
            None
        );
        assert_eq!(
            as_markdown("<p>One line of HTML</p>\n\nThen a long Markdown report."),
            None
        );
    }
}
