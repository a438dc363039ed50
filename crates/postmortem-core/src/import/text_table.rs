//! Tables drawn with spaces, as plain text and reStructuredText write them: a rule of runs of
//! one character (`====  =======`, `---  -------`) says where each column starts, and the
//! rows are cut there. Written again as Markdown tables, so that the importer reads them as it
//! reads any table.

/// Where each column starts, by a rule of runs of `mark` (two runs or more) between spaces.
pub fn rule_columns(line: &str, mark: u8) -> Option<Vec<usize>> {
    let line = line.trim_end();
    let bytes = line.as_bytes();
    let indent = bytes.iter().take_while(|&&b| b == b' ').count();
    if bytes.get(indent) != Some(&mark) || !bytes[indent..].iter().all(|&b| b == mark || b == b' ') {
        return None;
    }
    let starts: Vec<usize> = (indent..bytes.len())
        .filter(|&i| bytes[i] == mark && (i == 0 || bytes[i - 1] == b' '))
        .collect();
    (starts.len() >= 2).then_some(starts)
}

/// The line under a Markdown table's header, for `width` columns.
pub fn header_rule(width: usize) -> String {
    format!("|{}\n", " --- |".repeat(width))
}

/// A header with no text: a Markdown table needs one, and an empty one shows none.
pub fn empty_header(width: usize) -> String {
    format!("|{}\n", " |".repeat(width))
}

/// The rows being read: each line cut at the columns, a line whose first cell is empty going
/// on with the row above.
pub struct Rows {
    columns: Vec<usize>,
    pub rows: Vec<Vec<String>>,
}

impl Rows {
    pub fn new(columns: Vec<usize>) -> Self {
        Self {
            columns,
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, line: &str) {
        let columns = &self.columns;
        let row: Vec<String> = (0..columns.len())
            .map(|c| {
                // The last cell runs to the end of the line.
                let end = columns.get(c + 1).map_or(line.len(), |&next| next.min(line.len()));
                let start = columns[c].min(end);
                line.get(start..end).unwrap_or("").trim().replace('|', "\\|")
            })
            .collect();
        match self.rows.last_mut() {
            Some(last) if row[0].is_empty() => {
                for (cell, more) in last.iter_mut().zip(row) {
                    if !more.is_empty() {
                        cell.push(' ');
                        cell.push_str(&more);
                    }
                }
            }
            _ => self.rows.push(row),
        }
    }

    /// The Markdown table, its first `header` rows the header (an empty one when none: a
    /// Markdown table needs one, and an empty one shows none), each cell through `inline`.
    pub fn markdown(&self, header: usize, inline: impl Fn(&str) -> String) -> String {
        let width = self.columns.len();
        let write = |row: &[String]| {
            let cells: Vec<String> = row.iter().map(|c| inline(c)).collect();
            format!("| {} |\n", cells.join(" | "))
        };
        let (head, body) = self.rows.split_at(header.min(self.rows.len()));
        let mut out = String::from("\n");
        if head.is_empty() {
            out.push_str(&empty_header(width));
        }
        for row in head {
            out.push_str(&write(row));
        }
        out.push_str(&header_rule(width));
        for row in body {
            out.push_str(&write(row));
        }
        out.push('\n');
        out
    }
}

/// The source with each table drawn with spaces (a header line over a rule of dashes,
/// `ID   Action   Owner` over `---  -------  -----`, then rows up to a blank line) written as
/// a Markdown table, and how many there were; `None` when there were none. Code is left as
/// it is.
pub fn plain_tables(source: &str) -> Option<(String, usize)> {
    // A rule has two runs of dashes a space or more apart; most reports have none.
    if !["- -", "-  -", "-   -"].iter().any(|gap| source.contains(gap)) {
        return None;
    }
    let lines: Vec<&str> = source.lines().collect();
    let mut out = String::with_capacity(source.len() + 256);
    let mut code = crate::markdown::CodeFences::default();
    let mut tables = 0;
    let mut n = 0;
    while n < lines.len() {
        let line = lines[n];
        if code.is_code(line) {
            // Code is left as it is.
        } else if let Some(columns) = lines.get(n + 1).and_then(|rule| rule_columns(rule, b'-')) {
            let header_fits = !line.trim().is_empty() && line.len() - line.trim_start().len() < 4;
            let rows_after = lines.get(n + 2).is_some_and(|l| !l.trim().is_empty());
            if header_fits && rows_after {
                let mut rows = Rows::new(columns);
                rows.push(line);
                let mut end = n + 2;
                while end < lines.len() && !lines[end].trim().is_empty() {
                    rows.push(lines[end]);
                    end += 1;
                }
                out.push_str(&rows.markdown(1, str::to_owned));
                tables += 1;
                n = end;
                continue;
            }
        }
        out.push_str(line);
        out.push('\n');
        n += 1;
    }
    (tables > 0).then_some((out, tables))
}

/// Text pasted from a word processor or a spreadsheet, where tabs part the columns: two or
/// more lines in a row with the same number of tab-parted cells are a Markdown table (a
/// header over its rows; label lines, `Status:<tab>Closed`, under an empty header, as the
/// table of labels they are); `•<tab>item` is a list item and `1.<tab>Summary` a numbered
/// line. `None` when nothing was rewritten. Code is left as it is.
pub fn tab_tables(source: &str) -> Option<(String, usize)> {
    if !source.contains('\t') {
        return None;
    }
    let cells = |line: &str| -> Vec<String> {
        let line = line.trim();
        line.split('\t')
            .map(|c| c.trim().replace('|', "\\|"))
            .filter(|c| !c.is_empty())
            .collect()
    };
    let lines: Vec<&str> = source.lines().collect();
    let mut out = String::with_capacity(source.len() + 256);
    let mut code = crate::markdown::CodeFences::default();
    let (mut tables, mut rewritten) = (0, 0);
    let mut n = 0;
    while n < lines.len() {
        let line = lines[n];
        let first = cells(line);
        let tabbed =
            |l: &str| l.contains('\t') && !l.trim_start().starts_with(['•', '-', '*']) && numbered_line(l).is_none();
        let run = lines[n..]
            .iter()
            .take_while(|l| tabbed(l) && cells(l).len() == first.len())
            .count();
        if code.is_code(line) {
            out.push_str(line);
            out.push('\n');
            n += 1;
            continue;
        }
        if first.len() >= 2 && run >= 2 && tabbed(line) {
            let labels = first[0].ends_with(':');
            out.push('\n');
            if labels {
                out.push_str(&empty_header(first.len()));
                out.push_str(&header_rule(first.len()));
            }
            for (k, row) in lines[n..n + run].iter().enumerate() {
                let mut row = cells(row);
                // A table of labels reads its labels without their colons.
                if labels {
                    row[0] = row[0].trim_end_matches(':').to_owned();
                }
                out.push_str(&format!("| {} |\n", row.join(" | ")));
                if k == 0 && !labels {
                    out.push_str(&header_rule(first.len()));
                }
            }
            out.push('\n');
            tables += 1;
            n += run;
            continue;
        }
        let trimmed = line.trim_start();
        let item = trimmed.strip_prefix('•').filter(|rest| rest.starts_with(['\t', ' ']));
        match (item, numbered_line(line)) {
            (Some(rest), _) => {
                out.push_str(&format!("- {}\n", rest.trim()));
                rewritten += 1;
            }
            (None, Some((number, rest))) => {
                out.push_str(&format!("{number} {}\n", rest.trim()));
                rewritten += 1;
            }
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
        n += 1;
    }
    (tables + rewritten > 0).then_some((out, tables))
}

/// `1.<tab>Summary`: a number and a tab, then the line's text.
fn numbered_line(line: &str) -> Option<(&str, &str)> {
    line.trim_start().split_once('\t').filter(|(number, _)| {
        (2..=4).contains(&number.len())
            && number.ends_with('.')
            && number[..number.len() - 1].bytes().all(|b| b.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_parted_lines_are_tables_lists_and_labels() {
        let text = "Status:\tClosed\nPriority:\tP1\n\n2.\tTeam\nRole\tName\nLead\tMara Quist\n\n•\tOrders were late.\n";
        let (out, tables) = tab_tables(text).unwrap();
        assert_eq!(tables, 2);
        assert_eq!(
            out,
            "\n| | |\n| --- | --- |\n| Status | Closed |\n| Priority | P1 |\n\n\n2. Team\n\n| Role | Name |\n| --- | --- |\n| Lead | Mara Quist |\n\n\n- Orders were late.\n"
        );
        assert_eq!(tab_tables("no tabs here\n"), None);
    }

    #[test]
    fn a_table_drawn_with_spaces_is_a_markdown_table() {
        let text = "Actions:\n\n  ID   Action                  Owner\n  ---  ----------------------  -----\n\
                    \x20 A1   Move logs to /var/log   Ops\n  A2   Fix alert routing for   Mon\n       merged teams\n\nAfter.\n";
        let (out, count) = plain_tables(text).expect("one table");
        assert_eq!(count, 1);
        assert!(
            out.contains("| ID | Action | Owner |\n| --- | --- | --- |\n| A1 | Move logs to /var/log | Ops |\n| A2 | Fix alert routing for merged teams | Mon |\n"),
            "{out}"
        );
        assert!(out.ends_with("\nAfter.\n"), "{out}");
        // A setext underline (one run) or a rule inside code is no table.
        assert_eq!(plain_tables("Title\n-----\n\ntext\n"), None);
        assert_eq!(plain_tables("```\na  b\n-  -\nc  d\n```\n"), None);
    }
}
