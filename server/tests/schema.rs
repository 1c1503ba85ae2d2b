//! The vocabulary in Rust (`app::vocab`) and the CHECK constraints of the schema say the
//! same thing: every slug of every enum is accepted by the column that stores it, and a
//! value no enum has is refused. A slug added on one side only fails here.

use app::accounts::model::Role;
use app::vocab::{
    Classification, DeliveryMode, Industry, InvitationStatus, ListingKind, ListingStatus,
    MerchantStatus, Modality, PersonalInfo, PricingModel, Region, ServiceField, Tier,
};
use sqlx::PgPool;

/// Whether every single-column CHECK on `table.column` lets `value` through, evaluated
/// by PostgreSQL on the constraint's own expression (a CHECK passes unless false).
async fn column_accepts(db: &PgPool, table: &str, column: &str, value: &str) -> bool {
    let (checks, is_array): (Vec<String>, bool) = sqlx::query_as(
        "select coalesce(array_agg(pg_get_expr(c.conbin, c.conrelid))
                         filter (where c.oid is not null), '{}'),
                bool_or(a.attndims > 0 or t.typcategory = 'A')
           from pg_attribute a
           join pg_type t on t.oid = a.atttypid
           left join pg_constraint c
             on c.conrelid = a.attrelid and c.contype = 'c' and c.conkey = array[a.attnum]
          where a.attrelid = $1::regclass and a.attname = $2",
    )
    .bind(table)
    .bind(column)
    .fetch_one(db)
    .await
    .expect("catalog query");
    assert!(!checks.is_empty(), "{table}.{column} has no CHECK");
    let input = if is_array {
        "array[$1]::text[]"
    } else {
        "$1::text"
    };
    for check in checks {
        // The constraint names the column; a one-row subquery gives it the value.
        let sql = format!("select coalesce(({check}), true) from (select {input} as {column}) v");
        let passes: bool = sqlx::query_scalar(&sql)
            .bind(value)
            .fetch_one(db)
            .await
            .expect("check evaluates");
        if !passes {
            return false;
        }
    }
    true
}

async fn assert_column_holds(db: &PgPool, table: &str, column: &str, slugs: &[&str]) {
    for slug in slugs {
        assert!(
            column_accepts(db, table, column, slug).await,
            "{table}.{column} refuses `{slug}`"
        );
    }
    assert!(
        !column_accepts(db, table, column, "no-such-slug").await,
        "{table}.{column} accepts anything"
    );
}

fn slugs<T: Copy>(all: &[T], slug: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|v| slug(*v)).collect()
}

#[sqlx::test(migrations = "../migrations")]
async fn every_vocabulary_slug_fits_its_column_and_nothing_else_does(db: PgPool) {
    let roles = [Role::Buyer, Role::Merchant, Role::Admin].map(Role::slug);
    let cases: Vec<(&str, &str, Vec<&str>)> = vec![
        ("app_user", "role", roles.to_vec()),
        ("merchant", "tier", slugs(Tier::ALL, Tier::slug)),
        (
            "merchant",
            "service_fields",
            slugs(ServiceField::ALL, ServiceField::slug),
        ),
        ("merchant", "region", slugs(Region::ALL, Region::slug)),
        (
            "merchant",
            "status",
            slugs(MerchantStatus::ALL, MerchantStatus::slug),
        ),
        (
            "merchant_tier_change",
            "old_tier",
            slugs(Tier::ALL, Tier::slug),
        ),
        (
            "merchant_tier_change",
            "new_tier",
            slugs(Tier::ALL, Tier::slug),
        ),
        (
            "listing",
            "kind",
            slugs(ListingKind::ALL, ListingKind::slug),
        ),
        (
            "listing",
            "service_field",
            slugs(ServiceField::ALL, ServiceField::slug),
        ),
        (
            "listing",
            "industries",
            slugs(Industry::ALL, Industry::slug),
        ),
        (
            "listing",
            "delivery_modes",
            slugs(DeliveryMode::ALL, DeliveryMode::slug),
        ),
        (
            "listing",
            "pricing_model",
            slugs(PricingModel::ALL, PricingModel::slug),
        ),
        (
            "listing",
            "status",
            slugs(ListingStatus::ALL, ListingStatus::slug),
        ),
        (
            "listing",
            "personal_info",
            slugs(PersonalInfo::ALL, PersonalInfo::slug),
        ),
        (
            "listing",
            "classification",
            slugs(Classification::ALL, Classification::slug),
        ),
        ("listing", "modality", slugs(Modality::ALL, Modality::slug)),
        (
            "team_invitation",
            "status",
            slugs(InvitationStatus::ALL, InvitationStatus::slug),
        ),
    ];
    for (table, column, slugs) in cases {
        assert_column_holds(&db, table, column, &slugs).await;
    }
}

/// The credit-code parser and `merchant.uscc`'s CHECK accept the same codes: an
/// application the form lets through must never break the database (it did, with letters
/// in the region code, and the applicant lost every field they had typed to a 500).
#[sqlx::test(migrations = "../migrations")]
async fn the_credit_code_parser_and_the_column_agree(db: PgPool) {
    use app::merchants::model::Uscc;
    use rand::{Rng, SeedableRng};
    const CHARSET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXYIOSVZ";
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(32100);
    let mut accepted = 0;
    for _ in 0..400 {
        // Mostly digits, so that codes both pass and fail at every position.
        let first17: String = (0..17)
            .map(|_| {
                let pick = if rng.gen_bool(0.8) { 10 } else { CHARSET.len() };
                char::from(CHARSET[rng.gen_range(0..pick)])
            })
            .collect();
        let Some(check) = Uscc::check_char(&first17) else {
            continue; // a letter outside the charset: no code to compare
        };
        let code = format!("{first17}{check}");
        let parsed = Uscc::parse(&code).is_ok();
        accepted += usize::from(parsed);
        assert_eq!(
            parsed,
            column_accepts(&db, "merchant", "uscc", &code).await,
            "{code}: the parser and the CHECK disagree"
        );
    }
    assert!(
        accepted > 20,
        "only {accepted} codes passed: a test that cannot fail"
    );
}
