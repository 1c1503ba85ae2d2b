//! The operator's audit log: every operator action (who, what, which object, before →
//! after, why, when), written in the transaction of the action and never changed.

use serde::{Deserialize, Serialize};

/// What the operator did; stored as its slug.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    ApproveApplication,
    RejectApplication,
    ChangeTier,
    SuspendMerchant,
    ReinstateMerchant,
    SuspendListing,
    RestoreListing,
    UnlockSecondFactor,
}

impl AuditAction {
    pub const ALL: [Self; 8] = [
        Self::ApproveApplication,
        Self::RejectApplication,
        Self::ChangeTier,
        Self::SuspendMerchant,
        Self::ReinstateMerchant,
        Self::SuspendListing,
        Self::RestoreListing,
        Self::UnlockSecondFactor,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Self::ApproveApplication => "approve_application",
            Self::RejectApplication => "reject_application",
            Self::ChangeTier => "change_tier",
            Self::SuspendMerchant => "suspend_merchant",
            Self::ReinstateMerchant => "reinstate_merchant",
            Self::SuspendListing => "suspend_listing",
            Self::RestoreListing => "restore_listing",
            Self::UnlockSecondFactor => "unlock_second_factor",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.slug() == slug)
    }
}

/// The kind of object an action was taken on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditObject {
    Merchant,
    Listing,
    /// A person's account (an operator whose authenticator was unlocked).
    Account,
}

impl AuditObject {
    pub fn slug(self) -> &'static str {
        match self {
            Self::Merchant => "merchant",
            Self::Listing => "listing",
            Self::Account => "account",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        match slug {
            "merchant" => Some(Self::Merchant),
            "listing" => Some(Self::Listing),
            "account" => Some(Self::Account),
            _ => None,
        }
    }
}

/// One row of the log as the console shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub actor_name: String,
    pub action: AuditAction,
    pub object: AuditObject,
    pub object_id: i64,
    pub object_label: String,
    /// `key: value` pairs, compact, as recorded.
    pub before: String,
    pub after: String,
    pub reason: Option<String>,
    /// `YYYY-MM-DD HH:MM:SS`, the market's time (UTC+8).
    pub at: String,
}

/// The log's filters, from the URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub action: Option<AuditAction>,
    pub object: Option<AuditObject>,
    pub object_id: Option<i64>,
    pub before: Option<i64>,
}

#[cfg(feature = "ssr")]
pub mod repo {
    //! SQL for the audit log.

    use serde_json::Value;
    use sqlx::{PgExecutor, Postgres, QueryBuilder, Row};

    use super::{AuditAction, AuditEntry, AuditFilter, AuditObject};
    use crate::accounts::model::CurrentUser;

    /// One operator action; run it on the transaction of the action.
    #[allow(clippy::too_many_arguments)]
    pub async fn record(
        db: impl PgExecutor<'_>,
        actor: &CurrentUser,
        action: AuditAction,
        object: AuditObject,
        object_id: i64,
        object_label: &str,
        before: Value,
        after: Value,
        reason: Option<&str>,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "insert into audit_event
                (actor_id, actor_name, action, object_type, object_id, object_label, before, after, reason)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(actor.id)
        .bind(&actor.display_name)
        .bind(action.slug())
        .bind(object.slug())
        .bind(object_id)
        .bind(object_label)
        .bind(before)
        .bind(after)
        .bind(reason)
        .execute(db)
        .await?;
        Ok(())
    }

    /// `{"tier": "growing"}` as `tier: growing`.
    fn compact(value: Option<Value>) -> String {
        match value {
            Some(Value::Object(map)) => map
                .iter()
                .map(|(key, value)| match value {
                    Value::String(s) => format!("{key}: {s}"),
                    other => format!("{key}: {other}"),
                })
                .collect::<Vec<_>>()
                .join(", "),
            Some(Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        }
    }

    /// A page of the log, newest first (keyset on the event id).
    pub async fn page(
        db: impl PgExecutor<'_>,
        filter: &AuditFilter,
        limit: i64,
    ) -> Result<Vec<AuditEntry>, sqlx::Error> {
        let mut sql = QueryBuilder::<Postgres>::new(
            "select audit_event_id, actor_name, action, object_type, object_id, object_label,
                    before, after, reason,
                    to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') as at
               from audit_event where true",
        );
        if let Some(action) = filter.action {
            sql.push(" and action = ").push_bind(action.slug());
        }
        if let Some(object) = filter.object {
            sql.push(" and object_type = ").push_bind(object.slug());
        }
        if let Some(object_id) = filter.object_id {
            sql.push(" and object_id = ").push_bind(object_id);
        }
        if let Some(before) = filter.before {
            sql.push(" and audit_event_id < ").push_bind(before);
        }
        sql.push(" order by audit_event_id desc limit ")
            .push_bind(limit);
        let rows = sql.build().fetch_all(db).await?;
        Ok(rows
            .iter()
            .filter_map(|row| {
                let action: String = row.get("action");
                let object: String = row.get("object_type");
                Some(AuditEntry {
                    id: row.get("audit_event_id"),
                    actor_name: row.get("actor_name"),
                    action: AuditAction::from_slug(&action)?,
                    object: AuditObject::from_slug(&object)?,
                    object_id: row.get("object_id"),
                    object_label: row.get("object_label"),
                    before: compact(row.get("before")),
                    after: compact(row.get("after")),
                    reason: row.get("reason"),
                    at: row.get("at"),
                })
            })
            .collect())
    }
}
