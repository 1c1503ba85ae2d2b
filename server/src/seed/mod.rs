//! The demo market, loaded once into an empty database by `shushang seed-demo`.

use app::accounts::model::Role;
use app::accounts::service::{self, Registration};
use sqlx::PgPool;

use crate::startup::BoxError;

/// The password of every demo account. Demo data only: never in a real deployment.
pub const DEMO_PASSWORD: &str = "shushang-demo-2026";

/// The demo accounts the README lists: (email, display name, role).
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

/// Loads the demo data unless the database already holds accounts; says which it did.
pub async fn seed_demo(db: &PgPool) -> Result<bool, BoxError> {
    let accounts: i64 = sqlx::query_scalar("select count(*) from app_user")
        .fetch_one(db)
        .await?;
    if accounts > 0 {
        tracing::info!(accounts, "database is not empty: demo data not loaded");
        return Ok(false);
    }
    for (email, display_name, role) in DEMO_ACCOUNTS {
        let form = Registration {
            email,
            display_name,
            password: DEMO_PASSWORD,
        };
        service::register(db, &form, role)
            .await
            .map_err(|e| format!("demo account {email}: {e}"))?;
    }
    tracing::info!("demo data loaded");
    Ok(true)
}
