//! The operator's actions on the market. Each one locks its object, checks the state
//! machine of PRODUCT.md (anything else is `Conflict`), and writes the change, its audit
//! entry and its notifications in one transaction.

use serde_json::{Value, json};
use sqlx::{PgPool, Postgres, Transaction};

use super::model::{ConsoleMerchant, MerchantFilter, MerchantsPage};
use super::repo;
use crate::accounts::model::{CurrentUser, Role};
use crate::accounts::repo as accounts;
use crate::audit::{AuditAction, AuditObject, repo as audit};
use crate::catalog::store as listings;
use crate::error::{AppError, FieldErrors};
use crate::merchants::model::{Application, choice};
use crate::merchants::store::{self, MerchantState};
use crate::notifications::{NotificationFacts, NotificationKind, repo as notifications};
use crate::vocab::{ListingStatus, MemberRole, MerchantStatus, Tier};

/// The longest reason an operator can give.
pub const MAX_REASON_CHARS: u32 = 500;

/// Only operators run the console.
pub fn require_operator(user: &CurrentUser) -> Result<(), AppError> {
    user.require_role(&[Role::Admin])
}

/// What a refused reason form gives back: the reason typed, and which object's form it
/// was (a console page holds one such form per object).
fn typed_reason(raw: &str, object_id: i64) -> Vec<(String, String)> {
    vec![
        ("reason".to_owned(), raw.to_owned()),
        (OBJECT_FIELD.to_owned(), object_id.to_string()),
    ]
}

/// The typed value naming the object of a refused reason form.
pub const OBJECT_FIELD: &str = "object";

/// A reason for the record about `object_id`, required (field `reason`).
fn reason(raw: &str, object_id: i64) -> Result<String, AppError> {
    crate::text::line(raw, MAX_REASON_CHARS).map_err(|why| {
        let mut errors = FieldErrors::single("reason", why);
        errors.typed = typed_reason(raw, object_id);
        errors.into()
    })
}

fn merchant_facts(merchant: &MerchantState) -> NotificationFacts {
    NotificationFacts {
        merchant_zh: Some(merchant.name_zh.clone()),
        merchant_en: Some(merchant.name_en.clone()),
        ..NotificationFacts::default()
    }
}

/// Who hears of a decision.
enum Audience {
    User(i64),
    MembersOf(i64),
}

/// What the people a decision concerns are told, and where their notification leads.
struct Notice {
    to: Audience,
    kind: NotificationKind,
    facts: NotificationFacts,
    link: String,
}

/// One operator decision as the audit log keeps it: what was done to which object,
/// before → after, why, and whom it is told to.
struct Decision<'a> {
    action: AuditAction,
    object: AuditObject,
    object_id: i64,
    label: String,
    before: Value,
    after: Value,
    reason: Option<&'a str>,
    notice: Option<Notice>,
}

impl<'a> Decision<'a> {
    /// A decision about `merchant`; [`told`](Self::told) adds whom it is told to.
    fn on_merchant(
        merchant: &MerchantState,
        action: AuditAction,
        before: Value,
        after: Value,
    ) -> Self {
        Decision {
            action,
            object: AuditObject::Merchant,
            object_id: merchant.merchant_id,
            label: format!("{} · {}", merchant.name_zh, merchant.name_en),
            before,
            after,
            reason: None,
            notice: None,
        }
    }

    fn because(self, reason: &'a str) -> Self {
        Decision {
            reason: Some(reason),
            ..self
        }
    }

    fn told(
        self,
        to: Audience,
        kind: NotificationKind,
        facts: NotificationFacts,
        link: &str,
    ) -> Self {
        let notice = Notice {
            to,
            kind,
            facts,
            link: link.to_owned(),
        };
        Decision {
            notice: Some(notice),
            ..self
        }
    }

    /// The last steps of every console action, once its own change is written in `tx`:
    /// the notifications, the audit entry, and the commit of all of it together.
    async fn conclude(
        self,
        mut tx: Transaction<'_, Postgres>,
        operator: &CurrentUser,
    ) -> Result<(), AppError> {
        if let Some(Notice {
            to,
            kind,
            facts,
            link,
        }) = &self.notice
        {
            let link = Some(link.as_str());
            match *to {
                Audience::User(user) => {
                    notifications::notify(&mut *tx, user, *kind, facts, link).await?
                }
                Audience::MembersOf(merchant) => {
                    notifications::notify_members(&mut *tx, merchant, *kind, facts, link).await?
                }
            }
        }
        audit::record(
            &mut *tx,
            operator,
            self.action,
            self.object,
            self.object_id,
            &self.label,
            self.before,
            self.after,
            self.reason,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Merchant `merchant_id`, locked for the rest of `tx`: `NotFound` if there is none,
/// `Conflict` unless its state allows the action.
async fn lock_merchant(
    tx: &mut Transaction<'_, Postgres>,
    merchant_id: i64,
    allows: impl FnOnce(&MerchantState) -> bool,
) -> Result<MerchantState, AppError> {
    let merchant = store::lock(&mut **tx, merchant_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if allows(&merchant) {
        Ok(merchant)
    } else {
        Err(AppError::Conflict)
    }
}

pub async fn pending_applications(db: &PgPool) -> Result<Vec<Application>, AppError> {
    Ok(store::pending_applications(db, 200).await?)
}

/// Approves an application at `tier` (inbound unless chosen): the applicant becomes the
/// merchant's owner and is told.
pub async fn approve(
    db: &PgPool,
    operator: &CurrentUser,
    merchant_id: i64,
    tier: &str,
) -> Result<(), AppError> {
    require_operator(operator)?;
    let tier = match tier.trim() {
        "" => Tier::Inbound,
        raw => choice(raw, Tier::from_slug).map_err(|why| FieldErrors::single("tier", why))?,
    };
    let mut tx = db.begin().await?;
    let merchant = lock_merchant(&mut tx, merchant_id, |m| {
        m.status == MerchantStatus::Pending
    })
    .await?;
    store::set_status(&mut *tx, merchant_id, MerchantStatus::Approved, None).await?;
    store::set_tier(
        &mut tx,
        merchant_id,
        operator.id,
        None,
        tier,
        "application approved",
    )
    .await?;
    let mut decision = Decision::on_merchant(
        &merchant,
        AuditAction::ApproveApplication,
        json!({"status": merchant.status.slug()}),
        json!({"status": MerchantStatus::Approved.slug(), "tier": tier.slug()}),
    );
    if let Some(applicant) = merchant.applied_by {
        store::add_member(&mut tx, merchant_id, applicant, MemberRole::Owner)
            .await
            .map_err(|e| {
                if e.as_database_error()
                    .is_some_and(|d| d.is_unique_violation())
                {
                    // The applicant joined another merchant's team meanwhile.
                    AppError::Conflict
                } else {
                    e.into()
                }
            })?;
        let facts = NotificationFacts {
            tier: Some(tier),
            ..merchant_facts(&merchant)
        };
        let kind = NotificationKind::ApplicationApproved;
        decision = decision.told(Audience::User(applicant), kind, facts, "/merchant");
    }
    decision.conclude(tx, operator).await
}

/// Rejects an application with a reason the applicant sees.
pub async fn reject(
    db: &PgPool,
    operator: &CurrentUser,
    merchant_id: i64,
    raw_reason: &str,
) -> Result<(), AppError> {
    require_operator(operator)?;
    let reason = reason(raw_reason, merchant_id)?;
    let mut tx = db.begin().await?;
    let merchant = lock_merchant(&mut tx, merchant_id, |m| {
        m.status == MerchantStatus::Pending
    })
    .await?;
    let to = MerchantStatus::Rejected;
    store::set_status(&mut *tx, merchant_id, to, Some(&reason)).await?;
    let mut decision = Decision::on_merchant(
        &merchant,
        AuditAction::RejectApplication,
        json!({"status": merchant.status.slug()}),
        json!({"status": to.slug()}),
    )
    .because(&reason);
    if let Some(applicant) = merchant.applied_by {
        let facts = NotificationFacts {
            reason: Some(reason.clone()),
            ..merchant_facts(&merchant)
        };
        let kind = NotificationKind::ApplicationRejected;
        decision = decision.told(Audience::User(applicant), kind, facts, "/apply");
    }
    decision.conclude(tx, operator).await
}

/// Moves an approved (or suspended) merchant to another tier, with a reason kept in its
/// tier history and the audit log.
pub async fn change_tier(
    db: &PgPool,
    operator: &CurrentUser,
    merchant_id: i64,
    raw_tier: &str,
    raw_reason: &str,
) -> Result<(), AppError> {
    require_operator(operator)?;
    let mut errors = FieldErrors::default();
    let tier = errors.check("tier", choice(raw_tier, Tier::from_slug));
    let why = errors.check("reason", crate::text::line(raw_reason, MAX_REASON_CHARS));
    let (Some(tier), Some(why)) = (tier, why) else {
        errors.typed = typed_reason(raw_reason, merchant_id);
        return Err(errors.into());
    };
    let mut tx = db.begin().await?;
    let merchant = lock_merchant(&mut tx, merchant_id, |m| {
        let tiered = matches!(
            m.status,
            MerchantStatus::Approved | MerchantStatus::Suspended
        );
        tiered && m.tier != tier
    })
    .await?;
    store::set_tier(
        &mut tx,
        merchant_id,
        operator.id,
        Some(merchant.tier),
        tier,
        &why,
    )
    .await?;
    let facts = NotificationFacts {
        tier: Some(tier),
        reason: Some(why.clone()),
        ..merchant_facts(&merchant)
    };
    Decision::on_merchant(
        &merchant,
        AuditAction::ChangeTier,
        json!({"tier": merchant.tier.slug()}),
        json!({"tier": tier.slug()}),
    )
    .because(&why)
    .told(
        Audience::MembersOf(merchant_id),
        NotificationKind::TierChanged,
        facts,
        "/merchant",
    )
    .conclude(tx, operator)
    .await
}

/// Suspends an approved merchant (`suspend`) or reinstates a suspended one; its
/// listings leave or rejoin the public market with it (a trigger keeps `is_public`).
pub async fn set_merchant_suspended(
    db: &PgPool,
    operator: &CurrentUser,
    merchant_id: i64,
    suspend: bool,
    raw_reason: &str,
) -> Result<(), AppError> {
    require_operator(operator)?;
    let why = reason(raw_reason, merchant_id)?;
    let (from, to, action, kind) = if suspend {
        (
            MerchantStatus::Approved,
            MerchantStatus::Suspended,
            AuditAction::SuspendMerchant,
            NotificationKind::MerchantSuspended,
        )
    } else {
        (
            MerchantStatus::Suspended,
            MerchantStatus::Approved,
            AuditAction::ReinstateMerchant,
            NotificationKind::MerchantReinstated,
        )
    };
    let mut tx = db.begin().await?;
    let merchant = lock_merchant(&mut tx, merchant_id, |m| m.status == from).await?;
    let kept_reason = suspend.then_some(why.as_str());
    store::set_status(&mut *tx, merchant_id, to, kept_reason).await?;
    let facts = NotificationFacts {
        reason: Some(why.clone()),
        ..merchant_facts(&merchant)
    };
    let before = json!({"status": from.slug()});
    let after = json!({"status": to.slug()});
    Decision::on_merchant(&merchant, action, before, after)
        .because(&why)
        .told(Audience::MembersOf(merchant_id), kind, facts, "/merchant")
        .conclude(tx, operator)
        .await
}

/// Suspends a listing (from any status but suspended), or restores a suspended one to
/// the status it had; its merchant's members are told why.
pub async fn set_listing_suspended(
    db: &PgPool,
    operator: &CurrentUser,
    listing_id: i64,
    suspend: bool,
    raw_reason: &str,
) -> Result<i64, AppError> {
    require_operator(operator)?;
    let why = reason(raw_reason, listing_id)?;
    let mut tx = db.begin().await?;
    let listing = listings::lock(&mut *tx, listing_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (to, action, kind) = match (suspend, listing.status, listing.status_before_suspension) {
        (true, from, _) if from != ListingStatus::Suspended => (
            ListingStatus::Suspended,
            AuditAction::SuspendListing,
            NotificationKind::ListingSuspended,
        ),
        (false, ListingStatus::Suspended, Some(earlier)) => (
            earlier,
            AuditAction::RestoreListing,
            NotificationKind::ListingRestored,
        ),
        _ => return Err(AppError::Conflict),
    };
    if suspend {
        listings::suspend(&mut *tx, listing_id, listing.status, &why).await?;
    } else {
        listings::restore(&mut *tx, listing_id, to).await?;
    }
    let facts = NotificationFacts {
        listing_zh: Some(listing.title_zh.clone()),
        listing_en: Some(listing.title_en.clone()),
        reason: Some(why.clone()),
        ..NotificationFacts::default()
    };
    let decision = Decision {
        action,
        object: AuditObject::Listing,
        object_id: listing_id,
        label: format!("{} · {}", listing.title_zh, listing.title_en),
        before: json!({"status": listing.status.slug()}),
        after: json!({"status": to.slug()}),
        reason: Some(&why),
        notice: None,
    };
    let link = format!("/merchant/listings/{listing_id}");
    decision
        .told(Audience::MembersOf(listing.merchant_id), kind, facts, &link)
        .conclude(tx, operator)
        .await?;
    Ok(listing.merchant_id)
}

/// Unlocks another operator's authenticator, locked after too many wrong codes in a
/// row, with a reason for the audit log (say how the person was reached). Nobody unlocks
/// their own: a second pair of eyes decides that the operator asking is the operator.
pub async fn unlock_second_factor(
    db: &PgPool,
    operator: &CurrentUser,
    user_id: i64,
    raw_reason: &str,
) -> Result<(), AppError> {
    require_operator(operator)?;
    let why = reason(raw_reason, user_id)?;
    if user_id == operator.id {
        return Err(AppError::Conflict);
    }
    let mut tx = db.begin().await?;
    let unlocked = accounts::unlock_second_factor(&mut *tx, user_id)
        .await?
        .ok_or(AppError::Conflict)?;
    Decision {
        action: AuditAction::UnlockSecondFactor,
        object: AuditObject::Account,
        object_id: user_id,
        label: format!("{} · {}", unlocked.display_name, unlocked.email),
        before: json!({"second_factor": "locked"}),
        after: json!({"second_factor": "unlocked"}),
        reason: Some(&why),
        notice: None,
    }
    .conclude(tx, operator)
    .await?;
    crate::security::second_factor_unlocked(user_id, Some(operator.id));
    Ok(())
}

/// Operators whose authenticator is locked, for the dashboard (read fresh: it is not
/// one of the figures counted once a minute).
pub async fn locked_operators(db: &PgPool) -> Result<Vec<accounts::LockedOperator>, AppError> {
    Ok(accounts::locked_operators(db).await?)
}

/// The console's list of merchants.
pub async fn merchants(db: &PgPool, filter: &MerchantFilter) -> Result<MerchantsPage, AppError> {
    const PAGE: i64 = 50;
    let rows: Vec<ConsoleMerchant> = repo::merchants(db, filter, PAGE + 1).await?;
    let keys: Vec<i64> = rows.iter().map(|m| m.id).collect();
    let (merchants, next) = crate::db::split_page(rows, &keys, PAGE);
    Ok(MerchantsPage { merchants, next })
}

/// The dashboard's figures, counted at most once a minute: at 100,000 merchants and
/// 300,000 listings the counts take about half a second (measured), and a console with
/// several operators open should not count them on every view.
pub async fn dashboard(db: &PgPool) -> Result<super::model::Dashboard, AppError> {
    use std::collections::HashMap;
    use std::sync::OnceLock;
    use std::time::{Duration, Instant};
    use tokio::sync::Mutex;
    type Counted = HashMap<String, (Instant, super::model::Dashboard)>;
    const FRESH_FOR: Duration = Duration::from_secs(60);
    static CACHE: OnceLock<Mutex<Counted>> = OnceLock::new();
    // Per database (tests run many in one process). Held while counting, so that a
    // burst of views waits for one count.
    let database = db
        .connect_options()
        .get_database()
        .unwrap_or_default()
        .to_owned();
    let mut cached = CACHE
        .get_or_init(|| Mutex::new(HashMap::new()))
        .lock()
        .await;
    if let Some((at, figures)) = cached.get(&database)
        && at.elapsed() < FRESH_FOR
    {
        return Ok(figures.clone());
    }
    let figures = repo::dashboard(db).await?;
    cached.insert(database, (Instant::now(), figures.clone()));
    Ok(figures)
}
