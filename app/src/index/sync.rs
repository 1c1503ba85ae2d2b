//! Keeps this server's indexes in step with PostgreSQL.
//!
//! The first catch-up reads every public listing and approved merchant (pages answer from
//! SQL until then). After that, triggers write each changed row's id to `search_change`
//! in the writer's own transaction (see its migration), and one task per server re-reads
//! those rows and swaps in new indexes. `NOTIFY search_change` only wakes the task early:
//! a notification is lost when nobody listens, so the task also looks once a second, and
//! what it reads is the table. Each server keeps its own position, so several servers
//! against one database hold the same indexes.

use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, Instant};

use futures_util::TryStreamExt;
use roaring::RoaringBitmap;
use sqlx::postgres::{PgListener, PgRow};
use sqlx::{PgPool, Postgres, QueryBuilder};

use super::{Bitmaps, Builder, Doc};
use crate::catalog::index::ListingIndex;
use crate::merchants::index::MerchantIndex;

/// The channel the change triggers notify.
const CHANNEL: &str = "search_change";
/// How long the task waits for a wake-up before it looks anyway.
const POLL: Duration = Duration::from_secs(1);
/// How often the task deletes changes older than a day (a server away longer rebuilds).
const PRUNE_EVERY: Duration = Duration::from_secs(3600);
/// A batch that touches more than a quarter of an index rebuilds it instead.
const REBUILD_SHARE: u64 = 4;

/// One version of the indexes, as readers get it.
#[derive(Debug, Default)]
pub struct Snapshot {
    pub listings: Arc<ListingIndex>,
    pub merchants: Arc<MerchantIndex>,
    /// Counts up with every change applied.
    pub version: u64,
}

/// The shared handle: cheap to clone, one per server.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    inner: Arc<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    current: RwLock<Option<Arc<Snapshot>>>,
    /// Where the next catch-up reads changes from: the xmin of a snapshot taken before
    /// the current version's reads. Every transaction below it is in that version; the
    /// changes of the others are read (again). Held by one catch-up at a time.
    position: tokio::sync::Mutex<Option<i64>>,
}

/// How one kind of row is read into its index.
struct Source<const D: usize> {
    noun: &'static str,
    statement: fn(Option<&[i64]>) -> QueryBuilder<'static, Postgres>,
    decode: fn(&PgRow) -> Result<Doc<D>, sqlx::Error>,
}

const LISTINGS: Source<{ crate::catalog::index::DIMS }> = Source {
    noun: "listings",
    statement: crate::catalog::repo::indexed_listings_statement,
    decode: crate::catalog::repo::indexed_listing,
};

const MERCHANTS: Source<{ crate::merchants::index::DIMS }> = Source {
    noun: "merchants",
    statement: crate::merchants::repo::indexed_merchants_statement,
    decode: crate::merchants::repo::indexed_merchant,
};

impl<const D: usize> Source<D> {
    /// Every row, with a progress line every 100,000.
    async fn build(&self, db: &PgPool) -> Result<Bitmaps<D>, sqlx::Error> {
        let started = Instant::now();
        let mut builder = Builder::default();
        let mut statement = (self.statement)(None);
        let mut rows = statement.build().fetch(db);
        let mut read: u64 = 0;
        while let Some(row) = rows.try_next().await? {
            builder.add((self.decode)(&row)?);
            read += 1;
            if read.is_multiple_of(100_000) {
                tracing::info!(read, "search index: reading {}", self.noun);
            }
        }
        let bitmaps = builder.finish();
        let footprint = bitmaps.footprint();
        tracing::info!(
            rows = bitmaps.len(),
            terms = bitmaps.term_count(),
            terms_mb = footprint.terms / 1_000_000,
            values_mb = footprint.values / 1_000_000,
            rows_mb = footprint.rows / 1_000_000,
            seconds = started.elapsed().as_secs_f64(),
            "search index: {} read",
            self.noun
        );
        Ok(bitmaps)
    }

    /// `current` with the rows `ids` re-read (or everything, for a large batch).
    async fn update(
        &self,
        db: &PgPool,
        current: &Bitmaps<D>,
        ids: &[i64],
    ) -> Result<Bitmaps<D>, sqlx::Error> {
        let changed: RoaringBitmap = ids
            .iter()
            .filter_map(|id| u32::try_from(*id).ok())
            .collect();
        if changed.len() > current.len() / REBUILD_SHARE + 1_000 {
            return self.build(db).await;
        }
        let decode = self.decode;
        let mut statement = (self.statement)(Some(ids));
        let rows: Vec<Doc<D>> = statement
            .build()
            .fetch(db)
            .and_then(|row| async move { decode(&row) })
            .try_collect()
            .await?;
        Ok(current.apply(&changed, rows))
    }
}

impl SearchIndex {
    /// The current version, or `None` until the first catch-up has built one.
    pub fn current(&self) -> Option<Arc<Snapshot>> {
        self.inner
            .current
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn swap(&self, snapshot: Snapshot) {
        *self
            .inner
            .current
            .write()
            .unwrap_or_else(PoisonError::into_inner) = Some(Arc::new(snapshot));
    }

    /// Brings the indexes up to date with every change committed before the call: builds
    /// them on first use, then applies what changed since. Returns how many rows it read.
    pub async fn catch_up(&self, db: &PgPool) -> Result<u64, sqlx::Error> {
        let mut position = self.inner.position.lock().await;
        let next_position = xmin(db).await?;
        let (Some(current), Some(from)) = (self.current(), *position) else {
            let listings = ListingIndex::new(LISTINGS.build(db).await?);
            listings.warm();
            let listings = Arc::new(listings);
            let merchants = Arc::new(MerchantIndex {
                bitmaps: MERCHANTS.build(db).await?,
            });
            let read = listings.bitmaps.len() + merchants.bitmaps.len();
            self.swap(Snapshot {
                listings,
                merchants,
                version: 1,
            });
            *position = Some(next_position);
            return Ok(read);
        };
        let changes: Vec<(String, i64)> = sqlx::query_as(
            "select distinct subject, subject_id from search_change where tx >= $1::text::xid8",
        )
        .bind(from.to_string())
        .fetch_all(db)
        .await?;
        let of = |subject: &str| -> Vec<i64> {
            changes
                .iter()
                .filter(|(s, _)| s == subject)
                .map(|(_, id)| *id)
                .collect()
        };
        let (listing_ids, merchant_ids) = (of("listing"), of("merchant"));
        if !changes.is_empty() {
            let listings = match listing_ids.is_empty() {
                true => current.listings.clone(),
                false => {
                    let bitmaps = LISTINGS
                        .update(db, &current.listings.bitmaps, &listing_ids)
                        .await?;
                    let listings = ListingIndex::new(bitmaps);
                    listings.warm();
                    Arc::new(listings)
                }
            };
            let merchants = match merchant_ids.is_empty() {
                true => current.merchants.clone(),
                false => Arc::new(MerchantIndex {
                    bitmaps: MERCHANTS
                        .update(db, &current.merchants.bitmaps, &merchant_ids)
                        .await?,
                }),
            };
            self.swap(Snapshot {
                listings,
                merchants,
                version: current.version + 1,
            });
        }
        *position = Some(next_position);
        Ok(changes.len() as u64)
    }

    /// The task that keeps the indexes in step, for the life of the server.
    pub fn spawn(&self, db: PgPool) -> tokio::task::JoinHandle<()> {
        let index = self.clone();
        tokio::spawn(async move { index.keep_in_step(db).await })
    }

    async fn keep_in_step(self, db: PgPool) {
        let mut listener = listen(&db).await;
        let mut last_pruned = Instant::now();
        loop {
            if let Err(error) = self.catch_up(&db).await {
                tracing::warn!(%error, "search index: catching up failed; retrying");
            }
            if last_pruned.elapsed() > PRUNE_EVERY {
                last_pruned = Instant::now();
                prune(&db).await;
            }
            match listener.as_mut() {
                Some(wakeups) => match tokio::time::timeout(POLL, wakeups.recv()).await {
                    Ok(Ok(_)) | Err(_) => {}
                    Ok(Err(error)) => {
                        tracing::warn!(%error, "search index: lost the wake-up channel; polling");
                        listener = None;
                    }
                },
                None => {
                    tokio::time::sleep(POLL).await;
                    listener = listen(&db).await;
                }
            }
        }
    }
}

/// The xmin of a snapshot taken now: every transaction below it has ended.
async fn xmin(db: &PgPool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
        .fetch_one(db)
        .await
}

async fn listen(db: &PgPool) -> Option<PgListener> {
    let listened = async {
        let mut listener = PgListener::connect_with(db).await?;
        listener.listen(CHANNEL).await?;
        Ok::<_, sqlx::Error>(listener)
    };
    listened
        .await
        .inspect_err(|error| tracing::warn!(%error, "search index: cannot listen; polling"))
        .ok()
}

async fn prune(db: &PgPool) {
    let pruned =
        sqlx::query("delete from search_change where changed_at < now() - interval '1 day'")
            .execute(db)
            .await;
    if let Err(error) = pruned {
        tracing::warn!(%error, "search index: pruning old changes failed");
    }
}
