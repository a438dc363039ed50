//! Who responded, as reports list them under "Responders", "Incident roles" or "Who": a role
//! and a name on each line (`Incident lead: Jess Tran`, `Jess Tran (incident lead)`,
//! `@jtran (Jess Tran): incident lead`, `Jess Tran — incident lead`), or a table with a role
//! column and a name column.

use super::outline::{Body, Span};
use super::sections::Section;
use super::summary::responder_role;
use super::text::{clean_phrase, strip_wrapper, words};
use super::{clean_cell, Importer};
use crate::markdown::read_paragraph;
use crate::model::{Responder, Role};

/// A person as a line names them, with the role it gives, and whether the line said more
/// than the two (then it is kept as well, so that none of its words is lost).
#[derive(Debug, PartialEq)]
pub(super) struct Named {
    pub people: Vec<(String, Option<Role>)>,
    pub said_more: bool,
}

impl Importer<'_> {
    /// A section of responders: each line or row that names people fills Responders; the
    /// rest is kept under the section's heading.
    pub(super) fn read_responders(&mut self, section: &Section) {
        let mut kept = Vec::new();
        for block in self.text_blocks(section) {
            let lines: Vec<String> = match &block.body {
                Body::Table { rows } => {
                    if !self.read_role_table(rows) {
                        kept.push(self.raw(&block.range).to_owned());
                    }
                    continue;
                }
                Body::Paragraph => block.lines.iter().map(|l| self.raw(l).trim().to_owned()).collect(),
                Body::Item { .. } => vec![self.own_text(&block)],
                _ => {
                    kept.push(self.raw(&block.range).to_owned());
                    continue;
                }
            };
            // "Jonah Feldman was the on-call engineer. Sunita Kapoor joined as incident
            // commander…": a paragraph that tells who did what. It is kept as written too.
            if block.body == Body::Paragraph && lines.iter().all(|l| responder_line(l).is_none()) {
                let people = roles_in_prose(&lines.join(" "));
                self.add_responders(people);
                kept.push(lines.join("\n"));
                continue;
            }
            for line in lines {
                if !self.read_responder_line(&line) {
                    kept.push(line);
                }
            }
        }
        if !kept.is_empty() {
            self.keep_unplaced(&kept.join("\n\n"));
        }
    }

    /// One line of a list of responders: false when it names nobody. A line that says more
    /// than who and in which role is also kept unplaced.
    pub(super) fn read_responder_line(&mut self, line: &str) -> bool {
        let Some(named) = responder_line(line) else {
            return false;
        };
        if named.said_more {
            self.keep_unplaced(line);
        }
        self.add_responders(named.people);
        true
    }

    /// `| Role | Name |` (either order, any more columns kept out of it): true when read.
    fn read_role_table(&mut self, rows: &[Vec<Span>]) -> bool {
        let Some((header, body)) = rows.split_first() else {
            return false;
        };
        let names: Vec<String> = header.iter().map(|c| words(&clean_cell(self.raw(c)))).collect();
        let column = |keys: &[&str]| {
            names
                .iter()
                .position(|n| keys.iter().any(|k| n.contains(&format!(" {k} "))))
        };
        let role_at = column(&["role", "roles", "position", "function", "responsibility", "hat"]);
        let name_at = column(&["name", "person", "who", "responder", "people", "engineer", "assignee"]);
        let (Some(role_at), Some(name_at)) = (role_at, name_at) else {
            return false;
        };
        if role_at == name_at || names.len() > 3 {
            return false;
        }
        for row in body {
            let cell = |n: usize| row.get(n).map(|c| clean_cell(self.raw(c))).unwrap_or_default();
            let (role, name) = (clean_phrase(&cell(role_at)), cell(name_at));
            let role = (!role.is_empty()).then(|| role_of(&role));
            let people = people_in(&name)
                .into_iter()
                .map(|(p, said)| (p, role.clone().or(said)))
                .collect();
            self.add_responders(people);
        }
        true
    }

    pub(super) fn add_responders(&mut self, people: Vec<(String, Option<Role>)>) {
        for (name, role) in people {
            match self.report.responders.iter_mut().find(|r| r.name == name) {
                // A second line for someone ("Noor Haddad" in a list after "IC: Noor Haddad")
                // may be the first to name the role.
                Some(known) if known.role.is_none() => known.role = role,
                Some(_) => {}
                None => self.report.responders.push(Responder { name, role }),
            }
        }
    }
}

/// The role a label or a description names: one of the named roles, or the words as written.
pub(super) fn role_of(text: &str) -> Role {
    let text = text.trim().trim_end_matches(['.', ',', ';']);
    responder_role(words(text).trim())
        .flatten()
        .unwrap_or_else(|| Role::parse(text))
}

/// The people one line of a responders list names, with their roles; `None` when the line
/// names nobody.
pub(super) fn responder_line(line: &str) -> Option<Named> {
    let line = read_paragraph(line);
    let line = line.trim();
    // "**Role:** Name": the label out of its emphasis.
    let labelled = match strip_wrapper(line) {
        Some((inner, rest)) if inner.trim_end().ends_with(':') => Some((inner.trim_end().trim_end_matches(':'), rest)),
        Some((inner, rest)) if rest.starts_with(':') => Some((inner, &rest[1..])),
        _ => None,
    };
    let line = clean_phrase(line);
    // "Role: Name, Name" or "Name: role, what they did".
    if let Some((left, right)) = labelled.or_else(|| line.split_once(':')).filter(|(l, _)| l.len() <= 60) {
        let (left, right) = (clean_phrase(left), right.trim());
        let people = people_in(right);
        if !people.is_empty() {
            let role = (!left.is_empty()).then(|| role_of(&left));
            return Some(Named {
                people: people.into_iter().map(|(p, said)| (p, said.or(role.clone()))).collect(),
                said_more: false,
            });
        }
        if let Some(person) = person(&left) {
            return Some(described(person, right));
        }
    }
    // "Name — role", "Name - role", "role — Name".
    for dash in [" \u{2014} ", " \u{2013} ", " - "] {
        if let Some((left, right)) = line.split_once(dash) {
            if let Some(person) = person(left) {
                return Some(described(person, right));
            }
            let people = people_in(right);
            if !people.is_empty() {
                let role = role_of(&clean_phrase(left));
                return Some(Named {
                    people: people
                        .into_iter()
                        .map(|(p, said)| (p, said.or(Some(role.clone()))))
                        .collect(),
                    said_more: false,
                });
            }
        }
    }
    // "Name (role)", "Name, Name", "Name".
    let people = people_in(&line);
    (!people.is_empty()).then_some(Named {
        people,
        said_more: false,
    })
}

/// The people a paragraph tells the roles of: "Jonah Feldman was the on-call engineer",
/// "Sunita Kapoor joined as incident commander", "Ravi Menon kept notes", "Elif Demir
/// handled communication". A name is two to four capitalised words before the verb.
pub(super) fn roles_in_prose(text: &str) -> Vec<(String, Option<Role>)> {
    const ROLE_NOUNS: [&str; 12] = [
        "commander",
        "lead",
        "manager",
        "engineer",
        "scribe",
        "liaison",
        "on-call",
        "coordinator",
        "responder",
        "expert",
        "ic",
        "oncall",
    ];
    const STOPS: [&str; 14] = [
        "for", "about", "and", "from", "who", "during", "in", "at", "with", "until", "that", "to", "when", "while",
    ];
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let bare = |t: &str| {
        t.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
            .to_lowercase()
    };
    let mut people = Vec::new();
    for (at, verb) in tokens.iter().enumerate() {
        let verb = verb.to_lowercase();
        let told = ["was", "is", "joined", "acted", "served", "became"].contains(&verb.as_str());
        let did = ["handled", "kept", "took", "ran", "led"].contains(&verb.as_str());
        if !(told || did) || at < 2 {
            continue;
        }
        // The name: the capitalised words right before the verb, none ending a clause.
        let particle = |t: &str| PARTICLES.contains(&t);
        let mut first = at;
        while first > 0 && at - first < 5 && (is_name(tokens[first - 1]) || particle(tokens[first - 1])) {
            first -= 1;
        }
        while first < at && particle(tokens[first]) {
            first += 1;
        }
        let role_word = tokens[first..at].iter().any(|t| ROLE_NOUNS.contains(&bare(t).as_str()));
        if at - first < 2 || role_word || tokens[first..at - 1].iter().any(|t| t.ends_with([',', '.', ';', ':'])) {
            continue;
        }
        let name = tokens[first..at].join(" ");
        let mut phrase = Vec::new();
        for token in &tokens[at + 1..] {
            let word = bare(token);
            if phrase.is_empty() && ["as", "the", "our", "a", "an", "over", "on", "point"].contains(&word.as_str()) {
                continue;
            }
            if STOPS.contains(&word.as_str()) || phrase.len() == 4 {
                break;
            }
            phrase.push(word);
            if token.ends_with([',', '.', ';', ':', ')']) {
                break;
            }
        }
        let phrase = phrase.join(" ");
        let role = if told {
            phrase
                .split(' ')
                .any(|w| ROLE_NOUNS.contains(&w))
                .then(|| role_of(&phrase))
        } else {
            match phrase.split(' ').next().unwrap_or_default() {
                "communication" | "communications" | "comms" => Some(Role::Communications),
                "notes" | "minutes" => Some(Role::Scribe),
                "incident" | "response" | "command" | "the"
                    if phrase.contains("incident") || phrase.contains("command") =>
                {
                    Some(Role::IncidentCommander)
                }
                _ => None,
            }
        };
        if let Some(role) = role {
            people.push((name, Some(role)));
        }
    }
    people
}

/// A person and what the line says they did: its first clause is the role ("incident lead,
/// one of the two key holders"); a line that says more is kept too.
fn described(person: (String, Option<Role>), text: &str) -> Named {
    let text = text.trim();
    let clause = text.split([',', ';', '(']).next().unwrap_or_default().trim();
    let role = match person.1 {
        Some(role) => Some(role),
        None if clause.is_empty() => None,
        None if clause.split_whitespace().count() <= 5 => Some(role_of(clause)),
        None => None,
    };
    Named {
        said_more: clause.len() < text.len() || (role.is_none() && !text.is_empty()),
        people: vec![(person.0, role)],
    }
}

/// The people a list of names gives ("Lee Chen, Ana Ruiz and Sam Ode"), each as a person
/// reads, with the role in brackets after one; empty when any part is not a name.
fn people_in(text: &str) -> Vec<(String, Option<Role>)> {
    let text = text.trim().trim_end_matches('.');
    if text.is_empty() {
        return Vec::new();
    }
    let parts: Vec<&str> = text
        .split([',', ';', '/', '&'])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let people: Option<Vec<(String, Option<Role>)>> = parts.iter().map(|p| person(p)).collect();
    people.unwrap_or_default()
}

/// A person's name as lists write it: "Jess Tran", "Daan de Vries", "@kmoreau (Katarzyna
/// Moreau)", "Sam Ode (comms)"; with the role the brackets give when they give one.
fn person(text: &str) -> Option<(String, Option<Role>)> {
    let text = text.trim();
    if let Some((before, inside)) = text.strip_suffix(')').and_then(|t| t.split_once('(')) {
        let (before, inside) = (before.trim(), inside.trim());
        // "@kmoreau (Katarzyna Moreau)": the handle, then the name.
        if is_handle(before) && is_name(inside) {
            return Some((inside.to_owned(), None));
        }
        if is_name(before) || is_handle(before) {
            return Some((before.to_owned(), (!inside.is_empty()).then(|| role_of(inside))));
        }
        return None;
    }
    (is_name(text) || is_handle(text)).then(|| (text.to_owned(), None))
}

fn is_handle(text: &str) -> bool {
    text.strip_prefix('@').is_some_and(|h| {
        !h.is_empty() && h.len() <= 39 && h.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
    })
}

/// The small words inside names: "Daan de Vries", "Ines van der Berg".
const PARTICLES: [&str; 10] = ["de", "van", "der", "den", "von", "da", "di", "la", "le", "bin"];

/// One to four words, each capitalised (or a particle such as "de", "van"), letters only.
fn is_name(text: &str) -> bool {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let capitalised = |t: &str| {
        let mut chars = t.chars();
        chars.next().is_some_and(char::is_uppercase)
            && chars.all(|c| c.is_alphabetic() || "-'\u{2019}.".contains(c))
            && t.chars().any(char::is_lowercase)
    };
    // Words that label people rather than name them: "On-call: …", "Team: …".
    const NOT_NAMES: [&str; 14] = [
        "on-call",
        "oncall",
        "team",
        "teams",
        "owner",
        "lead",
        "support",
        "everyone",
        "none",
        "tbd",
        "unknown",
        "customers",
        "users",
        "n/a",
    ];
    let single_label = tokens.len() == 1 && NOT_NAMES.contains(&tokens[0].to_lowercase().as_str());
    (1..=4).contains(&tokens.len())
        && !single_label
        && responder_role(words(text).trim()).is_none()
        && capitalised(tokens[0])
        && tokens[1..].iter().all(|t| capitalised(t) || PARTICLES.contains(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(line: &str) -> Vec<(String, Option<String>)> {
        responder_line(line)
            .map(|n| {
                n.people
                    .into_iter()
                    .map(|(p, r)| (p, r.map(|r| r.label().to_owned())))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn one(name: &str, role: Option<&str>) -> Vec<(String, Option<String>)> {
        vec![(name.to_owned(), role.map(str::to_owned))]
    }

    #[test]
    fn a_role_then_names() {
        assert_eq!(
            people("Incident lead: Mara Quist"),
            one("Mara Quist", Some("incident commander"))
        );
        assert_eq!(
            people("**Billing on-call:** Teo Varga"),
            one("Teo Varga", Some("Billing on-call"))
        );
        assert_eq!(people("Scribes: Ana Ruiz and Lee Chen").len(), 2);
    }

    #[test]
    fn a_name_then_its_role() {
        assert_eq!(
            people("Ines van der Berg (comms lead)"),
            one("Ines van der Berg", Some("communications"))
        );
        assert_eq!(people("Oskar Lind — scribe"), one("Oskar Lind", Some("scribe")));
        let named = responder_line("@olind (Oskar Lind): incident lead, also wrote the patch").unwrap();
        assert_eq!(named.people[0].0, "Oskar Lind");
        assert_eq!(named.people[0].1, Some(Role::IncidentCommander));
        assert!(named.said_more, "the rest of the line is kept");
    }

    #[test]
    fn roles_told_in_a_paragraph() {
        let told = roles_in_prose(
            "Mara Quist was the on-call engineer for billing and got the page. Teo Varga joined as \
             incident commander about ten minutes later. Ines van der Berg handled communication with \
             support, and Oskar Lind kept notes. The queue was drained by noon, and Mara was tired.",
        );
        let roles: Vec<(&str, &str)> = told
            .iter()
            .map(|(n, r)| (n.as_str(), r.as_ref().map_or("", Role::label)))
            .collect();
        assert_eq!(
            roles,
            [
                ("Mara Quist", "on-call engineer"),
                ("Teo Varga", "incident commander"),
                ("Ines van der Berg", "communications"),
                ("Oskar Lind", "scribe"),
            ]
        );
        assert!(roles_in_prose("The Payments Team was paged. Our Incident Commander joined late.").is_empty());
    }

    #[test]
    fn lines_that_name_nobody() {
        for line in [
            "Thanks to everyone who helped.",
            "See the front matter for roles.",
            "On-call: paged twice, answered in four minutes",
            "Payments team",
        ] {
            assert_eq!(responder_line(line), None, "{line}");
        }
    }
}
