//! Dates in news text: finding date phrases in a sentence and resolving them to calendar days.
//!
//! Pure functions from text (and an anchor, the publication date) to dates;
//! no I/O, no RDF. Two entry points:
//! [`find_date_phrase`] returns the words that date an event in a sentence
//! ("on Tuesday", "last week", "24 February 2022", "Feb 3"), for the
//! extractor to put in `Fact::date_phrase`; [`resolve`] turns such a phrase
//! into a [`DateSpan`] — one day or a range of days — resolving relative
//! words against the anchor.
//!
//! Conventions, as newsrooms use them:
//! - A bare weekday ("on Tuesday") means the day of that name in the week of
//!   publication: the publication day itself when the names match, else the
//!   most recent one for past events and the next one for planned events
//!   ([`Tense`]). "last Tuesday" is always past, "next Tuesday" always future.
//! - A day and month without a year ("December 1st", "Feb 3") take the year
//!   that puts them closest to the anchor, so "30 December" read on 2 January
//!   is last year's.
//! - When a phrase names both a weekday and a date ("Tuesday, December 2"),
//!   the date wins; whether the two agree is reported by [`weekday_mismatch`].
//! - Week, month and year phrases ("last week") resolve to ranges, never to a
//!   made-up day.
//!
//! Nothing here guesses without an anchor: a relative phrase with no
//! publication date, or a date without a year and no anchor, is `None`.

use std::sync::LazyLock;

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use regex::Regex;

use crate::text::Span;

/// A resolved date: one day (`first == last`) or a range of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateSpan {
    /// The first day.
    pub first: Date,
    /// The last day (inclusive).
    pub last: Date,
}

impl DateSpan {
    /// A single day.
    pub fn day(date: Date) -> Self {
        DateSpan {
            first: date,
            last: date,
        }
    }

    /// The day, when the span is exactly one day.
    pub fn as_day(&self) -> Option<Date> {
        (self.first == self.last).then_some(self.first)
    }

    /// True when the two spans share at least one day.
    pub fn overlaps(&self, other: &DateSpan) -> bool {
        self.first <= other.last && other.first <= self.last
    }
}

/// Whether the event the phrase dates lies before or after the anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// Reported as having happened ("met on Tuesday").
    Past,
    /// Scheduled or expected ("will meet on Tuesday").
    Future,
    /// Not known; bare weekdays are then read as past, as news mostly reports.
    Unknown,
}

/// A date phrase found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatePhrase {
    /// Byte offsets in the sentence.
    pub span: Span,
    /// The words as written.
    pub text: String,
}

/// Finds the first date phrase in `sentence` (see [`find_date_phrases`]).
pub fn find_date_phrase(sentence: &str) -> Option<DatePhrase> {
    find_date_phrases(sentence).into_iter().next()
}

/// Finds every date phrase in `sentence`, in order, without overlaps:
/// explicit dates ("24 February 2022", "December 1st", "Dec. 3", "2025-12-02"),
/// weekdays with their preposition and part of day ("on Tuesday afternoon",
/// "last Monday"), and relative phrases ("yesterday", "last week", "two days ago",
/// "at the weekend"). Years alone ("in 2022") are not date phrases.
pub fn find_date_phrases(sentence: &str) -> Vec<DatePhrase> {
    let mut found: Vec<DatePhrase> = Vec::new();
    for m in PHRASE.find_iter(sentence) {
        let text = m.as_str().trim_end_matches([',', ' ']);
        found.push(DatePhrase {
            span: Span::new(m.start(), m.start() + text.len()),
            text: text.to_string(),
        });
    }
    found
}

/// Resolves a date phrase against `anchor` (the publication date).
///
/// Returns `None` when the phrase holds no date this module understands, or
/// when it needs an anchor (relative words, a date without a year) and none
/// is given.
pub fn resolve(phrase: &str, anchor: Option<Date>, tense: Tense) -> Option<DateSpan> {
    let lower = phrase.to_lowercase();
    let lower = lower.trim();
    if let Some(date) = explicit_date(lower, anchor) {
        return Some(DateSpan::day(date));
    }
    if let Some(span) = whole_month(lower, anchor) {
        return Some(span);
    }
    let anchor = anchor?;
    if let Some(span) = relative_period(lower, anchor) {
        return Some(span);
    }
    let caps = WEEKDAY.captures(lower)?;
    let weekday = weekday(&caps["day"])?;
    let modifier = caps.name("modifier").map(|m| m.as_str());
    let tense = match modifier {
        Some("last") | Some("past") | Some("previous") => Tense::Past,
        Some("next") | Some("coming") => Tense::Future,
        _ => tense,
    };
    let exact_today = anchor.weekday() == weekday && modifier.is_none();
    if exact_today {
        return Some(DateSpan::day(anchor));
    }
    let date = match tense {
        Tense::Future => next_weekday(anchor, weekday),
        Tense::Past | Tense::Unknown => previous_weekday(anchor, weekday),
    };
    Some(DateSpan::day(date))
}

/// When `phrase` names a weekday and resolves to a day of another weekday
/// ("Tuesday, December 1st" in a year when 1 December is a Monday), the
/// weekday the phrase names and the weekday of the date.
pub fn weekday_mismatch(phrase: &str, resolved: Date) -> Option<(Weekday, Weekday)> {
    let lower = phrase.to_lowercase();
    let named = WEEKDAY_ANYWHERE
        .find(&lower)
        .and_then(|m| weekday(m.as_str()))?;
    (named != resolved.weekday()).then_some((named, resolved.weekday()))
}

/// Month names and abbreviations, each followed by a word boundary and an optional full stop.
const MONTHS: &str = r"(?:january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug|september|sept|sep|october|oct|november|nov|december|dec)\b\.?";
/// Full month names, for phrases naming a whole month ("in November").
const FULL_MONTHS: &str =
    "january|february|march|april|may|june|july|august|september|october|november|december";
const DAYS: &str = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday";

/// True for an English weekday name in lower case ("saturday").
pub fn is_weekday(word: &str) -> bool {
    DAYS.split('|').any(|day| day == word)
}
const ORDINAL: &str = r"(?:st|nd|rd|th)";

/// Every phrase [`find_date_phrases`] recognises, as one alternation (longest forms first).
static PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    let day_month = format!(r"\d{{1,2}}{ORDINAL}?(?:\s+of)?\s+(?:{MONTHS})(?:,?\s+\d{{4}})?");
    let month_day = format!(r"(?:{MONTHS})\s+\d{{1,2}}{ORDINAL}?\b(?:,?\s+\d{{4}})?");
    let iso = r"\d{4}-\d{2}-\d{2}";
    let weekday = format!(
        r"(?:(?:on|last|next|this|coming|past|previous|since|by|until|from)\s+)?(?:the\s+)?(?:{DAYS})(?:\s+(?:morning|afternoon|evening|night))?(?:,?\s+(?:the\s+)?(?:{day_month}|{month_day}))?"
    );
    let explicit = format!(r"(?:on\s+)?(?:the\s+)?(?:{day_month}|{month_day}|{iso})");
    let month_only = format!(
        r"(?:in|since|until|during|by|from)\s+(?:(?:early|mid|late)[-\s]+)?(?:{FULL_MONTHS})(?:,?\s+\d{{4}})?"
    );
    let relative = r"(?:earlier\s+|later\s+)?(?:today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening))|(?:last|next|this|past|previous|coming)\s+(?:week|month|year|weekend)|(?:a|one|two|three|four|five|six|seven|\d{1,2})\s+(?:days?|weeks?)\s+(?:ago|earlier|later)|(?:at|over|on|during)\s+the\s+weekend|the\s+day\s+before|the\s+previous\s+day";
    Regex::new(&format!(
        r"(?i)\b(?:{weekday}|{explicit}|{month_only}|{relative})\b"
    ))
    .expect("date phrase pattern")
});

static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:(?:on|since|by|until|from)\s+)?(?:(?P<modifier>last|next|this|coming|past|previous)\s+)?(?:the\s+)?(?P<day>{DAYS})\b"
    ))
    .expect("weekday pattern")
});

static WEEKDAY_ANYWHERE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\b(?:{DAYS})\b")).expect("weekday pattern"));

static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?P<day>\d{{1,2}}){ORDINAL}?(?:\s+of)?\s+(?P<month>{MONTHS})(?:,?\s+(?P<year>\d{{4}}))?"
    ))
    .expect("day-month pattern")
});

static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?P<month>{MONTHS})\s+(?P<day>\d{{1,2}}){ORDINAL}?\b(?:,?\s+(?P<year>\d{{4}}))?"
    ))
    .expect("month-day pattern")
});

static MONTH_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?:in|since|until|during|by|from)\s+(?:(?:early|mid|late)[-\s]+)?(?P<month>{FULL_MONTHS})\b(?:,?\s+(?P<year>\d{{4}}))?"
    ))
    .expect("month pattern")
});

static ISO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})-(\d{2})-(\d{2})\b").expect("iso pattern"));

static AGO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<n>a|one|two|three|four|five|six|seven|\d{1,2})\s+(?P<unit>day|week)s?\s+(?P<dir>ago|earlier|later)\b")
        .expect("ago pattern")
});

fn explicit_date(lower: &str, anchor: Option<Date>) -> Option<Date> {
    if let Some(c) = ISO.captures(lower) {
        return Date::new(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?).ok();
    }
    let caps = DAY_MONTH
        .captures(lower)
        .or_else(|| MONTH_DAY.captures(lower))?;
    let day: i8 = caps["day"].parse().ok()?;
    let month = month(&caps["month"])?;
    match caps.name("year") {
        Some(year) => Date::new(year.as_str().parse().ok()?, month, day).ok(),
        None => {
            let anchor = anchor?;
            [anchor.year() - 1, anchor.year(), anchor.year() + 1]
                .into_iter()
                .filter_map(|y| Date::new(y, month, day).ok())
                .min_by_key(|d| days_between(*d, anchor).abs())
        }
    }
}

/// "in November", "in early March 2025": the whole month, in the year
/// given or, failing that, the one that puts it closest to the anchor.
fn whole_month(lower: &str, anchor: Option<Date>) -> Option<DateSpan> {
    let caps = MONTH_ONLY.captures(lower)?;
    let month = month(&caps["month"])?;
    let first = match caps.name("year") {
        Some(year) => Date::new(year.as_str().parse().ok()?, month, 1).ok()?,
        None => {
            let anchor = anchor?;
            [anchor.year() - 1, anchor.year(), anchor.year() + 1]
                .into_iter()
                .filter_map(|y| Date::new(y, month, 15).ok())
                .min_by_key(|d| days_between(*d, anchor).abs())?
                .first_of_month()
        }
    };
    Some(DateSpan {
        first,
        last: first.last_of_month(),
    })
}

fn relative_period(lower: &str, anchor: Date) -> Option<DateSpan> {
    let day = |offset: i64| anchor.checked_add(offset.days()).ok().map(DateSpan::day);
    if lower.contains("yesterday")
        || lower.contains("the day before")
        || lower.contains("the previous day")
    {
        return day(-1);
    }
    if lower.contains("tomorrow") {
        return day(1);
    }
    if lower.contains("today")
        || lower.contains("tonight")
        || lower.starts_with("this morning")
        || lower.starts_with("this afternoon")
        || lower.starts_with("this evening")
    {
        return day(0);
    }
    if let Some(c) = AGO.captures(lower) {
        let n: i64 = match &c["n"] {
            "a" | "one" => 1,
            "two" => 2,
            "three" => 3,
            "four" => 4,
            "five" => 5,
            "six" => 6,
            "seven" => 7,
            digits => digits.parse().ok()?,
        };
        let sign = if &c["dir"] == "later" { 1 } else { -1 };
        return match &c["unit"] {
            "day" => day(sign * n),
            _ => {
                let centre = anchor.checked_add((sign * 7 * n).days()).ok()?;
                Some(week_of(centre))
            }
        };
    }
    let words: Vec<&str> = lower.split_whitespace().collect();
    let (modifier, unit) = match words.as_slice() {
        [.., m, u] => (*m, *u),
        _ => return None,
    };
    let offset: i64 = match modifier {
        "last" | "past" | "previous" => -1,
        "next" | "coming" => 1,
        "this" => 0,
        "the" if ["at", "over", "on", "during"].contains(&words[0]) => -1,
        _ => return None,
    };
    match unit {
        "week" => Some(week_of(anchor.checked_add((7 * offset).days()).ok()?)),
        "weekend" => {
            let saturday = match (anchor.weekday(), offset) {
                (Weekday::Saturday, _) => anchor,
                (Weekday::Sunday, _) => anchor.checked_sub(1.day()).ok()?,
                (_, -1) => previous_weekday(anchor, Weekday::Saturday),
                _ => next_weekday(anchor, Weekday::Saturday),
            };
            Some(DateSpan {
                first: saturday,
                last: saturday.checked_add(1.day()).ok()?,
            })
        }
        "month" => {
            let first = anchor
                .first_of_month()
                .checked_add((offset as i32).months())
                .ok()?;
            Some(DateSpan {
                first,
                last: first.last_of_month(),
            })
        }
        "year" => {
            let year = anchor.year() + offset as i16;
            Some(DateSpan {
                first: Date::new(year, 1, 1).ok()?,
                last: Date::new(year, 12, 31).ok()?,
            })
        }
        _ => None,
    }
}

/// Monday to Sunday of the week holding `date`.
fn week_of(date: Date) -> DateSpan {
    let monday = date
        .checked_sub((date.weekday().to_monday_zero_offset() as i64).days())
        .unwrap_or(date);
    DateSpan {
        first: monday,
        last: monday.checked_add(6.days()).unwrap_or(monday),
    }
}

/// The last `weekday` strictly before `date`.
fn previous_weekday(date: Date, weekday: Weekday) -> Date {
    let back = (date.weekday().to_monday_zero_offset() - weekday.to_monday_zero_offset() + 7) % 7;
    let back = if back == 0 { 7 } else { back };
    date.checked_sub((back as i64).days()).unwrap_or(date)
}

/// The first `weekday` strictly after `date`.
fn next_weekday(date: Date, weekday: Weekday) -> Date {
    let ahead = (weekday.to_monday_zero_offset() - date.weekday().to_monday_zero_offset() + 7) % 7;
    let ahead = if ahead == 0 { 7 } else { ahead };
    date.checked_add((ahead as i64).days()).unwrap_or(date)
}

fn days_between(a: Date, b: Date) -> i64 {
    (a.since(b).map(|s| s.get_days() as i64)).unwrap_or(i64::MAX / 2)
}

fn weekday(name: &str) -> Option<Weekday> {
    Some(match name {
        "monday" => Weekday::Monday,
        "tuesday" => Weekday::Tuesday,
        "wednesday" => Weekday::Wednesday,
        "thursday" => Weekday::Thursday,
        "friday" => Weekday::Friday,
        "saturday" => Weekday::Saturday,
        "sunday" => Weekday::Sunday,
        _ => return None,
    })
}

fn month(name: &str) -> Option<i8> {
    let name = name.trim_end_matches('.');
    let key = name.get(..3)?;
    Some(match key {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    /// Resolves `phrase` against `anchor` and prints the result as `YYYY-MM-DD` or `first..last`.
    fn check(phrase: &str, anchor: &str, tense: Tense, expected: &str) {
        let anchor = (!anchor.is_empty()).then(|| date(anchor));
        let got = match resolve(phrase, anchor, tense) {
            None => "none".to_string(),
            Some(span) => match span.as_day() {
                Some(day) => day.to_string(),
                None => format!("{}..{}", span.first, span.last),
            },
        };
        assert_eq!(got, expected, "{phrase:?} against {anchor:?}");
    }

    fn phrases(sentence: &str) -> Vec<String> {
        find_date_phrases(sentence)
            .into_iter()
            .map(|p| {
                assert_eq!(&sentence[p.span.start..p.span.end], p.text);
                p.text
            })
            .collect()
    }

    #[test]
    fn weekday_on_the_publication_day_is_that_day() {
        // 2025-12-02 is a Tuesday.
        check("on Tuesday", "2025-12-02", Tense::Future, "2025-12-02");
        check("on Tuesday", "2025-12-02", Tense::Past, "2025-12-02");
    }

    #[test]
    fn past_weekday_is_the_last_one_before_publication() {
        check("on Monday", "2025-12-02", Tense::Past, "2025-12-01");
        check("on Monday", "2025-12-02", Tense::Unknown, "2025-12-01");
        check("last Tuesday", "2025-12-02", Tense::Unknown, "2025-11-25");
    }

    #[test]
    fn planned_weekday_is_the_next_one() {
        check("on Friday", "2025-12-02", Tense::Future, "2025-12-05");
        check("next Tuesday", "2025-12-02", Tense::Past, "2025-12-09");
    }

    #[test]
    fn relative_days_cross_month_and_year_boundaries() {
        // 2026-01-01 is a Thursday.
        check("on Tuesday", "2026-01-01", Tense::Past, "2025-12-30");
        check("yesterday", "2026-01-01", Tense::Unknown, "2025-12-31");
        check("tomorrow", "2025-12-31", Tense::Unknown, "2026-01-01");
        check("yesterday", "2024-03-01", Tense::Unknown, "2024-02-29");
        check("on Monday", "2026-03-01", Tense::Future, "2026-03-02");
        check("two days ago", "2026-01-01", Tense::Unknown, "2025-12-30");
        check(
            "last week",
            "2026-01-01",
            Tense::Unknown,
            "2025-12-22..2025-12-28",
        );
        check(
            "last month",
            "2026-01-15",
            Tense::Unknown,
            "2025-12-01..2025-12-31",
        );
        check(
            "at the weekend",
            "2025-12-02",
            Tense::Unknown,
            "2025-11-29..2025-11-30",
        );
    }

    #[test]
    fn explicit_dates_take_the_nearest_year() {
        check("December 1st", "2025-12-02", Tense::Unknown, "2025-12-01");
        check("Feb 3", "2026-02-05", Tense::Unknown, "2026-02-03");
        check("Dec. 30", "2026-01-02", Tense::Unknown, "2025-12-30");
        check("on 2 January", "2025-12-30", Tense::Unknown, "2026-01-02");
        check(
            "24 February 2022",
            "2025-12-02",
            Tense::Unknown,
            "2022-02-24",
        );
        check("24 February 2022", "", Tense::Unknown, "2022-02-24");
        check(
            "the 1st of December",
            "2025-11-20",
            Tense::Unknown,
            "2025-12-01",
        );
        check("2025-12-02", "", Tense::Unknown, "2025-12-02");
        check(
            "in November",
            "2025-12-02",
            Tense::Unknown,
            "2025-11-01..2025-11-30",
        );
        check(
            "in December",
            "2026-01-05",
            Tense::Unknown,
            "2025-12-01..2025-12-31",
        );
        check(
            "since February 2022",
            "",
            Tense::Unknown,
            "2022-02-01..2022-02-28",
        );
    }

    #[test]
    fn an_explicit_date_beats_its_weekday() {
        check(
            "Tuesday afternoon, December 1st",
            "2025-12-03",
            Tense::Unknown,
            "2025-12-01",
        );
        assert_eq!(
            weekday_mismatch("Tuesday afternoon, December 1st", date("2025-12-01")),
            Some((Weekday::Tuesday, Weekday::Monday))
        );
        assert_eq!(
            weekday_mismatch("Tuesday, 2 December", date("2025-12-02")),
            None
        );
    }

    #[test]
    fn nothing_is_guessed_without_an_anchor() {
        check("on Tuesday", "", Tense::Past, "none");
        check("December 1st", "", Tense::Past, "none");
        check("last week", "", Tense::Past, "none");
        check("in the east", "2025-12-02", Tense::Past, "none");
    }

    #[test]
    fn finds_date_phrases_in_sentences() {
        assert_eq!(
            phrases("Putin will meet the envoy in Moscow on Tuesday, the Kremlin said."),
            ["on Tuesday"]
        );
        assert_eq!(
            phrases("The envoy arrives on Tuesday afternoon, December 1st, after talks."),
            ["on Tuesday afternoon, December 1st"]
        );
        assert_eq!(
            phrases("Last week, the minister said the war began on 24 February 2022."),
            ["Last week", "on 24 February 2022"]
        );
        assert_eq!(phrases("Talks resumed Feb. 3 in Geneva."), ["Feb. 3"]);
        assert_eq!(
            phrases("The draft circulated in November."),
            ["in November"]
        );
        assert_eq!(
            phrases("They met two days ago at the weekend."),
            ["two days ago", "at the weekend"]
        );
        assert_eq!(
            phrases("The conflict began in 2014 with the annexation."),
            Vec::<String>::new()
        );
        assert_eq!(phrases("May she meet him? No."), Vec::<String>::new());
    }
}
