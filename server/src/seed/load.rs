//! Bulk loading of the generated market with `COPY`.
//!
//! Rows are sent in CSV, in chunks, into temporary staging tables that hold the raw
//! fields and the precomputed search terms; one `insert … select` per chunk moves them
//! into the real tables, building `search_doc` in the database. Memory stays bounded by
//! the chunk size, whatever the size of the market.

use std::fmt::Write as _;

use app::search::DocumentTerms;
use app::vocab::{MerchantStatus, Tier};
use indicatif::{ProgressBar, ProgressStyle};
use sqlx::PgConnection;

use super::market::{INITIAL_TIER_REASON, ListingRow, MarketPlan, MerchantRow, MerchantSeed};
use crate::startup::BoxError;

/// Rows sent to the database per `COPY`.
pub const CHUNK_ROWS: usize = 10_000;

/// From this many listings on, the listing table's secondary indexes are dropped during
/// the load and built again at the end (in the same transaction): building a GIN index
/// once is several times faster than updating it a million times.
const REBUILD_INDEXES_FROM: u64 = 100_000;

/// Keeps the definitions of the listing indexes (all but the primary key) and drops them.
const SET_ASIDE_LISTING_INDEXES: &str = "
create temporary table listing_index_def on commit drop as
    select indexname, indexdef from pg_indexes
     where schemaname = current_schema() and tablename = 'listing'
       and indexname <> 'listing_pkey';
do $$
declare
    def record;
begin
    for def in select indexname from listing_index_def loop
        execute format('drop index %I', def.indexname);
    end loop;
end
$$";

/// Builds the indexes set aside again, exactly as they were defined.
const REBUILD_LISTING_INDEXES: &str = "
do $$
declare
    def record;
begin
    for def in select indexdef from listing_index_def loop
        execute def.indexdef;
    end loop;
end
$$";

/// What was loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loaded {
    pub merchants: u64,
    pub listings: u64,
}

/// Loads the plan's market through `conn` (in the caller's transaction).
/// `operator_id` records the initial tiers; `member_id` joins the first leading merchant.
pub async fn load_market(
    conn: &mut PgConnection,
    plan: &MarketPlan,
    operator_id: i64,
    member_id: i64,
) -> Result<Loaded, BoxError> {
    create_staging_tables(conn).await?;

    let progress = progress_bar(plan.merchant_count(), "merchants")?;
    let mut seeds: Vec<MerchantSeed> = Vec::with_capacity(plan.merchant_count() as usize);
    let mut csv = Csv::default();
    let mut in_chunk = 0;
    for merchant in plan.merchants() {
        merchant_csv(&mut csv, &merchant);
        seeds.push(merchant.seed);
        in_chunk += 1;
        if in_chunk == CHUNK_ROWS {
            flush(conn, &mut csv, MERCHANT_SQL).await?;
            progress.inc(in_chunk as u64);
            in_chunk = 0;
        }
    }
    flush(conn, &mut csv, MERCHANT_SQL).await?;
    progress.inc(in_chunk as u64);
    progress.finish();
    let merchants = seeds.len() as u64;

    sqlx::query(
        "insert into merchant_tier_change (merchant_id, changed_by, old_tier, new_tier, reason, changed_at)
         select merchant_id, $1, null, tier, $2, tier_since
           from merchant
          where status in ($3, $4)
          order by merchant_id",
    )
    .bind(operator_id)
    .bind(INITIAL_TIER_REASON)
    .bind(MerchantStatus::Approved.slug())
    .bind(MerchantStatus::Suspended.slug())
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "insert into merchant_member (merchant_id, app_user_id, role)
         select merchant_id, $1, 'owner'
           from merchant
          where status = $2 and tier = $3
          order by merchant_id
          limit 1",
    )
    .bind(member_id)
    .bind(MerchantStatus::Approved.slug())
    .bind(Tier::Leading.slug())
    .execute(&mut *conn)
    .await?;

    let listing_rows = plan.listings(seeds);
    let rebuild_indexes = listing_rows.total() >= REBUILD_INDEXES_FROM;
    if rebuild_indexes {
        sqlx::raw_sql(SET_ASIDE_LISTING_INDEXES)
            .execute(&mut *conn)
            .await?;
    }
    let progress = progress_bar(listing_rows.total(), "listings")?;
    let mut listings = 0;
    in_chunk = 0;
    for listing in listing_rows {
        listing_csv(&mut csv, &listing);
        in_chunk += 1;
        listings += 1;
        if in_chunk == CHUNK_ROWS {
            flush(conn, &mut csv, LISTING_SQL).await?;
            progress.inc(in_chunk as u64);
            in_chunk = 0;
        }
    }
    flush(conn, &mut csv, LISTING_SQL).await?;
    progress.inc(in_chunk as u64);
    progress.finish();

    if rebuild_indexes {
        let spinner = ProgressBar::new_spinner().with_message("building the listing indexes");
        spinner.enable_steady_tick(std::time::Duration::from_millis(200));
        sqlx::query("set local maintenance_work_mem = '512MB'")
            .execute(&mut *conn)
            .await?;
        sqlx::raw_sql(REBUILD_LISTING_INDEXES)
            .execute(&mut *conn)
            .await?;
        spinner.finish();
    }

    Ok(Loaded {
        merchants,
        listings,
    })
}

fn progress_bar(len: u64, what: &'static str) -> Result<ProgressBar, BoxError> {
    let style = ProgressStyle::with_template(
        "{msg:>9} [{bar:40}] {human_pos}/{human_len} ({per_sec}, {eta} left)",
    )?
    .progress_chars("=> ");
    Ok(ProgressBar::new(len).with_style(style).with_message(what))
}

async fn create_staging_tables(conn: &mut PgConnection) -> Result<(), BoxError> {
    sqlx::query(
        "create temporary table merchant_staging (
            ord bigint not null,
            slug text, name_zh text, name_en text, legal_name text, uscc text, tier text,
            service_fields text[], region text, founded_year smallint,
            description_zh text, description_en text, website text, contact_email text,
            certifications text[], status text, status_reason text,
            age_secs bigint, tier_age_secs bigint, name_terms text, body_terms text
        ) on commit drop",
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "create temporary table listing_staging (
            ord bigint not null, merchant_slug text,
            slug text, title_zh text, title_en text, summary_zh text, summary_en text,
            description_zh text, description_en text, kind text, service_field text,
            industries text[], delivery_modes text[], pricing_model text, price_fen bigint,
            licence_terms text, status text, status_before_suspension text, suspension_reason text,
            data_source text, personal_info text, classification text, registration_cert_no text,
            has_compliance_report boolean, modality text, volume text, time_coverage text,
            update_frequency text, label_schema text, annotation_accuracy text,
            data_dictionary jsonb, sample jsonb,
            age_secs bigint, updated_age_secs bigint, published_age_secs bigint,
            title_terms text, body_terms text
        ) on commit drop",
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Sends the buffered rows with `COPY`, moves them to the real table and empties the
/// staging table. (The staging tables were created in this transaction, so `truncate`
/// empties them in place rather than keeping old files until commit.)
async fn flush(
    conn: &mut PgConnection,
    csv: &mut Csv,
    (copy, insert, staging): (&str, &str, &str),
) -> Result<(), BoxError> {
    if csv.rows == 0 {
        return Ok(());
    }
    let mut copy_in = conn.copy_in_raw(copy).await?;
    copy_in.send(csv.buf.as_bytes()).await?;
    copy_in.finish().await?;
    sqlx::query(insert).execute(&mut *conn).await?;
    sqlx::query(staging).execute(&mut *conn).await?;
    csv.clear();
    Ok(())
}

const MERCHANT_SQL: (&str, &str, &str) = (
    COPY_MERCHANTS,
    INSERT_MERCHANTS,
    "truncate merchant_staging",
);
const LISTING_SQL: (&str, &str, &str) =
    (COPY_LISTINGS, INSERT_LISTINGS, "truncate listing_staging");

const COPY_MERCHANTS: &str = "copy merchant_staging (
    ord, slug, name_zh, name_en, legal_name, uscc, tier, service_fields, region, founded_year,
    description_zh, description_en, website, contact_email, certifications, status, status_reason,
    age_secs, tier_age_secs, name_terms, body_terms
) from stdin with (format csv)";

const INSERT_MERCHANTS: &str = "
insert into merchant (
    slug, name_zh, name_en, legal_name, uscc, tier, tier_since, service_fields, region,
    founded_year, description_zh, description_en, website, contact_email, certifications,
    status, status_reason, search_doc, created_at, updated_at)
select slug, name_zh, name_en, legal_name, uscc, tier, now() - make_interval(secs => tier_age_secs),
       service_fields, region, founded_year, description_zh, description_en, website,
       contact_email, certifications, status, status_reason,
       search_document(name_terms, body_terms),
       now() - make_interval(secs => age_secs), now() - make_interval(secs => tier_age_secs)
  from merchant_staging
 order by ord";

const COPY_LISTINGS: &str = "copy listing_staging (
    ord, merchant_slug, slug, title_zh, title_en, summary_zh, summary_en, description_zh,
    description_en, kind, service_field, industries, delivery_modes, pricing_model, price_fen,
    licence_terms, status, status_before_suspension, suspension_reason, data_source,
    personal_info, classification, registration_cert_no, has_compliance_report, modality,
    volume, time_coverage, update_frequency, label_schema, annotation_accuracy,
    data_dictionary, sample, age_secs, updated_age_secs, published_age_secs,
    title_terms, body_terms
) from stdin with (format csv)";

// The trigger `listing_sync_merchant` fills merchant_tier, merchant_region and is_public.
const INSERT_LISTINGS: &str = "
insert into listing (
    merchant_id, slug, title_zh, title_en, summary_zh, summary_en, description_zh,
    description_en, kind, service_field, industries, delivery_modes, pricing_model, price_fen,
    licence_terms, status, status_before_suspension, suspension_reason, data_source,
    personal_info, classification, registration_cert_no, has_compliance_report, modality,
    volume, time_coverage, update_frequency, label_schema, annotation_accuracy,
    data_dictionary, sample, search_doc, published_at, created_at, updated_at)
select m.merchant_id, s.slug, s.title_zh, s.title_en, s.summary_zh, s.summary_en,
       s.description_zh, s.description_en, s.kind, s.service_field, s.industries,
       s.delivery_modes, s.pricing_model, s.price_fen, s.licence_terms, s.status,
       s.status_before_suspension, s.suspension_reason, s.data_source, s.personal_info,
       s.classification, s.registration_cert_no, s.has_compliance_report, s.modality,
       s.volume, s.time_coverage, s.update_frequency, s.label_schema, s.annotation_accuracy,
       s.data_dictionary, s.sample,
       search_document(s.title_terms, s.body_terms),
       now() - make_interval(secs => s.published_age_secs),
       now() - make_interval(secs => s.age_secs),
       now() - make_interval(secs => s.updated_age_secs)
  from listing_staging s
  join merchant m on m.slug = s.merchant_slug
 order by s.ord";

/// A CSV buffer in PostgreSQL's `format csv`: every value quoted, NULL as an unquoted empty field.
#[derive(Default)]
struct Csv {
    buf: String,
    rows: usize,
    fields_in_row: usize,
}

impl Csv {
    fn clear(&mut self) {
        self.buf.clear();
        self.rows = 0;
        self.fields_in_row = 0;
    }

    fn separate(&mut self) {
        if self.fields_in_row > 0 {
            self.buf.push(',');
        }
        self.fields_in_row += 1;
    }

    fn text(&mut self, value: &str) {
        self.separate();
        self.buf.push('"');
        for (i, part) in value.split('"').enumerate() {
            if i > 0 {
                self.buf.push_str("\"\"");
            }
            self.buf.push_str(part);
        }
        self.buf.push('"');
    }

    fn opt(&mut self, value: Option<&str>) {
        match value {
            Some(value) => self.text(value),
            None => self.separate(),
        }
    }

    fn int(&mut self, value: i64) {
        self.separate();
        let _ = write!(self.buf, "{value}");
    }

    fn opt_int(&mut self, value: Option<i64>) {
        match value {
            Some(value) => self.int(value),
            None => self.separate(),
        }
    }

    fn bool(&mut self, value: bool) {
        self.separate();
        self.buf.push_str(if value { "t" } else { "f" });
    }

    /// A `text[]` literal: `{"a","b"}`.
    fn array<'a>(&mut self, items: impl IntoIterator<Item = &'a str>) {
        let mut literal = String::from("{");
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                literal.push(',');
            }
            literal.push('"');
            for c in item.chars() {
                if c == '"' || c == '\\' {
                    literal.push('\\');
                }
                literal.push(c);
            }
            literal.push('"');
        }
        literal.push('}');
        self.text(&literal);
    }

    fn end_row(&mut self) {
        self.buf.push('\n');
        self.rows += 1;
        self.fields_in_row = 0;
    }
}

fn merchant_csv(csv: &mut Csv, m: &MerchantRow) {
    csv.int(csv.rows as i64);
    csv.text(&m.slug);
    csv.text(&m.name_zh);
    csv.text(&m.name_en);
    csv.text(&m.legal_name);
    csv.text(&m.uscc);
    csv.text(m.tier.slug());
    csv.array(m.service_fields.iter().map(|f| f.slug()));
    csv.text(m.region.slug());
    csv.int(i64::from(m.founded_year));
    csv.text(&m.description_zh);
    csv.text(&m.description_en);
    csv.text(&m.website);
    csv.text(&m.contact_email);
    csv.array(m.certifications.iter().copied());
    csv.text(m.status.slug());
    csv.opt(m.status_reason.as_deref());
    csv.int(m.age_secs);
    csv.int(m.tier_age_secs);
    let terms = DocumentTerms::of_merchant(
        [&m.name_zh, &m.name_en],
        [&m.description_zh, &m.description_en],
    );
    csv.text(&terms.heading);
    csv.text(&terms.body);
    csv.end_row();
}

fn listing_csv(csv: &mut Csv, l: &ListingRow) {
    let d = l.dataset.as_ref();
    csv.int(csv.rows as i64);
    csv.text(&l.merchant_slug);
    csv.text(&l.slug);
    csv.text(&l.title_zh);
    csv.text(&l.title_en);
    csv.text(&l.summary_zh);
    csv.text(&l.summary_en);
    csv.text(&l.description_zh);
    csv.text(&l.description_en);
    csv.text(l.kind.slug());
    csv.text(l.service_field.slug());
    csv.array(l.industries.iter().map(|i| i.slug()));
    csv.array(l.delivery_modes.iter().map(|m| m.slug()));
    csv.text(l.pricing_model.slug());
    csv.opt_int(l.price_fen);
    csv.text(&l.licence_terms);
    csv.text(l.status.slug());
    csv.opt(l.status_before_suspension.map(|s| s.slug()));
    csv.opt(l.suspension_reason.as_deref());
    csv.text(&l.data_source);
    csv.text(l.personal_info.slug());
    csv.text(l.classification.slug());
    csv.opt(l.registration_cert_no.as_deref());
    csv.bool(l.has_compliance_report);
    csv.opt(d.map(|d| d.modality.slug()));
    csv.opt(d.map(|d| d.volume.as_str()));
    csv.opt(d.map(|d| d.time_coverage.as_str()));
    csv.opt(d.map(|d| d.update_frequency));
    csv.opt(d.map(|d| d.label_schema));
    csv.opt(d.map(|d| d.annotation_accuracy.as_str()));
    csv.text(d.map_or("[]", |d| d.data_dictionary.as_str()));
    csv.text(d.map_or("{}", |d| d.sample.as_str()));
    csv.int(l.age_secs);
    csv.int(l.updated_age_secs);
    csv.opt_int(l.published_age_secs);
    let terms = DocumentTerms::of_listing(
        [&l.title_zh, &l.title_en],
        [&l.summary_zh, &l.summary_en],
        [&l.description_zh, &l.description_en],
    );
    csv.text(&terms.heading);
    csv.text(&terms.body);
    csv.end_row();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_every_value_and_leaves_null_unquoted() {
        let mut csv = Csv::default();
        csv.int(1);
        csv.text("say \"hi\", then go");
        csv.opt(None);
        csv.array(["DCMM 3级", "a\"b"]);
        csv.bool(true);
        csv.end_row();
        assert_eq!(
            csv.buf,
            "1,\"say \"\"hi\"\", then go\",,\"{\"\"DCMM 3级\"\",\"\"a\\\"\"b\"\"}\",t\n"
        );
    }

    #[test]
    fn a_null_first_field_still_separates_the_next() {
        let mut csv = Csv::default();
        csv.opt(None);
        csv.text("x");
        csv.end_row();
        assert_eq!(csv.buf, ",\"x\"\n");
    }
}
