//! Cross-document entity resolution: [`EntityIndex`].
//!
//! Documents are extracted independently (in parallel) with entity keys that
//! are only resolved within each document. The index is then fed the
//! documents one by one, in input order: lexicon entities keep their keys;
//! a name not in the lexicon is merged onto an earlier entity of the same
//! kind whose name is a spelling variant of it, found through a blocking key
//! (so no document is compared with every entity); spellings accumulate in
//! `Entity::variants`.

use std::collections::BTreeSet;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::facts::{Argument, DocExtraction};
use crate::mentions::similar::{block_key, similar};
use crate::mentions::{Entity, EntityKind};
use crate::resources::Resources;

/// Entities seen so far, across documents.
#[derive(Debug, Default)]
pub struct EntityIndex {
    lexicon_keys: FxHashSet<String>,
    entities: FxHashMap<String, Entity>,
    blocks: FxHashMap<(EntityKind, String), Vec<String>>,
}

impl EntityIndex {
    /// An empty index.
    pub fn new(resources: &Resources) -> Self {
        EntityIndex {
            lexicon_keys: resources
                .lexicon
                .entities
                .iter()
                .map(|e| e.key.clone())
                .collect(),
            ..EntityIndex::default()
        }
    }

    /// An index that already knows `known` (for example the entities of a store).
    pub fn with_known(resources: &Resources, known: Vec<Entity>) -> Self {
        let mut index = EntityIndex::new(resources);
        for entity in known {
            index.insert(entity);
        }
        index
    }

    /// The entities seen so far (unordered).
    pub fn entities(&self) -> impl Iterator<Item = &Entity> {
        self.entities.values()
    }

    /// Maps a document's entities onto the entities seen so far.
    pub fn merge(&mut self, mut extraction: DocExtraction) -> DocExtraction {
        let mut remap: FxHashMap<String, String> = FxHashMap::default();
        for entity in &mut extraction.entities {
            let target = self.resolve_one(entity);
            if target != entity.key {
                remap.insert(entity.key.clone(), target.clone());
            }
            // The document keeps the merged entity's identity but only its
            // own spellings: every spelling is then stated once per document
            // that uses it, not repeated in every later document.
            let known = &self.entities[&target];
            let spellings = std::iter::once(&entity.name)
                .chain(&entity.variants)
                .filter(|name| **name != known.name)
                .cloned()
                .collect();
            *entity = Entity {
                variants: spellings,
                ..known.clone()
            };
        }
        if remap.is_empty() {
            return extraction;
        }
        // Two of the document's entities may have merged into one: pool their spellings.
        let mut pooled: FxHashMap<String, BTreeSet<String>> = FxHashMap::default();
        for entity in &extraction.entities {
            pooled
                .entry(entity.key.clone())
                .or_default()
                .extend(entity.variants.iter().cloned());
        }
        let map = |k: &mut String| {
            if let Some(to) = remap.get(k) {
                *k = to.clone();
            }
        };
        let mut seen = FxHashSet::default();
        extraction.entities.retain(|e| seen.insert(e.key.clone()));
        for entity in &mut extraction.entities {
            if let Some(spellings) = pooled.remove(&entity.key) {
                entity.variants = spellings;
            }
        }
        for mention in &mut extraction.mentions {
            map(&mut mention.entity);
        }
        for fact in &mut extraction.facts {
            map(&mut fact.subject);
            if let Argument::Entity(k) = &mut fact.object {
                map(k);
            }
            if let Some(p) = &mut fact.place {
                map(p);
            }
        }
        for entity in &mut extraction.entities {
            if let Some(a) = &mut entity.affiliation {
                map(a);
            }
        }
        extraction
    }

    /// Maps `entities`, in order, onto the entities seen so far (as [`EntityIndex::merge`]
    /// does for a document's entities) and returns the key each one ends up with:
    /// its own, or that of the earlier entity it is a spelling variant of.
    /// [`EntityIndex::get`] then gives the merged entity with all its spellings.
    pub fn resolve(&mut self, entities: impl IntoIterator<Item = Entity>) -> Vec<String> {
        entities
            .into_iter()
            .map(|entity| self.resolve_one(&entity))
            .collect()
    }

    /// The entity with this key, with every spelling merged into it so far.
    pub fn get(&self, key: &str) -> Option<&Entity> {
        self.entities.get(key)
    }

    /// The key `entity` resolves to; records it (a new entity) or its
    /// spellings and affiliation (a known one).
    fn resolve_one(&mut self, entity: &Entity) -> String {
        let target =
            if self.entities.contains_key(&entity.key) || self.lexicon_keys.contains(&entity.key) {
                entity.key.clone()
            } else {
                self.find_similar(entity)
                    .unwrap_or_else(|| entity.key.clone())
            };
        match self.entities.get_mut(&target) {
            Some(known) => {
                let names = std::iter::once(&entity.name).chain(&entity.variants);
                for name in names {
                    if *name != known.name {
                        known.variants.insert(name.clone());
                    }
                }
                if known.affiliation.is_none() {
                    known.affiliation = entity.affiliation.clone();
                }
            }
            None => self.insert(entity.clone()),
        }
        target
    }

    fn insert(&mut self, entity: Entity) {
        if !self.lexicon_keys.contains(&entity.key) {
            let block = (entity.kind, block_key(&entity.name));
            self.blocks
                .entry(block)
                .or_default()
                .push(entity.key.clone());
        }
        self.entities.insert(entity.key.clone(), entity);
    }

    /// An earlier non-lexicon entity of the same kind whose name is a variant of this one.
    fn find_similar(&self, entity: &Entity) -> Option<String> {
        let candidates = self.blocks.get(&(entity.kind, block_key(&entity.name)))?;
        let words: Vec<&str> = entity.name.split(' ').collect();
        let found: Vec<&String> = candidates
            .iter()
            .filter(|k| {
                let other: Vec<&str> = self.entities[*k].name.split(' ').collect();
                // Every word must be a variant: two people sharing a surname stay apart.
                other.len() == words.len() && other.iter().zip(&words).all(|(a, b)| similar(a, b))
            })
            .collect();
        (found.len() == 1).then(|| found[0].clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{Fact, Provenance, Relation};
    use std::collections::BTreeSet;

    fn entity(key: &str, name: &str, kind: EntityKind) -> Entity {
        Entity {
            key: key.into(),
            name: name.into(),
            kind,
            wikidata: None,
            affiliation: None,
            variants: BTreeSet::new(),
        }
    }

    fn doc(entities: Vec<Entity>) -> DocExtraction {
        let subject = entities[0].key.clone();
        DocExtraction {
            facts: vec![Fact {
                relation: Relation::ClaimsControl,
                subject,
                object: Argument::Entity("russia".into()),
                status: None,
                place: None,
                date_phrase: None,
                provenance: Provenance {
                    sentence_idx: 0,
                    rule: "test".into(),
                    confidence: 1.0,
                },
            }],
            entities,
            ..DocExtraction::default()
        }
    }

    /// Keys of the first entity and of the first fact's subject after merging `docs` in order.
    fn check(docs: Vec<Vec<Entity>>, expected: &[&str]) {
        let resources = Resources::builtin().unwrap();
        let mut index = EntityIndex::new(&resources);
        let got: Vec<String> = docs
            .into_iter()
            .map(|d| {
                let merged = index.merge(doc(d));
                assert_eq!(merged.facts[0].subject, merged.entities[0].key);
                merged.entities[0].key.clone()
            })
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn spelling_variants_across_documents_merge_onto_the_first() {
        check(
            vec![
                vec![entity(
                    "ivan-petrenkov",
                    "Ivan Petrenkov",
                    EntityKind::Person,
                )],
                vec![entity(
                    "ivan-petrenkow",
                    "Ivan Petrenkow",
                    EntityKind::Person,
                )],
            ],
            &["ivan-petrenkov", "ivan-petrenkov"],
        );
    }

    #[test]
    fn namesakes_and_other_kinds_stay_apart() {
        check(
            vec![
                vec![entity(
                    "andriy-petrenkov",
                    "Andriy Petrenkov",
                    EntityKind::Person,
                )],
                vec![entity(
                    "viktor-petrenkov",
                    "Viktor Petrenkov",
                    EntityKind::Person,
                )],
                vec![entity("petrenkov", "Petrenkov", EntityKind::Town)],
            ],
            &["andriy-petrenkov", "viktor-petrenkov", "petrenkov"],
        );
    }

    #[test]
    fn resolve_maps_a_list_onto_earlier_entities_and_keeps_lexicon_keys() {
        let resources = Resources::builtin().unwrap();
        let mut index = EntityIndex::new(&resources);
        let mut variant = entity("ivan-petrenkow", "Ivan Petrenkow", EntityKind::Person);
        variant.variants.insert("Ivan Petrenkov".into());
        let targets = index.resolve(vec![
            entity("ivan-petrenkov", "Ivan Petrenkov", EntityKind::Person),
            entity("russia", "Russia", EntityKind::Country),
            variant,
            entity("oleh-petrenkow", "Oleh Petrenkow", EntityKind::Person),
        ]);
        assert_eq!(
            targets,
            [
                "ivan-petrenkov",
                "russia",
                "ivan-petrenkov",
                "oleh-petrenkow"
            ]
        );
        let merged = index.get("ivan-petrenkov").unwrap();
        // The canonical name never becomes one of its own variants.
        assert_eq!(
            merged.variants.iter().collect::<Vec<_>>(),
            ["Ivan Petrenkow"]
        );
        assert!(index.get("ivan-petrenkow").is_none());
    }

    #[test]
    fn known_entities_seed_the_index_and_collect_variants() {
        let resources = Resources::builtin().unwrap();
        let mut index = EntityIndex::with_known(
            &resources,
            vec![entity("zorianka", "Zorianka", EntityKind::Town)],
        );
        let merged = index.merge(doc(vec![entity("zoryanka", "Zoryanka", EntityKind::Town)]));
        assert_eq!(merged.entities[0].key, "zorianka");
        assert!(merged.entities[0].variants.contains("Zoryanka"));
    }
}
