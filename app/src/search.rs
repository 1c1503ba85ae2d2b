//! One tokeniser for documents and queries, English and Chinese alike.
//!
//! PostgreSQL's parsers do not split Chinese into words. We index every run of CJK
//! characters as its overlapping two-character pieces (数据标注 → 数据 据标 标注), so that
//! any Chinese word of two or more characters is found by the pieces it is made of;
//! Latin words are lower-cased and matched by prefix (annotat → annotation). Documents
//! become space-separated terms for `to_tsvector('simple', …)`; queries become a tsquery
//! literal whose lexemes contain only letters and digits, so no input can inject
//! tsquery operators. Wasm-safe.

/// Longest query we look at, in characters; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 100;
/// Most terms (lexemes) one search matches; each costs an index lookup and narrows
/// little after the first few. Further terms are dropped and the page says which.
pub const MAX_TERMS: usize = 8;
/// Latin words shorter than this match whole words only: `a:*` would match most of
/// the catalog at the price of reading most of the index.
pub const MIN_PREFIX_CHARS: usize = 3;

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Latin(String),
    Cjk(Vec<char>),
}

fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut latin = String::new();
    let mut cjk = Vec::new();
    for c in text.chars() {
        let cjk_char = is_cjk(c);
        if (cjk_char || !c.is_alphanumeric()) && !latin.is_empty() {
            out.push(Token::Latin(std::mem::take(&mut latin)));
        }
        if !cjk_char && !cjk.is_empty() {
            out.push(Token::Cjk(std::mem::take(&mut cjk)));
        }
        if cjk_char {
            cjk.push(c);
        } else if c.is_alphanumeric() {
            latin.extend(c.to_lowercase());
        }
    }
    if !latin.is_empty() {
        out.push(Token::Latin(latin));
    }
    if !cjk.is_empty() {
        out.push(Token::Cjk(cjk));
    }
    out
}

fn bigrams(run: &[char]) -> Vec<String> {
    if run.len() == 1 {
        return vec![run[0].to_string()];
    }
    run.windows(2).map(|pair| pair.iter().collect()).collect()
}

/// The terms of a document, space-separated, for `to_tsvector('simple', …)`.
pub fn document_terms(texts: &[&str]) -> String {
    let mut terms = Vec::new();
    for text in texts {
        for token in tokens(text) {
            match token {
                Token::Latin(word) => terms.push(word),
                Token::Cjk(run) => terms.extend(bigrams(&run)),
            }
        }
    }
    terms.join(" ")
}

/// What a merchant's or a listing's search document is made of, as terms: its heading
/// (names or titles, weighted A) and its body (weighted B). Every write path builds it
/// here and hands both to the SQL function `search_document(heading, body)`, so which
/// texts are searchable, and how, is decided in one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentTerms {
    pub heading: String,
    pub body: String,
}

impl DocumentTerms {
    /// A merchant: its names, then its descriptions.
    pub fn of_merchant(names: [&str; 2], descriptions: [&str; 2]) -> Self {
        Self {
            heading: document_terms(&names),
            body: document_terms(&descriptions),
        }
    }

    /// A listing: its titles, then its summaries and descriptions.
    pub fn of_listing(titles: [&str; 2], summaries: [&str; 2], descriptions: [&str; 2]) -> Self {
        Self {
            heading: document_terms(&titles),
            body: document_terms(&[summaries[0], summaries[1], descriptions[0], descriptions[1]]),
        }
    }
}

/// One lexeme of a search: the whole lexeme, or every lexeme that starts with it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Term {
    pub lexeme: String,
    pub prefix: bool,
}

impl Term {
    fn whole(lexeme: impl Into<String>) -> Self {
        Self {
            lexeme: lexeme.into(),
            prefix: false,
        }
    }

    fn prefix(lexeme: impl Into<String>) -> Self {
        Self {
            lexeme: lexeme.into(),
            prefix: true,
        }
    }
}

/// A search as typed, reduced to what can be matched. Empty input is no search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    text: String,
    terms: Vec<Term>,
    tsquery: String,
    dropped: Vec<String>,
}

impl SearchQuery {
    /// `None` when nothing searchable remains (empty, only punctuation …).
    pub fn parse(raw: &str) -> Option<Self> {
        let text: String = raw.trim().chars().take(MAX_QUERY_CHARS).collect();
        let mut parts: Vec<Term> = Vec::new();
        let mut dropped = Vec::new();
        for token in tokens(&text) {
            let room = MAX_TERMS - parts.len().min(MAX_TERMS);
            match token {
                Token::Latin(word) if room == 0 => dropped.push(word),
                Token::Latin(word) if word.chars().count() < MIN_PREFIX_CHARS => {
                    parts.push(Term::whole(word))
                }
                Token::Latin(word) => parts.push(Term::prefix(word)),
                Token::Cjk(run) if room == 0 => dropped.push(run.iter().collect()),
                // One character: any indexed piece starting with it.
                Token::Cjk(run) if run.len() == 1 => parts.push(Term::prefix(run[0])),
                // A run of n characters is n - 1 pairs; the characters past the pairs
                // that fit are dropped.
                Token::Cjk(run) => {
                    let pairs = bigrams(&run);
                    let kept = pairs.len().min(room);
                    parts.extend(pairs[..kept].iter().map(Term::whole));
                    if kept < pairs.len() {
                        dropped.push(run[kept + 1..].iter().collect());
                    }
                }
            }
            let mut seen = std::collections::HashSet::new();
            parts.retain(|part| seen.insert(part.clone()));
        }
        let tsquery = parts
            .iter()
            .map(|term| match term.prefix {
                true => format!("'{}':*", term.lexeme),
                false => format!("'{}'", term.lexeme),
            })
            .collect::<Vec<_>>()
            .join(" & ");
        (!parts.is_empty()).then_some(Self {
            text,
            terms: parts,
            tsquery,
            dropped,
        })
    }

    /// What the visitor typed (trimmed and cut to length), for showing back.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The lexemes a match must all have (each whole, or as a prefix): what the
    /// in-memory index looks up, and what [`Self::tsquery`] spells for PostgreSQL.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// A tsquery literal, to bind as text and cast with `::tsquery`.
    pub fn tsquery(&self) -> &str {
        &self.tsquery
    }

    /// The words past [`MAX_TERMS`] that were not searched for, space-separated.
    pub fn dropped(&self) -> Option<String> {
        (!self.dropped.is_empty()).then(|| self.dropped.join(" "))
    }

    /// The dropped words as an ignored parameter of a page's URL.
    pub fn dropped_param(&self) -> Option<crate::url_params::IgnoredParam> {
        self.dropped()
            .map(|value| crate::url_params::IgnoredParam::new("q", value, Ignored::TooManyTerms))
    }
}

use crate::url_params::Ignored;

/// The terms of a search as typed (none without one), for [`highlight`].
pub fn terms_of(typed: Option<&str>) -> Vec<Term> {
    typed
        .and_then(SearchQuery::parse)
        .map(|query| query.terms)
        .unwrap_or_default()
}

/// `text` cut into parts, each marked when a search's terms matched it: Latin words that
/// are a term or start with a prefix term (as the search matched them), and Chinese
/// characters covered by a matched pair (a one-character prefix marks that character).
/// Shows why a result matched, in whichever language its text is.
pub fn highlight<'t>(text: &'t str, terms: &[Term]) -> Vec<(&'t str, bool)> {
    // The marked byte ranges, in order; a pair's second character may start the next.
    let mut marks: Vec<(usize, usize)> = Vec::new();
    let mut mark = |start: usize, end: usize| match marks.last_mut() {
        Some(last) if start <= last.1 => last.1 = last.1.max(end),
        _ => marks.push((start, end)),
    };
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if is_cjk(c) {
            let next = chars.peek().map(|&(_, c)| c).filter(|c| is_cjk(*c));
            for term in terms {
                let mut lexeme = term.lexeme.chars();
                if lexeme.next() != Some(c) {
                    continue;
                }
                match lexeme.next() {
                    None if term.prefix => mark(at, at + c.len_utf8()),
                    Some(second) if next == Some(second) => {
                        mark(at, at + c.len_utf8() + second.len_utf8());
                    }
                    _ => {}
                }
            }
        } else if c.is_alphanumeric() {
            let mut end = at + c.len_utf8();
            while let Some(&(next_at, next)) = chars.peek() {
                if !next.is_alphanumeric() || is_cjk(next) {
                    break;
                }
                end = next_at + next.len_utf8();
                chars.next();
            }
            let word = &text[at..end];
            if terms.iter().any(|term| word_matches(word, term)) {
                mark(at, end);
            }
        }
    }
    let mut parts = Vec::with_capacity(2 * marks.len() + 1);
    let mut from = 0;
    for (start, end) in marks {
        if start > from {
            parts.push((&text[from..start], false));
        }
        parts.push((&text[start..end], true));
        from = end;
    }
    if from < text.len() {
        parts.push((&text[from..], false));
    }
    parts
}

/// Whether a Latin word, lower-cased, is `term` (or starts with it, for a prefix).
fn word_matches(word: &str, term: &Term) -> bool {
    let mut lower = word.chars().flat_map(char::to_lowercase);
    term.lexeme.chars().all(|c| lower.next() == Some(c)) && (term.prefix || lower.next().is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_runs_are_indexed_as_overlapping_pairs() {
        assert_eq!(
            document_terms(&["工业数据标注"]),
            "工业 业数 数据 据标 标注"
        );
    }

    #[test]
    fn latin_words_are_lower_cased_and_split_from_chinese() {
        assert_eq!(
            document_terms(&["AI训练数据 for LLM-tuning, ISO27001"]),
            "ai 训练 练数 数据 for llm tuning iso27001"
        );
    }

    #[test]
    fn a_lone_chinese_character_is_kept() {
        assert_eq!(document_terms(&["云 API"]), "云 api");
    }

    #[test]
    fn a_two_character_chinese_query_is_one_lexeme() {
        assert_eq!(
            SearchQuery::parse(" 标注 ").expect("query").tsquery(),
            "'标注'"
        );
    }

    #[test]
    fn a_longer_chinese_query_needs_all_its_pairs() {
        assert_eq!(
            SearchQuery::parse("数据安全").expect("query").tsquery(),
            "'数据' & '据安' & '安全'"
        );
    }

    #[test]
    fn english_words_match_by_prefix() {
        assert_eq!(
            SearchQuery::parse("Annotation services")
                .expect("query")
                .tsquery(),
            "'annotation':* & 'services':*"
        );
    }

    #[test]
    fn operators_and_quotes_cannot_reach_the_tsquery() {
        let query =
            SearchQuery::parse("a' | !b & <-> 'x':* ); drop table listing;--").expect("query");
        assert!(!query.tsquery().contains('|') && !query.tsquery().contains('!'));
        assert!(
            query
                .tsquery()
                .split(" & ")
                .all(|part| part.starts_with('\'') && part.matches('\'').count() == 2)
        );
    }

    #[test]
    fn short_latin_words_match_whole_words_only() {
        assert_eq!(
            SearchQuery::parse("a AI iso").expect("query").tsquery(),
            "'a' & 'ai' & 'iso':*"
        );
    }

    #[test]
    fn terms_past_the_limit_are_dropped_and_reported() {
        let query =
            SearchQuery::parse("one two three four five six seven eight nine ten").expect("query");
        assert_eq!(query.tsquery().split(" & ").count(), MAX_TERMS);
        assert_eq!(query.dropped().as_deref(), Some("nine ten"));

        // Chinese: 数据安全治理服务平台 is nine pairs; the eighth pair ends at 平.
        let query = SearchQuery::parse("数据安全治理服务平台").expect("query");
        assert_eq!(query.tsquery().split(" & ").count(), MAX_TERMS);
        assert_eq!(query.dropped().as_deref(), Some("台"));

        assert_eq!(
            SearchQuery::parse("数据 标注").expect("query").dropped(),
            None
        );
    }

    #[test]
    fn repeated_words_count_once() {
        let query =
            SearchQuery::parse("data data data data data data data data data x").expect("query");
        assert_eq!(query.tsquery(), "'data':* & 'x'");
        assert_eq!(query.dropped(), None);
    }

    #[test]
    fn punctuation_alone_is_no_search() {
        assert_eq!(SearchQuery::parse("  ?!  "), None);
        assert_eq!(SearchQuery::parse(""), None);
    }

    fn highlighted(text: &str, query: &str) -> String {
        let query = SearchQuery::parse(query).expect("query");
        highlight(text, query.terms())
            .into_iter()
            .map(|(part, hit)| match hit {
                true => format!("[{part}]"),
                false => part.to_owned(),
            })
            .collect()
    }

    #[test]
    fn highlights_mark_what_the_search_matched_in_either_language() {
        assert_eq!(
            highlighted("工业数据标注服务", "标注"),
            "工业数据[标注]服务"
        );
        assert_eq!(
            highlighted("数据安全与数据治理", "数据安全"),
            "[数据安全]与[数据]治理"
        );
        assert_eq!(
            highlighted("Image Annotation for AI, annotated by hand", "annotat ai"),
            "Image [Annotation] for [AI], [annotated] by hand"
        );
        assert_eq!(
            highlighted("Said and paid", "ai"),
            "Said and paid",
            "whole words only"
        );
        assert_eq!(highlighted("云上数据", "数"), "云上[数]据");
        assert_eq!(
            highlighted("数据标注，AI数据", "数据标注 ai"),
            "[数据标注]，[AI数据]",
            "touching marks are one"
        );
        assert_eq!(
            highlighted("ANNOTATE annotation", "annotate"),
            "[ANNOTATE] annotation"
        );
        assert_eq!(highlighted("", "数据"), "");
        assert_eq!(highlighted("nothing here", "数据"), "nothing here");
    }

    #[test]
    fn very_long_queries_are_cut() {
        let query = SearchQuery::parse(&"数".repeat(5000)).expect("query");
        assert_eq!(query.text().chars().count(), MAX_QUERY_CHARS);
    }
}
