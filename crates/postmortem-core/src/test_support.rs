//! Strategies the property tests share: text built from CommonMark's building blocks, and the
//! number of cases (`PROPTEST_CASES`, which `make soak` raises).

use proptest::prelude::*;

/// Cases for a property: `PROPTEST_CASES` when set, else `default`.
pub fn config(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

/// Words with inline Markdown among them.
pub const WORDS: &[&str] = &[
    "alpha",
    "beta",
    "cache",
    "deploy",
    "edge",
    "failover",
    "`code`",
    "*emph*",
    "[link](https://x.io/a)",
    "42",
    "db-1",
    "#7",
    "p95",
    "émigré",
    "**bold**",
    "C#",
    "x",
];

pub fn phrase(max_words: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 1..=max_words).prop_map(|w| w.join(" "))
}

/// One block as people type it, including the ones that break a document's outline when
/// copied as they are: headings, setext underlines, fences, HTML, indented and tabbed lines,
/// lines that look like our own labels, timeline entries and tasks.
fn leaf_block() -> impl Strategy<Value = String> {
    prop_oneof![
        phrase(8),
        phrase(8),
        phrase(3).prop_map(|p| format!("# {p}")),
        phrase(3).prop_map(|p| format!("### {p} ###")),
        phrase(3).prop_map(|p| format!("#### {p}")),
        phrase(3).prop_map(|p| format!("{p}\n===")),
        phrase(3).prop_map(|p| format!("{p}\n---")),
        phrase(3).prop_map(|p| format!("{p}\n  --")),
        phrase(3).prop_map(|p| format!("```\n# {p}\n```")),
        phrase(3).prop_map(|p| format!("~~~~ sh\n## {p}\n~~~~")),
        phrase(3).prop_map(|p| format!("<div>\n# {p}\n</div>")),
        phrase(3).prop_map(|p| format!("<!-- {p}")),
        phrase(3).prop_map(|p| format!("<pre>\n{p}")),
        phrase(3).prop_map(|p| format!("    # indented {p}")),
        phrase(3).prop_map(|p| format!("\t# tabbed {p}")),
        phrase(3).prop_map(|p| format!("-\n    # {p}")),
        Just("***".to_owned()),
        Just("- - -".to_owned()),
        phrase(3).prop_map(|p| format!("| a | b |\n|---|---|\n| {p} | # x |")),
        phrase(2).prop_map(|p| format!("**Impact:** {p}")),
        phrase(2).prop_map(|p| format!("Owner: Ana, due 2026-05-01 {p}")),
        phrase(2).prop_map(|p| format!("**15:00 UTC** — {p}")),
        phrase(2).prop_map(|p| format!("- [ ] {p}")),
        phrase(2).prop_map(|p| format!("[ref]: https://x.io/{}", p.len())),
        // A code span wrapped over two lines.
        phrase(3).prop_map(|p| format!("{p} `a {p}\n  b` {p}")),
    ]
}

/// Blocks inside containers inside containers: list items (bullets, numbers, tabs after the
/// marker), block quotes, and blocks one after another with or without a blank line between.
/// Without one, a block may run on into the next or be cut by it, and a fence can end up open
/// (which the export closes).
pub fn block_markdown() -> impl Strategy<Value = String> {
    blocks(&["\n\n", "\n"])
}

/// The same, blocks always a blank line apart: text the export keeps exactly as typed.
pub fn separate_blocks_markdown() -> impl Strategy<Value = String> {
    blocks(&["\n\n"])
}

fn blocks(separators: &'static [&'static str]) -> impl Strategy<Value = String> {
    leaf_block().prop_recursive(3, 16, 3, move |inner| {
        prop_oneof![
            (
                prop::sample::select(&["- ", "* ", "1. ", "2) ", "> ", "-\t", "+   "][..]),
                inner.clone()
            )
                .prop_map(|(marker, body)| contain(marker, &body)),
            (inner.clone(), prop::sample::select(separators), inner).prop_map(|(a, gap, b)| format!("{a}{gap}{b}")),
        ]
    })
}

/// `body` as the content of a list item or quote opened by `marker`.
fn contain(marker: &str, body: &str) -> String {
    let quote = marker.starts_with('>');
    // A tab after the marker runs to the next tab stop (of four columns).
    let width = marker
        .chars()
        .fold(0, |column, c| if c == '\t' { column / 4 * 4 + 4 } else { column + 1 });
    let indent = " ".repeat(width);
    let mut out = String::new();
    for (n, line) in body.lines().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let prefix = match (n, quote) {
            (0, _) => marker,
            (_, true) => "> ",
            (_, false) => indent.as_str(),
        };
        if line.is_empty() {
            out.push_str(prefix.trim_end());
        } else {
            out.push_str(prefix);
            out.push_str(line);
        }
    }
    out.lines().map(str::trim_end).collect::<Vec<_>>().join("\n")
}

/// The text of one paragraph field, as the editor holds it: lines without white space at
/// their ends, paragraphs one blank line apart, lines that start like Markdown blocks or like
/// our own labelled lines, timeline entries and tasks.
pub fn paragraph_field() -> impl Strategy<Value = String> {
    let line = (
        prop::sample::select(
            &[
                "",
                "",
                "",
                "# ",
                "- ",
                "1. ",
                "> ",
                "| ",
                "[ ] ",
                "<b> ",
                "<div>",
                "---",
                "--",
                "= ",
                "```",
                "~~~ ",
                "**Impact:** ",
                "Owner: Ana, due 2026-05-01 ",
                "**15:00 UTC** — ",
                "- [ ] ",
                "10:00 ",
                "*Detection:* ",
                "[a]: ",
                "<!-- ",
                "    ",
            ][..],
        ),
        phrase(5),
    )
        .prop_map(|(start, rest)| format!("{start}{rest}").trim().to_owned());
    let paragraph = prop::collection::vec(line, 1..3).prop_map(|lines| lines.join("\n"));
    prop::collection::vec(paragraph, 1..3).prop_map(|paragraphs| paragraphs.join("\n\n"))
}

/// A one-line field (an improvement, a task, a lesson): the first line of a paragraph field.
pub fn line_field() -> impl Strategy<Value = String> {
    paragraph_field().prop_map(|text| text.lines().next().unwrap_or_default().to_owned())
}

/// Raw typing with no care for Markdown at all: markers, line ends of every kind, tabs,
/// white space at line ends, backslashes, unclosed fences and comments.
pub fn raw_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("# ".to_owned()),
        Just("## ".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("\r".to_owned()),
        Just("\t".to_owned()),
        Just("  ".to_owned()),
        Just("    ".to_owned()),
        Just("- ".to_owned()),
        Just("1. ".to_owned()),
        Just("> ".to_owned()),
        Just("```".to_owned()),
        Just("~~~".to_owned()),
        Just("---".to_owned()),
        Just("===".to_owned()),
        Just("<!--".to_owned()),
        Just("<div>".to_owned()),
        Just("<pre>".to_owned()),
        Just("<script>".to_owned()),
        Just("[ ] ".to_owned()),
        Just("|".to_owned()),
        Just("*".to_owned()),
        Just("**".to_owned()),
        Just("#".to_owned()),
        Just("\\".to_owned()),
        Just(" — ".to_owned()),
        Just("10:00 ".to_owned()),
        "[a-zA-Z0-9 ]{0,8}",
    ];
    prop::collection::vec(piece, 0..14).prop_map(|parts| parts.concat())
}
