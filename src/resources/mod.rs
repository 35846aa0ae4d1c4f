//! Everything loaded from `ontology/` that the extraction stages need.
//!
//! [`Resources`] bundles the text rules, the lexicon (gazetteer of names,
//! metonyms, demonyms, party nouns and titles, with its Aho-Corasick automaton
//! built once) and the relation rules (trigger phrases, cue words, object head
//! nouns). It is built once per run and shared read-only by all stages. This
//! module only parses data; the algorithms that use it live in `mentions` and
//! `facts`.

mod lexicon;
mod rules;

pub use lexicon::{LexEntity, Lexicon, SurfaceTarget};
pub use rules::{Cue, ObjectClass, PhraseMatch, Rules, ThingPattern, Trigger, TriggerForm};

use std::path::Path;

use crate::error::{Error, Result};
use crate::text::TextRules;

/// All data tables, parsed.
#[derive(Debug, Clone)]
pub struct Resources {
    /// Abbreviations and boilerplate rules for the text stage.
    pub text: TextRules,
    /// Names, aliases, metonyms, demonyms, party nouns and titles.
    pub lexicon: Lexicon,
    /// Relation triggers, cue words and object nouns.
    pub rules: Rules,
}

/// The lexicon files compiled into the binary, in precedence order.
const BUILTIN_LEXICON: [(&str, &str); 8] = [
    (
        "ontology/lexicon/10-entities.tsv",
        include_str!("../../ontology/lexicon/10-entities.tsv"),
    ),
    (
        "ontology/lexicon/20-metonyms.tsv",
        include_str!("../../ontology/lexicon/20-metonyms.tsv"),
    ),
    (
        "ontology/lexicon/30-demonyms.tsv",
        include_str!("../../ontology/lexicon/30-demonyms.tsv"),
    ),
    (
        "ontology/lexicon/35-party-nouns.tsv",
        include_str!("../../ontology/lexicon/35-party-nouns.tsv"),
    ),
    (
        "ontology/lexicon/40-titles.tsv",
        include_str!("../../ontology/lexicon/40-titles.tsv"),
    ),
    (
        "ontology/lexicon/45-given-names.tsv",
        include_str!("../../ontology/lexicon/45-given-names.tsv"),
    ),
    (
        "ontology/lexicon/50-offices.tsv",
        include_str!("../../ontology/lexicon/50-offices.tsv"),
    ),
    (
        "ontology/lexicon/55-blocs.tsv",
        include_str!("../../ontology/lexicon/55-blocs.tsv"),
    ),
];

/// The rule files compiled into the binary.
const BUILTIN_RULES: [(&str, &str); 4] = [
    (
        "ontology/rules/triggers.tsv",
        include_str!("../../ontology/rules/triggers.tsv"),
    ),
    (
        "ontology/rules/cues.tsv",
        include_str!("../../ontology/rules/cues.tsv"),
    ),
    (
        "ontology/rules/objects.tsv",
        include_str!("../../ontology/rules/objects.tsv"),
    ),
    (
        "ontology/rules/things.tsv",
        include_str!("../../ontology/rules/things.tsv"),
    ),
];

impl Resources {
    /// The tables compiled into the binary.
    pub fn builtin() -> Result<Self> {
        let files: Vec<(String, String)> = BUILTIN_LEXICON
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        Ok(Resources {
            text: TextRules::builtin()?,
            lexicon: Lexicon::parse(&files)?,
            rules: Rules::parse(&BUILTIN_RULES)?,
        })
    }

    /// Adds the lexicon files of `dir` (`*.tsv`, recognised by their header) to the built-in ones.
    pub fn with_lexicon_dir(mut self, dir: &Path) -> Result<Self> {
        let mut files: Vec<(String, String)> = BUILTIN_LEXICON
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        let mut paths: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
            .collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
            files.push((path.display().to_string(), text));
        }
        self.lexicon = Lexicon::parse(&files)?;
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(surface: &str, expected: &str) {
        let resources = Resources::builtin().unwrap();
        let got: Vec<String> = resources
            .lexicon
            .lookup(surface)
            .iter()
            .map(|t| match t {
                SurfaceTarget::Entity(i) => {
                    format!("entity:{}", resources.lexicon.entities[*i].key)
                }
                SurfaceTarget::Metonym(k) => format!("metonym:{k}"),
                SurfaceTarget::Demonym(k) => format!("demonym:{k}"),
                SurfaceTarget::Surname(v) => format!("surname:{}", v.len()),
            })
            .collect();
        assert_eq!(got.join(" "), expected);
    }

    #[test]
    fn builtin_tables_parse_and_resolve_surfaces() {
        check("Pokrovsk", "entity:pokrovsk");
        check("Krasnoarmeysk", "entity:pokrovsk");
        check("Kremlin", "metonym:russia demonym:russia");
        check("Moscow", "entity:moscow metonym:russia");
        check("Putin", "surname:1");
    }

    #[test]
    fn offices_blocs_and_plural_demonyms() {
        let resources = Resources::builtin().unwrap();
        let lex = &resources.lexicon;
        let holder =
            |state: &str, office: &str| lex.office_holder(state, office).map(|e| e.key.as_str());
        assert_eq!(holder("russia", "leader"), Some("vladimir-putin"));
        assert_eq!(holder("germany", "chancellor"), Some("friedrich-merz"));
        assert_eq!(holder("germany", "king"), None);
        assert_eq!(lex.bloc_of("france"), Some("europe"));
        assert_eq!(lex.bloc_of("ukraine"), None);
        check("Ukrainians", "demonym:ukraine");
        // No plural after -s, -h or -e ("Swiss", "French", "Chinese").
        check("Frenchs", "");
        // A row naming an entity the lexicon lacks is an error at its line.
        let mut files: Vec<(String, String)> = BUILTIN_LEXICON
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        files.push((
            "extra.tsv".to_string(),
            "state\toffice\tholder\nnarnia\tpresident\tvladimir-putin\n".to_string(),
        ));
        let error = Lexicon::parse(&files).unwrap_err().to_string();
        assert!(
            error.contains("extra.tsv") && error.contains("narnia"),
            "{error}"
        );
    }

    #[test]
    fn rules_know_triggers_and_cues() {
        let resources = Resources::builtin().unwrap();
        let words: Vec<&str> = "held talks with".split(' ').collect();
        let found = resources.rules.triggers_at(&words, 0);
        assert!(
            found
                .iter()
                .any(|t| t.trigger.rule == "met/held-talks" && t.len == 3)
        );
        assert!(
            resources
                .rules
                .cue_at(&["refused", "to", "say", "whether"], 0, Cue::Negation)
                .is_some()
        );
    }
}
