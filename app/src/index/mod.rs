//! In-memory search indexes for the public market: every public listing's and approved
//! merchant's search terms and filter values as compressed bitmaps (roaring) of their
//! ids. PostgreSQL stays the only source of truth: [`sync`] builds the indexes from it
//! and keeps them in step; `catalog::index` and `merchants::index` answer searches.
//!
//! A row's bit is its id. Ids come from one sequence, so they are dense, and "newest
//! first" is a bitmap read backwards: there is no slot table to keep in step with
//! inserts. A search is the AND of its terms' bitmaps (a prefix is the union of the
//! sorted dictionary's range of lexemes that start with it) and of its filters' bitmaps.
//! The lexemes are PostgreSQL's own (`tsvector_to_array` of the search documents), so an
//! index and the SQL path cannot disagree on what a word is.
//!
//! An index is never changed in place: [`Bitmaps::apply`] returns a new one that shares
//! every bitmap the change did not touch, and readers keep the one they started with.

pub mod sync;

use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;
use std::ops::Bound;
use std::sync::{Arc, Mutex, PoisonError};

use roaring::RoaringBitmap;

use crate::search::Term;

/// The sort key of a row that has none: after every other (a price "on request").
pub const NO_KEY: i64 = i64::MAX;

/// One row as an index reads it, with its values in `D` filter dimensions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc<const D: usize> {
    pub id: u32,
    /// The lexemes of its search document.
    pub terms: Vec<String>,
    /// The lexemes of its heading alone (a subset of `terms`; may be empty).
    pub title_terms: Vec<String>,
    /// Its values in each dimension: one, or an array's elements.
    pub values: [Vec<String>; D],
    /// A second sort order (a listing's price), if the index has one.
    pub key: Option<i64>,
}

#[derive(Debug, Clone, Default)]
struct Postings {
    /// Rows whose search document has the lexeme.
    any: RoaringBitmap,
    /// Those of them whose heading has it.
    title: RoaringBitmap,
}

/// The bitmaps of one kind of row.
#[derive(Debug, Clone)]
pub struct Bitmaps<const D: usize> {
    all: Arc<RoaringBitmap>,
    /// Sorted, so that a prefix is a range.
    terms: BTreeMap<Box<str>, Arc<Postings>>,
    values: [BTreeMap<Box<str>, Arc<RoaringBitmap>>; D],
    /// Each row's sort key by id; ids past its end, and rows without one, have `NO_KEY`.
    keys: Arc<Vec<i64>>,
}

impl<const D: usize> Default for Bitmaps<D> {
    fn default() -> Self {
        Self {
            all: Arc::default(),
            terms: BTreeMap::new(),
            values: std::array::from_fn(|_| BTreeMap::new()),
            keys: Arc::default(),
        }
    }
}

/// What a text search matches.
#[derive(Debug, Clone, Default)]
pub struct TextMatches {
    /// Rows with every term.
    pub any: RoaringBitmap,
    /// Rows with every term in their heading.
    pub title: RoaringBitmap,
}

/// Bytes an index holds, by part.
#[derive(Debug, Clone, Copy)]
pub struct Footprint {
    /// The lexemes and their postings.
    pub terms: usize,
    /// The filter dimensions' values and bitmaps.
    pub values: usize,
    /// Every row's bit and sort key.
    pub rows: usize,
}

/// Builds a whole index from rows read in id order (a full load).
///
/// A bitmap grown one id at a time holds up to half of each array spare, and leaves the
/// smaller arrays it outgrew freed among the live ones. So each block of 2^16 ids (one
/// roaring container's span) is grown apart and, when the next block begins, copied into
/// the index at exact size; the next block's growth then reuses the same memory. The
/// loaded index thus takes little more than it holds, and never twice that.
#[derive(Debug)]
pub struct Builder<const D: usize> {
    all: RoaringBitmap,
    sets: Sets<D>,
    /// The block being read (its ids' upper 16 bits) and its rows' bitmaps.
    block: u32,
    block_sets: Sets<D>,
    keys: Vec<i64>,
}

/// Rows by lexeme and by value, as a builder grows them.
#[derive(Debug)]
struct Sets<const D: usize> {
    terms: HashMap<Box<str>, Postings>,
    values: [HashMap<Box<str>, RoaringBitmap>; D],
}

impl<const D: usize> Default for Sets<D> {
    fn default() -> Self {
        Self {
            terms: HashMap::new(),
            values: std::array::from_fn(|_| HashMap::new()),
        }
    }
}

impl<const D: usize> Sets<D> {
    fn insert(&mut self, doc: Doc<D>) {
        let id = doc.id;
        for term in doc.terms {
            entry(&mut self.terms, term).any.insert(id);
        }
        for term in doc.title_terms {
            entry(&mut self.terms, term).title.insert(id);
        }
        for (dim, values) in self.values.iter_mut().zip(doc.values) {
            for value in values {
                entry(dim, value).insert(id);
            }
        }
    }

    /// Takes in a block's bitmaps, each container copied at exact size, and leaves the
    /// block empty (its maps' room kept for the next).
    fn take_block(&mut self, block: &mut Self) {
        for (term, postings) in block.terms.drain() {
            let kept = self.terms.entry(term).or_default();
            kept.any |= &postings.any;
            kept.title |= &postings.title;
        }
        for (kept, block) in self.values.iter_mut().zip(&mut block.values) {
            for (value, bitmap) in block.drain() {
                *kept.entry(value).or_default() |= &bitmap;
            }
        }
    }
}

impl<const D: usize> Default for Builder<D> {
    fn default() -> Self {
        Self {
            all: RoaringBitmap::new(),
            sets: Sets::default(),
            block: 0,
            block_sets: Sets::default(),
            keys: Vec::new(),
        }
    }
}

impl<const D: usize> Builder<D> {
    pub fn add(&mut self, doc: Doc<D>) {
        let id = doc.id;
        if id >> 16 != self.block {
            self.sets.take_block(&mut self.block_sets);
            self.block = id >> 16;
        }
        self.all.insert(id);
        set_key(&mut self.keys, id, doc.key);
        self.block_sets.insert(doc);
    }

    /// The index, with runs of ids (a word in nearly every row, a merchant's listings
    /// side by side) as run-length containers where that is smaller: they also
    /// intersect faster.
    pub fn finish(mut self) -> Bitmaps<D> {
        self.sets.take_block(&mut self.block_sets);
        let Sets {
            mut terms,
            mut values,
        } = self.sets;
        self.all.optimize();
        for postings in terms.values_mut() {
            postings.any.optimize();
            postings.title.optimize();
        }
        for bitmap in values.iter_mut().flat_map(HashMap::values_mut) {
            bitmap.optimize();
        }
        self.keys.shrink_to_fit();
        Bitmaps {
            all: Arc::new(self.all),
            terms: shared(terms),
            values: values.map(shared),
            keys: Arc::new(self.keys),
        }
    }
}

fn shared<T>(map: HashMap<Box<str>, T>) -> BTreeMap<Box<str>, Arc<T>> {
    map.into_iter().map(|(key, v)| (key, Arc::new(v))).collect()
}

/// The entry for `key`, allocating the key only when it is new.
fn entry<T: Default>(map: &mut HashMap<Box<str>, T>, key: String) -> &mut T {
    map.entry(key.into_boxed_str()).or_default()
}

/// A row's id as a bitmap holds it. An id past `u32` is a decoding error: the index is
/// then not built, and searches stay on the SQL path.
pub fn bit_of(id: i64, column: &str) -> Result<u32, sqlx::Error> {
    u32::try_from(id).map_err(|e| sqlx::Error::ColumnDecode {
        index: column.to_owned(),
        source: Box::new(e),
    })
}

fn set_key(keys: &mut Vec<i64>, id: u32, key: Option<i64>) {
    let slot = id as usize;
    if key.is_none() && slot >= keys.len() {
        return;
    }
    if slot >= keys.len() {
        keys.resize(slot + 1, NO_KEY);
    }
    keys[slot] = key.unwrap_or(NO_KEY);
}

impl<const D: usize> Bitmaps<D> {
    pub fn build(docs: impl IntoIterator<Item = Doc<D>>) -> Self {
        let mut builder = Builder::default();
        docs.into_iter().for_each(|doc| builder.add(doc));
        builder.finish()
    }

    /// Every row it holds.
    pub fn all(&self) -> &RoaringBitmap {
        &self.all
    }

    pub fn len(&self) -> u64 {
        self.all.len()
    }

    pub fn is_empty(&self) -> bool {
        self.all.is_empty()
    }

    /// How many distinct lexemes it holds.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// About how much memory it holds, from its bitmaps' container sizes, keys and
    /// dictionaries (each entry's map and `Arc` overhead taken as 64 bytes).
    pub fn footprint(&self) -> Footprint {
        const ENTRY: usize = 64;
        Footprint {
            terms: self
                .terms
                .iter()
                .map(|(term, p)| {
                    ENTRY + term.len() + p.any.serialized_size() + p.title.serialized_size()
                })
                .sum(),
            values: self
                .values
                .iter()
                .flatten()
                .map(|(value, bitmap)| ENTRY + value.len() + bitmap.serialized_size())
                .sum(),
            rows: self.all.serialized_size() + self.keys.capacity() * size_of::<i64>(),
        }
    }

    /// The `n` lexemes found in the most rows: the searches that cost the most.
    pub fn broadest_terms(&self, n: usize) -> Vec<&str> {
        let mut terms: Vec<(u64, &str)> = self
            .terms
            .iter()
            .map(|(lexeme, postings)| (postings.any.len(), &**lexeme))
            .collect();
        terms.sort_unstable_by(|a, b| b.cmp(a));
        terms
            .into_iter()
            .take(n)
            .map(|(_, lexeme)| lexeme)
            .collect()
    }

    /// The rows with `value` in dimension `dim` (none for a value nobody has).
    pub fn value(&self, dim: usize, value: &str) -> Option<&RoaringBitmap> {
        self.values[dim].get(value).map(|bitmap| &**bitmap)
    }

    /// Every value of dimension `dim` with its rows.
    pub fn values(&self, dim: usize) -> impl Iterator<Item = (&str, &RoaringBitmap)> {
        self.values[dim]
            .iter()
            .map(|(value, bitmap)| (&**value, &**bitmap))
    }

    /// A row's sort key (`NO_KEY` when it has none).
    pub fn key(&self, id: u32) -> i64 {
        self.keys.get(id as usize).copied().unwrap_or(NO_KEY)
    }

    /// A new index in which the rows `changed` are as `now` says: each one in it (still
    /// or newly present) as given there, every other one gone.
    pub fn apply(&self, changed: &RoaringBitmap, now: Vec<Doc<D>>) -> Self {
        let mut next = self.clone();
        if !changed.is_empty() {
            *Arc::make_mut(&mut next.all) -= changed;
            next.terms.retain(|_, postings| {
                // The heading's rows are among `any`'s.
                if postings.any.is_disjoint(changed) {
                    return true;
                }
                let postings = Arc::make_mut(postings);
                postings.any -= changed;
                postings.title -= changed;
                !postings.any.is_empty()
            });
            for dim in &mut next.values {
                dim.retain(|_, bitmap| {
                    if bitmap.is_disjoint(changed) {
                        return true;
                    }
                    let bitmap = Arc::make_mut(bitmap);
                    *bitmap -= changed;
                    !bitmap.is_empty()
                });
            }
        }
        for doc in now {
            next.insert(doc);
        }
        next
    }

    fn insert(&mut self, doc: Doc<D>) {
        let id = doc.id;
        Arc::make_mut(&mut self.all).insert(id);
        for term in doc.terms {
            Arc::make_mut(self.terms.entry(term.into()).or_default())
                .any
                .insert(id);
        }
        for term in doc.title_terms {
            Arc::make_mut(self.terms.entry(term.into()).or_default())
                .title
                .insert(id);
        }
        for (dim, values) in self.values.iter_mut().zip(doc.values) {
            for value in values {
                Arc::make_mut(dim.entry(value.into()).or_default()).insert(id);
            }
        }
        set_key(Arc::make_mut(&mut self.keys), id, doc.key);
    }

    /// The rows with every term (each whole, or as a prefix), anywhere and in headings.
    pub fn text(&self, terms: &[Term]) -> TextMatches {
        let mut matches: Option<TextMatches> = None;
        for term in terms {
            let (any, title) = self.postings(term);
            matches = Some(match matches {
                None => TextMatches { any, title },
                Some(so_far) => TextMatches {
                    any: so_far.any & any,
                    title: so_far.title & title,
                },
            });
        }
        matches.unwrap_or_default()
    }

    /// The rows with `term` anywhere, and those with it in their headings.
    fn postings(&self, term: &Term) -> (RoaringBitmap, RoaringBitmap) {
        if !term.prefix {
            return match self.terms.get(term.lexeme.as_str()) {
                Some(postings) => (postings.any.clone(), postings.title.clone()),
                None => Default::default(),
            };
        }
        let from = (Bound::Included(term.lexeme.as_str()), Bound::Unbounded);
        let mut any = RoaringBitmap::new();
        let mut title = RoaringBitmap::new();
        for (_, postings) in self
            .terms
            .range::<str, _>(from)
            .take_while(|(lexeme, _)| lexeme.starts_with(term.lexeme.as_str()))
        {
            any |= &postings.any;
            title |= &postings.title;
        }
        (any, title)
    }
}

/// Recent answers computed from one version of an index. It lives and dies with that
/// version, so it never answers from an older one; when full it starts afresh.
#[derive(Debug)]
pub struct Recent<K, V> {
    answers: Mutex<HashMap<K, Arc<V>>>,
}

impl<K, V> Default for Recent<K, V> {
    fn default() -> Self {
        Self {
            answers: Mutex::new(HashMap::new()),
        }
    }
}

impl<K: Hash + Eq, V> Recent<K, V> {
    /// How many answers are kept (each a page of ids and its counts: a few kB).
    const CAPACITY: usize = 2048;

    /// The answer for `key`, computed (outside the lock) when it is not kept yet.
    pub fn get_or(&self, key: K, compute: impl FnOnce() -> V) -> Arc<V> {
        let lock = || self.answers.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(answer) = lock().get(&key) {
            return answer.clone();
        }
        let answer = Arc::new(compute());
        let mut answers = lock();
        if answers.len() >= Self::CAPACITY {
            answers.clear();
        }
        answers.insert(key, answer.clone());
        answer
    }
}

/// Up to `n` of `bitmap`'s ids below `before` (all of them without it), highest first.
pub fn newest(
    bitmap: &RoaringBitmap,
    before: Option<i64>,
    n: usize,
) -> impl Iterator<Item = i64> + '_ {
    let mut ids = bitmap.iter();
    let mut n = n;
    if let Some(before) = before {
        match u32::try_from(before.saturating_sub(1)) {
            Ok(last) => ids.advance_back_to(last),
            // Below every id: nothing is left.
            Err(_) if before <= 0 => n = 0,
            // Past every id a bitmap can hold: everything is below it.
            Err(_) => {}
        }
    }
    ids.rev().take(n).map(i64::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: u32, title: &str, body: &str, colour: &str) -> Doc<1> {
        let words = |text: &str| {
            text.split_whitespace()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        };
        let mut terms = words(title);
        terms.extend(words(body));
        Doc {
            id,
            terms,
            title_terms: words(title),
            values: [vec![colour.to_owned()]],
            key: id.is_multiple_of(2).then_some(i64::from(id)),
        }
    }

    fn prefix(lexeme: &str) -> Term {
        Term {
            lexeme: lexeme.to_owned(),
            prefix: true,
        }
    }

    fn whole(lexeme: &str) -> Term {
        Term {
            lexeme: lexeme.to_owned(),
            prefix: false,
        }
    }

    fn ids(bitmap: &RoaringBitmap) -> Vec<u32> {
        bitmap.iter().collect()
    }

    #[test]
    fn a_prefix_is_the_union_of_the_words_it_starts_and_terms_intersect() {
        let index = Bitmaps::build([
            doc(1, "data annotation", "labels", "red"),
            doc(2, "database", "audit", "red"),
            doc(3, "date palms", "data", "blue"),
        ]);
        assert_eq!(ids(&index.text(&[prefix("dat")]).any), vec![1, 2, 3]);
        assert_eq!(ids(&index.text(&[whole("data")]).any), vec![1, 3]);
        assert_eq!(ids(&index.text(&[whole("data")]).title), vec![1]);
        assert_eq!(
            ids(&index.text(&[prefix("data"), prefix("a")]).any),
            vec![1, 2]
        );
        assert!(
            index.text(&[whole("dat")]).any.is_empty(),
            "whole words are whole"
        );
        assert_eq!(index.value(0, "red").map(ids), Some(vec![1, 2]));
        assert_eq!(index.key(2), 2);
        assert_eq!(index.key(3), NO_KEY);
        assert_eq!(index.key(400), NO_KEY);
    }

    #[test]
    fn applying_a_change_replaces_removes_and_adds_without_touching_the_old_index() {
        let before = Bitmaps::build([
            doc(1, "data annotation", "", "red"),
            doc(2, "audit", "", "red"),
        ]);
        let changed: RoaringBitmap = [1, 2, 9].into_iter().collect();
        let after = before.apply(
            &changed,
            vec![
                doc(1, "weather", "", "blue"),
                doc(9, "data lake", "", "blue"),
            ],
        );
        assert_eq!(ids(after.all()), vec![1, 9]);
        assert_eq!(ids(&after.text(&[whole("data")]).any), vec![9]);
        assert!(after.text(&[whole("audit")]).any.is_empty());
        assert_eq!(after.value(0, "red"), None, "an emptied value is dropped");
        assert_eq!(after.values(0).count(), 1);
        // Readers of the old index still see what they saw.
        assert_eq!(ids(&before.text(&[whole("data")]).any), vec![1]);
        assert_eq!(before.value(0, "red").map(ids), Some(vec![1, 2]));
    }

    #[test]
    fn a_loaded_index_keeps_runs_of_ids_as_runs() {
        let index = Bitmaps::build((1..=100_000).map(|id| doc(id, "data", "", "red")));
        let footprint = index.footprint();
        // As arrays and bitmaps these would take about 16 kB each; as runs, bytes.
        assert!(footprint.terms < 1_000, "{footprint:?}");
        assert!(footprint.values < 1_000, "{footprint:?}");
        assert_eq!(index.text(&[whole("data")]).any.len(), 100_000);
        assert_eq!(index.value(0, "red").map(RoaringBitmap::len), Some(100_000));
    }

    #[test]
    fn a_load_block_by_block_holds_what_adding_row_by_row_does_in_any_order() {
        let row = |id: u32| {
            let title = if id.is_multiple_of(3) {
                "data"
            } else {
                "audit"
            };
            doc(
                id,
                title,
                "labels",
                if id.is_multiple_of(2) { "red" } else { "blue" },
            )
        };
        // Ids over four blocks of 2^16, and some read again after their block ended.
        let mut order: Vec<u32> = (1..250_000).step_by(7).collect();
        order.extend([8, 70_001, 3]);
        let loaded = Bitmaps::build(order.iter().map(|&id| row(id)));
        let added = Bitmaps::default().apply(
            &RoaringBitmap::new(),
            order.iter().map(|&id| row(id)).collect(),
        );
        let same = |a: &RoaringBitmap, b: &RoaringBitmap| a.iter().eq(b.iter());
        assert!(same(loaded.all(), added.all()));
        assert_eq!(
            loaded.all().len(),
            35_715 + 1,
            "3 is new; 8 and 70,001 read again"
        );
        assert!(loaded.terms.keys().eq(added.terms.keys()));
        for (a, b) in loaded.terms.values().zip(added.terms.values()) {
            assert!(same(&a.any, &b.any) && same(&a.title, &b.title));
        }
        for (a, b) in loaded.values(0).zip(added.values(0)) {
            assert_eq!(a.0, b.0);
            assert!(same(a.1, b.1));
        }
        assert_eq!(loaded.values(0).count(), 2);
        assert!((0..250_010).all(|id| loaded.key(id) == added.key(id)));
    }

    #[test]
    fn newest_reads_backwards_from_the_cursor() {
        let bitmap: RoaringBitmap = [1, 2, 3, 7, 70_000].into_iter().collect();
        let page = |before, n| newest(&bitmap, before, n).collect::<Vec<_>>();
        assert_eq!(page(None, 2), vec![70_000, 7]);
        assert_eq!(page(Some(7), 10), vec![3, 2, 1]);
        assert_eq!(page(Some(i64::MAX), 1), vec![70_000]);
        assert_eq!(page(Some(1), 10), Vec::<i64>::new());
        assert_eq!(page(Some(0), 10), Vec::<i64>::new());
        assert_eq!(page(Some(i64::MIN), 10), Vec::<i64>::new());
    }
}
