//! `.postmortem.toml`: a repository's settings for `lint` and `fmt`, found upwards from each
//! file as `rustfmt.toml` is (the nearest one counts).
//!
//! ```toml
//! template = "google-sre"          # the template `fmt` lays reports out in
//! require = ["severity", "incident"]  # fields every report must have
//! allow = ["root cause"]           # phrases the writing rules leave alone
//!
//! [rules]
//! "tone/exclamation" = "off"       # or "error", "warning", "suggestion"
//! "task/due" = "error"
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use postmortem_core::lint::{place_of, Lint, Source};
use postmortem_core::{Report, Template};
use serde::Deserialize;

use crate::Failure;

pub const FILE_NAME: &str = ".postmortem.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    template: Option<String>,
    #[serde(default)]
    require: Vec<String>,
    #[serde(default)]
    allow: Vec<String>,
    #[serde(default)]
    rules: BTreeMap<String, String>,
}

/// Whether a report lacks a field.
type Lacks = fn(&Report) -> bool;

/// A field a repository can require, and how a report lacks it.
const REQUIRABLE: [(&str, Lacks); 9] = [
    ("severity", |r| r.severity.is_none()),
    ("incident", |r| r.incident.is_none()),
    ("owner", |r| r.owner.is_none()),
    ("tags", |r| r.tags.is_empty()),
    ("service", |r| r.service.is_none()),
    ("authors", |r| r.authors.is_empty()),
    ("responders", |r| r.responders.is_empty()),
    ("detection", |r| r.summary.detection.is_none()),
    ("review.reviewers", |r| {
        r.review.as_ref().is_none_or(|v| v.reviewers.is_empty())
    }),
];

/// The families of validation's rule ids (`required/impact`), for checking a configured id.
const VALIDATION_FAMILIES: [&str; 10] = [
    "required",
    "milestone",
    "severity",
    "summary",
    "window",
    "time",
    "timeline",
    "task",
    "image",
    "review",
];

/// A repository's settings, checked.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Config {
    /// Where it was read from; `None` for the defaults.
    pub file: Option<PathBuf>,
    pub template: Option<Template>,
    pub require: Vec<String>,
    pub allow: Vec<String>,
    /// Rule id → "off", "error", "warning" or "suggestion".
    pub rules: BTreeMap<String, String>,
}

impl Config {
    /// The settings for `file`: the nearest `.postmortem.toml` in its folder or above.
    pub fn for_file(file: &Path) -> Result<Config, Failure> {
        let start = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
        let mut dir = if start.is_dir() {
            Some(start.as_path())
        } else {
            start.parent()
        };
        while let Some(d) = dir {
            let candidate = d.join(FILE_NAME);
            if candidate.is_file() {
                return Config::read(&candidate);
            }
            dir = d.parent();
        }
        Ok(Config::default())
    }

    pub fn read(path: &Path) -> Result<Config, Failure> {
        let text =
            std::fs::read_to_string(path).map_err(|e| Failure(format!("{}: cannot read: {e}", path.display())))?;
        Config::parse(&text, path)
    }

    fn parse(text: &str, path: &Path) -> Result<Config, Failure> {
        let at = |line: usize, message: String| Failure(format!("{}:{line}: {message}", path.display()));
        let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).map_or(1, |n| n + 1);
        let raw: Raw = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map_or(1, |span| text[..span.start.min(text.len())].matches('\n').count() + 1);
            at(line, e.message().trim().to_owned())
        })?;
        let template = match &raw.template {
            Some(name) => Some(Template::from_name(name).ok_or_else(|| {
                let names: Vec<&str> = Template::ALL.iter().map(|t| t.key()).collect();
                at(
                    line_of("template"),
                    format!("template: unknown template `{name}` (use {})", names.join(", ")),
                )
            })?),
            None => None,
        };
        for field in &raw.require {
            if !REQUIRABLE.iter().any(|(name, _)| name == field) {
                let names: Vec<&str> = REQUIRABLE.iter().map(|(n, _)| *n).collect();
                return Err(at(
                    line_of(&format!("\"{field}\"")),
                    format!("require: unknown field `{field}` (use {})", names.join(", ")),
                ));
            }
        }
        for (rule, level) in &raw.rules {
            let known = postmortem_core::writing::rule(rule).is_some()
                || rule
                    .split_once('/')
                    .is_some_and(|(family, name)| VALIDATION_FAMILIES.contains(&family) && !name.is_empty());
            if !known {
                return Err(at(line_of(rule), format!("rules: unknown rule `{rule}`")));
            }
            if !matches!(level.as_str(), "off" | "error" | "warning" | "suggestion") {
                return Err(at(
                    line_of(rule),
                    format!("rules.\"{rule}\": `{level}` is not a level (use off, error, warning or suggestion)"),
                ));
            }
        }
        Ok(Config {
            file: Some(path.to_path_buf()),
            template,
            require: raw.require,
            allow: raw.allow,
            rules: raw.rules,
        })
    }

    /// The writing rules this config turns off.
    pub fn rules_off(&self) -> Vec<String> {
        self.rules
            .iter()
            .filter(|(_, level)| *level == "off")
            .map(|(rule, _)| rule.clone())
            .collect()
    }

    /// A file's findings under these settings: rules off or at another level, allowed phrases
    /// left alone, required fields added.
    pub fn apply(&self, report: &Report, source: Source, lints: Vec<Lint>) -> Vec<Lint> {
        let allowed = |l: &Lint| {
            l.quote.as_deref().is_some_and(|q| {
                let q = q.to_lowercase();
                self.allow
                    .iter()
                    .any(|a| q.contains(&a.to_lowercase()) || a.to_lowercase().contains(&q))
            })
        };
        let mut out: Vec<Lint> = lints
            .into_iter()
            .filter(|l| !allowed(l))
            .filter_map(|mut l| match self.rules.get(&l.rule).map(String::as_str) {
                Some("off") => None,
                Some(level) => {
                    l.level = match level {
                        "error" => "error",
                        "warning" => "warning",
                        _ => "suggestion",
                    };
                    Some(l)
                }
                None => Some(l),
            })
            .collect();
        for (field, missing) in REQUIRABLE {
            if self.require.iter().any(|r| r == field) && missing(report) {
                let (line, column) = place_of(report, source, field);
                out.push(Lint {
                    rule: format!("required/{}", field.replace('.', "-")),
                    level: "error",
                    message: format!("This repository requires `{field}` in every report (see {FILE_NAME})."),
                    path: field.to_owned(),
                    quote: None,
                    line,
                    column,
                });
            }
        }
        out.sort_by_key(|l| (l.line, l.column));
        out
    }

    /// The settings as TOML, for `lint --print-config`.
    pub fn to_toml(&self) -> String {
        let mut out = match &self.file {
            Some(file) => format!("# from {}\n", file.display()),
            None => format!("# no {FILE_NAME} found: the defaults\n"),
        };
        if let Some(template) = self.template {
            out.push_str(&format!("template = \"{}\"\n", template.key()));
        }
        let list = |items: &[String]| items.iter().map(|i| format!("{i:?}")).collect::<Vec<_>>().join(", ");
        out.push_str(&format!("require = [{}]\n", list(&self.require)));
        out.push_str(&format!("allow = [{}]\n", list(&self.allow)));
        out.push_str("\n[rules]\n");
        for (rule, level) in &self.rules {
            out.push_str(&format!("\"{rule}\" = \"{level}\"\n"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, String> {
        Config::parse(text, Path::new(".postmortem.toml")).map_err(|Failure(m)| m)
    }

    #[test]
    fn bad_keys_and_values_are_named_with_their_line() {
        assert!(parse("template = \"google-sre\"\nrequire = [\"severity\"]\n").is_ok());
        let e = parse("template = \"classic\"\ncolour = \"red\"\n").unwrap_err();
        assert!(e.starts_with(".postmortem.toml:2:") && e.contains("colour"), "{e}");
        let e = parse("require = [\n  \"severity\",\n  \"mood\",\n]\n").unwrap_err();
        assert!(e.starts_with(".postmortem.toml:3:") && e.contains("mood"), "{e}");
        let e = parse("[rules]\n\"tone/exclamation\" = \"loud\"\n").unwrap_err();
        assert!(e.starts_with(".postmortem.toml:2:") && e.contains("not a level"), "{e}");
        let e = parse("[rules]\n\"made/up\" = \"off\"\n").unwrap_err();
        assert!(e.contains("unknown rule `made/up`"), "{e}");
        let e = parse("template = \"wiki\"\n").unwrap_err();
        assert!(
            e.starts_with(".postmortem.toml:1:") && e.contains("unknown template"),
            "{e}"
        );
    }
}
