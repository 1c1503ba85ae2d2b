//! The demo market, loaded once into an empty database by `shushang seed-demo`: the demo
//! accounts, then a generated market of merchants and listings (see `market`).

mod deals;
mod load;
pub mod market;
mod offers;
mod words;

use app::accounts::model::Role;
use app::accounts::service::{self, Registration};
use sqlx::{ConnectOptions, Connection, PgConnection, PgPool};

pub use load::{CHUNK_ROWS, Loaded};
pub use market::{DEFAULT_SEED, MarketPlan};

use crate::config::{MarketSize, SeedOptions};
use crate::startup::BoxError;

/// The password of every demo account. Demo data only: never in a real deployment.
pub const DEMO_PASSWORD: &str = "shushang-demo-2026";

/// The demo accounts the README lists: (email, display name, role).
/// The demo operator's TOTP secret; in base32 (what apps take) [`DEMO_TOTP_SECRET_BASE32`].
pub const DEMO_TOTP_SECRET: &[u8; 20] = b"shushang-demo-totp!!";
pub const DEMO_TOTP_SECRET_BASE32: &str = "ONUHK43IMFXGOLLEMVWW6LLUN52HAIJB";

pub const DEMO_ACCOUNTS: [(&str, &str, Role); 3] = [
    (
        "operator@demo.shushang.test",
        "Demo Operator 平台运营",
        Role::Admin,
    ),
    ("buyer@demo.shushang.test", "Demo Buyer 采购方", Role::Buyer),
    (
        "merchant@demo.shushang.test",
        "Demo Merchant 数商",
        Role::Merchant,
    ),
];

impl MarketPlan {
    /// The plan the `seed-demo` options ask for.
    pub fn from_options(options: &SeedOptions) -> Self {
        let mut plan = match (options.size, options.merchants) {
            (_, Some(merchants)) => Self::with_merchants(merchants, options.seed),
            (MarketSize::Demo, None) => Self::demo(options.seed),
            (MarketSize::Large, None) => Self::large(options.seed),
        };
        if options.size == MarketSize::Large {
            plan.listings = Some(1_000_000);
        }
        if let Some(listings) = options.listings {
            plan.listings = Some(listings);
        }
        plan
    }
}

/// Loads the demo data (the demo market) unless the database already holds accounts;
/// says which it did.
pub async fn seed_demo(db: &PgPool) -> Result<bool, BoxError> {
    seed_demo_with(db, &MarketPlan::demo(DEFAULT_SEED)).await
}

/// Loads the demo accounts and the market of `plan` into an empty database; says
/// whether it did. A database it seeded before is left as it is; one that holds other
/// accounts and no demo ones (a real market, most likely) is refused.
pub async fn seed_demo_with(db: &PgPool, plan: &MarketPlan) -> Result<bool, BoxError> {
    let demo_emails: Vec<&str> = DEMO_ACCOUNTS.iter().map(|(email, ..)| *email).collect();
    let (demo, others): (i64, i64) = sqlx::query_as(
        "select count(*) filter (where email = any($1)), count(*) filter (where email <> all($1))
         from app_user",
    )
    .bind(&demo_emails)
    .fetch_one(db)
    .await?;
    if demo > 0 {
        tracing::info!("the demo market is already loaded");
        return Ok(false);
    }
    if others > 0 {
        return Err(format!(
            "this database holds {others} accounts and none of the demo's: \
             seed-demo loads only into an empty database"
        )
        .into());
    }
    let mut ids = Vec::with_capacity(DEMO_ACCOUNTS.len());
    for (email, display_name, role) in DEMO_ACCOUNTS {
        let form = Registration {
            email,
            display_name,
            password: DEMO_PASSWORD,
            locale: app::i18n::Locale::en,
        };
        let user = service::register(db, &form, role)
            .await
            .map_err(|e| format!("demo account {email}: {e}"))?;
        ids.push((role, user.id));
    }
    let id_of = |wanted: Role| {
        ids.iter()
            .find(|(role, _)| *role == wanted)
            .map(|(_, id)| *id)
            .ok_or_else(|| format!("no demo account with role {wanted:?}"))
    };
    let (operator_id, merchant_id) = (id_of(Role::Admin)?, id_of(Role::Merchant)?);
    // The demo accounts' addresses count as verified: a demo buyer can order and the
    // demo merchant can add colleagues without a mailbox.
    let account_ids: Vec<i64> = ids.iter().map(|(_, id)| *id).collect();
    sqlx::query("update app_user set email_verified_at = now() where app_user_id = any($1)")
        .bind(&account_ids)
        .execute(db)
        .await?;
    // The demo operator's authenticator is enrolled with a published secret, like the
    // demo password: anyone trying the demo can add it to an app.
    sqlx::query("update app_user set totp_secret = $2 where app_user_id = $1")
        .bind(operator_id)
        .bind(DEMO_TOTP_SECRET.as_slice())
        .execute(db)
        .await?;

    let loaded = async {
        // A connection of its own, so that sqlx does not warn about every (by design
        // long) bulk statement.
        let options = db
            .connect_options()
            .as_ref()
            .clone()
            .disable_statement_logging();
        let mut conn = PgConnection::connect_with(&options).await?;
        let mut tx = conn.begin().await?;
        let loaded = load::load_market(&mut tx, plan, operator_id, merchant_id).await?;
        tx.commit().await?;
        // A fresh table has an empty visibility map: until a vacuum, index-only scans
        // (directory pages, facet counts on the SQL path) read the heap anyway.
        sqlx::query("vacuum (analyze) merchant, listing")
            .execute(&mut conn)
            .await?;
        conn.close().await?;
        Ok::<_, BoxError>(loaded)
    }
    .await;
    let loaded = match loaded {
        Ok(loaded) => loaded,
        Err(e) => {
            // The market rolled back; remove the accounts too, so that a rerun starts afresh.
            let emails: Vec<&str> = DEMO_ACCOUNTS.iter().map(|a| a.0).collect();
            sqlx::query("delete from app_user where email = any($1)")
                .bind(&emails)
                .execute(db)
                .await?;
            return Err(e);
        }
    };
    let orders = deals::seed(db, id_of(Role::Buyer)?, merchant_id).await?;
    tracing::info!(
        merchants = loaded.merchants,
        orders,
        listings = loaded.listings,
        seed = plan.seed,
        "demo data loaded"
    );
    Ok(true)
}
