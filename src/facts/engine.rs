//! The relation rules: triggers in a sentence → facts.
//!
//! For each sentence the engine finds trigger phrases (longest first, from
//! `ontology/rules/triggers.tsv`), cuts the clause around each at boundary
//! cues, and reads the arguments the trigger's form asks for:
//!
//! - parties: mentions that can act ([`crate::mentions::Item::as_party`]), grouped by
//!   coordination (walking over connectors, titles, modifiers and skipping
//!   appositives), split into sides for "between A and B", with persons
//!   replacing their own state or a group on a side ("a Ukrainian delegation
//!   led by X", "European leaders, including Y");
//! - things: noun phrases headed by an object noun, or canonical patterns
//!   ("join NATO" → `NATO membership`); "the plan", "it", "this" refer back;
//! - places: towns and regions, coordinated, or referred to ("the city",
//!   "either city", "the claims" → the places of the last claim).
//!
//! Negation, conditionals and attempts before a trigger cancel it; planned
//! cues make a meeting `Planned`. Claims belong to who makes them (the
//! speaker of a reported claim), a claim inside a denial is not a claim, and a
//! negated claim of control is a dispute.

use rustc_hash::FxHashMap;

use crate::facts::{Argument, Fact, Provenance, Relation, Status, Thing};
use crate::mentions::{Analysis, EntityKind, SentenceAnalysis, Source, slug};
use crate::resources::{Cue, ObjectClass, Resources, Trigger, TriggerForm};

/// Extracts facts from every sentence of an analysed document, in order.
pub fn run(analysis: &Analysis, resources: &Resources) -> Vec<Fact> {
    let mut engine = Engine {
        res: resources,
        affiliation: analysis
            .entities
            .iter()
            .map(|e| (e.key.clone(), e.affiliation.clone()))
            .collect(),
        kinds: analysis
            .entities
            .iter()
            .map(|e| (e.key.clone(), e.kind))
            .collect(),
        facts: Vec::new(),
        last_meeting: Vec::new(),
        last_plural: Vec::new(),
        recent_persons: Vec::new(),
        previous_persons: Vec::new(),
        pending_side: None,
        transcript_speaker: None,
        last_claim_places: Vec::new(),
        last_claim_sentence: None,
        last_place: None,
        things_by_sentence: Vec::new(),
        last_plan: None,
    };
    for (idx, sentence) in analysis.sentences.iter().enumerate() {
        engine.sentence(idx, sentence);
    }
    engine.drop_states_met_through_their_people();
    engine.facts
}

struct Engine<'r> {
    res: &'r Resources,
    affiliation: FxHashMap<String, Option<String>>,
    kinds: FxHashMap<String, EntityKind>,
    facts: Vec<Fact>,
    last_meeting: Vec<String>,
    /// The parties of the last sentence that opened with two or more of
    /// them ("Witkoff and Kushner arrived ..."), for a following "they".
    last_plural: Vec<String>,
    /// People named in earlier sentences, most recent last, for "the two men".
    recent_persons: Vec<String>,
    /// People named in the sentence before, for "the Americans".
    previous_persons: Vec<String>,
    /// A side set out in the sentence before ("On the Ukrainian side are A
    /// and B."), waiting for the other side in the next one.
    pending_side: Option<(String, Vec<String>)>,
    /// In a transcript, the person whose answer this is ("PESKOV: We ..."),
    /// until another label ("QUESTION:") starts a turn.
    transcript_speaker: Option<String>,
    last_claim_places: Vec<String>,
    /// The sentence the last claim was read in.
    last_claim_sentence: Option<usize>,
    last_place: Option<String>,
    things_by_sentence: Vec<Vec<ThingSpan>>,
    last_plan: Option<Thing>,
}

#[derive(Debug, Clone)]
struct ThingSpan {
    start: usize,
    end: usize,
    thing: Thing,
    generic: bool,
    /// Parties named inside a plan's noun phrase ("US draft"): its proposers.
    owners: Vec<String>,
}

/// One sentence being read.
struct Ctx<'s> {
    idx: usize,
    s: &'s SentenceAnalysis,
    words: Vec<&'s str>,
    /// Token is inside an appositive, relative clause or parenthesis.
    embedded: Vec<bool>,
    /// Item index covering each token.
    item_at: Vec<Option<usize>>,
}

impl Ctx<'_> {
    /// True when `tok` sits in an appositive, relative clause or parenthesis that does not contain `anchor`.
    fn foreign(&self, tok: usize, anchor: usize) -> bool {
        self.embedded[tok]
            && self.s.embedded.iter().any(|&(a, b)| {
                a <= tok && tok < b && !(a <= anchor && anchor < b) && !self.names_a_leader(a, b)
            })
    }

    /// ", which was headed by X": a relative clause that only names who leads the party before it.
    fn names_a_leader(&self, a: usize, b: usize) -> bool {
        let w = &self.words[a..b.min(a + 6)];
        w.windows(2)
            .any(|p| matches!(p[0], "headed" | "led") && p[1] == "by")
    }
}

struct Found<'r> {
    start: usize,
    end: usize,
    trigger: &'r Trigger,
}

/// Words that keep a list of parties together ("A, along with B", "A,
/// accompanied by B", "a delegation led by A and B").
const GROUP_LINK_WORDS: [&str; 8] = [
    "along",
    "together",
    "as",
    "well",
    "accompanied",
    "by",
    "led",
    "headed",
];

/// Words of a stretch of time ("spent five hours with", "spent the evening with").
const TIME_SPAN_WORDS: [&str; 30] = [
    "a",
    "an",
    "the",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "several",
    "almost",
    "nearly",
    "about",
    "more",
    "than",
    "hour",
    "hours",
    "day",
    "days",
    "minutes",
    "evening",
    "morning",
    "afternoon",
    "night",
    "weekend",
    "week",
    "most",
    "much",
    "of",
    "whole",
];

/// Words that may stand inside a title before a name ("new chief negotiator").
/// Also honorifics and the full stop of their abbreviation ("Mr. Witkoff
/// and Mr. Kushner"): inside a sentence a "." only ends an abbreviation.
const TITLE_FILLERS: [&str; 15] = [
    "new", "former", "top", "senior", "chief", "deputy", "acting", "'", "-", "then", "mr", "mrs",
    "ms", "dr", ".",
];

/// Plural role nouns before names ("Putin and his aides A and B").
const PLURAL_ROLES: [&str; 7] = [
    "aides",
    "advisers",
    "advisors",
    "envoys",
    "deputies",
    "negotiators",
    "counterparts",
];

/// Nouns that take a content clause: "the premise that ...", "reports that ...".
const CONTENT_NOUNS: [&str; 12] = [
    "premise",
    "idea",
    "notion",
    "suggestion",
    "suggestions",
    "assertion",
    "claim",
    "claims",
    "report",
    "reports",
    "view",
    "argument",
];

/// Words that make a clause a stated position rather than a reported act:
/// modals, "never", readiness ("Kyiv is not ready to", "is prepared to").
const COMMITMENT_WORDS: [&str; 19] = [
    "will", "would", "wo", "ca", "can", "cannot", "could", "shall", "should", "must", "never",
    "ready", "prepared", "willing", "going", "intends", "plans", "may", "might",
];

const DETERMINERS: [&str; 12] = [
    "the", "a", "an", "its", "their", "his", "her", "this", "that", "such", "any", "whole",
];

impl<'r> Engine<'r> {
    fn sentence(&mut self, idx: usize, s: &SentenceAnalysis) {
        let words: Vec<&str> = s.words();
        let mut embedded = vec![false; words.len()];
        for &(a, b) in &s.embedded {
            for e in embedded.iter_mut().take(b.min(words.len())).skip(a) {
                *e = true;
            }
        }
        let mut item_at = vec![None; words.len()];
        for (k, item) in s.items.iter().enumerate() {
            for slot in item_at.iter_mut().take(item.end).skip(item.start) {
                *slot = Some(k);
            }
        }
        let ctx = Ctx {
            idx,
            s,
            words,
            embedded,
            item_at,
        };
        // "PESKOV: We ...", "QUESTION: ...": a turn label starts a speaker's turn.
        // A headline's "Name: ..." is not a turn: only the sentence holds it.
        let label_end = ctx.words.iter().take(5).position(|w| *w == ":");
        if let Some(colon) = label_end.filter(|&c| idx > 0 && c > 0 && ctx.words.len() > c + 1) {
            // "PESKOV:", "PRESIDENT MACRON:", "SPECIAL ENVOY WITKOFF:": the
            // name may follow title words.
            let lex = &self.res.lexicon;
            let first_item = (0..colon).find(|&j| ctx.item_at[j].is_some()).filter(|&j| {
                ctx.words[..j]
                    .iter()
                    .all(|w| lex.title_words.contains(*w) || matches!(*w, "special" | "prime"))
            });
            self.transcript_speaker = first_item
                .and_then(|j| ctx.item_at[j])
                .filter(|&k| {
                    let end = ctx.s.items[k].end;
                    end == colon || ctx.words.get(end) == Some(&"(")
                })
                .map(|k| &ctx.s.items[k])
                .filter(|i| i.kind == EntityKind::Person)
                .map(|i| i.entity.clone());
        }
        let things = self.things(&ctx);
        for t in &things {
            for owner in &t.owners {
                self.add_stance(
                    &ctx,
                    Relation::Proposed,
                    owner,
                    t.thing.clone(),
                    "proposed/possessor",
                    0.6,
                );
            }
        }
        self.things_by_sentence.push(things);
        let found = self.triggers(&ctx);
        let first_dispute = found
            .iter()
            .find(|f| f.trigger.relation == Relation::DisputesControl && !no_dispute(&ctx, f))
            .map(|f| f.start);
        self.hyphen_pairs(&ctx);
        self.after_event(&ctx);
        self.sides_set_out(&ctx);
        for f in &found {
            match f.trigger.relation {
                Relation::Met => self.met(&ctx, f),
                Relation::Proposed | Relation::Rejected => self.stance(&ctx, f),
                Relation::ClaimsControl => self.claim(&ctx, f, first_dispute),
                Relation::DisputesControl => self.dispute(&ctx, f),
                _ => {}
            }
        }
        self.drop_self_disputes(idx);
        // "Will Putin meet Trump?", "Has Russia rejected the plan?": a
        // question states nothing.
        if is_question(&s.text) {
            self.facts.retain(|f| f.provenance.sentence_idx != idx);
        }
        // "A and B arrived in Moscow. They met Putin": the group a "they" stands for.
        let (opening, _) = self.right_group(&ctx, 0, ctx.words.len(), false);
        let opening = self.side(&ctx, &opening);
        if opening.len() >= 2 && ctx.s.items.first().is_some_and(|i| i.start <= 1) {
            self.last_plural = opening;
        } else if let Some(group) = ctx
            .s
            .items
            .iter()
            .filter(|i| i.source == Source::Pronoun && i.kind == EntityKind::Person)
            .map(|i| {
                self.side(
                    &ctx,
                    &self.right_group(&ctx, i.start, ctx.words.len(), false).0,
                )
            })
            .find(|g| g.len() >= 2)
        {
            // "..., and he and Kushner spent weeks on it. They ...": a
            // pronoun and a name make a group too.
            self.last_plural = group;
        }
        self.previous_persons.clear();
        for item in &ctx.s.items {
            if item.kind == EntityKind::Person && !item.modifier {
                self.recent_persons.retain(|k| *k != item.entity);
                self.recent_persons.push(item.entity.clone());
                if !self.previous_persons.contains(&item.entity) {
                    self.previous_persons.push(item.entity.clone());
                }
            }
        }
        if let Some(place) = ctx
            .s
            .items
            .iter()
            .rev()
            .find(|i| i.place && !i.modifier && is_place_kind(i.kind))
        {
            self.last_place = Some(place.entity.clone());
        }
    }

    /// A party does not dispute, in the sentence where it claims a place,
    /// its own claim to it: such a dispute read the claimant as the disputer
    /// ("Kyiv dismissed Moscow's claim of capturing X as propaganda").
    fn drop_self_disputes(&mut self, idx: usize) {
        let claims: Vec<(String, String)> = self
            .facts
            .iter()
            .filter(|f| f.provenance.sentence_idx == idx && f.relation == Relation::ClaimsControl)
            .filter_map(|f| match &f.object {
                Argument::Entity(place) => Some((f.subject.clone(), place.clone())),
                _ => None,
            })
            .collect();
        if claims.is_empty() {
            return;
        }
        self.facts.retain(|f| {
            !(f.provenance.sentence_idx == idx
                && f.relation == Relation::DisputesControl
                && f.provenance.rule.starts_with("disputes/")
                && matches!(&f.object, Argument::Entity(place)
                    if claims.iter().any(|(s, p)| *s == f.subject && p == place)))
        });
    }

    // ---------------------------------------------------------------- triggers

    fn triggers(&self, ctx: &Ctx<'_>) -> Vec<Found<'r>> {
        let rules = &self.res.rules;
        let mut found = Vec::new();
        let mut i = 0;
        while i < ctx.words.len() {
            if ctx.item_at[i].is_some_and(|k| {
                ctx.s.items[k].kind != EntityKind::Country || ctx.s.items[k].start != i
            }) && ctx.item_at[i].is_some()
            {
                i += 1;
                continue;
            }
            let after_hyphen = i > 0 && ctx.words[i - 1] == "-";
            let mut matches = rules.triggers_at(&ctx.words, i);
            // An adverb inside a phrase ("participated virtually in",
            // "spoke briefly with"): match the phrase without it.
            let mut skipped = 0;
            let adverb = (i + 1..(i + 4).min(ctx.words.len()))
                .find(|&j| ctx.item_at[j].is_none() && is_manner_adverb(ctx.words[j]));
            if let Some(adverb) = adverb {
                let without: Vec<&str> = ctx.words[i..adverb]
                    .iter()
                    .chain(ctx.words[adverb + 1..].iter().take(4))
                    .copied()
                    .collect();
                let longer: Vec<_> = rules
                    .triggers_at(&without, 0)
                    .into_iter()
                    .filter(|m| m.len > adverb - i)
                    .collect();
                if longer.first().map(|m| m.len) > matches.first().map(|m| m.len) {
                    matches = longer;
                    skipped = 1;
                }
            }
            // A place inside a nominal phrase ("talks in Kyiv with B", "a meeting
            // at the Kremlin with B"): match the phrase without it.
            if let Some(skip) = locative_before_with(ctx, i + 1) {
                let without: Vec<&str> = std::iter::once(ctx.words[i])
                    .chain(ctx.words[i + 1 + skip..].iter().take(4).copied())
                    .collect();
                let longer: Vec<_> = rules
                    .triggers_at(&without, 0)
                    .into_iter()
                    .filter(|m| m.len >= 2 && m.trigger.form == TriggerForm::With)
                    .collect();
                if longer.first().map(|m| m.len) > matches.first().map(|m| m.len) {
                    matches = longer;
                    skipped = skip;
                }
            }
            let best = matches
                .into_iter()
                .find(|m| (m.trigger.form == TriggerForm::Adjectival) == after_hyphen);
            match best {
                Some(m) => {
                    let end = i + m.len + skipped;
                    // "rejected Moscow's claim that ...": rejecting a claim is disputing it.
                    let trigger = match self.rejected_claim(ctx, m.trigger, end) {
                        Some(dispute) => dispute,
                        None => m.trigger,
                    };
                    found.push(Found {
                        start: i,
                        end,
                        trigger,
                    });
                    i += m.len + skipped;
                }
                None => i += 1,
            }
        }
        found
    }

    /// The dispute trigger when a rejection verb ending at `end` takes a
    /// claim as its object ("rejected Russia's claim", "dismissed the latest
    /// Russian claims").
    fn rejected_claim(&self, ctx: &Ctx<'_>, trigger: &Trigger, end: usize) -> Option<&'r Trigger> {
        if trigger.relation != Relation::Rejected {
            return None;
        }
        let claim = (end..(end + 5).min(ctx.words.len())).find(|&j| {
            matches!(
                ctx.words[j],
                "claim" | "claims" | "assertion" | "assertions" | "announcement"
            )
        })?;
        let only_modifiers = (end..claim).all(|j| {
            let w = ctx.words[j];
            ctx.item_at[j].is_some()
                || w == "'s"
                || DETERMINERS.contains(&w)
                || matches!(
                    w,
                    "latest" | "earlier" | "new" | "repeated" | "russian" | "ukrainian"
                )
        });
        if !only_modifiers {
            return None;
        }
        self.res
            .rules
            .triggers_at(&["denied"], 0)
            .into_iter()
            .map(|m| m.trigger)
            .find(|t| t.relation == Relation::DisputesControl)
    }

    /// Start of the clause containing `at` (after the last boundary cue).
    fn clause_start(&self, ctx: &Ctx<'_>, at: usize, stop_at_speech: bool) -> usize {
        let rules = &self.res.rules;
        let mut j = at;
        while j > 0 {
            let w = j - 1;
            if !ctx.foreign(w, at)
                && (rules.cue_at(&ctx.words, w, Cue::Boundary).is_some()
                    || (stop_at_speech
                        && rules.cue_at(&ctx.words, w, Cue::Speech).is_some()
                        && ctx.item_at[w].is_none()))
            {
                return j;
            }
            j -= 1;
        }
        0
    }

    /// End of the clause containing `at` (before the next boundary cue).
    fn clause_end(&self, ctx: &Ctx<'_>, at: usize, stop_at_speech: bool) -> usize {
        let rules = &self.res.rules;
        for j in at..ctx.words.len() {
            if ctx.foreign(j, at) {
                continue;
            }
            if rules.cue_at(&ctx.words, j, Cue::Boundary).is_some() {
                return j;
            }
            if stop_at_speech
                && rules.cue_at(&ctx.words, j, Cue::Speech).is_some()
                && ctx.item_at[j].is_none()
                && j > 0
                && (ctx.words[j - 1] == "," || ctx.item_at[j - 1].is_some())
            {
                // "..., a spokesman said" / "X said": the reporting clause.
                // "A met B as Russia claimed X": with no comma, the speaker's
                // own mention starts the reporting clause.
                let back = (at..j)
                    .rev()
                    .find(|&b| ctx.words[b] == ",")
                    .unwrap_or_else(|| ctx.item_at[j - 1].map_or(at, |k| ctx.s.items[k].start));
                return back.max(at);
            }
        }
        ctx.words.len()
    }

    /// Cue of `class` within `window` tokens before `at`, not before `lo`.
    fn cue_before(&self, ctx: &Ctx<'_>, at: usize, lo: usize, window: usize, class: Cue) -> bool {
        let from = at.saturating_sub(window).max(lo);
        (from..at).any(|j| {
            self.res
                .rules
                .cue_at(&ctx.words, j, class)
                .is_some_and(|len| j + len <= at)
                && ctx.item_at[j].is_none()
        })
    }

    fn cancelled(&self, ctx: &Ctx<'_>, f: &Found<'_>, lo: usize) -> bool {
        // "No agreement was reached during the meeting between A and B": the
        // meeting is the setting of what was not reached, and it took place.
        let setting_after = |j: usize| {
            ctx.words[j] == "no"
                && ctx.words[j..f.start].iter().any(|w| {
                    matches!(
                        *w,
                        "during" | "at" | "after" | "from" | "throughout" | "over"
                    )
                })
        };
        let conditional = (lo..f.start).any(|j| {
            self.res
                .rules
                .cue_at(&ctx.words, j, Cue::Conditional)
                .is_some_and(|len| j + len <= f.start)
                && ctx.item_at[j].is_none()
                && !setting_after(j)
        });
        // "Putin would meet Zelensky only in Moscow", "would only meet him to
        // sign a deal": a condition, not a plan.
        // "Trump has said he will meet Putin only when a deal is final".
        let after = &ctx.words[f.start.saturating_sub(2)..(f.end + 12).min(ctx.words.len())];
        let after = &after[..after.iter().position(|w| *w == ";").unwrap_or(after.len())];
        let modal_before = |modal: &str| {
            (f.start.saturating_sub(3).max(lo)..f.start).any(|j| ctx.words[j] == modal)
        };
        let would_only = modal_before("would") && after.contains(&"only")
            || modal_before("will")
                && after.windows(2).any(|w| {
                    w[0] == "only" && matches!(w[1], "when" | "if" | "once" | "after" | "in")
                });
        self.cue_before(ctx, f.start, lo, 4, Cue::Negation)
            || conditional
            || would_only
            || self.cue_before(ctx, f.start, lo, 4, Cue::Attempt)
    }

    // ---------------------------------------------------------------- parties

    /// Parties coordinated just before `from` (the subject group), not before `lo`.
    fn left_group(&self, ctx: &Ctx<'_>, from: usize, lo: usize) -> Vec<usize> {
        let lex = &self.res.lexicon;
        let mut group: Vec<usize> = Vec::new();
        let mut j = from;
        let mut gap = 0;
        let mut linked = true;
        while j > lo {
            let w = j - 1;
            if ctx.foreign(w, from) {
                j -= 1;
                continue;
            }
            if let Some(k) = ctx.item_at[w] {
                let item = &ctx.s.items[k];
                if item.as_party().is_some() {
                    if !linked {
                        break; // "tells Witkoff Russia will": two names with no "and" between
                    }
                    if !group.contains(&k) {
                        group.push(k);
                    }
                    linked = false;
                    j = item.start.max(lo);
                    continue;
                }
                if item.modifier || group.is_empty() {
                    j = item.start.max(lo);
                    gap += 1;
                    continue;
                }
                break;
            }
            let word = ctx.words[w];
            // "Before sitting down with the Americans, Yermak met ...": the
            // comma closing a fronted subordinate clause ends the subject.
            if !group.is_empty() && word == "," && closes_fronted_clause(&ctx.words, w) {
                break;
            }
            if !group.is_empty() {
                let connector = connector_around(self.res, &ctx.words, w)
                    || group_link(&ctx.words, w)
                    || TITLE_FILLERS.contains(&word)
                    || lex.title_words.contains(word)
                    || (word == "in" && w > 0 && ctx.words[w - 1] == "-")
                    || word == "the"
                    || (word == "of" && w > 0 && lex.title_words.contains(ctx.words[w - 1]))
                    // "investment envoy Kirill Dmitriev": a plain word qualifying a title.
                    // Only right after "and" or a comma ("A and investment envoy B").
                    || (ctx.words.get(w + 1).is_some_and(|n| lex.title_words.contains(*n))
                        && word.chars().all(|c| c.is_ascii_lowercase())
                        && !VERB_PHRASE_STARTS.contains(&word)
                        && w >= 1
                        && matches!(ctx.words[w - 1], "and" | ","))
                    || word == "'s"
                    // "Zelensky and US envoys A and B"
                    || PLURAL_ROLES.contains(&word)
                    // "Ukraine and its European allies"
                    || matches!(word, "its" | "their" | "his" | "her") && w > 0 && ctx.words[w - 1] == "and";
                if connector {
                    linked |= links(self.res, &ctx.words, w);
                    j -= 1;
                    continue;
                }
                break;
            }
            gap += 1;
            if gap > 12 {
                break;
            }
            j -= 1;
        }
        group.reverse();
        group
    }

    /// Parties coordinated just after `from` (the object group), before `hi`.
    /// Returns the group and the index from which members followed "including".
    fn right_group(
        &self,
        ctx: &Ctx<'_>,
        from: usize,
        hi: usize,
        allow_places: bool,
    ) -> (Vec<usize>, Option<usize>) {
        let lex = &self.res.lexicon;
        let mut group: Vec<usize> = Vec::new();
        let mut including = None;
        let mut j = from;
        let mut gap = 0;
        let mut linked = true;
        // Inside "…, which also included B," the members named are still the list's.
        let mut in_included = false;
        while j < hi {
            // "a delegation led by A, which also included B": B is on A's side.
            let at = j + usize::from(ctx.words[j] == ",");
            let relative_included = !group.is_empty()
                && including.is_none()
                && matches!(ctx.words.get(at), Some(&"that") | Some(&"which"))
                && ctx.words[at + 1..hi.min(at + 3)]
                    .iter()
                    .position(|w| matches!(*w, "included" | "includes"))
                    .is_some_and(|p| p == 0 || ctx.words[at + 1] == "also");
            if relative_included {
                including = Some(group.len());
                linked = true;
                in_included = true;
                j = (at + 1..hi)
                    .find(|&k| matches!(ctx.words[k], "included" | "includes"))
                    .map_or(hi, |k| k + 1);
                continue;
            }
            if ctx.foreign(j, from) && !group.is_empty() && !in_included {
                j += 1;
                continue;
            }
            if let Some(k) = ctx.item_at[j] {
                let item = &ctx.s.items[k];
                let usable = item.as_party().is_some()
                    || (allow_places && !item.modifier && item.party.is_some());
                // "discussed the US plan": a name before a thing head qualifies the thing.
                let qualifies_thing = ctx.words.get(item.end).is_some_and(|w| {
                    self.res
                        .rules
                        .object_class(w)
                        .is_some_and(|c| c != ObjectClass::Modifier)
                });
                if usable && qualifies_thing && group.is_empty() {
                    j = item.end;
                    continue;
                }
                if usable {
                    if !linked {
                        break;
                    }
                    // "with B, and the E3 leaders were preparing ...": a party that opens a
                    // clause of its own ends the list.
                    if let Some(&last) = group.last()
                        && ctx.words[ctx.s.items[last].end..j].contains(&",")
                        && opens_clause(lex, &ctx.words, item.end)
                    {
                        break;
                    }
                    // "A met B, Zelensky's office said": the source of the report ends the list.
                    if !group.is_empty()
                        && j > 0
                        && ctx.words[j - 1] == ","
                        && self.attribution_after(ctx, item.end)
                    {
                        break;
                    }
                    if !group.contains(&k) {
                        group.push(k);
                    }
                    linked = false;
                    j = item.end;
                    continue;
                }
                let in_title = j >= 2
                    && ctx.words[j - 1] == "for"
                    && lex.title_words.contains(ctx.words[j - 2]);
                if item.modifier || in_title || group.is_empty() {
                    j = item.end;
                    continue;
                }
                break;
            }
            let word = ctx.words[j];
            if !group.is_empty() {
                if word == "including" && including.is_none() {
                    including = Some(group.len());
                    linked = true;
                    j += 1;
                    continue;
                }
                // "Ushakov himself and Dmitriev"
                if matches!(word, "himself" | "herself" | "themselves") {
                    j += 1;
                    continue;
                }
                // "A and sovereign wealth fund chief B": a title phrase before a name.
                let title_before_name = linked
                    && word.chars().all(|c| c.is_ascii_lowercase())
                    && (j + 1..hi.min(j + 5)).any(|t| {
                        lex.title_words.contains(ctx.words[t])
                            && ctx
                                .item_at
                                .get(t + 1)
                                .copied()
                                .flatten()
                                .is_some_and(|k| ctx.s.items[k].kind == EntityKind::Person)
                            && (j..t).all(|u| ctx.item_at[u].is_none() && ctx.words[u] != ",")
                    })
                    // "A and the entrepreneur B": a plain noun after "the",
                    // right before a person's name, describes that person.
                    || linked
                        && j >= 1
                        && ctx.words[j - 1] == "the"
                        && word.chars().all(|c| c.is_ascii_lowercase())
                        && ctx
                            .item_at
                            .get(j + 1)
                            .copied()
                            .flatten()
                            .is_some_and(|k| ctx.s.items[k].kind == EntityKind::Person);
                if title_before_name {
                    j += 1;
                    continue;
                }
                // "A and the chief of the General Staff, B", "A and the head
                // of military intelligence, B": a title phrase after "and",
                // then the comma opening the appositive that names it.
                if ctx.words[j] == "and"
                    && let Some(comma) = self.titled_name_after_and(ctx, j, hi)
                {
                    linked = true;
                    j = comma + 1;
                    continue;
                }
                let connector = connector_around(self.res, &ctx.words, j)
                    || group_link(&ctx.words, j)
                    || TITLE_FILLERS.contains(&word)
                    || (word == "in" && j > 0 && ctx.words[j - 1] == "-")
                    // "A and the two Americans"
                    || small_count(word).is_some()
                        && ctx.item_at.get(j + 1).copied().flatten().is_some()
                    // "joined by A and by B"
                    || (word == "by" && matches!(ctx.words[j - 1], "and" | "or"))
                    || (matches!(word, "of" | "for")
                        && j > 0
                        && lex.title_words.contains(ctx.words[j - 1]))
                    || lex.title_words.contains(word)
                    || DETERMINERS.contains(&word)
                    || PLURAL_ROLES.contains(&word)
                    || word == "'s";
                if connector {
                    linked |= links(self.res, &ctx.words, j);
                    j += 1;
                    continue;
                }
                // "a delegation led at that point by A", "a team then headed by A"
                if matches!(ctx.words[j - 1], "led" | "headed")
                    && let Some(by) = (j..hi.min(j + 4)).find(|&b| ctx.words[b] == "by")
                    && (j..by).all(|b| ctx.item_at[b].is_none() && ctx.words[b] != ",")
                {
                    j = by + 1;
                    continue;
                }
                break;
            }
            // "sabotaging the talks with demands he called ...": a thing
            // before any party is what the words after the trigger are about.
            let thing_head = self
                .res
                .rules
                .object_class(word)
                .is_some_and(|c| c != ObjectClass::Modifier);
            // "meet in Florida as the Kremlin prepares ...": a subordinate
            // clause before any party is not the other side.
            let subordinator = matches!(
                word,
                "as" | "while"
                    | "because"
                    | "although"
                    | "though"
                    | "whereas"
                    | "amid"
                    | "despite"
                    // "held a phone call that convinced the White House"
                    | "that"
                    | "which"
            ) && j > 0
                && ctx.words[j - 1] != "such";
            if subordinator {
                break;
            }
            let after_with = from > 0 && ctx.words[from - 1] == "with";
            if thing_head && after_with && ctx.words.get(j + 1) != Some(&"'s") {
                break;
            }
            // "received in the Kremlin the special envoy of the President of
            // the United States A": the words of a title phrase cost nothing.
            let title_word = DETERMINERS.contains(&word)
                || TITLE_FILLERS.contains(&word)
                || lex.title_words.contains(word)
                || word == "of";
            if !title_word || j >= from + 16 {
                gap += 1;
            }
            // "met Ukraine's chief negotiator, A, and ...": a comma right
            // after a title phrase opens the appositive that names it.
            let appositive = word == ","
                && ctx.item_at.get(j + 1).copied().flatten().is_some()
                && self.title_phrase(ctx, from, j);
            if gap > 8 || word == "," && gap > 1 && !appositive {
                break;
            }
            j += 1;
        }
        (group, including)
    }

    /// "…, Zelensky's office said", "…, the Kremlin told reporters": a
    /// speech verb right after the mention ending at `end` (past a
    /// possessive and a noun or two).
    fn attribution_after(&self, ctx: &Ctx<'_>, end: usize) -> bool {
        let speech = |j: usize| self.res.rules.cue_at(&ctx.words, j, Cue::Speech).is_some();
        let mut j = end;
        if ctx.words.get(j) == Some(&"'s") {
            j += 1;
            while j < ctx.words.len().min(end + 4)
                && ctx.item_at[j].is_none()
                && ctx.words[j].chars().all(char::is_alphabetic)
                && !speech(j)
            {
                j += 1;
            }
        }
        j < ctx.words.len() && speech(j)
    }

    /// Where a closing attribution (", the aide said.", ", Ushakov told
    /// reporters") starts after `at`; the sentence's end when there is none.
    fn before_trailing_attribution(&self, ctx: &Ctx<'_>, at: usize) -> usize {
        let comma = (at..ctx.words.len()).find(|&j| ctx.words[j] == ",");
        comma
            .filter(|&c| {
                (c + 1..ctx.words.len().min(c + 6)).any(|j| {
                    self.res.rules.cue_at(&ctx.words, j, Cue::Speech).is_some()
                        && (c + 1..j).all(|t| ctx.words[t].chars().all(char::is_alphabetic))
                })
            })
            .unwrap_or(ctx.words.len())
    }

    /// The comma after a title phrase that follows the "and" at `and`, when
    /// a person's name comes right after it: "and the chief of the General
    /// Staff, B".
    fn titled_name_after_and(&self, ctx: &Ctx<'_>, and: usize, hi: usize) -> Option<usize> {
        let lex = &self.res.lexicon;
        let mut t = and + 1;
        if ctx.words.get(t).is_some_and(|w| DETERMINERS.contains(w)) {
            t += 1;
        }
        if !ctx
            .words
            .get(t)
            .is_some_and(|w| lex.title_words.contains(*w))
        {
            return None;
        }
        let comma = (t + 1..hi.min(t + 9)).find(|&u| ctx.words[u] == ",")?;
        let person_next = ctx
            .item_at
            .get(comma + 1)
            .copied()
            .flatten()
            .is_some_and(|k| ctx.s.items[k].kind == EntityKind::Person);
        let plain = (t..comma).all(|u| ctx.item_at[u].is_none_or(|k| ctx.s.items[k].modifier));
        (person_next && plain).then_some(comma)
    }

    /// True when `from..to` is a title phrase ("the chief negotiator",
    /// "Ukraine's top envoy", "the country's foreign minister"): determiners,
    /// possessives, title fillers and modifier mentions, ending on a title word.
    fn title_phrase(&self, ctx: &Ctx<'_>, from: usize, to: usize) -> bool {
        let lex = &self.res.lexicon;
        to > from
            && lex.title_words.contains(ctx.words[to - 1])
            && (from..to).all(|t| {
                let w = ctx.words[t];
                DETERMINERS.contains(&w)
                    || TITLE_FILLERS.contains(&w)
                    || w == "'s"
                    || w == "country"
                    || lex.title_words.contains(w)
                    || matches!(w, "of" | "for") && t > from
                    || ctx.item_at[t].is_some_and(|k| ctx.s.items[k].modifier)
            })
    }

    fn party(&self, ctx: &Ctx<'_>, k: usize) -> String {
        let item = &ctx.s.items[k];
        item.party.clone().unwrap_or_else(|| item.entity.clone())
    }

    fn affiliation(&self, key: &str) -> Option<&str> {
        self.affiliation.get(key).and_then(|a| a.as_deref())
    }

    /// A headline or lead "Putin hosts Trump envoys" (Putin met the United
    /// States), then "Putin met Witkoff": when someone met a person of a state
    /// in this document, the headline's (or first sentence's) meeting of
    /// theirs with the state itself only sums it up less precisely, and is
    /// dropped. Further on such a meeting may be another one ("talks between
    /// Ukrainian and US officials").
    fn drop_states_met_through_their_people(&mut self) {
        let met_person_of = |facts: &[Fact], a: &str, state: &str| {
            facts.iter().any(|f| {
                f.relation == Relation::Met
                    && match &f.object {
                        Argument::Entity(b) => {
                            f.subject == a
                                && self.affiliation(b) == Some(state)
                                && self.is_person(b)
                                || b == a
                                    && self.affiliation(&f.subject) == Some(state)
                                    && self.is_person(&f.subject)
                        }
                        Argument::Thing(_) => false,
                    }
            })
        };
        let is_state = |k: &str| self.kinds.get(k) == Some(&EntityKind::Country);
        let drop: Vec<bool> = self
            .facts
            .iter()
            .map(|f| {
                let Argument::Entity(b) = &f.object else {
                    return false;
                };
                f.relation == Relation::Met
                    && f.provenance.sentence_idx <= 1
                    && (is_state(b) && met_person_of(&self.facts, &f.subject, b)
                        || is_state(&f.subject) && met_person_of(&self.facts, b, &f.subject))
            })
            .collect();
        let mut keep = drop.iter().map(|d| !d);
        self.facts.retain(|_| keep.next().unwrap_or(true));
    }

    /// "Starmer hosted Macron, Merz and Zelensky", "Rutte also attended"
    /// (Merz hosting Zelensky): when one side is all of one bloc, the members
    /// of that bloc on the other side sit with it, facing the outsiders.
    fn bloc_sides(&self, a: &[String], b: &[String]) -> (Vec<String>, Vec<String>) {
        let all_of = |side: &[String]| {
            let first = self.bloc(side.first()?)?;
            side.iter()
                .all(|p| self.bloc(p) == Some(first))
                .then_some(first)
        };
        let regroup = |own: &[String], other: &[String]| {
            let bloc = all_of(own)?;
            let (members, outsiders): (Vec<String>, Vec<String>) = other
                .iter()
                .cloned()
                .partition(|p| self.bloc(p) == Some(bloc));
            if members.is_empty() || outsiders.is_empty() {
                return None;
            }
            Some((own.iter().cloned().chain(members).collect(), outsiders))
        };
        if let Some(sides) = regroup(a, b) {
            sides
        } else if let Some((own, outsiders)) = regroup(b, a) {
            (outsiders, own)
        } else {
            (a.to_vec(), b.to_vec())
        }
    }

    /// The bloc of a party, or of the state or body a person belongs to.
    fn bloc(&self, key: &str) -> Option<&str> {
        let lex = &self.res.lexicon;
        lex.bloc_of(key)
            .or_else(|| self.affiliation(key).and_then(|a| lex.bloc_of(a)))
    }

    fn is_person(&self, key: &str) -> bool {
        self.kinds.get(key) == Some(&EntityKind::Person)
    }

    /// A side: persons named for it replace their state or a group.
    fn side(&self, ctx: &Ctx<'_>, items: &[usize]) -> Vec<String> {
        let keys: Vec<String> = items.iter().map(|&k| self.party(ctx, k)).collect();
        // A state drops out when a person of that state is named for the same side.
        let states_named: Vec<&str> = keys
            .iter()
            .filter(|k| self.is_person(k))
            .filter_map(|k| self.affiliation(k))
            .collect();
        let mut out: Vec<String> = keys
            .iter()
            .filter(|k| !states_named.contains(&k.as_str()))
            .cloned()
            .collect();
        out.dedup();
        out
    }

    /// Two parties are on the same side of the table.
    fn same_side(&self, a: &str, b: &str) -> bool {
        if a == b {
            return true;
        }
        let (fa, fb) = (self.affiliation(a), self.affiliation(b));
        fa == Some(b) || fb == Some(a) || (fa.is_some() && fa == fb)
    }

    // ---------------------------------------------------------------- met

    fn met(&mut self, ctx: &Ctx<'_>, f: &Found<'_>) {
        let lo = self.clause_start(ctx, f.start, true);
        let hi = self.clause_end(ctx, f.end, true);
        if self.cancelled(ctx, f, lo) {
            return;
        }
        // "he would meet Putin only if a ceasefire were in place", "they
        // would hold talks if Kyiv agreed": a condition after the meeting.
        let after = &ctx.words[f.end..hi];
        let only_if = after.windows(2).any(|w| w == ["only", "if"]);
        let would = (f.start.saturating_sub(3).max(lo)..f.start)
            .any(|j| matches!(ctx.words[j], "would" | "could"));
        if only_if || would && after.iter().any(|w| matches!(*w, "if" | "unless")) {
            return;
        }
        let planned = self.cue_before(ctx, f.start, lo, 5, Cue::Planned);
        let status = if planned {
            Status::Planned
        } else {
            Status::Held
        };
        let rule = f.trigger.rule.as_str();
        if matches!(f.trigger.form, TriggerForm::Between | TriggerForm::With)
            && not_happened_after(&ctx.words[f.end..hi])
        {
            return; // "a meeting between A and B has not been agreed"
        }
        // "Trump shelves Budapest summit with Putin", "called off talks with B".
        // "The Kremlin has ruled out a three-way summit with A and B", with no
        // person between the verb and the meeting.
        let called_off_before = (f.start.saturating_sub(6).max(lo)..f.start).any(|j| {
            let cancel = is_cancel_word(ctx.words[j])
                || matches!(ctx.words[j], "rejected" | "refused" | "declined")
                || ctx.words[j] == "off" && j > 0 && ctx.words[j - 1].starts_with("call")
                || ctx.words[j] == "out" && j > 0 && ctx.words[j - 1].starts_with("rule");
            cancel
                && (j..f.start).all(|t| {
                    ctx.item_at[t].is_none_or(|k| ctx.s.items[k].kind != EntityKind::Person)
                })
        });
        if matches!(f.trigger.form, TriggerForm::Between | TriggerForm::With) && called_off_before {
            return;
        }
        if event_called_off(&ctx.words[f.end..]) {
            return; // "A and B were to meet in Budapest, but the summit was cancelled"
        }
        // "A planned stop, where A was due to brief B, was called off": the
        // relative clause the trigger sits in describes a cancelled event.
        let relative = (f.start.saturating_sub(8)..f.start)
            .any(|j| matches!(ctx.words[j], "where" | "which" | "during"));
        let cancelled_after_aside = relative
            && ctx.words[f.end..].windows(3).any(|w| {
                w[0] == ","
                    && matches!(w[1], "was" | "were" | "has" | "had")
                    && (is_cancel_word(w[2]) || w[2] == "called")
            });
        if cancelled_after_aside {
            return;
        }
        match f.trigger.form {
            TriggerForm::Between => {
                if f.trigger.words.len() == 1 {
                    let from = f.start.saturating_sub(6).max(lo);
                    if !(from..f.start)
                        .any(|j| self.res.rules.cue_at(&ctx.words, j, Cue::Event).is_some())
                    {
                        return;
                    }
                }
                let (group, including) = self.right_group(ctx, f.end, hi, false);
                // "talks between the two men", "a call between both leaders":
                // the last two people named.
                let pair_after =
                    |n: usize| f.end + n <= hi && pair_before(&ctx.words, f.end, f.end + n);
                if pair_after(2) || pair_after(3) {
                    let pair = self.last_two_persons(ctx, f.start);
                    if pair.len() == 2 {
                        self.pair(ctx, &pair[..1], &pair[1..], status, rule, 0.7);
                    }
                    return;
                }
                let main: Vec<usize> = group[..including.unwrap_or(group.len())].to_vec();
                let included: Vec<usize> =
                    including.map(|i| group[i..].to_vec()).unwrap_or_default();
                // Split the main list at the first "and".
                let split = (1..main.len())
                    .find(|&i| {
                        ctx.words[ctx.s.items[main[i - 1]].end..ctx.s.items[main[i]].start]
                            .contains(&"and")
                    })
                    .unwrap_or(main.len().min(1));
                let mut a = self.side(ctx, &main[..split]);
                let mut b = self.side(ctx, &main[split..]);
                // "the meeting of A with B and C": the other side follows "with".
                // Past a name right after its title ("the Russian president Vladimir Putin").
                let with_at = main.last().map(|&k| {
                    let mut w = ctx.s.items[k].end;
                    while let Some(next) = ctx.item_at.get(w).copied().flatten() {
                        w = ctx.s.items[next].end;
                    }
                    w
                });
                if b.is_empty()
                    && included.is_empty()
                    && let Some(w) = with_at.filter(|&w| ctx.words.get(w) == Some(&"with"))
                {
                    let (others, _) = self.right_group(ctx, w + 1, hi, false);
                    b = self.side(ctx, &others);
                }
                let inc: Vec<String> = self.side(ctx, &included);
                let (orig_a, orig_b) = (a.clone(), b.clone());
                let mut to_a = Vec::new();
                let mut to_b = Vec::new();
                for person in inc {
                    let aff = self.affiliation(&person).map(str::to_string);
                    let on_b = orig_b.iter().any(|k| Some(k.as_str()) == aff.as_deref());
                    let on_a = orig_a.iter().any(|k| Some(k.as_str()) == aff.as_deref());
                    let group_b = orig_b
                        .iter()
                        .any(|k| self.kinds.get(k) == Some(&EntityKind::Group));
                    if on_b || (!on_a && group_b) {
                        to_b.push(person)
                    } else {
                        to_a.push(person)
                    }
                }
                for (side, add) in [(&mut a, to_a), (&mut b, to_b)] {
                    if !add.is_empty() {
                        side.retain(|k| self.is_person(k));
                        side.extend(add);
                    }
                }
                self.pair(ctx, &a, &b, status, rule, 0.8);
            }
            TriggerForm::With if rule == "met/brought-together-with" => {
                // "The talks brought A together with B": A is named between
                // the verb and "together".
                let Some(verb) = (f.start.saturating_sub(8).max(lo)..f.start)
                    .rev()
                    .find(|&j| matches!(ctx.words[j], "brought" | "bring" | "brings" | "bringing"))
                else {
                    return;
                };
                let (first, _) = self.right_group(ctx, verb + 1, f.start, false);
                let (others, _) = self.right_group(ctx, f.end, hi, false);
                let (a, b) = (self.side(ctx, &first), self.side(ctx, &others));
                self.pair(ctx, &a, &b, status, rule, 0.7);
            }
            TriggerForm::With => {
                let (objects, including) = self.right_group(ctx, f.end, hi, false);
                let objects = self.with_including(ctx, &objects, including);
                // The possessor ("A's meeting with B"), else the clause subject, else the main clause after a comma.
                let mut subject: Vec<usize> = Vec::new();
                let mut p = f.start;
                while p > 0
                    && matches!(
                        ctx.words[p - 1],
                        "weekend"
                            | "upcoming"
                            | "phone"
                            | "telephone"
                            | "earlier"
                            | "previous"
                            | "recent"
                            | "latest"
                            | "first"
                            | "last"
                            | "lengthy"
                            | "private"
                    )
                {
                    p -= 1;
                }
                if p >= 2
                    && ctx.words[p - 1] == "'s"
                    && let Some(k) =
                        ctx.item_at[p - 2].filter(|&k| ctx.s.items[k].as_party().is_some())
                {
                    subject.push(k);
                }
                // A possessive pronoun's owner, when it lies outside this clause.
                let mut owner: Vec<String> = Vec::new();
                if subject.is_empty() && p >= 1 && matches!(ctx.words[p - 1], "his" | "her") {
                    // "a day after his talks with B": the sentence's first person,
                    // else the person named last before this sentence.
                    if let Some(k) = ctx.s.items.iter().position(|i| {
                        i.kind == EntityKind::Person && i.as_party().is_some() && i.end < p
                    }) {
                        subject.push(k);
                    } else if let Some(last) = self.recent_persons.last() {
                        owner.push(last.clone());
                    }
                }
                // "A and B briefed C on their talks with D": the nearest coordinated
                // group before it, else the last group named before this sentence.
                if subject.is_empty() && p >= 1 && ctx.words[p - 1] == "their" {
                    owner = self.they_referent(ctx, p);
                }
                if subject.is_empty() && !owner.is_empty() {
                    self.pair(ctx, &owner, &objects, status, rule, 0.6);
                    return;
                }
                // "A will meet B, followed by talks with C": A, the first side of
                // the meeting just found in this sentence.
                if subject.is_empty()
                    && p >= 2
                    && ctx.words[p - 2..p] == ["followed", "by"]
                    && self
                        .facts
                        .last()
                        .is_some_and(|f| f.provenance.sentence_idx == ctx.idx)
                    && let Some(first) = self.last_meeting.first()
                {
                    let a = vec![first.clone()];
                    self.pair(ctx, &a, &objects, status, rule, 0.6);
                    return;
                }
                // "A has spent days in Miami, shuttling between meetings with
                // B": a participle after a comma has the main clause's subject.
                let participle = (p.saturating_sub(4)..p).find(|&j| {
                    j >= 1
                        && ctx.words[j - 1] == ","
                        && ctx.words[j].ends_with("ing")
                        && (j..p).all(|t| ctx.item_at[t].is_none())
                });
                if subject.is_empty()
                    && let Some(j) = participle
                    && let Some(first) = self.first_party_from(ctx, 0, j - 1)
                {
                    subject = vec![first];
                }
                if subject.is_empty() {
                    let mut from = f.start;
                    // "the Budapest summit with Putin": a capital before the
                    // event noun says where, not who.
                    if let Some(k) = p.checked_sub(1).and_then(|j| ctx.item_at[j])
                        && ctx.s.items[k].end == p
                        && ctx.s.items[k].source == Source::Metonym
                    {
                        from = ctx.s.items[k].start;
                    }
                    subject = self.left_group(ctx, from, lo);
                    if let Some(first) = self.coordinated_verb_subject(ctx, &subject, from, lo) {
                        subject = vec![first];
                    }
                    // "A, who led the American side at talks with B": the
                    // leader of the side, not the side.
                    if let [k] = subject[..]
                        && let Some(verb) = ctx.s.items[k].start.checked_sub(2)
                        && ctx.words[verb + 1] == "the"
                        && matches!(ctx.words[verb], "led" | "headed" | "leads" | "heads")
                    {
                        let leader = self.left_group(ctx, verb, lo);
                        let leader = if leader.is_empty() {
                            self.relative_owner(ctx, verb)
                        } else {
                            leader
                        };
                        if !leader.is_empty() {
                            subject = leader;
                        }
                    }
                }
                if subject.is_empty()
                    && let Some(comma) = (f.end..ctx.words.len()).find(|&j| ctx.words[j] == ",")
                    && let Some(k) = ctx.item_at.get(comma + 1).copied().flatten()
                    && ctx.s.items[k].as_party().is_some()
                {
                    subject.push(k);
                }
                // "A spoke after talks with B": the subject of the clause before "after".
                if subject.is_empty()
                    && p >= 1
                    && matches!(
                        ctx.words[p - 1],
                        "after" | "before" | "following" | "during"
                    )
                {
                    let slo = self.clause_start(ctx, p - 1, false);
                    subject = self.left_group(ctx, p - 1, slo);
                    // "A and B were received by C before sitting down with D":
                    // the clause's subject, not the passive's agent.
                    let agent = subject.first().is_some_and(|&k| {
                        ctx.s.items[k].start > 0 && ctx.words[ctx.s.items[k].start - 1] == "by"
                    });
                    if agent && let Some(first) = self.first_party_from(ctx, slo, p - 1) {
                        let end = ctx.s.items[first].start;
                        let (group, _) = self.right_group(ctx, end, p - 1, false);
                        subject = group;
                    }
                }
                // "Ushakov said the conversation with B was useful": the speaker took part.
                if subject.is_empty()
                    && p >= 2
                    && ctx.words[p - 1] == "the"
                    && self
                        .res
                        .rules
                        .cue_at(&ctx.words, p - 2, Cue::Speech)
                        .is_some()
                {
                    let slo = self.clause_start(ctx, p - 2, false);
                    subject = self.left_group(ctx, p - 2, slo);
                }
                let mut a = self.side(ctx, &subject);
                // "They held a marathon session with C": back over a light
                // verb and the event's article and adjectives.
                let light_verb = (p.saturating_sub(4).max(lo)..p).rev().find(|&j| {
                    matches!(ctx.words[j], "held" | "had" | "hold" | "holds" | "holding")
                        && (j + 1..p).all(|t| {
                            ctx.item_at[t].is_none()
                                && ctx.words[t]
                                    .chars()
                                    .all(|c| c.is_ascii_lowercase() || c == '-')
                        })
                });
                // "A and B arrived two days after they held talks with C"
                if a.is_empty() && they_before(&ctx.words, lo, light_verb.unwrap_or(p)) {
                    a = self.they_referent(ctx, p);
                }
                self.pair(ctx, &a, &objects, status, rule, 0.7);
            }
            TriggerForm::Passive => {
                let objects = self.left_group(ctx, f.start, lo);
                // "Putin was joined at the table by A and by B", "Witkoff was
                // accompanied by Kushner": A and B join that side of the last
                // meeting and meet its other parties.
                if rule == "met/joined-by" {
                    // "was joined at the meeting, held at a club near Miami,
                    // by A": past an aside, the "by" follows its comma.
                    let by = (f.end - 1..hi.min(f.end + 6))
                        .find(|&j| ctx.words[j] == "by")
                        .or_else(|| {
                            (f.end + 6..hi.min(f.end + 20))
                                .find(|&j| ctx.words[j] == "by" && ctx.words[j - 1] == ",")
                        });
                    let Some(by) = by else { return };
                    let (agents, _) = self.right_group(ctx, by + 1, hi, false);
                    let host = self.side(ctx, &objects);
                    let others: Vec<String> = self
                        .last_meeting
                        .iter()
                        .filter(|p| !host.contains(p))
                        .cloned()
                        .collect();
                    if host.is_empty() || others.len() == self.last_meeting.len() {
                        return; // the host took no part in the last meeting
                    }
                    let agents = self.side(ctx, &agents);
                    let before = self.last_meeting.clone();
                    self.pair(ctx, &agents, &others, status, rule, 0.6);
                    self.last_meeting = before;
                    return;
                }
                // "was greeted at the airport by B": the agent follows a later "by".
                let agents_from = if rule == "met/passive-gap" {
                    match (f.end..hi.min(f.end + 6)).find(|&j| ctx.words[j] == "by") {
                        Some(by) => by + 1,
                        None => return,
                    }
                } else {
                    f.end
                };
                let (agents, _) = self.right_group(ctx, agents_from, hi, false);
                let (a, mut b) = (self.side(ctx, &agents), self.side(ctx, &objects));
                // "The morning session was hosted by A": A met the parties of that session.
                let event_before = (lo..f.start)
                    .any(|j| self.res.rules.cue_at(&ctx.words, j, Cue::Event).is_some());
                // "On the Russian side the talks were attended by A": a side of
                // A's own is no other party.
                let own_side =
                    !b.is_empty() && b.iter().all(|x| a.iter().all(|y| self.same_side(x, y)));
                if (b.is_empty() || own_side) && event_before {
                    b = self.last_meeting.clone();
                }
                self.pair(ctx, &a, &b, status, rule, 0.8);
            }
            TriggerForm::Active if rule == "met/spent-with" => {
                // "A spent five hours with B", "A spent the evening with B":
                // only a stretch of time between the verb and "with".
                let time_word = |w: &str| {
                    w.chars().all(|c| c.is_ascii_digit())
                        || TIME_SPAN_WORDS.contains(&w)
                        || crate::dates::is_weekday(w)
                };
                let Some(with) = (f.end..hi.min(f.end + 9))
                    .take_while(|&j| {
                        // "spent two days in Miami with B"
                        let place =
                            ctx.item_at[j].is_some_and(|k| is_place_kind(ctx.s.items[k].kind));
                        // "spent five hours in the Kremlin with B": any named
                        // place or building after "in"/"at".
                        let named_site = ctx.item_at[j].is_some()
                            && (f.end..j).any(|t| matches!(ctx.words[t], "in" | "at"));
                        ctx.words[j] == "with"
                            || time_word(ctx.words[j])
                            || place
                            || named_site
                            || matches!(ctx.words[j], "in" | "at" | "the")
                    })
                    .find(|&j| ctx.words[j] == "with")
                else {
                    return;
                };
                let subject = self.left_group(ctx, f.start, lo);
                let (objects, _) = self.right_group(ctx, with + 1, hi, false);
                let (a, b) = (self.side(ctx, &subject), self.side(ctx, &objects));
                self.pair(ctx, &a, &b, status, rule, 0.7);
            }
            TriggerForm::Active | TriggerForm::Joined if rule == "met/joined-inverted" => {
                // "On the Russian side of the table were A and B", "Also present
                // were A and B": they took part in the last meeting.
                let (group, _) = self.right_group(ctx, f.end, hi, false);
                let joined = self.side(ctx, &group);
                let others = self.last_meeting.clone();
                self.pair(ctx, &joined, &others, status, rule, 0.6);
            }
            TriggerForm::Active | TriggerForm::Joined => {
                let mut subject = self.left_group(ctx, f.start, lo);
                if subject.is_empty() {
                    subject = self.relative_owner(ctx, f.start);
                }
                // "A and B met Putin and then held talks with C": A and B.
                let verb_after_and = f.start > lo && ctx.words[f.start - 1] == "and";
                if let Some(first) = self
                    .coordinated_verb_subject(ctx, &subject, f.start, lo)
                    .or_else(|| {
                        verb_after_and
                            .then(|| self.first_party_from(ctx, lo, f.start - 1))
                            .flatten()
                            .filter(|k| !subject.contains(k))
                    })
                {
                    let (group, _) =
                        self.right_group(ctx, ctx.s.items[first].start, f.start, false);
                    subject = if group.first() == Some(&first) {
                        group
                    } else {
                        vec![first]
                    };
                }
                // "A also took part, a White House official said": the source
                // of the report is not met.
                let hi = hi.min(self.before_trailing_attribution(ctx, f.end));
                // "A and B met ... at talks hosted by C": the host is read by
                // the host trigger, not as someone A and B met.
                let hi = (f.end..hi)
                    .find(|&j| {
                        matches!(
                            ctx.words[j],
                            "hosted" | "chaired" | "mediated" | "brokered" | "convened"
                        ) && ctx.words.get(j + 1) == Some(&"by")
                    })
                    .unwrap_or(hi);
                let (mut group, including) = self.right_group(ctx, f.end, hi, false);
                // "Ushakov, who joined them, ...": the parties of the last meeting.
                // "the talks, in which he and B also took part, ...": the
                // event the relative clause hangs on.
                // "... took part in it": the meeting just named.
                let joined_them = f.trigger.form == TriggerForm::Joined
                    && (matches!(ctx.words.get(f.end), Some(&"them"))
                        || ctx.words.get(f.end) == Some(&"it")
                            && ctx.words[f.start..f.end].last() == Some(&"in")
                        || self.event_before_relative(ctx, f.start));
                // "A sat in on the talks along with B": B came with A, to the
                // meeting the event noun names.
                let mut companions = Vec::new();
                if group.first().is_some_and(|&k| {
                    // "along with (investment envoy) B": title words, and a
                    // plain word qualifying one, may stand before the name.
                    let lex = &self.res.lexicon;
                    let name = ctx.s.items[k].start;
                    let mut start = name;
                    for _ in 0..4 {
                        let Some(prev) = start.checked_sub(1).filter(|&p| p > f.end) else {
                            break;
                        };
                        let w = ctx.words[prev];
                        let qualifier = w != "with"
                            && w.chars().all(|c| c.is_ascii_lowercase())
                            && ctx.words[start..name]
                                .iter()
                                .any(|t| lex.title_words.contains(*t));
                        if !(lex.title_words.contains(w) || qualifier) {
                            break;
                        }
                        start = prev;
                    }
                    // After a verb of joining ("were among those attending,
                    // along with B"), B joins too.
                    start >= f.end + 2
                        && ctx.words[start - 1] == "with"
                        && matches!(ctx.words[start - 2], "along" | "together")
                        && (joined_them
                            || f.trigger.form == TriggerForm::Joined
                            || self.event_after(ctx, f.end, start - 2))
                }) {
                    companions = self.side(ctx, &group);
                    group.clear();
                }
                let mut objects = self.with_including(ctx, &group, including);
                // "had spoken to Zelensky by phone on Saturday and to Putin
                // recently": a second object after "and to" / "and with".
                if let Some(&last) = group.last() {
                    let after = ctx.s.items[last].end;
                    let second = (after..hi.saturating_sub(1)).find(|&j| {
                        ctx.words[j] == "and" && matches!(ctx.words[j + 1], "to" | "with")
                    });
                    if let Some(j) = second {
                        let (more, _) = self.right_group(ctx, j + 2, hi, false);
                        for x in self.side(ctx, &more) {
                            if !objects.contains(&x) {
                                objects.push(x);
                            }
                        }
                    }
                }
                // "A and B are expected in Moscow, and Putin will receive
                // them": the group "them" stands for.
                if objects.is_empty()
                    && f.trigger.form == TriggerForm::Active
                    && ctx.words.get(f.end) == Some(&"them")
                {
                    let subject_keys = self.side(ctx, &subject);
                    objects = self
                        .they_referent(ctx, f.start)
                        .into_iter()
                        .filter(|k| !subject_keys.contains(k))
                        .collect();
                }
                // "sat down with the same two envoys": the last two people
                // named, other than the subject.
                if objects.is_empty() && pair_after(&ctx.words, f.end) {
                    let a = self.side(ctx, &subject);
                    objects = self.last_two_persons_besides(ctx, f.start, &a);
                }
                // "A and B discussed a plan drafted by C": C is not someone met; only
                // "discussed X with C" names one.
                if f.trigger.rule == "met/discussed" && !ctx.words[f.end..hi].contains(&"with") {
                    objects.clear();
                }
                let mut a = self.side(ctx, &subject);
                let companions_named = companions.clone();
                for x in companions {
                    if !a.contains(&x) {
                        a.push(x);
                    }
                }
                if a.is_empty() && they_before(&ctx.words, lo, f.start) {
                    a = self.they_referent(ctx, f.start);
                }
                if pair_before(&ctx.words, lo, f.start) {
                    let pair = self.last_two_persons(ctx, f.start);
                    if !pair.is_empty() {
                        a = pair;
                    }
                }
                // "The three leaders met privately": each pair of the last
                // three people named, across sides.
                let trio = if trio_before(&ctx.words, lo, f.start) && objects.is_empty() {
                    self.last_persons_besides(ctx, f.start, &[], 3)
                } else {
                    Vec::new()
                };
                if !trio.is_empty() {
                    for i in 0..trio.len() {
                        for j in i + 1..trio.len() {
                            if !self.same_side(&trio[i], &trio[j]) {
                                let (x, y) = (trio[i].clone(), trio[j].clone());
                                self.add_met(ctx, &x, &y, status, rule, 0.6);
                            }
                        }
                    }
                    return;
                }
                if !objects.is_empty() {
                    self.pair(ctx, &a, &objects, status, rule, 0.8);
                } else if (self.event_after(ctx, f.end, hi)
                    || joined_them
                    || !companions_named.is_empty() && f.trigger.form == TriggerForm::Joined
                    || f.trigger.form == TriggerForm::Joined
                        && ctx.words[f.end..hi]
                            .iter()
                            .all(|w| !w.chars().any(char::is_alphanumeric)))
                    // With no meeting before it, "A and B met amid summit doubts" is reciprocal.
                    && !(self.last_meeting.is_empty() && a.len() >= 2)
                {
                    let others = self.last_meeting.clone();
                    self.pair(ctx, &a, &others, status, rule, 0.6);
                } else if a.len() >= 2
                    && f.trigger.form == TriggerForm::Active
                    && (f.trigger.rule == "met/discussed"
                        || ctx.words.get(f.end).is_none_or(|w| {
                            !w.chars().all(char::is_alphabetic)
                                || [
                                    "in", "on", "at", "for", "last", "this", "today", "by", "over",
                                    "via", "again", "twice", "late", "early", "amid", "after",
                                    "ahead", "as", "despite", "that", "which",
                                ]
                                .contains(w)
                        }))
                {
                    // "A and B met": reciprocal, across sides only.
                    let (first, rest) = a.split_at(1);
                    self.pair(ctx, first, rest, status, rule, 0.6);
                }
            }
            _ => {}
        }
    }

    /// "A held talks with B and is due to travel on for a meeting with C":
    /// when "and" and a verb phrase separate the nearest group from the
    /// trigger at `at`, the subject of the coordinated verb is the first
    /// party of the clause.
    fn coordinated_verb_subject(
        &self,
        ctx: &Ctx<'_>,
        subject: &[usize],
        at: usize,
        lo: usize,
    ) -> Option<usize> {
        let end = subject.iter().map(|&k| ctx.s.items[k].end).max()?;
        let coordinated = (end..at).any(|j| {
            ctx.words[j] == "and"
                && ctx
                    .words
                    .get(j + 1)
                    .is_some_and(|w| VERB_PHRASE_STARTS.contains(w))
        });
        if !coordinated {
            return None;
        }
        self.first_party_from(ctx, lo, end)
    }

    /// The first party named in `lo..hi` (not a modifier, not a place).
    fn first_party_from(&self, ctx: &Ctx<'_>, lo: usize, hi: usize) -> Option<usize> {
        (lo..hi).find_map(|j| {
            ctx.item_at[j].filter(|&k| {
                let i = &ctx.s.items[k];
                i.as_party().is_some() && !i.modifier && !i.place
            })
        })
    }

    /// "A, who spoke with B, ..." : the mention that owns the relative clause the trigger sits in.
    fn relative_owner(&self, ctx: &Ctx<'_>, at: usize) -> Vec<usize> {
        for &(a, b) in &ctx.s.embedded {
            if a < at
                && at < b
                && ctx.words.get(a + 1) == Some(&"who")
                && a > 0
                && let Some(k) = ctx.item_at[a - 1]
                && ctx.s.items[k].party.is_some()
                && !ctx.s.items[k].place
            {
                return vec![k];
            }
        }
        Vec::new()
    }

    fn with_including(
        &self,
        ctx: &Ctx<'_>,
        group: &[usize],
        including: Option<usize>,
    ) -> Vec<String> {
        match including {
            None => self.side(ctx, group),
            Some(i) => {
                let mut main = self.side(ctx, &group[..i]);
                let inc = self.side(ctx, &group[i..]);
                main.retain(|k| {
                    !matches!(self.kinds.get(k), Some(EntityKind::Group))
                        && !inc.iter().any(|p| self.affiliation(p) == Some(k.as_str()))
                });
                main.extend(inc);
                main
            }
        }
    }

    /// "the talks, in which A took part": an event noun, then "in/at which"
    /// or "where", within the eight words before `at`.
    fn event_before_relative(&self, ctx: &Ctx<'_>, at: usize) -> bool {
        (at.saturating_sub(8)..at).any(|j| {
            let rel = match ctx.words[j] {
                "which" if j >= 1 && matches!(ctx.words[j - 1], "in" | "at" | "during") => j - 1,
                "where" => j,
                _ => return false,
            };
            let noun = rel - usize::from(rel >= 1 && ctx.words[rel - 1] == ",");
            (noun.saturating_sub(2)..noun)
                .any(|k| self.res.rules.cue_at(&ctx.words, k, Cue::Event).is_some())
        })
    }

    fn event_after(&self, ctx: &Ctx<'_>, from: usize, hi: usize) -> bool {
        (from..hi.min(from + 5)).any(|j| self.res.rules.cue_at(&ctx.words, j, Cue::Event).is_some())
    }

    /// "the Zelensky-Macron meeting", "Rubio-Lavrov talks".
    fn hyphen_pairs(&mut self, ctx: &Ctx<'_>) {
        let items = &ctx.s.items;
        for k in 1..items.len() {
            let (a, b) = (&items[k - 1], &items[k]);
            if b.start != a.end + 1 || ctx.words[a.end] != "-" {
                continue;
            }
            if a.kind != EntityKind::Person || b.kind != EntityKind::Person {
                continue;
            }
            if self
                .res
                .rules
                .cue_at(&ctx.words, b.end, Cue::Event)
                .is_none()
            {
                continue;
            }
            let lo = a.start.saturating_sub(4);
            let proposal = (lo..a.start).any(|j| {
                self.res
                    .rules
                    .triggers_at(&ctx.words, j)
                    .iter()
                    .any(|m| m.trigger.relation == Relation::Proposed)
                    || self
                        .res
                        .rules
                        .cue_at(&ctx.words, j, Cue::Negation)
                        .is_some()
                    || self
                        .res
                        .rules
                        .cue_at(&ctx.words, j, Cue::Conditional)
                        .is_some()
            });
            // "a Trump-Putin summit is not yet on the agenda", also past a
            // relative clause ("a Putin-Zelensky meeting, which the Kremlin
            // says is not on the agenda,").
            let tail = (b.end + 12).min(ctx.words.len());
            if proposal || not_happened_after(&ctx.words[b.end..tail]) {
                continue;
            }
            let (pa, pb) = (a.entity.clone(), b.entity.clone());
            self.add_met(ctx, &pa, &pb, Status::Held, "met/nominal-hyphen", 0.7);
            self.last_meeting = vec![pa, pb];
        }
    }

    /// "After five hours of talks, A and B ...": the parties of the main clause met.
    fn after_event(&mut self, ctx: &Ctx<'_>) {
        let rules = &self.res.rules;
        if !matches!(
            ctx.words.first(),
            Some(&"after") | Some(&"following") | Some(&"during")
        ) {
            return;
        }
        let Some(comma) = ctx.words.iter().take(10).position(|w| *w == ",") else {
            return;
        };
        let event = (1..comma)
            .any(|j| rules.cue_at(&ctx.words, j, Cue::Event).is_some() && ctx.item_at[j].is_none());
        if !event || (1..comma).any(|j| ctx.item_at[j].is_some()) {
            return;
        }
        let hi = self.clause_end(ctx, comma + 1, true);
        let (group, _) = self.right_group(ctx, comma + 1, hi, false);
        if group
            .first()
            .is_none_or(|&k| ctx.s.items[k].start > comma + 5)
        {
            return;
        }
        let side = self.side(ctx, &group);
        for i in 0..side.len() {
            for j in i + 1..side.len() {
                if !self.same_side(&side[i], &side[j]) {
                    let (a, b) = (side[i].clone(), side[j].clone());
                    self.add_met(ctx, &a, &b, Status::Held, "met/after-event", 0.6);
                }
            }
        }
    }

    /// "On the Ukrainian side are A and B; the US delegation is led by C",
    /// "Russia is represented by D": the sides of a meeting set out without
    /// a meeting verb. Two sides of different states in one sentence, or one
    /// here and one in the sentence before, face each other.
    fn sides_set_out(&mut self, ctx: &Ctx<'_>) {
        let words = &ctx.words;
        let n = words.len();
        let state_at = |j: usize| {
            ctx.item_at.get(j).copied().flatten().and_then(|k| {
                let i = &ctx.s.items[k];
                (i.kind == EntityKind::Country).then(|| i.entity.clone())
            })
        };
        let be = |w: &str| matches!(w, "is" | "are" | "was" | "were" | "be" | "sat" | "sit");
        let side_noun = |w: &str| matches!(w, "side" | "delegation" | "team");
        // After the state's mention, past "'s" and a side noun (which may be
        // part of the mention: "the Ukrainian side"): where the rest starts,
        // and whether a side noun was there.
        let after_side_noun = |k: usize| {
            let item = &ctx.s.items[k];
            if side_noun(words[item.end - 1]) {
                return (item.end, true);
            }
            let mut at = item.end;
            if words.get(at) == Some(&"'s") {
                at += 1;
            }
            match words.get(at) {
                Some(w) if side_noun(w) => (at + 1, true),
                _ => (item.end, false),
            }
        };
        // (state, where its members start)
        let mut sides: Vec<(String, usize)> = Vec::new();
        // "Ukraine's team also includes A and B" during a meeting: they join it.
        let mut joins_last_meeting = false;
        for j in 0..n {
            let Some(state) = state_at(j) else { continue };
            let k = ctx.item_at[j].unwrap_or_default();
            if ctx.s.items[k].start != j {
                continue;
            }
            let (mut at, noun) = after_side_noun(k);
            let on_the = j >= 2 && words[j - 2] == "on" && words[j - 1] == "the";
            if on_the && noun {
                // "on the Ukrainian side (are|sat) A", "on the American side by A"
                let from = at;
                while at < n && (be(words[at]) || matches!(words[at], "will" | "by")) {
                    at += 1;
                }
                if at > from {
                    sides.push((state, at));
                }
                continue;
            }
            if matches!(words.get(at), Some(&"will") | Some(&"also")) {
                at += 1;
            }
            let led_by = words.get(at).is_some_and(|w| be(w))
                && matches!(words.get(at + 1), Some(&"led") | Some(&"headed"))
                && words.get(at + 2) == Some(&"by");
            let represented = !noun
                && words.get(at).is_some_and(|w| be(w))
                && words.get(at + 1) == Some(&"represented")
                && words.get(at + 2) == Some(&"by");
            let includes = noun
                && matches!(
                    words.get(at),
                    Some(&"includes") | Some(&"included") | Some(&"comprises") | Some(&"comprised")
                );
            if (noun && led_by) || represented {
                // "the US delegation is led by A", "Russia is represented by A"
                sides.push((state, at + 3));
            } else if includes {
                // "Ukraine's delegation includes A"
                sides.push((state, at + 1));
                joins_last_meeting = true;
            }
        }
        let mut found: Vec<(String, Vec<String>)> = Vec::new();
        for (i, (state, from)) in sides.iter().enumerate() {
            let hi = sides
                .get(i + 1)
                .map_or(n, |&(_, next)| next)
                .min((*from..n).find(|&t| words[t] == ";").unwrap_or(n));
            let (group, _) = self.right_group(ctx, *from, hi, false);
            let members: Vec<String> = self
                .side(ctx, &group)
                .into_iter()
                .filter(|p| {
                    p == state
                        || self.affiliation(p) == Some(state.as_str())
                        || self.is_person(p) && self.affiliation(p).is_none()
                })
                .collect();
            if !members.is_empty() {
                found.push((state.clone(), members));
            }
        }
        let planned = words.contains(&"will");
        let status = if planned {
            Status::Planned
        } else {
            Status::Held
        };
        let pending = std::mem::take(&mut self.pending_side);
        let pairs: Vec<(Vec<String>, Vec<String>)> = match found.as_slice() {
            [] => Vec::new(),
            [(state, members)] => match pending {
                Some((other, before)) if other != *state => vec![(before, members.clone())],
                _ if joins_last_meeting && !self.last_meeting.is_empty() => {
                    vec![(members.clone(), self.last_meeting.clone())]
                }
                _ => {
                    self.pending_side = Some((state.clone(), members.clone()));
                    Vec::new()
                }
            },
            _ => {
                let mut out = Vec::new();
                for i in 0..found.len() {
                    for j in i + 1..found.len() {
                        if found[i].0 != found[j].0 {
                            out.push((found[i].1.clone(), found[j].1.clone()));
                        }
                    }
                }
                out
            }
        };
        for (a, b) in pairs {
            self.pair(ctx, &a, &b, status, "met/sides-set-out", 0.6);
        }
    }

    fn pair(
        &mut self,
        ctx: &Ctx<'_>,
        a: &[String],
        b: &[String],
        status: Status,
        rule: &str,
        confidence: f32,
    ) {
        if a.is_empty() || b.is_empty() {
            return;
        }
        let anaphoric = b == self.last_meeting.as_slice();
        let a = &self.people_for_plural_demonym(ctx, a);
        let b = &self.people_for_plural_demonym(ctx, b);
        // A host's guests and those joining a meeting may share the host's
        // bloc; a list of people someone "held talks with" faces that one.
        let (sides_a, sides_b) = if anaphoric || matches!(rule, "met/hosted" | "met/received") {
            self.bloc_sides(a, b)
        } else {
            (a.to_vec(), b.to_vec())
        };
        let (a, b) = (sides_a.as_slice(), sides_b.as_slice());
        for x in a {
            for y in b {
                if !self.same_side(x, y) {
                    self.add_met(ctx, x, y, status, rule, confidence);
                }
            }
        }
        if !anaphoric {
            let mut all: Vec<String> = a.iter().chain(b.iter()).cloned().collect();
            all.dedup();
            self.last_meeting = all;
        }
    }

    /// "Zelensky sat down with Witkoff and Kushner. Merz welcomed the
    /// Ukrainian leader and the Americans": a state named by a plural
    /// demonym ("the Americans") stands for its people named in this
    /// sentence or the one before, if any.
    fn people_for_plural_demonym(&self, ctx: &Ctx<'_>, side: &[String]) -> Vec<String> {
        let mut out = Vec::new();
        for key in side {
            // "the two Americans": that many of its people named last, in
            // this sentence or any before.
            let counted = |i: &crate::mentions::Item| {
                (i.start >= 2 && ctx.words[i.start - 2] == "the")
                    .then(|| small_count(ctx.words[i.start - 1]))
                    .flatten()
            };
            let demonym = ctx.s.items.iter().find(|i| {
                i.entity == *key
                    && i.source == Source::DemonymParty
                    && i.end == i.start + 1
                    && i.start >= 1
                    && (ctx.words[i.start - 1] == "the" || counted(i).is_some())
                    && ctx.words[i.start].ends_with('s')
            });
            if let Some((d, n)) = demonym.and_then(|d| Some((d, counted(d)?))) {
                let mut seen = self.persons_named_before(ctx, d.start);
                seen.retain(|p| self.affiliation(p) == Some(key.as_str()));
                if seen.len() >= n {
                    for p in seen.split_off(seen.len() - n) {
                        if !out.contains(&p) {
                            out.push(p);
                        }
                    }
                    continue;
                }
            }
            let people: Vec<String> = match demonym {
                Some(d) => self
                    .previous_persons
                    .iter()
                    .chain(
                        ctx.s
                            .items
                            .iter()
                            .filter(|i| {
                                i.kind == EntityKind::Person && !i.modifier && i.end <= d.start
                            })
                            .map(|i| &i.entity),
                    )
                    .filter(|p| self.affiliation(p) == Some(key.as_str()))
                    .cloned()
                    .collect(),
                None => Vec::new(),
            };
            if people.is_empty() {
                out.push(key.clone());
            }
            for p in people {
                if !out.contains(&p) {
                    out.push(p);
                }
            }
        }
        out
    }

    fn add_met(
        &mut self,
        ctx: &Ctx<'_>,
        a: &str,
        b: &str,
        status: Status,
        rule: &str,
        confidence: f32,
    ) {
        self.facts.push(Fact {
            relation: Relation::Met,
            subject: a.to_string(),
            object: Argument::Entity(b.to_string()),
            status: Some(status),
            place: None,
            date_phrase: None,
            provenance: Provenance {
                sentence_idx: ctx.idx,
                rule: rule.to_string(),
                confidence,
            },
        });
    }

    // ---------------------------------------------------------------- proposed / rejected

    fn stance(&mut self, ctx: &Ctx<'_>, f: &Found<'_>) {
        let lo = self.clause_start(ctx, f.start, true);
        let hi = self.clause_end(ctx, f.end, true);
        let relation = f.trigger.relation;
        let rule = f.trigger.rule.clone();
        let form = f.trigger.form;
        if form == TriggerForm::Active
            && f.start > 0
            && DETERMINERS.contains(&ctx.words[f.start - 1])
        {
            return; // "a proposed cap": an adjective, not a statement
        }
        if form != TriggerForm::Never && self.cancelled(ctx, f, lo) {
            return;
        }
        // "... if Kyiv does not accept the terms": a condition, not a refusal.
        if form == TriggerForm::Never
            && self.cue_before(ctx, f.start, lo, f.start - lo, Cue::Conditional)
        {
            return;
        }
        // "The plan, drafted by A and B, called for Kyiv to cede land": a
        // thing, not a party, calls for it.
        if matches!(ctx.words[f.start], "called" | "calling")
            && let Some(thing) = self
                .current_things()
                .iter()
                .find(|t| t.start >= lo && t.end <= f.start)
            && (lo..thing.start).all(|j| ctx.item_at[j].is_none())
        {
            return;
        }
        let (subjects, object): (Vec<String>, Option<Thing>) = match form {
            TriggerForm::Active | TriggerForm::Never => {
                let mut subject = self.left_group(ctx, f.start, lo);
                // "Proposing a truce now would be premature": a gerund with
                // no party before it names an act, it reports none.
                if subject.is_empty()
                    && f.trigger.words.len() == 1
                    && ctx.words[f.start].ends_with("ing")
                    && (f.start == lo || f.start == 0)
                {
                    return;
                }
                // "A said the plan needed the backing of B and C, and rejected
                // X": a verb after ", and" has the sentence's first subject.
                let mut verb = f.start;
                while verb > 0
                    && (matches!(ctx.words[verb - 1], "also" | "then" | "later")
                        || ctx.words[verb - 1].len() > 4 && ctx.words[verb - 1].ends_with("ly"))
                {
                    verb -= 1;
                }
                if verb >= 2
                    && ctx.words[verb - 2..verb] == [",", "and"]
                    && let Some(first) = self.first_party_from(
                        ctx,
                        self.clause_start(ctx, verb - 2, false),
                        verb - 2,
                    )
                {
                    let (group, _) =
                        self.right_group(ctx, ctx.s.items[first].start, verb - 2, false);
                    subject = if group.first() == Some(&first) {
                        group
                    } else {
                        vec![first]
                    };
                }
                // "where the two men sketched out the plan": the last two named.
                let pair = pair_before(&ctx.words, lo, f.start);
                if subject.is_empty() && !pair {
                    subject = self.relative_owner(ctx, f.start);
                }
                let mut subjects = self.side(ctx, &subject);
                // "Moscow said it had taken X, a claim Kyiv rejects": a rejected
                // claim of control is a dispute of the places just claimed.
                let claim_before = subject
                    .iter()
                    .map(|&k| ctx.s.items[k].start)
                    .min()
                    .map(|s0| s0 - usize::from(s0 >= 1 && ctx.words[s0 - 1] == "the"))
                    .is_some_and(|s0| {
                        s0 >= 1
                            && matches!(
                                ctx.words[s0 - 1],
                                "claim" | "claims" | "assertion" | "announcement"
                            )
                    });
                if relation == Relation::Rejected
                    && claim_before
                    && !self.last_claim_places.is_empty()
                {
                    for place in self.last_claim_places.clone() {
                        for disputer in &subjects {
                            self.add_control(
                                ctx,
                                Relation::DisputesControl,
                                disputer,
                                &place,
                                "disputes/claim-rejected",
                            );
                        }
                    }
                    return;
                }
                if pair {
                    subjects = self.last_two_persons(ctx, f.start);
                }
                if subjects.is_empty() {
                    subjects = self.pronoun_after_own_speech(ctx, f.start);
                }
                if subjects.is_empty() || self.first_person_before(ctx, f.start, lo) {
                    subjects = self.speaker(ctx);
                }
                let object = if f.trigger.rule.ends_with("never-do") {
                    self.thing_left(ctx, f.start, 0)
                } else if f.trigger.rule.ends_with("turned-it-down") {
                    // "Kyiv asked for an energy truce before a final deal. Moscow
                    // turned that down.": what was just proposed, else the last thing.
                    self.facts
                        .iter()
                        .rev()
                        .find(|p| {
                            p.relation == Relation::Proposed
                                && p.provenance.sentence_idx + 2 >= ctx.idx
                                && !subjects.contains(&p.subject)
                        })
                        .and_then(|p| match &p.object {
                            Argument::Thing(t) => Some(t.clone()),
                            Argument::Entity(_) => None,
                        })
                        .or_else(|| self.recent_thing(ctx, f.start))
                } else {
                    let from = if form == TriggerForm::Never {
                        f.start + 1
                    } else {
                        f.end
                    };
                    let reduced = subject.first().and_then(|&k| {
                        // "a demand Kyiv has refused": the thing right before the subject.
                        let start = ctx.s.items[k].start;
                        self.current_things()
                            .iter()
                            .rev()
                            .find(|t| t.end == start)
                            .map(|t| t.thing.clone())
                    });
                    // "the amendments which the Europeans put forward to
                    // the American plan": the antecedent, not the plan after
                    // the preposition.
                    let antecedent = matches!(
                        ctx.words.get(from),
                        Some(&"to") | Some(&"for") | Some(&"on") | Some(&"at") | Some(&"in")
                    )
                    .then(|| self.relative_thing(ctx, f.start, lo))
                    .flatten();
                    // "agreed with some of the proposals and rejected others",
                    // "rejected several of them": the thing of the coordinated
                    // verb before, else the thing named last.
                    let others = part_of_them(&ctx.words[from..])
                        .then(|| {
                            self.thing_left(ctx, f.start, lo)
                                .or_else(|| self.recent_thing(ctx, f.start))
                        })
                        .flatten();
                    let antecedent = antecedent.or(others);
                    antecedent
                        .or_else(|| self.ceding_object(ctx, from, hi))
                        .or_else(|| self.thing_right(ctx, from, hi))
                        .or_else(|| self.relative_thing(ctx, f.start, lo))
                        .or(reduced)
                        .or_else(|| {
                            // "blocked Russian troops" is fighting, not a stance.
                            (f.trigger.words[0] != "blocked")
                                .then(|| self.troops_object(ctx, f.end, hi))
                                .flatten()
                        })
                        .or_else(|| {
                            // "will never recognise (the) Crimea as Russian"
                            let at = f.end + usize::from(ctx.words.get(f.end) == Some(&"the"));
                            let place = ctx
                                .item_at
                                .get(at)
                                .copied()
                                .flatten()
                                .is_some_and(|k| is_place_kind(ctx.s.items[k].kind));
                            let recognise = ["recognise", "recognize"];
                            let recognising = form == TriggerForm::Never
                                && f.trigger
                                    .words
                                    .iter()
                                    .any(|w| recognise.contains(&w.as_str()));
                            // "will not recognise occupied land as Russian"
                            let occupied = ctx.words.get(at) == Some(&"occupied")
                                && ctx.words.get(at + 1).is_some_and(|w| {
                                    matches!(*w, "land" | "lands" | "territory" | "territories")
                                });
                            if recognising && occupied {
                                let written = span_text(ctx, f.end - 1, at + 2);
                                return Some(Thing {
                                    key: slug("recognition of occupied territory"),
                                    label: format!("{written} (recognition of occupied territory)"),
                                });
                            }
                            if !(recognising && place) {
                                return None;
                            }
                            let k = ctx.item_at[at]?;
                            let name = span_text(ctx, ctx.s.items[k].start, ctx.s.items[k].end);
                            let label = format!("recognition of {name}");
                            Some(Thing {
                                key: slug(&label),
                                label,
                            })
                        })
                };
                (subjects, object)
            }
            TriggerForm::Passive => {
                let (agents, _) = self.right_group(ctx, f.end, hi, false);
                // "It was drawn up by A": the thing named last.
                let it = (f.start.saturating_sub(3).max(lo)..f.start).any(|j| ctx.words[j] == "it");
                let thing = self
                    .appositive_antecedent(ctx, f.start)
                    .or_else(|| self.thing_left(ctx, f.start, lo))
                    .or_else(|| it.then(|| self.recent_thing(ctx, f.start)).flatten());
                (self.side(ctx, &agents), thing)
            }
            TriggerForm::Adjectival => {
                let subject = f.start.checked_sub(2).and_then(|p| ctx.item_at[p]);
                let subjects = subject
                    .map(|k| {
                        let item = &ctx.s.items[k];
                        vec![item.party.clone().unwrap_or_else(|| item.entity.clone())]
                    })
                    .unwrap_or_default();
                (subjects, self.thing_right(ctx, f.end, hi))
            }
            TriggerForm::Unacceptable => {
                // "X Moscow considers unacceptable, and the head of state ...":
                // a party after the comma is in the next clause.
                let (parties, _) = if ctx.words.get(f.end) == Some(&",") {
                    (Vec::new(), None)
                } else {
                    self.right_group(ctx, f.end, hi, true)
                };
                let mut subjects = self.side(ctx, &parties);
                if subjects.is_empty()
                    && matches!(ctx.words.get(f.end), Some(&"us") | Some(&"me"))
                    && ctx.item_at.get(f.end).is_some_and(|i| i.is_none())
                {
                    subjects = self.speaker(ctx);
                }
                let from = self.clause_start(ctx, f.start, false);
                // "Ushakov said it was unconstructive", "said it does not
                // suit us": the thing named last.
                let it = (f.start.saturating_sub(4).max(from)..f.start)
                    .rev()
                    .take_while(|&j| ctx.item_at[j].is_none())
                    .any(|j| ctx.words[j] == "it")
                    // Not an expletive "it": "it is unacceptable that ...".
                    && !matches!(ctx.words.get(f.end), Some(&"that") | Some(&"to"));
                let thing = self
                    .thing_left(ctx, f.start, from)
                    .or_else(|| it.then(|| self.recent_thing(ctx, f.start)).flatten());
                // A judgement with no party after it: "unacceptable", "as unacceptable",
                // "a non-starter".
                let bare = f.trigger.words.len() == 1
                    || f.trigger.words[0] == "as"
                    || f.trigger.words.last().is_some_and(|w| w == "starter");
                if subjects.is_empty() && bare {
                    // "demands he called unacceptable", "formulations Moscow
                    // considers unacceptable": the party of the reduced
                    // relative clause judges the thing.
                    subjects = self.judge_after_thing(ctx, f.start, from);
                }
                if subjects.is_empty() && bare {
                    // "A described X as a non-starter", "A called X unacceptable":
                    // A is the subject before the thing.
                    let before = self
                        .current_things()
                        .iter()
                        .rev()
                        .find(|t| t.end <= f.start)
                        .map(|t| t.start);
                    if let Some(start) = before {
                        subjects = self.side(ctx, &self.left_group(ctx, start, from));
                    }
                }
                // "Putin called the amendments unacceptable for Russia": the
                // person who judges, for their own state.
                if subjects.len() == 1
                    && self.kinds.get(&subjects[0]) == Some(&EntityKind::Country)
                    && let Some(start) = self
                        .current_things()
                        .iter()
                        .rev()
                        .find(|t| t.end <= f.start && t.start >= from)
                        .map(|t| t.start)
                    && let Some(verb) = (from..start).rev().find(|&j| {
                        let w = ctx.words[j];
                        !(DETERMINERS.contains(&w) || matches!(w, "these" | "those"))
                    })
                    && is_judging_verb(ctx.words[verb])
                    && let Some(judge) = self
                        .side(ctx, &self.left_group(ctx, verb, from))
                        .into_iter()
                        .find(|p| self.affiliation(p) == Some(subjects[0].as_str()))
                {
                    subjects = vec![judge];
                }
                // "We find these amendments unacceptable": the speaker.
                let we_judge = (from..f.start)
                    .any(|j| matches!(ctx.words[j], "we" | "i") && ctx.item_at[j].is_none());
                if subjects.is_empty() && bare && we_judge {
                    subjects = self.speaker(ctx);
                }
                // "A called it unacceptable", "A said it was unacceptable":
                // the one who judges the thing named last.
                if subjects.is_empty() && it && thing.is_some() {
                    let at = (from..f.start).rev().find(|&j| ctx.words[j] == "it");
                    if let Some(verb) = at.and_then(|a| a.checked_sub(1))
                        && is_judging_verb(ctx.words[verb])
                    {
                        subjects = self.side(ctx, &self.left_group(ctx, verb, from));
                    } else {
                        subjects = self.speaker(ctx);
                    }
                }
                if subjects.is_empty() && f.trigger.rule == "rejected/not-happening" {
                    // "membership is not going to happen, Trump said"
                    subjects = self.speaker(ctx);
                }
                (subjects, thing)
            }
            TriggerForm::Possessive => {
                let subject = (f.start >= 2 && ctx.words[f.start - 1] == "'s")
                    .then(|| ctx.item_at[f.start - 2])
                    .flatten()
                    .map(|k| vec![self.party(ctx, k)])
                    .unwrap_or_default();
                (subject, self.thing_right(ctx, f.end, hi))
            }
            _ => return,
        };
        let Some(object) = object else { return };
        // "Zelensky said Kyiv will not hand over land", "Moscow cannot accept
        // them, Ushakov said": a named person of that state, stating its stance,
        // holds it.
        let mut subjects: Vec<String> = subjects
            .into_iter()
            .map(|s| {
                let state = self.kinds.get(&s) == Some(&EntityKind::Country);
                state
                    .then(|| self.reporting_person(ctx, f, &s))
                    .flatten()
                    .filter(|p| self.affiliation(p) == Some(s.as_str()))
                    .unwrap_or(s)
            })
            .collect();
        if rule == "proposed/authored" && !subjects.is_empty() {
            subjects.extend(self.co_authors(ctx, f.end, hi));
            subjects.dedup();
        }
        for subject in subjects {
            self.add_stance(ctx, relation, &subject, object.clone(), &rule, 0.7);
        }
    }

    /// The named person whose speech verb governs the clause of the trigger
    /// `f`: "A said (that) Kyiv will not ...", "A said Moscow considers ...",
    /// or "..., A said." / "..., he said." closing it. Not a speaker of
    /// another clause ("A said X, with Moscow pushing for Y, which Kyiv
    /// rejects").
    fn reporting_person(&self, ctx: &Ctx<'_>, f: &Found<'_>, state: &str) -> Option<String> {
        let rules = &self.res.rules;
        let speech = |j: usize| {
            ctx.item_at[j].is_none() && rules.cue_at(&ctx.words, j, Cue::Speech).is_some()
        };
        let person_before = |j: usize| {
            let k = ctx.item_at.get(j.checked_sub(1)?).copied().flatten()?;
            let item = &ctx.s.items[k];
            (item.kind == EntityKind::Person && !item.modifier).then(|| item.entity.clone())
        };
        // "Sybiha: Ukraine will not give up its land": a headline's speaker
        // before a colon.
        if let Some(first) = ctx.s.items.first()
            && first.start == 0
            && first.kind == EntityKind::Person
            && ctx.words.get(first.end) == Some(&":")
            && f.start > first.end
        {
            return Some(first.entity.clone());
        }
        // "A (repeatedly) (has) said": the person right before the speech verb,
        // or before the comma closing an appositive ("a spokesman for the
        // Kremlin, Dmitry Peskov, said").
        let speaker_of = |said: usize| {
            let mut at = said;
            if at >= 1 && ctx.words[at - 1] == "," {
                at -= 1;
            }
            while at >= 1
                && (is_manner_adverb(ctx.words[at - 1])
                    || matches!(ctx.words[at - 1], "has" | "have" | "had"))
            {
                at -= 1;
            }
            person_before(at)
        };
        // Before: "A (repeatedly) said (that)", then the state's mention.
        let mention = ctx
            .s
            .items
            .iter()
            .rev()
            .find(|i| i.end <= f.start && !i.modifier && i.party.as_deref() == Some(state));
        // "A said Moscow had rejected others", "he says Kyiv has offered X":
        // a reported act, in the past, is the state's; a stated position
        // ("Kyiv will not", "Moscow would never", "Moscow rejects") is the
        // speaker's.
        if f.trigger.form == TriggerForm::Active
            && let Some(mention) = mention
        {
            let between = &ctx.words[mention.end..f.start];
            let past = f.trigger.words[0].ends_with("ed")
                || between
                    .iter()
                    .any(|w| matches!(*w, "has" | "have" | "had" | "did"));
            if past && !between.iter().any(|w| COMMITMENT_WORDS.contains(w)) {
                return None;
            }
        }
        if let Some(mention) = mention {
            // "said (on Monday) (that)": a few plain words may come between.
            let said = (mention.start.saturating_sub(5)..mention.start)
                .rev()
                .take_while(|&j| ctx.item_at[j].is_none() && ctx.words[j] != ",")
                .find(|&j| speech(j));
            if let Some(p) = said.and_then(speaker_of) {
                return Some(p);
            }
        }
        // "A said (that) X was unacceptable to Moscow", "demands that he said
        // were unacceptable to Russia": the state is named after the trigger;
        // the nearest speech verb before it is the person's.
        if f.trigger.form == TriggerForm::Unacceptable
            && let Some(p) = (0..f.start).rev().find(|&j| speech(j)).and_then(speaker_of)
        {
            return Some(p);
        }
        // After: ", A said" ending the sentence.
        let n = ctx.words.len();
        (f.end..n)
            .filter(|&j| speech(j) && n - j <= 3)
            .find_map(|j| {
                let k = ctx.item_at.get(j - 1).copied().flatten()?;
                let start = ctx.s.items[k].start;
                (start >= 1 && ctx.words[start - 1] == ",")
                    .then(|| person_before(j))
                    .flatten()
            })
            // "MERZ: Germany will not accept ...": in a transcript, the
            // speaker whose turn it is, stating it in their own words (no
            // one else's speech reported, not a passive).
            .or_else(|| {
                let own_words = (0..n).all(|j| !speech(j));
                (own_words && f.trigger.form != TriggerForm::Passive)
                    .then(|| self.transcript_speaker.clone())
                    .flatten()
            })
    }

    /// "Kyiv has (long) maintained it will never cede land": an "it" or
    /// "they" right after a speech verb, before the trigger at `at`, is the
    /// speech verb's own subject.
    fn pronoun_after_own_speech(&self, ctx: &Ctx<'_>, at: usize) -> Vec<String> {
        let w = &ctx.words;
        let mut j = at;
        while j > 0
            && matches!(
                w[j - 1],
                "will"
                    | "would"
                    | "can"
                    | "could"
                    | "cannot"
                    | "never"
                    | "not"
                    | "n't"
                    | "does"
                    | "do"
                    | "did"
                    | "is"
                    | "was"
                    | "has"
                    | "have"
                    | "had"
            )
        {
            j -= 1;
        }
        if j < 2 || !matches!(w[j - 1], "it" | "they") {
            return Vec::new();
        }
        let said = j - 2;
        if ctx.item_at[said].is_some() || self.res.rules.cue_at(w, said, Cue::Speech).is_none() {
            return Vec::new();
        }
        let mut k = said;
        while k > 0
            && (is_manner_adverb(w[k - 1])
                || matches!(w[k - 1], "has" | "have" | "had" | "long" | "-"))
        {
            k -= 1;
        }
        let lo = self.clause_start(ctx, k, false);
        let group = self.left_group(ctx, k, lo);
        self.side(ctx, &group)
    }

    /// "co-wrote the plan with B", "drafted it together with B": the parties
    /// after a "with" that follows the authoring verb's object in the same
    /// clause (no comma between) wrote it too.
    fn co_authors(&self, ctx: &Ctx<'_>, from: usize, hi: usize) -> Vec<String> {
        let Some(with) = (from..hi.min(from + 10))
            .take_while(|&j| ctx.words[j] != ",")
            .find(|&j| ctx.words[j] == "with")
        else {
            return Vec::new();
        };
        // "drafted a plan with security guarantees": only a party right after "with".
        let Some(first) = ctx.item_at.get(with + 1).copied().flatten() else {
            return Vec::new();
        };
        let (group, _) = self.right_group(ctx, with + 1, hi, false);
        let item = &ctx.s.items[first];
        if group.is_empty() && item.kind == EntityKind::Person {
            // Inside an appositive ("A, the envoy who co-wrote it with B,") a
            // person is marked as a modifier of A, yet still the co-author.
            return vec![item.entity.clone()];
        }
        self.side(ctx, &group)
    }

    /// "ruled out withdrawing from the Donetsk region", "refused to pull its
    /// troops out of Donbas", "will not hand over land": giving up a place
    /// or land, right after a rejection, is ceding territory.
    fn ceding_object(&self, ctx: &Ctx<'_>, from: usize, hi: usize) -> Option<Thing> {
        let words = &ctx.words;
        let verb = (from..(from + 3).min(hi)).find(|&j| {
            let next = words.get(j + 1).copied().unwrap_or("");
            match words[j] {
                "cede" | "ceding" | "surrender" | "surrendering" | "withdraw" | "withdrawing"
                | "withdrawal" => true,
                "give" | "giving" => matches!(next, "up" | "away"),
                "trade" | "trading" => true,
                "hand" | "handing" => next == "over",
                "pull" | "pulling" => (j + 1..(j + 5).min(hi)).any(|t| words[t] == "out"),
                _ => false,
            }
        })?;
        let end = (verb + 12).min(hi);
        let ceded = (verb + 1..end)
            .take_while(|&t| words[t] != "," && words[t] != "but")
            .find_map(|t| match ctx.item_at[t] {
                Some(k) if is_place_kind(ctx.s.items[k].kind) => Some(ctx.s.items[k].end),
                // "withdraw its troops from the region": the place named before.
                _ => (matches!(words[t], "land" | "lands" | "territory" | "territories")
                    || matches!(words[t], "region" | "area")
                        && t >= 2
                        && words[t - 1] == "the"
                        && words[t - 2] == "from")
                    .then_some(t + 1),
            })?;
        // The words as written ("give up land", "withdraw troops from X"),
        // and the name every wording shares.
        let written = span_text(ctx, verb, ceded);
        // "refused to withdraw from Donetsk", "to pull troops out of Donbas":
        // a withdrawal from the place named, a way of ceding territory.
        let withdrawing = matches!(
            words[verb],
            "withdraw" | "withdrawing" | "withdrawal" | "pull" | "pulling"
        );
        let place = (verb + 1..end)
            .take_while(|&t| words[t] != "," && words[t] != "but")
            .find_map(|t| ctx.item_at[t].filter(|&k| is_place_kind(ctx.s.items[k].kind)));
        if withdrawing && let Some(k) = place {
            let name = self.res.lexicon.entity(&ctx.s.items[k].entity).map_or_else(
                || span_text(ctx, ctx.s.items[k].start, ctx.s.items[k].end),
                |e| e.name.clone(),
            );
            return Some(Thing {
                key: slug(&format!("withdrawal from {name} ceding territory")),
                label: format!("{written} (withdrawal from {name}; ceding territory)"),
            });
        }
        self.res
            .rules
            .things
            .iter()
            .find(|t| t.key == "ceding-territory")
            .map(|t| Thing {
                key: t.key.clone(),
                label: format!("{written} ({})", t.label),
            })
    }

    /// The party between a thing and an "unacceptable" at `at`, followed by
    /// a verb of judging and at most two adverbs: "X he called absolutely
    /// unacceptable".
    fn judge_after_thing(&self, ctx: &Ctx<'_>, at: usize, lo: usize) -> Vec<String> {
        let things = self.current_things();
        let Some(thing) = things.iter().rev().find(|t| t.end < at && t.start >= lo) else {
            return Vec::new();
        };
        let Some(k) = ctx.item_at[thing.end] else {
            return Vec::new();
        };
        let verb = ctx.s.items[k].end;
        let judging = ctx.words.get(verb).is_some_and(|w| is_judging_verb(w));
        let adverbs = at
            .checked_sub(verb + 1)
            .is_some_and(|n| n <= 2 && (verb + 1..at).all(|j| is_manner_adverb(ctx.words[j])));
        if judging && adverbs {
            self.side(ctx, &[k])
        } else {
            Vec::new()
        }
    }

    fn add_stance(
        &mut self,
        ctx: &Ctx<'_>,
        relation: Relation,
        subject: &str,
        object: Thing,
        rule: &str,
        confidence: f32,
    ) {
        if self.kinds.get(subject).is_some_and(|k| is_place_kind(*k)) {
            return;
        }
        self.facts.push(Fact {
            relation,
            subject: subject.to_string(),
            object: Argument::Thing(object),
            status: None,
            place: None,
            date_phrase: None,
            provenance: Provenance {
                sentence_idx: ctx.idx,
                rule: rule.to_string(),
                confidence,
            },
        });
    }

    /// "we", "us", "I" right before the trigger: the speaker is the subject.
    fn first_person_before(&self, ctx: &Ctx<'_>, at: usize, lo: usize) -> bool {
        (at.saturating_sub(4).max(lo)..at)
            .any(|j| matches!(ctx.words[j], "we" | "i" | "us") && ctx.item_at[j].is_none())
    }

    /// The party reporting the sentence: the subject of a speech verb.
    fn speaker(&self, ctx: &Ctx<'_>) -> Vec<String> {
        self.speaker_besides_claims_after(ctx, ctx.words.len())
    }

    /// [`Engine::speaker`], passing over claim nouns after `at`: in "the
    /// General Staff refuted Moscow's claim", Moscow made the claim, not the
    /// denial.
    fn speaker_besides_claims_after(&self, ctx: &Ctx<'_>, at: usize) -> Vec<String> {
        let rules = &self.res.rules;
        for j in 0..ctx.words.len() {
            if ctx.item_at[j].is_some() || rules.cue_at(&ctx.words, j, Cue::Speech).is_none() {
                continue;
            }
            if j > at && rules.cue_at(&ctx.words, j, Cue::ClaimNoun).is_some() {
                continue;
            }
            if ctx.words[j] == "according" {
                let (group, _) = self.right_group(ctx, j + 2, ctx.words.len(), false);
                if !group.is_empty() {
                    return self.side(ctx, &group);
                }
            }
            let lo = self.clause_start(ctx, j, false);
            let group = self.left_group(ctx, j, lo);
            if !group.is_empty() {
                return self.side(ctx, &group);
            }
            // "..., he said" after a quote
            let (group, _) = self.right_group(ctx, j + 1, (j + 3).min(ctx.words.len()), false);
            if !group.is_empty() && j > 0 && ctx.words[j - 1] == "," {
                return self.side(ctx, &group);
            }
        }
        // In a transcript, whoever's turn it is.
        self.transcript_speaker.iter().cloned().collect()
    }

    /// Things (noun phrases with an object head, canonical patterns) in a sentence.
    fn things(&mut self, ctx: &Ctx<'_>) -> Vec<ThingSpan> {
        let rules = &self.res.rules;
        let words = &ctx.words;
        let mut out: Vec<ThingSpan> = Vec::new();
        let mut j = 0;
        while j < words.len() {
            if let Some((end, mut thing)) = self.canonical_at(words, j) {
                // "any withdrawal from territory (ceding territory)": the words
                // as written, and the name they share with other wordings.
                let written = span_text(ctx, j, end);
                if !written.eq_ignore_ascii_case(&thing.label) {
                    thing.label = format!("{written} ({})", thing.label);
                }
                out.push(ThingSpan {
                    start: j,
                    end,
                    thing,
                    generic: false,
                    owners: Vec::new(),
                });
                j = end;
                continue;
            }
            if ctx.item_at[j].is_some() {
                j += 1;
                continue;
            }
            let class = rules.object_class(words[j]);
            match class {
                None | Some(ObjectClass::Modifier) => {
                    j += 1;
                }
                Some(_) => {
                    // Extend over compound heads and inner modifiers ("peace plan", "draft peace plan").
                    let is_obj = |t: usize| {
                        ctx.item_at[t].is_none() && rules.object_class(words[t]).is_some()
                    };
                    // "Russia demands territorial concessions": right after a
                    // party and before a noun phrase, "demands" is the verb.
                    // Not after a bare demonym: "European amendments to the plan".
                    let verb = j >= 1
                        && words[j].ends_with('s')
                        && ctx.item_at[j - 1]
                            .is_some_and(|k| ctx.s.items[k].source != Source::Demonym)
                        && words.get(j + 1).is_some_and(|w| {
                            DETERMINERS.contains(w) || *w == "to" || is_obj(j + 1)
                        })
                        // "a plan that would cap the army": after a modal, a verb.
                        || j >= 1
                            && matches!(
                                words[j - 1],
                                "would" | "will" | "could" | "can" | "may" | "might" | "must"
                                    | "should" | "shall"
                            );
                    if verb {
                        j += 1;
                        continue;
                    }
                    let mut head_end = j + 1;
                    while head_end < words.len()
                        && (is_obj(head_end)
                            || words[head_end] == "-"
                                && head_end + 1 < words.len()
                                && is_obj(head_end + 1))
                    {
                        head_end += 1;
                    }
                    while head_end > j + 1
                        && (words[head_end - 1] == "-"
                            || rules.object_class(words[head_end - 1])
                                == Some(ObjectClass::Modifier))
                    {
                        head_end -= 1;
                    }
                    let head = words[head_end - 1];
                    let Some(class) = rules
                        .object_class(head)
                        .filter(|c| *c != ObjectClass::Modifier)
                    else {
                        j = head_end;
                        continue;
                    };
                    if words.get(head_end) == Some(&"'s") {
                        // "the framework's provision": a modifier of the next thing.
                        j = head_end + 1;
                        continue;
                    }
                    // Modifiers to the left.
                    let mut start = j;
                    while start > 0 {
                        let w = words[start - 1];
                        let adjectival = start >= 2
                            && words[start - 2] == "-"
                            && rules
                                .triggers_at(words, start - 1)
                                .iter()
                                .any(|m| m.trigger.form == TriggerForm::Adjectival);
                        let ok = w == "-"
                            || w == "'s"
                            || thousands_comma(words, start - 1)
                            || adjectival
                            || w.chars().all(|c| c.is_ascii_digit())
                            || rules.object_class(w).is_some()
                            || ctx.item_at[start - 1].is_some_and(|k| {
                                let i = &ctx.s.items[k];
                                !i.place && i.kind != EntityKind::Town
                            });
                        if !ok || DETERMINERS.contains(&w) {
                            break;
                        }
                        start -= 1;
                    }
                    while start < j && matches!(words[start], "-" | "'s") {
                        start += 1;
                    }
                    // 'a demilitarised "free economic zone"': a quoted name
                    // ending in the head is the thing's name as a whole.
                    let quote = |w: &str| matches!(w, "\"" | "\u{201c}" | "\u{201d}");
                    if words.get(head_end).is_some_and(|w| quote(w))
                        && let Some(open) = (start.saturating_sub(6)..start)
                            .rev()
                            .find(|&q| quote(words[q]))
                        && (open + 1..start).all(|q| {
                            words[q].chars().all(|c| c.is_alphanumeric() || c == '-')
                                && ctx.item_at[q].is_none()
                        })
                    {
                        start = open + 1;
                    }
                    // "of"/"for"/"about" + another thing or party, at most twice;
                    // "a proposal to hold a referendum": "to" + a verb + a thing.
                    let mut end = head_end;
                    for _ in 0..2 {
                        let to_thing = words.get(end) == Some(&"to")
                            && class == ObjectClass::Plan
                            && (end + 2..(end + 5).min(words.len())).any(|t| {
                                rules
                                    .object_class(words[t])
                                    .is_some_and(|c| c != ObjectClass::Modifier)
                            });
                        let linker = to_thing
                            || matches!(
                                words.get(end),
                                Some(&"of") | Some(&"for") | Some(&"about") | Some(&"from")
                            );
                        if !linker {
                            break;
                        }
                        let next = (end + 1..(end + 7).min(words.len())).find(|&t| {
                            rules
                                .object_class(words[t])
                                .is_some_and(|c| c != ObjectClass::Modifier)
                                || ctx.item_at[t]
                                    .is_some_and(|k| ctx.s.items[k].source != Source::Pronoun)
                        });
                        let Some(next) = next.filter(|&n| {
                            !(end..n).any(|t| {
                                words[t] == "," && !thousands_comma(words, t)
                                    // "a counter-proposal of their own that would cap ..."
                                    || matches!(words[t], "that" | "which" | "who" | "own")
                            })
                        }) else {
                            break;
                        };
                        end = match ctx.item_at[next] {
                            // "for a European-led reassurance force": run on to the head after the name.
                            Some(k) => {
                                let mut after = ctx.s.items[k].end;
                                // "troops from NATO countries": the name's members.
                                if words.get(after).is_some_and(|w| {
                                    matches!(*w, "countries" | "states" | "members" | "nations")
                                }) {
                                    after += 1;
                                }
                                (after..(after + 4).min(words.len()))
                                    .take_while(|&t| words[t] != "," && ctx.item_at[t].is_none())
                                    .filter(|&t| {
                                        rules
                                            .object_class(words[t])
                                            .is_some_and(|c| c != ObjectClass::Modifier)
                                    })
                                    .last()
                                    .map_or(after, |t| t + 1)
                            }
                            None => {
                                let mut e = next + 1;
                                while e < words.len()
                                    && rules
                                        .object_class(words[e])
                                        .is_some_and(|c| c != ObjectClass::Modifier)
                                {
                                    e += 1;
                                }
                                e
                            }
                        };
                    }
                    let mut label = span_text(ctx, start, end);
                    let mut part_of_plan = None;
                    if class == ObjectClass::Part && end == head_end && head != "version" {
                        // "several provisions": of the plan spoken about, if any; alone too vague.
                        let plural = head.ends_with('s');
                        match self.last_plan.clone().filter(|_| plural) {
                            Some(plan) => {
                                label = format!("{label} of {}", plan.label);
                                part_of_plan = Some(slug(&format!("{head} of {}", plan.key)));
                            }
                            None => {
                                j = end.max(j + 1);
                                continue;
                            }
                        }
                    }
                    let core = &words[start..head_end];
                    let bare = core.len() == 1
                        && start > 0
                        && matches!(words[start - 1], "the" | "this" | "that");
                    let is_plan = class == ObjectClass::Plan;
                    let thing = if bare && is_plan && end == head_end {
                        self.last_plan.clone().unwrap_or_else(|| Thing {
                            key: slug(head),
                            label: label.clone(),
                        })
                    } else {
                        let key = if let Some(key) = part_of_plan.clone() {
                            key
                        } else if class == ObjectClass::Part && end > head_end {
                            slug(&format!("{} of {}", head, words[end - 1]))
                        } else {
                            // The words of the noun phrase up to its head, names excluded.
                            let core: Vec<&str> = (start..head_end)
                                .filter(|&t| words[t] != "'s")
                                .map(|t| words[t])
                                .collect();
                            slug(&core.join(" "))
                        };
                        Thing { key, label }
                    };
                    if is_plan {
                        self.last_plan = Some(thing.clone());
                    }
                    // "the US draft", "Trump's 28-point plan": the owner proposed it.
                    let owners = if is_plan {
                        ctx.s
                            .items
                            .iter()
                            .filter(|i| {
                                i.start >= start
                                    && i.end <= head_end
                                    && !i.place
                                    && i.party.is_some()
                            })
                            .filter(|i| i.source != Source::Pronoun)
                            // "Ukraine peace plan explained", "a Ukraine deal":
                            // a country's full name before the noun is what the
                            // plan is about; "the US plan", "the EU draft"
                            // (abbreviations), "Poland's proposal" and "the
                            // Ukrainian plan" are owners.
                            .filter(|i| {
                                let surface = &ctx.s.text[ctx.s.tokens[i.start].span.start
                                    ..ctx.s.tokens[i.end - 1].span.end];
                                // "the US-Russia draft": both drafted it.
                                let hyphened = i.start > 0 && ctx.words[i.start - 1] == "-"
                                    || ctx.words.get(i.end) == Some(&"-");
                                let possessive = ctx.words.get(i.end) == Some(&"'s");
                                !(i.kind == EntityKind::Country
                                    && i.source == Source::Name
                                    && !hyphened
                                    && !possessive
                                    && surface.chars().any(char::is_lowercase))
                            })
                            .filter_map(|i| i.party.clone())
                            .collect()
                    } else {
                        Vec::new()
                    };
                    out.push(ThingSpan {
                        start,
                        end,
                        thing,
                        generic: class == ObjectClass::Generic,
                        owners,
                    });
                    j = end.max(j + 1);
                }
            }
        }
        out
    }

    fn canonical_at(&self, words: &[&str], at: usize) -> Option<(usize, Thing)> {
        'patterns: for p in self.res.rules.things_starting(words.get(at)?) {
            let mut j = at;
            let mut k = 0;
            while k < p.words.len() {
                if p.words[k] == "…" {
                    let next = p.words.get(k + 1)?;
                    let found = (j..(j + 5).min(words.len())).find(|&t| words[t] == next);
                    match found {
                        Some(t) if !words[j..t].contains(&",") => {
                            j = t + 1;
                            k += 2;
                            continue;
                        }
                        _ => continue 'patterns,
                    }
                }
                if words.get(j) != Some(&p.words[k].as_str()) {
                    continue 'patterns;
                }
                j += 1;
                k += 1;
            }
            return Some((
                j,
                Thing {
                    key: p.key.clone(),
                    label: p.label.clone(),
                },
            ));
        }
        None
    }

    fn current_things(&self) -> &[ThingSpan] {
        self.things_by_sentence
            .last()
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The first thing starting within a few words after `from`.
    fn thing_right(&self, ctx: &Ctx<'_>, from: usize, hi: usize) -> Option<Thing> {
        let things = self.current_things();
        // "proposed turning the part of Donetsk still held by Ukraine into a
        // free economic zone": a gerund's own object can be further away.
        let reach = if ctx
            .words
            .get(from)
            .is_some_and(|w| w.len() > 5 && w.ends_with("ing"))
        {
            16
        } else {
            8
        };
        if let Some(t) = things.iter().find(|t| {
            t.start >= from
                && t.start < hi
                && t.start <= from + reach
                && !(from..t.start).any(|j| {
                    let w = ctx.words[j];
                    // "refused to meet B until a deal is ready": not the object.
                    w == "," && !thousands_comma(&ctx.words, j)
                        || matches!(
                            w,
                            "until"
                                | "unless"
                                | "before"
                                | "after"
                                | "because"
                                | "if"
                                | "when"
                                | "while"
                                // "which Kyiv dismissed as an ultimatum": a label.
                                | "as"
                        )
                        // "rejected the premise that this is a Russian plan":
                        // the premise is rejected, not the plan.
                        || w == "that" && j > 0 && CONTENT_NOUNS.contains(&ctx.words[j - 1])
                        // "ruled out X and told television the plan ...": a
                        // second verb phrase is not the object.
                        || w == "and"
                            && ctx
                                .words
                                .get(j + 1)
                                .is_some_and(|n| VERB_PHRASE_STARTS.contains(n))
                })
        }) {
            return Some(t.thing.clone());
        }
        // Pronoun objects: "opposes this", "rejected it".
        match ctx.words.get(from) {
            Some(&"this") | Some(&"it") | Some(&"them") | Some(&"that")
                if ctx.words.get(from + 1).is_none_or(|w| {
                    !w.chars().all(char::is_alphabetic)
                        || [
                            "and",
                            "as",
                            "in",
                            "on",
                            "but",
                            "outright",
                            "again",
                            "too",
                            "at",
                            "within",
                            "after",
                            "before",
                            "later",
                            "earlier",
                            "last",
                            "today",
                            "yesterday",
                            "for",
                            "over",
                        ]
                        .contains(w)
                        || w.len() > 4 && w.ends_with("ly")
                }) =>
            {
                self.recent_thing(ctx, from)
            }
            _ => None,
        }
    }

    /// "rejected NATO troops", "will never accept Western forces": armed
    /// forces named by a demonym or organisation are a party elsewhere, but
    /// the object of a stance is their deployment.
    fn troops_object(&self, ctx: &Ctx<'_>, from: usize, hi: usize) -> Option<Thing> {
        let k = (from..hi.min(from + 4))
            .take_while(|&j| {
                ctx.item_at[j].is_some()
                    || DETERMINERS.contains(&ctx.words[j])
                    || ctx.words[j] == "any"
                    || ctx.words[j] == "to"
            })
            .find_map(|j| ctx.item_at[j])?;
        let item = &ctx.s.items[k];
        let head = ctx.words[item.end - 1];
        let armed = matches!(
            head,
            "troops" | "forces" | "soldiers" | "peacekeepers" | "contingent" | "contingents"
        );
        (armed && matches!(item.source, Source::DemonymParty | Source::Name)).then(|| {
            let label = span_text(ctx, item.start, item.end);
            Thing {
                key: slug(&label),
                label,
            }
        })
    }

    /// The last thing ending before `at` in the clause.
    fn thing_left(&self, ctx: &Ctx<'_>, at: usize, lo: usize) -> Option<Thing> {
        let things = self.current_things();
        let t = things.iter().rev().find(|t| {
            t.end <= at && t.start >= lo && !ctx.foreign(t.start, at) && !in_relative(ctx, t, at)
        })?;
        // "the counter-proposal to the peace plan does not suit Moscow": the
        // head before a prepositional tail.
        if let Some(head) = things.iter().rev().find(|p| {
            p.end < t.start
                && p.start >= lo
                && matches!(ctx.words[p.end], "to" | "for" | "on")
                && (p.end + 1..t.start).all(|j| {
                    ctx.item_at[j].is_some()
                        || matches!(ctx.words[j], "the" | "a" | "an" | "its" | "their" | "this")
                })
        }) {
            return Some(head.thing.clone());
        }
        if t.generic {
            // "X and Y, conditions deemed unacceptable": the things named before.
            if let Some(prev) = things.iter().rev().find(|p| p.end <= t.start && !p.generic) {
                return Some(prev.thing.clone());
            }
        }
        Some(t.thing.clone())
    }

    /// "X, which A rejects": the thing before "which"/"that".
    fn relative_thing(&self, ctx: &Ctx<'_>, at: usize, lo: usize) -> Option<Thing> {
        let rel = (lo.saturating_sub(0)..at)
            .rev()
            .find(|&j| matches!(ctx.words[j], "which" | "that"))?;
        let rel = if lo > 0 && rel < lo { return None } else { rel };
        let things = self.current_things();
        things
            .iter()
            .rev()
            .find(|t| {
                // Right before the pronoun, or with a prepositional tail in
                // between ("a withdrawal from the Donbas, which ...").
                t.end <= rel
                    && (t.end + 2 >= rel
                        || rel - t.end <= 7
                            && matches!(
                                ctx.words[t.end],
                                "from" | "of" | "in" | "on" | "to" | "along" | "over" | "with"
                            )
                            && (t.end..rel).all(|j| {
                                let w = ctx.words[j];
                                ctx.item_at[j].is_some()
                                    || (w == "," && j + 1 == rel)
                                    || matches!(w, "-" | "'s")
                                    || w.chars().all(|c| c.is_lowercase())
                                        && !matches!(w, "and" | "but" | "or" | "which" | "that")
                            }))
            })
            .map(|t| t.thing.clone())
    }

    /// "NATO membership — a point rejected by Russia and ruled out by Trump",
    /// "a cap on the army, an idea opposed by Kyiv": the thing a generic
    /// appositive noun ending right before the passive at `at` stands for.
    fn appositive_antecedent(&self, ctx: &Ctx<'_>, at: usize) -> Option<Thing> {
        let w = &ctx.words;
        let mut j = at;
        // Back over a coordinated passive before this one ("rejected by A and
        // previously ruled out by B") and adverbs.
        loop {
            while j > 0
                && (is_manner_adverb(w[j - 1])
                    || matches!(
                        w[j - 1],
                        "previously" | "also" | "already" | "since" | "and" | "long"
                    ))
            {
                j -= 1;
            }
            let earlier =
                (j.saturating_sub(8)..j).rev().find(|&k| {
                    w[k] == "by"
                        && k >= 1
                        && self.res.rules.triggers_at(w, k - 1).iter().any(|m| {
                            m.trigger.form == TriggerForm::Passive && k - 1 + m.len == k + 1
                        })
                        && (k + 1..j)
                            .all(|t| ctx.item_at[t].is_some() || matches!(w[t], "and" | ","))
                });
            match earlier {
                Some(k) if k - 1 < j => j = k - 1,
                _ => break,
            }
        }
        let noun = j.checked_sub(1)?;
        let generic = matches!(
            w[noun],
            "point"
                | "idea"
                | "demand"
                | "proposal"
                | "move"
                | "step"
                | "condition"
                | "notion"
                | "position"
        );
        if !generic || noun < 2 || !matches!(w[noun - 1], "a" | "an" | "one") {
            return None;
        }
        let mark = noun - 2;
        if !matches!(w[mark], "," | "—" | "–" | "-" | ":") {
            return None;
        }
        self.current_things()
            .iter()
            .rev()
            .find(|t| t.end == mark)
            .map(|t| t.thing.clone())
    }

    /// The last thing in this sentence before `at`, else in the previous sentence.
    fn recent_thing(&self, _ctx: &Ctx<'_>, at: usize) -> Option<Thing> {
        if let Some(t) = self
            .current_things()
            .iter()
            .rev()
            .find(|t| t.end <= at && !t.generic)
        {
            return Some(t.thing.clone());
        }
        // The sentences before, the nearest first: "A proposed X. B said it
        // does not suit them. C called it unacceptable."
        let n = self.things_by_sentence.len();
        self.things_by_sentence[n.saturating_sub(4)..n.saturating_sub(1)]
            .iter()
            .rev()
            .find_map(|things| things.iter().rev().find(|t| !t.generic))
            .map(|t| t.thing.clone())
    }

    // ---------------------------------------------------------------- control

    fn claim(&mut self, ctx: &Ctx<'_>, f: &Found<'_>, first_dispute: Option<usize>) {
        let lo = self.clause_start(ctx, f.start, false);
        let hi = self.clause_end(ctx, f.end, false);
        if self.cue_before(ctx, f.start, lo, 4, Cue::Attempt)
            || self.cue_before(ctx, f.start, lo, f.start - lo, Cue::Conditional)
        {
            return;
        }
        // A plain negation turns a claim of control into a dispute ("is not under Russian control");
        // other cancelling cues ("wants to", "failed to") just cancel it.
        let window = &ctx.words[f.start.saturating_sub(4).max(lo)..f.start];
        let negated = window.iter().any(|w| {
            matches!(
                *w,
                "not" | "n't" | "never" | "no" | "neither" | "nor" | "failed"
            )
        }) || (f.start.saturating_sub(5)..f.start).any(|j| ctx.words[j] == "neither");
        if !negated && self.cue_before(ctx, f.start, lo, 4, Cue::Negation) {
            return;
        }
        // "the meeting, held at a golf club north of Miami": an event held somewhere.
        let held_event = matches!(ctx.words[f.start], "held" | "holds" | "hold")
            && f.trigger.words.len() == 1
            && (ctx.words.get(f.end) == Some(&"at")
                || f.start > 0 && ctx.words[f.start - 1] == ",");
        if held_event {
            return;
        }
        // "the occupied part of the region", "an occupied village": a state, not a claim.
        let attributive = ctx.words[f.start] == "occupied"
            && f.start > 0
            && matches!(ctx.words[f.start - 1], "the" | "a" | "an" | "its" | "their");
        if attributive {
            return;
        }
        // "the so-called capture of X", "its alleged seizure": reported, not asserted.
        let doubted = (f.start.saturating_sub(3).max(lo)..f.start).any(|j| {
            matches!(ctx.words[j], "alleged" | "purported")
                || ctx.words[j] == "called"
                    && j >= 2
                    && ctx.words[j - 1] == "-"
                    && ctx.words[j - 2] == "so"
        });
        if doubted {
            return;
        }
        let speech_at = (lo..f.start).rev().find(|&j| {
            self.res.rules.cue_at(&ctx.words, j, Cue::Speech).is_some()
                && ctx.item_at[j].is_none()
                && !passive_report(&ctx.words, j)
        });
        // A claim inside a denial is not made, unless a claimant of its own comes after the
        // denial ("challenging Moscow's claims of having captured ...").
        let party_at = |j: usize| {
            ctx.item_at[j].is_some_and(|k| ctx.s.items[k].party.is_some() && !ctx.s.items[k].place)
        };
        // "Moscow claimed", "Moscow's claim", "the Russian claim".
        let own_claimant = |s: usize| {
            s > 0 && party_at(s - 1) || s > 1 && ctx.words[s - 1] == "'s" && party_at(s - 2)
        };
        if let Some(d) = first_dispute
            && !negated
            && d < f.start
            && speech_at.is_none_or(|s| s < d || !own_claimant(s))
        {
            return; // the claim denied, not made
        }
        // "says it took X and that its troops are fighting inside Y": the
        // places of this claim end where a second reported clause begins.
        let hi = (f.end..hi)
            .find(|&j| ctx.words[j] == "and" && ctx.words.get(j + 1) == Some(&"that"))
            .unwrap_or(hi);
        let places = self.places(ctx, f, lo, hi);
        if places.is_empty() {
            return;
        }
        if f.trigger.rule == "claims/claimed" {
            // "claimed Kupiansk": only with the place right after the verb.
            let first = ctx
                .s
                .items
                .iter()
                .find(|i| i.start >= f.end && is_place_kind(i.kind));
            // The noun "claims" ("Russian claims about X") only as a verb right before
            // its place ("Moscow claims Kupiansk").
            let reach = if ctx.words[f.start] == "claims" { 0 } else { 4 };
            if first.is_none_or(|i| {
                i.start > f.end + reach || ctx.words[f.end..i.start].contains(&"that")
            }) {
                return;
            }
        }
        // "Moscow claims X": the subject of a verb of claiming is the claimant.
        let own_subject = (f.trigger.rule == "claims/claimed" && speech_at.is_none())
            .then(|| {
                self.side(ctx, &self.left_group(ctx, f.start, lo))
                    .into_iter()
                    .next()
            })
            .flatten();
        // "under Russian control": the party the sentence says holds the place.
        let holder = (f.trigger.rule == "claims/under-control")
            .then(|| {
                (f.start..(f.end + 2).min(ctx.words.len()))
                    .filter_map(|j| ctx.item_at[j])
                    .find_map(|k| ctx.s.items[k].party.clone())
            })
            .flatten();
        // "X is now under Russian control" with no named speaker: the holder.
        let claimant = own_subject
            .or_else(|| self.claimant(ctx, f, speech_at, lo))
            .or_else(|| holder.clone().filter(|_| !negated));
        // "in North Kordofan, the army said it had recaptured X": a place is
        // never the one claiming. A claim whose claimant is unknown is still
        // the claim a later "rejected the claim" disputes.
        let Some(claimant) = claimant.filter(|c| {
            !self
                .kinds
                .get(c)
                .is_some_and(|k| matches!(k, EntityKind::Town | EntityKind::Region))
        }) else {
            // Just after another claim, it adds to that claim's places
            // ("X and Y were liberated. Earlier Z was taken by units ...").
            if !negated {
                self.remember_claim(ctx.idx, places, 2);
            }
            return;
        };
        // "ISW assesses that Russian forces have seized X": an assessment by an
        // observer, not a claim by the side that took it.
        if (lo..f.start).any(|j| matches!(ctx.words[j], "assesses" | "assessed" | "assess")) {
            return;
        }
        let relation = if negated {
            Relation::DisputesControl
        } else {
            Relation::ClaimsControl
        };
        // "DeepState shows Kupiansk under Ukrainian control": an observer (a
        // body or group of no side) says another party holds it. Not the
        // observer's claim; a dispute of any other party's claim.
        let observer = matches!(
            self.kinds.get(&claimant),
            Some(EntityKind::Organization | EntityKind::Group)
        );
        if let Some(holder) = holder.filter(|h| {
            !negated
                && observer
                && *h != claimant
                && self.affiliation(&claimant) != Some(h.as_str())
        }) {
            for place in &places {
                self.dispute_claim_of_other(ctx, &claimant, place, &holder, &f.trigger.rule);
            }
            return;
        }
        for place in &places {
            self.add_control(ctx, relation, &claimant, place, &f.trigger.rule);
            // "Ukraine said its troops still held the city" after Russia claimed it:
            // holding a place another party claims contradicts that claim.
            // So does retaking it ("Ukrainian troops have regained control of the centre").
            let holds = matches!(
                f.trigger.rule.as_str(),
                "claims/hold" | "claims/under-control" | "claims/retaken"
            );
            if holds && !negated {
                self.dispute_claim_of_other(ctx, &claimant, place, &claimant, &f.trigger.rule);
            }
        }
        if !negated {
            // "liberated A and completed the capture of B": one claim of both.
            self.remember_claim(ctx.idx, places, 0);
        }
    }

    /// Sets the places of the last claim, for "rejected the claim" and "the
    /// two towns" later: added to those of a claim at most `within`
    /// sentences before, else in their stead.
    fn remember_claim(&mut self, idx: usize, places: Vec<String>, within: usize) {
        if self.last_claim_sentence.is_none_or(|s| s + within < idx) {
            self.last_claim_places.clear();
        }
        for place in places {
            if !self.last_claim_places.contains(&place) {
                self.last_claim_places.push(place);
            }
        }
        self.last_claim_sentence = Some(idx);
    }

    /// Who "they" or "their" before word `at` stands for: the nearest
    /// coordinated group of this sentence ("A and B said they ..."), else
    /// the last group named before it.
    fn they_referent(&self, ctx: &Ctx<'_>, at: usize) -> Vec<String> {
        let nearest = (0..ctx.s.items.len())
            .rev()
            .filter(|&k| ctx.s.items[k].end < at && ctx.s.items[k].as_party().is_some())
            .map(|k| self.left_group(ctx, ctx.s.items[k].end, 0))
            .find(|group| group.len() >= 2);
        match nearest {
            Some(group) => self.side(ctx, &group),
            None => self.last_plural.clone(),
        }
    }

    /// The last two people named before word `at` of this sentence, or in
    /// earlier sentences ("the two leaders", "both men").
    fn last_two_persons(&self, ctx: &Ctx<'_>, at: usize) -> Vec<String> {
        self.last_two_persons_besides(ctx, at, &[])
    }

    /// [`Self::last_two_persons`], leaving out `besides`.
    fn last_two_persons_besides(
        &self,
        ctx: &Ctx<'_>,
        at: usize,
        besides: &[String],
    ) -> Vec<String> {
        self.last_persons_besides(ctx, at, besides, 2)
    }

    /// The last `n` people named before word `at` of this sentence, or in
    /// earlier sentences, leaving out `besides`; empty if fewer were named.
    fn last_persons_besides(
        &self,
        ctx: &Ctx<'_>,
        at: usize,
        besides: &[String],
        n_wanted: usize,
    ) -> Vec<String> {
        let mut seen = self.persons_named_before(ctx, at);
        seen.retain(|k| !besides.contains(k));
        let n = seen.len();
        if n < n_wanted {
            return Vec::new();
        }
        seen.split_off(n - n_wanted)
    }

    /// Everyone named before word `at` of this sentence or in the sentences
    /// before it, most recent last.
    fn persons_named_before(&self, ctx: &Ctx<'_>, at: usize) -> Vec<String> {
        let mut seen: Vec<String> = self.recent_persons.clone();
        for item in ctx.s.items.iter().filter(|i| i.end <= at) {
            if item.kind == EntityKind::Person && !item.modifier {
                seen.retain(|k| *k != item.entity);
                seen.push(item.entity.clone());
            }
        }
        seen
    }

    /// `disputer` disputes `place` when a party other than `holder` has
    /// claimed it in this document.
    fn dispute_claim_of_other(
        &mut self,
        ctx: &Ctx<'_>,
        disputer: &str,
        place: &str,
        holder: &str,
        rule: &str,
    ) {
        if self.claimed_by_other(place, holder) {
            self.add_control(ctx, Relation::DisputesControl, disputer, place, rule);
        }
    }

    /// True when a party other than `party` has claimed `place` in this document.
    fn claimed_by_other(&self, place: &str, party: &str) -> bool {
        self.facts.iter().any(|f| {
            f.relation == Relation::ClaimsControl
                && f.subject != party
                && matches!(&f.object, Argument::Entity(p) if p == place)
                && self.affiliation(&f.subject) != Some(party)
                && self.affiliation(party) != Some(f.subject.as_str())
                && (self.affiliation(party).is_none()
                    || self.affiliation(party) != self.affiliation(&f.subject))
        })
    }

    fn claimant(
        &self,
        ctx: &Ctx<'_>,
        f: &Found<'_>,
        speech_at: Option<usize>,
        lo: usize,
    ) -> Option<String> {
        // The subject of the claimed event, not crossing the reporting verb.
        let after_that = (lo..f.start)
            .rev()
            .find(|&j| ctx.words[j] == "that")
            .map(|j| j + 1);
        let mut inner_lo = after_that
            .or(speech_at.map(|s| s + 1))
            .map_or(lo, |s| s.max(lo));
        // "Gerasimov tells Putin Kupiansk captured": who is told is no claimant.
        if let Some(s) = speech_at.filter(|&s| is_telling_verb(ctx.words[s]))
            && ctx.item_at.get(s + 1).copied().flatten().is_some()
        {
            let (listeners, _) = self.right_group(ctx, s + 1, f.start, false);
            if let Some(&last) = listeners.last() {
                inner_lo = inner_lo.max(ctx.s.items[last].end);
            }
        }
        let inner = self.side(ctx, &self.left_group(ctx, f.start, inner_lo));
        let inner_state = inner
            .iter()
            .find(|k| matches!(self.kinds.get(*k), Some(EntityKind::Country)))
            .cloned();
        if let Some(s) = speech_at {
            let w = ctx.words[s];
            if w == "according" {
                let (group, _) = self.right_group(ctx, s + 2, ctx.words.len(), false);
                if let Some(first) = self.side(ctx, &group).into_iter().next() {
                    return Some(first);
                }
            }
            // "Russian claims of ...": an adjacent demonym; "Moscow's
            // announcement that ...": a possessor.
            let owner_at = if s >= 2 && ctx.words[s - 1] == "'s" {
                s - 2
            } else {
                s.saturating_sub(1)
            };
            if s > 0
                && let Some(k) = ctx.item_at[owner_at]
            {
                let item = &ctx.s.items[k];
                if !item.modifier && !item.place && item.party.is_some() {
                    return item.party.clone();
                }
            }
            // "the claims from the Russian ministry that ...", "a statement by
            // the army that ...": the source named after the noun.
            if matches!(ctx.words.get(s + 1), Some(&"from") | Some(&"by")) {
                let (group, _) = self.right_group(ctx, s + 2, f.start, false);
                if let Some(first) = self.side(ctx, &group).into_iter().next() {
                    return Some(first);
                }
            }
            let slo = self.clause_start(ctx, s, false);
            let speaker = match self.and_said_speaker(ctx, s, s.saturating_sub(1)) {
                Some(subject) => vec![subject],
                None => self.side(ctx, &self.left_group(ctx, s, slo)),
            };
            if let Some(first) = speaker.first() {
                let unknown_org = self.kinds.get(first) == Some(&EntityKind::Organization)
                    && self.res.lexicon.entity(first).is_none();
                if unknown_org && let Some(state) = inner_state {
                    return Some(state);
                }
                return Some(first.clone());
            }
        }
        // "X captured P, the ministry said": a speaker after the trigger.
        let hi = self.clause_end(ctx, f.end, false);
        // "The capture of P was announced by the ministry", "the liberation
        // of P was reported to Putin by Gerasimov": the agent of a passive report.
        // Also reduced: "The fall of P, announced by the ministry on Sunday, ...".
        if let Some(report) = (f.end.max(1)..hi).find(|&j| {
            matches!(
                ctx.words[j - 1],
                "was" | "were" | "been" | "is" | "are" | ","
            ) && matches!(
                ctx.words[j],
                "announced" | "reported" | "confirmed" | "claimed" | "declared"
            )
        }) && let Some(by) = (report + 1..hi.min(report + 8)).find(|&j| ctx.words[j] == "by")
        {
            let (group, _) = self.right_group(ctx, by + 1, hi, false);
            if let Some(first) = self.side(ctx, &group).into_iter().next() {
                return Some(first);
            }
        }
        for j in f.end..hi {
            // "took X, where the Russians had claimed victory": a relative
            // clause's speaker speaks for another claim.
            if matches!(ctx.words[j], "where" | "which" | "who" | "whose") {
                break;
            }
            // "... had taken P, and Kyiv says fighting goes on": a new clause
            // with a speaker of its own.
            if j > f.end && ctx.words[j - 1] == "," && matches!(ctx.words[j], "and" | "but") {
                break;
            }
            if self.res.rules.cue_at(&ctx.words, j, Cue::Speech).is_some()
                && ctx.item_at[j].is_none()
                && ctx.words[j] != "claim"
            {
                if let Some(subject) = self.and_said_speaker(ctx, j, f.start) {
                    return Some(subject);
                }
                let group = self.side(ctx, &self.left_group(ctx, j, f.end));
                if let Some(first) = group.first() {
                    return Some(first.clone());
                }
            }
        }
        inner.into_iter().next()
    }

    /// "A reported the capture to Putin, and said ...": the speaker of a speech
    /// verb at `said` coordinated by "and" is the sentence's first party
    /// (before `upto`), not the object just before it.
    fn and_said_speaker(&self, ctx: &Ctx<'_>, said: usize, upto: usize) -> Option<String> {
        if said == 0 || ctx.words[said - 1] != "and" {
            return None;
        }
        let first = self.first_party_from(ctx, 0, upto)?;
        self.side(ctx, &[first]).into_iter().next()
    }

    fn places(&self, ctx: &Ctx<'_>, f: &Found<'_>, lo: usize, hi: usize) -> Vec<String> {
        let rules = &self.res.rules;
        // "X was under Russian control and troops had entered Y": a held
        // place comes before its phrase.
        if f.trigger.form == TriggerForm::Passive && f.trigger.relation == Relation::ClaimsControl {
            let before = places_before(ctx, lo, f.start);
            if !before.is_empty() {
                return before;
            }
        }
        let mut places: Vec<String> = Vec::new();
        let mut j = f.end;
        let mut last_place_end: Option<usize> = None;
        while j < hi && j < f.end + 25 {
            if let Some(k) = ctx.item_at[j] {
                let item = &ctx.s.items[k];
                if is_place_kind(item.kind) && !item.modifier {
                    let before = if j > 0 && ctx.words[j - 1] == "the" {
                        j.saturating_sub(2)
                    } else {
                        j.saturating_sub(1)
                    };
                    // Not the trigger's own "in" ("hold positions in X").
                    let prep = j > 0
                        && before >= f.end
                        && f.trigger.relation != Relation::DisputesControl
                        && matches!(
                            ctx.words[before],
                            "in" | "at" | "near" | "to" | "from" | "towards" | "toward" | "into"
                        );
                    let locative =
                        matches!(ctx.words[before], "in" | "at" | "near" | "from" | "into")
                            || ctx.words[before] == "of"
                                && before > 0
                                && matches!(
                                    ctx.words[before - 1],
                                    "east"
                                        | "west"
                                        | "north"
                                        | "south"
                                        | "northeast"
                                        | "northwest"
                                        | "southeast"
                                        | "southwest"
                                        | "outskirts"
                                );
                    // "seized X and were advancing towards Y": a new verb
                    // phrase between two places ends the list.
                    let new_verb = last_place_end.is_some_and(|e| {
                        (e..j).any(|k| {
                            // "captured X as Umerov flew to Y", "seized X, and
                            // the ministry claimed Y": an actor between two
                            // places starts a clause of its own.
                            let person = ctx.item_at[k].is_some_and(|i| {
                                let item = &ctx.s.items[i];
                                item.kind == EntityKind::Person
                                    || !is_place_kind(item.kind)
                                        && !item.modifier
                                        && !item.place
                                        && item.as_party().is_some()
                                        // not "in eastern Ukraine", "which Russia calls X"
                                        && !(item.start.saturating_sub(3)..item.start).any(|t| {
                                            matches!(ctx.words[t], "in" | "of" | "which" | "what")
                                        })
                            });
                            let w = ctx.words[k];
                            person
                                || matches!(w, "toward" | "towards")
                                || w == "and"
                                    && ctx.words.get(k + 1).is_some_and(|v| {
                                        VERB_PHRASE_STARTS.contains(v)
                                            || matches!(
                                                *v,
                                                "advancing" | "approaching" | "attacking"
                                            )
                                    })
                        })
                    });
                    let joined = last_place_end.is_some_and(|e| {
                        !locative
                            && ctx.words[e..j]
                                .iter()
                                .any(|w| matches!(*w, "and" | "," | "or" | "nor" | "as" | "("))
                    });
                    match last_place_end {
                        None if j <= f.end + 10 && !prep => {
                            places.push(item.entity.clone());
                            last_place_end = Some(item.end);
                        }
                        Some(_)
                            if !new_verb
                                && (joined
                                    || matches!(
                                        ctx.words[before],
                                        "and" | "," | "or" | "nor" | "as" | "("
                                    )) =>
                        {
                            if !places.contains(&item.entity) {
                                places.push(item.entity.clone());
                            }
                            last_place_end = Some(item.end);
                        }
                        _ => {}
                    }
                }
                j = item.end;
                continue;
            }
            // "still shows a narrow Ukrainian-held pocket on the town's edge"
            let window = if f.trigger.relation == Relation::DisputesControl {
                10
            } else {
                6
            };
            if last_place_end.is_none() && j <= f.end + window {
                if let Some(len) = rules.cue_at(&ctx.words, j, Cue::PlaceAnaphorAll) {
                    let _ = len;
                    return self.last_claim_places.clone();
                }
                if rules.cue_at(&ctx.words, j, Cue::PlaceAnaphor).is_some()
                    && ctx.words.get(j + 2) != Some(&"of")
                    && ctx.s.tokens.get(j + 2).is_none_or(|t| !t.cap)
                {
                    return self.place_anaphor(ctx, f.start);
                }
            }
            j += 1;
        }
        // "reported both captures to Putin", "announced the capture on Sunday":
        // a capture noun with no place of its own is the capture just claimed.
        let capture_noun = f.trigger.words.len() == 1
            && matches!(
                ctx.words[f.start],
                "capture" | "captures" | "seizure" | "fall"
            )
            && ctx.words.get(f.end) != Some(&"of");
        if places.is_empty() && capture_noun && f.start > 0 {
            match ctx.words[f.start - 1] {
                "both" => {
                    let n = self.last_claim_places.len();
                    return self.last_claim_places[n.saturating_sub(2)..].to_vec();
                }
                "the" | "its" => {
                    return self.last_claim_places.last().cloned().into_iter().collect();
                }
                _ => {}
            }
        }
        // "Kupiansk, in the Kharkiv region, which Russia claimed to have captured":
        // the place a relative pronoun before the subject stands for.
        if places.is_empty() && f.trigger.relation == Relation::ClaimsControl {
            let relative = (f.start.saturating_sub(8).max(1)..f.start)
                .rev()
                .find(|&j| matches!(ctx.words[j], "which" | "that"));
            if let Some(r) = relative {
                let end = r - usize::from(ctx.words[r - 1] == ",");
                let mut antecedent = ctx.item_at[..end]
                    .last()
                    .copied()
                    .flatten()
                    .filter(|&k| is_place_kind(ctx.s.items[k].kind));
                // Past a locative appositive: "Kupiansk, in Kharkiv Oblast, which".
                while let Some(located) =
                    antecedent.and_then(|k| located_place(ctx, ctx.s.items[k].start))
                {
                    antecedent = Some(located);
                }
                if let Some(k) = antecedent {
                    return vec![ctx.s.items[k].entity.clone()];
                }
            }
        }
        if places.is_empty() {
            // "Huliaipole taken", "P had been captured", "neither P nor Q have been fully captured"
            let adjacent = f.start > 0
                && ctx.item_at[f.start - 1].is_some_and(|k| is_place_kind(ctx.s.items[k].kind));
            if adjacent
                || f.trigger.form == TriggerForm::Passive
                || f.trigger.relation == Relation::DisputesControl
            {
                let found = places_before(ctx, lo, f.start);
                if !found.is_empty() {
                    return found;
                }
                if f.trigger.relation == Relation::DisputesControl
                    || f.trigger.form == TriggerForm::Passive
                {
                    for j in lo..f.start {
                        if rules.cue_at(&ctx.words, j, Cue::PlaceAnaphorAll).is_some() {
                            return self.last_claim_places.clone();
                        }
                        if rules.cue_at(&ctx.words, j, Cue::PlaceAnaphor).is_some() {
                            return self.place_anaphor(ctx, j);
                        }
                    }
                }
            }
        }
        places
    }

    /// "the city": a place named earlier in this sentence, else the last claimed place, else the last place.
    fn place_anaphor(&self, ctx: &Ctx<'_>, before: usize) -> Vec<String> {
        // "the town", "the city": a town, not the region named after it.
        let here = ctx
            .s
            .items
            .iter()
            .rev()
            .find(|i| i.end <= before && i.kind == EntityKind::Town && !i.modifier);
        here.map(|i| i.entity.clone())
            .or_else(|| self.last_claim_places.last().cloned())
            .or_else(|| self.last_place.clone())
            .into_iter()
            .collect()
    }

    fn dispute(&mut self, ctx: &Ctx<'_>, f: &Found<'_>) {
        let lo = self.clause_start(ctx, f.start, false);
        let hi = self.clause_end(ctx, f.end, false);
        if self.cue_before(ctx, f.start, lo, f.start - lo, Cue::Conditional) {
            return;
        }
        if no_dispute(ctx, f) {
            return;
        }
        // "has denied backing the group", "denied any involvement": another denial.
        if f.trigger.rule == "disputes/denied"
            && ctx.words.get(f.end).is_some_and(|w| {
                w.ends_with("ing") && ctx.item_at[f.end].is_none()
                    || matches!(*w, "any" | "involvement" | "responsibility")
            })
        {
            return;
        }
        // "denied that X had been surrounded": only a denied capture is a dispute.
        if ctx.words.get(f.end) == Some(&"that")
            && !(f.end..hi).any(|j| {
                matches!(ctx.words[j], "lost" | "surrendered" | "abandoned")
                    || self
                        .res
                        .rules
                        .triggers_at(&ctx.words, j)
                        .iter()
                        .any(|m| m.trigger.relation == Relation::ClaimsControl)
            })
        {
            return;
        }
        // "called the claim credible": a judgement that backs the claim.
        if f.trigger.rule.ends_with("called-false")
            && ctx.words[f.end..hi].iter().any(|w| {
                matches!(
                    *w,
                    "credible"
                        | "accurate"
                        | "true"
                        | "correct"
                        | "plausible"
                        | "justified"
                        | "confirmed"
                        | "reliable"
                )
            })
            && !ctx.words[f.end..hi]
                .iter()
                .any(|w| matches!(*w, "not" | "n't" | "un" | "hardly"))
        {
            return;
        }
        // "the battle for X continues / is ongoing": only while it goes on.
        // "... is far from over", "is not over yet": it goes on.
        // "fighting in X goes on / is still going on": it goes on.
        let not_over = ctx.words[f.end..hi].windows(2).any(|w| {
            w[1] == "over" && matches!(w[0], "from" | "not" | "n't")
                || w[1] == "on" && matches!(w[0], "goes" | "go" | "going" | "went")
        });
        if f.trigger.rule.ends_with("battle-continues")
            && !not_over
            && !ctx.words[f.end..hi].iter().any(|w| {
                matches!(
                    *w,
                    "continues"
                        | "continue"
                        | "continuing"
                        | "continued"
                        | "ongoing"
                        | "raging"
                        | "rages"
                )
            })
        {
            return;
        }
        let mut places = self.places(ctx, f, lo, hi);
        if places.is_empty() {
            // "calls the claim untrue": the claim noun may come just before.
            let refers = (f.start.saturating_sub(4).max(lo)..hi.min(f.end + 6)).any(|j| {
                self.res
                    .rules
                    .cue_at(&ctx.words, j, Cue::ClaimNoun)
                    .is_some()
            }) || f.trigger.rule.ends_with("denied")
                || f.trigger.rule.ends_with("called-false")
                || f.trigger.rule.ends_with("there")
                || f.trigger.rule.ends_with("disagrees")
                || f.trigger.rule.ends_with("not-confirmed");
            if refers {
                places = self.last_claim_places.clone();
            }
        }
        if places.is_empty() {
            return;
        }
        // The speaker, not the owner of a claim named as a noun ("Moscow's claims ... were
        // not supported by evidence, analysts said").
        let speech_at = (lo..f.start).rev().find(|&j| {
            self.res.rules.cue_at(&ctx.words, j, Cue::Speech).is_some()
                && ctx.item_at[j].is_none()
                && !passive_report(&ctx.words, j)
                && !(matches!(ctx.words[j], "claim" | "claims")
                    && j > 0
                    && matches!(
                        ctx.words[j - 1],
                        "'s" | "the" | "these" | "those" | "its" | "their" | "his" | "her" | "such"
                    ))
        });
        let mut subject = if f.trigger.form == TriggerForm::Passive {
            let (group, _) = self.right_group(ctx, f.end, hi, false);
            self.side(ctx, &group).into_iter().next()
        } else {
            self.side(ctx, &self.left_group(ctx, f.start, lo))
                .into_iter()
                .next()
        };
        // "Russian troops failed to gain a foothold in X, Kyiv said": the
        // attacker is the subject; the disputer is whoever says so.
        if f.trigger.rule.ends_with("failed") {
            subject = None;
        }
        // "ISW assesses X but has not observed Y": the subject of the first
        // verb of the coordination.
        if subject.is_none() {
            let mut j = f.start;
            while j > 0 && matches!(ctx.words[j - 1], "has" | "have" | "had" | "still" | "yet") {
                j -= 1;
            }
            if j > 0 && matches!(ctx.words[j - 1], "but" | "and") {
                let slo = self.clause_start(ctx, j - 1, false);
                subject = self
                    .first_party_from(ctx, slo, j - 1)
                    .map(|k| self.party(ctx, k));
            }
        }
        // Verbs of denial have the disputer as subject ("Kyiv denies"); other cues ("no evidence",
        // "not fully captured") are the speaker's.
        let denial = [
            "denied",
            "disagrees",
            "not-confirmed",
            "contradicts",
            "called-false",
        ]
        .iter()
        .any(|r| f.trigger.rule.ends_with(r));
        let speech_at = speech_at.filter(|_| !(denial && subject.is_some()));
        if let Some(s) = speech_at.filter(|_| f.trigger.form != TriggerForm::Passive) {
            let speaker = if ctx.words[s] == "according" {
                let (group, _) = self.right_group(ctx, s + 2, ctx.words.len(), false);
                self.side(ctx, &group).into_iter().next()
            } else {
                let slo = self.clause_start(ctx, s, false);
                self.side(ctx, &self.left_group(ctx, s, slo))
                    .into_iter()
                    .next()
            };
            if speaker.is_some() {
                subject = speaker;
            }
        }
        // "The Russian statements about X are a lie, B said": what is called false is the
        // claim; the disputer is whoever says so.
        if f.trigger.rule.ends_with("false")
            && speech_at.is_none()
            && matches!(ctx.words[f.start], "is" | "are" | "was" | "were")
        {
            subject = None;
        }
        let Some(subject) = subject.or_else(|| {
            self.speaker_besides_claims_after(ctx, f.start)
                .into_iter()
                .next()
        }) else {
            return;
        };
        for place in &places {
            self.add_control(
                ctx,
                Relation::DisputesControl,
                &subject,
                place,
                &f.trigger.rule,
            );
        }
    }

    fn add_control(
        &mut self,
        ctx: &Ctx<'_>,
        relation: Relation,
        subject: &str,
        place: &str,
        rule: &str,
    ) {
        if subject == place || self.kinds.get(subject).is_some_and(|k| is_place_kind(*k)) {
            return;
        }
        self.facts.push(Fact {
            relation,
            subject: subject.to_string(),
            object: Argument::Entity(place.to_string()),
            status: None,
            place: None,
            date_phrase: None,
            provenance: Provenance {
                sentence_idx: ctx.idx,
                rule: rule.to_string(),
                confidence: 0.7,
            },
        });
    }
}

/// Words that begin a finite verb phrase after its subject ("and is due
/// to", ", and the E3 leaders were"): a new clause starts there.
const VERB_PHRASE_STARTS: [&str; 18] = [
    "was", "were", "is", "are", "has", "have", "had", "will", "would", "said", "says", "told",
    "could", "did", "does", "do", "then", "later",
];

/// True when the words from `at` (after a name, past any plural role noun
/// such as "leaders") begin a verb phrase: the name is the subject of a new
/// clause ("and the E3 leaders were preparing a statement").
fn opens_clause(lex: &crate::resources::Lexicon, words: &[&str], at: usize) -> bool {
    let mut j = at;
    while j < words.len()
        && (PLURAL_ROLES.contains(&words[j])
            || lex.title_words.contains(words[j])
            || lex.party_nouns.contains(words[j]))
    {
        j += 1;
    }
    words.get(j).is_some_and(|w| VERB_PHRASE_STARTS.contains(w))
}

/// Length of "in Kyiv" / "at the Kremlin" starting at `at` when "with"
/// follows it: a place named inside "talks ... with".
fn locative_before_with(ctx: &Ctx<'_>, at: usize) -> Option<usize> {
    if !matches!(ctx.words.get(at), Some(&"in") | Some(&"at")) {
        return None;
    }
    let first = at + 1 + usize::from(ctx.words.get(at + 1) == Some(&"the"));
    let k = ctx.item_at.get(first).copied().flatten()?;
    let item = &ctx.s.items[k];
    (item.start == first && ctx.words.get(item.end) == Some(&"with")).then(|| item.end - at)
}

/// The start of the auxiliaries and adverbs that may stand between a
/// subject and a meeting trigger ("they will also", "the two men had").
fn subject_end_before(words: &[&str], lo: usize, at: usize) -> usize {
    let mut j = at;
    while j > lo
        && matches!(
            words[j - 1],
            "will"
                | "would"
                | "also"
                | "then"
                | "later"
                | "had"
                | "have"
                | "are"
                | "were"
                | "to"
                | "due"
                | "expected"
                | "scheduled"
                | "set"
                | "both"
                | "all"
                | "briefly"
                | "subsequently"
                | "first"
                | "again"
                | "previously"
        )
    {
        j -= 1;
    }
    j
}

/// "They met Putin", "they will hold talks with": a plural pronoun as the
/// subject just before a meeting trigger.
fn they_before(words: &[&str], lo: usize, at: usize) -> bool {
    let j = subject_end_before(words, lo, at);
    j > lo && words[j - 1] == "they"
}

/// Plural nouns that, after "the two" or "both", stand for two people named before.
const PAIR_NOUNS: [&str; 8] = [
    "men",
    "women",
    "leaders",
    "presidents",
    "ministers",
    "envoys",
    "officials",
    "negotiators",
];

/// "the two leaders spoke", "both men met", "the pair spoke": two people named before stand
/// as the subject just before a meeting trigger.
fn pair_before(words: &[&str], lo: usize, at: usize) -> bool {
    let j = subject_end_before(words, lo, at);
    let noun = |w: &str| PAIR_NOUNS.contains(&w);
    // "the pair also held a call with ..."
    let the_pair = j >= lo + 2 && words[j - 1] == "pair" && words[j - 2] == "the";
    the_pair
        || j >= lo + 2
            && noun(words[j - 1])
            && (words[j - 2] == "both"
                || j >= lo + 3 && words[j - 2] == "two" && words[j - 3] == "the")
}

/// "the three leaders met": three people named before stand as the subject
/// of a meeting trigger at `at`.
fn trio_before(words: &[&str], lo: usize, at: usize) -> bool {
    let j = subject_end_before(words, lo, at);
    j >= lo + 3
        && PAIR_NOUNS.contains(&words[j - 1])
        && small_count(words[j - 2]) == Some(3)
        && words[j - 3] == "the"
}

/// The number a small number word names ("the two Americans", "the three
/// leaders").
fn small_count(word: &str) -> Option<usize> {
    match word {
        "two" => Some(2),
        "three" => Some(3),
        _ => None,
    }
}

/// "with the (same) two envoys", "with both men": two people named before
/// stand as the object right after a meeting trigger ending at `at`.
fn pair_after(words: &[&str], at: usize) -> bool {
    let noun = |w: Option<&&str>| w.is_some_and(|w| PAIR_NOUNS.contains(w));
    let mut j = at;
    if words.get(j) == Some(&"both") {
        return noun(words.get(j + 1));
    }
    if words.get(j) != Some(&"the") {
        return false;
    }
    j += 1;
    if words.get(j) == Some(&"same") {
        j += 1;
    }
    words.get(j) == Some(&"two") && noun(words.get(j + 1))
}

/// "he was told that ...": a reporting verb in the passive, whose subject
/// heard the report rather than made it.
fn passive_report(words: &[&str], at: usize) -> bool {
    at > 0
        && matches!(
            words[at - 1],
            "was" | "were" | "been" | "being" | "is" | "are"
        )
        && matches!(
            words[at],
            "told" | "informed" | "briefed" | "assured" | "shown"
        )
}

/// A word of a linking phrase ("along with", "as well as", "led by"); a
/// bare "as" ("talks with A as Moscow claims X") links nothing.
fn group_link(words: &[&str], at: usize) -> bool {
    GROUP_LINK_WORDS.contains(&words[at])
        && (words[at] != "as"
            || words.get(at + 1) == Some(&"well")
            || at >= 2 && words[at - 1] == "well" && words[at - 2] == "as")
}

/// True when the comma at `comma` is the first of the sentence and closes a
/// clause that the sentence opens with a subordinator ("After talks with
/// Putin, Witkoff met ...", "10:30 Before meeting A, B met ...").
fn closes_fronted_clause(words: &[&str], comma: usize) -> bool {
    // Past a live blog's time stamp ("10:30 Before ...").
    let first = words
        .iter()
        .find(|w| w.chars().next().is_some_and(char::is_alphabetic));
    first.is_some_and(|w| {
        matches!(
            *w,
            "before" | "after" | "while" | "when" | "following" | "during" | "since" | "despite"
        )
    }) && !words[..comma].contains(&",")
}

/// A verb of telling someone ("told Putin", "briefed reporters").
fn is_telling_verb(w: &str) -> bool {
    matches!(
        w,
        "tells" | "told" | "tell" | "telling" | "informed" | "informs" | "briefed" | "briefs"
    )
}

/// A verb of judging a thing ("called it unacceptable", "deemed", "found").
fn is_judging_verb(w: &str) -> bool {
    matches!(
        w,
        "called"
            | "calls"
            | "call"
            | "considers"
            | "considered"
            | "consider"
            | "deemed"
            | "deems"
            | "termed"
            | "terms"
            | "finds"
            | "found"
            | "described"
            | "describes"
    )
}

/// True when the word at `at` coordinates two parties (a comma, "and", "led by", ...), not
/// merely sits inside a title.
fn links(res: &Resources, words: &[&str], at: usize) -> bool {
    connector_around(res, words, at) || group_link(words, at) || matches!(words[at], "or" | "plus")
}

/// True when a connector phrase ("under the leadership of", "led by") covers the word at `at`.
fn connector_around(res: &Resources, words: &[&str], at: usize) -> bool {
    (at.saturating_sub(3)..=at).any(|s| {
        res.rules
            .cue_at(words, s, Cue::Connector)
            .is_some_and(|len| s + len > at)
    })
}

/// A thing inside ", which ... ," that closes before `at`.
fn in_relative(ctx: &Ctx<'_>, t: &ThingSpan, at: usize) -> bool {
    let comma_before = (0..t.start).rev().find(|&j| ctx.words[j] == ",");
    let opened = comma_before.is_some_and(|c| {
        ctx.words
            .get(c + 1)
            .is_some_and(|w| matches!(*w, "which" | "who" | "that"))
    });
    opened && ctx.words[t.end..at].contains(&",")
}

/// A later clause calls the event off: "…, but the summit was cancelled",
/// "…; the visit has been postponed".
/// A word saying an event will not take place ("cancelled", "postponed").
/// Whether the words open a part of what was named before: "others", "the
/// rest", "the others", "several of them", "some of it", "a number of them".
fn part_of_them(words: &[&str]) -> bool {
    const QUANTIFIERS: [&str; 15] = [
        "some", "several", "most", "many", "all", "few", "one", "two", "part", "parts", "half",
        "each", "both", "much", "number",
    ];
    let words = match words {
        ["a", rest @ ..] | ["the", rest @ ..] => rest,
        _ => words,
    };
    match words {
        ["others", ..] | ["rest", ..] => true,
        [q, "of", "them" | "it", ..] => QUANTIFIERS.contains(q),
        // "several of those", but not "several of those provisions"
        [q, "of", "these" | "those", rest @ ..] => {
            QUANTIFIERS.contains(q)
                && rest
                    .first()
                    .is_none_or(|w| !w.chars().all(char::is_alphanumeric))
        }
        _ => false,
    }
}

/// "has not denied the claim", "never disputed it", "remained in dispute",
/// "a dispute over": a dispute trigger that states no dispute.
fn no_dispute(ctx: &Ctx<'_>, f: &Found<'_>) -> bool {
    let before = &ctx.words[f.start.saturating_sub(2)..f.start];
    before.iter().any(|w| matches!(*w, "not" | "n't" | "never"))
        || ctx.words[f.start] == "dispute"
            && before
                .last()
                .is_some_and(|w| matches!(*w, "in" | "a" | "the" | "under" | "of"))
}

fn is_cancel_word(w: &str) -> bool {
    matches!(
        w,
        "cancelled"
            | "canceled"
            | "postponed"
            | "scrapped"
            | "shelved"
            | "cancel"
            | "cancels"
            | "postpone"
            | "postpones"
            | "scrap"
            | "scraps"
            | "shelve"
            | "shelves"
    )
}

fn event_called_off(words: &[&str]) -> bool {
    words.iter().enumerate().any(|(i, w)| {
        matches!(*w, "summit" | "meeting" | "talks" | "visit" | "trip")
            && words[i + 1..(i + 5).min(words.len())]
                .iter()
                .enumerate()
                .any(|(k, v)| {
                    is_cancel_word(v) || *v == "called" && words.get(i + 2 + k) == Some(&"off")
                })
    })
}

/// "Bilohiria in the Zaporizhzhia region", "Kupiansk, in Kharkiv Oblast":
/// when the mention starting at `start` only locates the place named just
/// before it, that place's item.
/// The places named in `lo..at` that are not the location of another
/// place ("X in the Y region"), in order.
fn places_before(ctx: &Ctx<'_>, lo: usize, at: usize) -> Vec<String> {
    let mut found: Vec<String> = ctx
        .s
        .items
        .iter()
        .filter(|i| {
            i.end <= at
                && i.start >= lo
                && is_place_kind(i.kind)
                && !i.modifier
                && located_place(ctx, i.start).is_none()
                && !is_dateline(ctx, i)
        })
        .map(|i| i.entity.clone())
        .collect();
    found.dedup();
    found
}

/// "BANGKOK, 17 December 2025 - ...": the place a report was filed from,
/// written in capitals before the first comma, is not what it is about.
fn is_dateline(ctx: &Ctx<'_>, item: &crate::mentions::Item) -> bool {
    let tokens = &ctx.s.tokens;
    item.start == 0
        && ctx.words.get(item.end) == Some(&",")
        && !ctx.s.text[tokens[0].span.start..tokens[item.end - 1].span.end]
            .chars()
            .any(char::is_lowercase)
}

fn located_place(ctx: &Ctx<'_>, start: usize) -> Option<usize> {
    let mut j = start;
    if j > 0 && ctx.words[j - 1] == "the" {
        j -= 1;
    }
    if j < 2 || ctx.words[j - 1] != "in" {
        return None;
    }
    let before = j - 1 - usize::from(ctx.words[j - 2] == ",");
    let k = ctx.item_at[before.checked_sub(1)?]?;
    let item = &ctx.s.items[k];
    (item.end == before && is_place_kind(item.kind)).then_some(k)
}

/// The rest of a clause says the event named before it did not or will not
/// take place ("has not been agreed", "was called off", "was cancelled").
fn not_happened_after(words: &[&str]) -> bool {
    words.iter().enumerate().any(|(i, w)| {
        let soon = &words[i + 1..(i + 4).min(words.len())];
        // "is not yet on the agenda", "was not being prepared"
        let later = &words[i + 1..(i + 6).min(words.len())];
        matches!(*w, "not" | "n't" | "never")
            && later
                .iter()
                .any(|v| matches!(*v, "agenda" | "prepared" | "preparation"))
            || matches!(*w, "not" | "n't" | "never")
            && soon.iter().any(|v| {
                matches!(
                    *v,
                    "agreed"
                        | "confirmed"
                        | "scheduled"
                        | "arranged"
                        | "planned"
                        | "happen"
                        | "happened"
                        | "materialised"
                        | "materialized"
                        | "place"
                        | "discussed"
                        | "considered"
                        | "expected"
                        | "possible"
                )
            })
            // "a meeting between A and B could take place in Istanbul"
            || matches!(*w, "could" | "might" | "may")
                && soon
                    .iter()
                    .any(|v| matches!(*v, "place" | "happen" | "occur" | "held"))
            || matches!(*w, "cancelled" | "canceled" | "postponed" | "unlikely")
            // "remains a distant prospect"
            || matches!(*w, "distant" | "remote") && soon.first() == Some(&"prospect")
            || *w == "called" && words.get(i + 1) == Some(&"off")
    })
}

/// A manner or time adverb that may sit inside a verb phrase ("virtually",
/// "briefly", "formally"); not "only", "early" or nouns in -ly.
fn is_manner_adverb(word: &str) -> bool {
    word.len() >= 5
        && word.ends_with("ly")
        && word.chars().all(|c| c.is_ascii_lowercase())
        && !matches!(
            word,
            "early"
                | "family"
                | "reply"
                | "rally"
                | "supply"
                | "apply"
                | "assembly"
                | "ally"
                | "july"
                | "italy"
                | "only"
                | "likely"
                | "daily"
                | "weekly"
                | "monthly"
        )
}

fn is_place_kind(kind: EntityKind) -> bool {
    matches!(kind, EntityKind::Town | EntityKind::Region)
}

/// True when the sentence ends with a question mark (before any closing quote).
fn is_question(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '\u{201D}', '\u{2019}', '\'', ')'])
        .ends_with('?')
}

/// The comma inside a number written with thousands separators ("600,000").
fn thousands_comma(words: &[&str], at: usize) -> bool {
    let digits = |j: usize| {
        words
            .get(j)
            .is_some_and(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()))
    };
    words.get(at) == Some(&",")
        && at > 0
        && digits(at - 1)
        && digits(at + 1)
        && words[at + 1].len() == 3
}

fn span_text(ctx: &Ctx<'_>, start: usize, end: usize) -> String {
    // The source text of the tokens, with each run of white space made one
    // space: "U.S.-drafted plan" keeps its spelling. A quotation mark left
    // open by the span's end is dropped.
    if end <= start || end > ctx.s.tokens.len() {
        return String::new();
    }
    let (first, last) = (&ctx.s.tokens[start], &ctx.s.tokens[end - 1]);
    let source = &ctx.s.text[first.span.start..last.span.end];
    let text = source.split_whitespace().collect::<Vec<_>>().join(" ");
    let straight = text.matches('"').count();
    let opening = text.matches('\u{201C}').count();
    let closing = text.matches('\u{201D}').count();
    if straight % 2 == 1 || opening != closing {
        text.replace(['"', '\u{201C}', '\u{201D}'], "")
    } else {
        text
    }
}
