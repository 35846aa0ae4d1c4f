//! The gazetteer: `ontology/lexicon/*.tsv` parsed into entities, surfaces and cue sets.
//!
//! [`Lexicon`] owns one Aho-Corasick automaton (ASCII case-insensitive,
//! leftmost-longest) over every name, alias, metonym, demonym and derived
//! person surname, built once when the lexicon is loaded. Word boundaries and
//! case checks are applied by the caller (`mentions`), which also decides
//! what a match means in context.

use rustc_hash::{FxHashMap, FxHashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind, StartKind};

use crate::data_file::Table;
use crate::error::{Error, Result};
use crate::mentions::EntityKind;

/// One row of `10-entities.tsv`.
#[derive(Debug, Clone)]
pub struct LexEntity {
    /// Stable slug.
    pub key: String,
    /// Kind of referent.
    pub kind: EntityKind,
    /// Canonical name.
    pub name: String,
    /// Other full spellings.
    pub aliases: Vec<String>,
    /// Wikidata id, when certain.
    pub wikidata: Option<String>,
    /// Key of the country or body it belongs to.
    pub affiliation: Option<String>,
}

/// What a surface string found in text may stand for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SurfaceTarget {
    /// A lexicon entity, by index into [`Lexicon::entities`].
    Entity(usize),
    /// A metonym standing for the entity with this key when used as an actor.
    Metonym(String),
    /// An adjective ("Russian") for the entity with this key.
    Demonym(String),
    /// The surname of these lexicon persons (indexes into [`Lexicon::entities`]).
    Surname(Vec<usize>),
}

/// The parsed gazetteer.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Every entity, in file order.
    pub entities: Vec<LexEntity>,
    by_key: FxHashMap<String, usize>,
    surfaces: Vec<(String, Vec<SurfaceTarget>)>,
    surface_idx: FxHashMap<String, usize>,
    automaton: AhoCorasick,
    /// Lower-cased party nouns ("officials", "defence ministry").
    pub party_nouns: FxHashSet<String>,
    /// Lower-cased person titles ("special envoy", "president").
    pub person_titles: FxHashSet<String>,
    /// Lower-cased single words that occur in person titles ("envoy", "secretary").
    pub title_words: FxHashSet<String>,
    /// Lower-cased place cues before a name ("the town of").
    pub place_before: FxHashSet<String>,
    /// Lower-cased place cues after a name ("region", "oblast").
    pub place_after: FxHashSet<String>,
    /// Organisation words ("Ministry", "Council"), as written.
    pub org_words: FxHashSet<String>,
    /// Common given names ("Hassan", "Oleksandr"), as written.
    pub given_names: FxHashSet<String>,
    /// Holders of leading offices: (state key, office) → person key, for
    /// "the Russian leader" in an article that never names him.
    offices: FxHashMap<(String, String), String>,
    /// Bloc of a member entity ("france" → "europe").
    blocs: FxHashMap<String, String>,
    /// Single-word names (person surnames, first names of persons, one-word
    /// places) as transliteration keys, by blocking key, for fuzzy matching.
    fuzzy: FxHashMap<String, Vec<(String, usize)>>,
    /// Answers of [`Lexicon::fuzzy_matches`] so far: names repeat across a corpus.
    fuzzy_seen: FuzzyCache,
}

/// A bounded, thread-safe memo of [`Lexicon::fuzzy_matches`].
#[derive(Debug, Default)]
struct FuzzyCache(std::sync::RwLock<FxHashMap<String, Vec<usize>>>);

impl FuzzyCache {
    /// Words remembered before the memo starts over.
    const CAPACITY: usize = 200_000;

    fn get(&self, word: &str) -> Option<Vec<usize>> {
        self.0.read().ok()?.get(word).cloned()
    }

    fn put(&self, word: &str, found: &[usize]) {
        if let Ok(mut map) = self.0.write() {
            if map.len() >= Self::CAPACITY {
                map.clear();
            }
            map.insert(word.to_string(), found.to_vec());
        }
    }
}

impl Clone for FuzzyCache {
    fn clone(&self) -> Self {
        FuzzyCache::default()
    }
}

impl Lexicon {
    /// The bloc the entity with key `member` belongs to ("europe"), if any.
    pub fn bloc_of(&self, member: &str) -> Option<&str> {
        self.blocs.get(member).map(String::as_str)
    }

    /// The holder of `office` ("president", "prime minister", "chancellor",
    /// "leader") of the state with key `state`, if the lexicon knows one.
    pub fn office_holder(&self, state: &str, office: &str) -> Option<&LexEntity> {
        self.offices
            .get(&(state.to_string(), office.to_string()))
            .and_then(|k| self.entity(k))
    }

    /// Parses lexicon files `(name, text)`; each is recognised by its header columns.
    /// Earlier files take precedence over later ones for the same surface.
    pub fn parse(files: &[(String, String)]) -> Result<Self> {
        let mut entities: Vec<LexEntity> = Vec::new();
        let mut by_key = FxHashMap::default();
        let mut metonyms: Vec<(String, String)> = Vec::new();
        let mut demonyms: Vec<(String, String)> = Vec::new();
        let mut party_nouns = FxHashSet::default();
        let mut person_titles = FxHashSet::default();
        let mut title_words = FxHashSet::default();
        let mut place_before = FxHashSet::default();
        let mut place_after = FxHashSet::default();
        let mut org_words = FxHashSet::default();
        let mut given_names = FxHashSet::default();
        let mut offices = FxHashMap::default();
        let mut blocs = FxHashMap::default();
        for (file, text) in files {
            let header = text
                .lines()
                .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .unwrap_or("");
            let columns: Vec<&str> = header.split('\t').map(str::trim).collect();
            if columns.contains(&"key") {
                let table = Table::parse(
                    file,
                    text,
                    &["key", "kind", "name", "aliases", "wikidata", "affiliation"],
                )?;
                for row in table.rows() {
                    let key = table.get(row, "key").to_string();
                    let kind_name = table.get(row, "kind");
                    let kind = EntityKind::from_name(kind_name)
                        .ok_or_else(|| table.error(row, format!("unknown kind `{kind_name}`")))?;
                    if by_key.contains_key(&key) {
                        return Err(table.error(row, format!("duplicate key `{key}`")));
                    }
                    let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
                    by_key.insert(key.clone(), entities.len());
                    entities.push(LexEntity {
                        key,
                        kind,
                        name: table.get(row, "name").to_string(),
                        aliases: split_list(table.get(row, "aliases")),
                        wikidata: opt(table.get(row, "wikidata")),
                        affiliation: opt(table.get(row, "affiliation")),
                    });
                }
            } else if columns.contains(&"surface") {
                let table = Table::parse(file, text, &["surface", "entity"])?;
                for row in table.rows() {
                    metonyms.push((
                        table.get(row, "surface").to_string(),
                        table.get(row, "entity").to_string(),
                    ));
                }
            } else if columns.contains(&"adjective") {
                let table = Table::parse(file, text, &["adjective", "entity"])?;
                for row in table.rows() {
                    demonyms.push((
                        table.get(row, "adjective").to_string(),
                        table.get(row, "entity").to_string(),
                    ));
                }
            } else if columns.contains(&"given_name") {
                let table = Table::parse(file, text, &["given_name"])?;
                for row in table.rows() {
                    given_names.insert(table.get(row, "given_name").to_string());
                }
            } else if columns.contains(&"bloc") {
                let table = Table::parse(file, text, &["bloc", "member"])?;
                for row in table.rows() {
                    let member = table.get(row, "member");
                    if !by_key.contains_key(member) {
                        return Err(table.error(row, format!("unknown entity `{member}`")));
                    }
                    blocs.insert(member.to_string(), table.get(row, "bloc").to_string());
                }
            } else if columns.contains(&"holder") {
                let table = Table::parse(file, text, &["state", "office", "holder"])?;
                for row in table.rows() {
                    let office = table.get(row, "office");
                    if !matches!(
                        office,
                        "president" | "prime minister" | "chancellor" | "leader"
                    ) {
                        return Err(table.error(row, format!("unknown office `{office}`")));
                    }
                    let (state, holder) = (table.get(row, "state"), table.get(row, "holder"));
                    for key in [state, holder] {
                        if !by_key.contains_key(key) {
                            return Err(table.error(row, format!("unknown entity `{key}`")));
                        }
                    }
                    offices.insert((state.to_string(), office.to_string()), holder.to_string());
                }
            } else if columns.contains(&"noun") {
                let table = Table::parse(file, text, &["noun"])?;
                for row in table.rows() {
                    party_nouns.insert(table.get(row, "noun").to_lowercase());
                }
            } else if columns.contains(&"title") {
                let table = Table::parse(file, text, &["title", "kind"])?;
                for row in table.rows() {
                    let title = table.get(row, "title");
                    match table.get(row, "kind") {
                        "person" => {
                            person_titles.insert(title.to_lowercase());
                            for word in title.split([' ', '-']) {
                                title_words.insert(word.to_lowercase());
                            }
                        }
                        "place" if title.starts_with("the ") => {
                            place_before.insert(title.to_lowercase());
                        }
                        "place" => {
                            place_after.insert(title.to_lowercase());
                        }
                        "organization" => {
                            org_words.insert(title.to_string());
                        }
                        other => {
                            return Err(table.error(row, format!("unknown title kind `{other}`")));
                        }
                    }
                }
            } else {
                return Err(Error::DataFile {
                    file: file.clone(),
                    line: 1,
                    message: "unrecognised lexicon header (expected key/surface/adjective/noun/title/given_name/holder/bloc columns)"
                        .to_string(),
                });
            }
        }
        // Function words of multi-word titles, and "joint" ("Chairman of the Joint
        // Chiefs"), which opens organisation names ("Joint Forces Task Force").
        for word in ["of", "the", "and", "in", "to", "for", "at", "joint"] {
            title_words.remove(word);
        }
        for (_, key) in metonyms.iter().chain(demonyms.iter()) {
            if !by_key.contains_key(key) {
                return Err(Error::DataFile {
                    file: "lexicon".to_string(),
                    line: 0,
                    message: format!("metonym or demonym points to unknown entity `{key}`"),
                });
            }
        }
        let mut surfaces: Vec<(String, Vec<SurfaceTarget>)> = Vec::new();
        let mut surface_idx: FxHashMap<String, usize> = FxHashMap::default();
        let mut add = |surface: &str, target: SurfaceTarget| {
            if surface.is_empty() {
                return;
            }
            let idx = *surface_idx.entry(surface.to_string()).or_insert_with(|| {
                surfaces.push((surface.to_string(), Vec::new()));
                surfaces.len() - 1
            });
            if !surfaces[idx].1.contains(&target) {
                surfaces[idx].1.push(target);
            }
        };
        for (idx, entity) in entities.iter().enumerate() {
            add(&entity.name, SurfaceTarget::Entity(idx));
            for alias in &entity.aliases {
                add(alias, SurfaceTarget::Entity(idx));
            }
        }
        for (surface, key) in &metonyms {
            add(surface, SurfaceTarget::Metonym(key.clone()));
        }
        for (surface, key) in &demonyms {
            add(surface, SurfaceTarget::Demonym(key.clone()));
            // "the Ukrainians", "the Israelis": the people stand for the state.
            // Not after -s, -h or -e ("Swiss", "French", "Chinese").
            if !surface.contains(' ')
                && surface
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_ascii_lowercase() && !"shex".contains(c))
            {
                add(&format!("{surface}s"), SurfaceTarget::Demonym(key.clone()));
            }
        }
        // Surnames: last word of every person name and alias.
        let mut surnames: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (idx, entity) in entities.iter().enumerate() {
            if entity.kind != EntityKind::Person {
                continue;
            }
            for name in std::iter::once(&entity.name).chain(entity.aliases.iter()) {
                let words: Vec<&str> = name.split(' ').collect();
                if words.len() < 2 {
                    continue;
                }
                let last = words[words.len() - 1].trim_end_matches('.');
                if last.len() < 3
                    || !last.starts_with(|c: char| c.is_uppercase())
                    || last.ends_with("Jr")
                {
                    continue;
                }
                let list = surnames.entry(last.to_string()).or_default();
                if !list.contains(&idx) {
                    list.push(idx);
                }
            }
        }
        let mut surnames: Vec<_> = surnames.into_iter().collect();
        surnames.sort();
        for (surname, people) in surnames {
            if !surface_idx.contains_key(&surname) {
                surface_idx.insert(surname.clone(), surfaces.len());
                surfaces.push((surname, vec![SurfaceTarget::Surname(people)]));
            }
        }
        let mut fuzzy: FxHashMap<String, Vec<(String, usize)>> = FxHashMap::default();
        for (idx, entity) in entities.iter().enumerate() {
            let one_word = matches!(
                entity.kind,
                EntityKind::Town | EntityKind::Region | EntityKind::Country
            );
            for name in std::iter::once(&entity.name).chain(entity.aliases.iter()) {
                let word = match entity.kind {
                    EntityKind::Person => name.rsplit(' ').next().unwrap_or(""),
                    _ if one_word && !name.contains(' ') => name.as_str(),
                    _ => continue,
                };
                if word.len() < 4 {
                    continue;
                }
                let key = crate::mentions::translit_key(word);
                let list = fuzzy
                    .entry(crate::mentions::block_of_key(&key).to_string())
                    .or_default();
                if !list.iter().any(|(k, i)| *k == key && *i == idx) {
                    list.push((key, idx));
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            // A full DFA (built once, then the fastest scan), searched
            // anchored at token starts only: names start at a word.
            .kind(Some(AhoCorasickKind::DFA))
            .start_kind(StartKind::Anchored)
            .build(surfaces.iter().map(|(s, _)| s.as_str()))
            .map_err(|e| Error::DataFile {
                file: "lexicon".to_string(),
                line: 0,
                message: e.to_string(),
            })?;
        Ok(Lexicon {
            entities,
            by_key,
            surfaces,
            surface_idx,
            automaton,
            party_nouns,
            person_titles,
            title_words,
            place_before,
            place_after,
            org_words,
            given_names,
            offices,
            blocs,
            fuzzy,
            fuzzy_seen: FuzzyCache::default(),
        })
    }

    /// The entity with `key`.
    pub fn entity(&self, key: &str) -> Option<&LexEntity> {
        self.by_key.get(key).map(|&i| &self.entities[i])
    }

    /// The automaton over all surfaces; pattern ids index [`Lexicon::surface`].
    pub fn automaton(&self) -> &AhoCorasick {
        &self.automaton
    }

    /// The surface string and targets of pattern `id`.
    pub fn surface(&self, id: usize) -> (&str, &[SurfaceTarget]) {
        let (s, t) = &self.surfaces[id];
        (s, t)
    }

    /// Targets of an exact surface string (case-sensitive).
    pub fn lookup(&self, surface: &str) -> &[SurfaceTarget] {
        self.surface_idx
            .get(surface)
            .map(|&i| self.surfaces[i].1.as_slice())
            .unwrap_or(&[])
    }

    /// Lexicon entities one of whose single-word names (surname for persons)
    /// is a spelling variant of `word`; candidates come from one block only.
    pub fn fuzzy_matches(&self, word: &str) -> Vec<usize> {
        if let Some(found) = self.fuzzy_seen.get(word) {
            return found;
        }
        let mut found: Vec<usize> = Vec::new();
        let key = crate::mentions::translit_key(word);
        if let Some(list) = self.fuzzy.get(crate::mentions::block_of_key(&key)) {
            for (other, idx) in list {
                if crate::mentions::similar_keys(&key, other) && !found.contains(idx) {
                    found.push(*idx);
                }
            }
        }
        self.fuzzy_seen.put(word, &found);
        found
    }

    /// Entities of `kind`, for fuzzy matching.
    pub fn entities_of(&self, kind: EntityKind) -> impl Iterator<Item = (usize, &LexEntity)> {
        self.entities
            .iter()
            .enumerate()
            .filter(move |(_, e)| e.kind == kind)
    }
}

fn split_list(cell: &str) -> Vec<String> {
    cell.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}
