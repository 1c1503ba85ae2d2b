//! In-app notifications: per user, unread until seen, written in the transaction of the
//! event that causes them. A notification stores its kind and the facts its sentence
//! needs (names in both languages, a tier, a reason), so it reads in the language of
//! whoever opens it, not of whoever caused it.

use serde::{Deserialize, Serialize};

use crate::vocab::Tier;

/// What happened; each kind has its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    ApplicationApproved,
    ApplicationRejected,
    TierChanged,
    MerchantSuspended,
    MerchantReinstated,
    ListingSuspended,
    ListingRestored,
    TeamJoined,
    TeamLeft,
    OrderPlaced,
    OrderAccepted,
    OrderRejected,
    OrderCancelled,
    OrderDelivered,
    OrderCompleted,
    ChangesRequested,
    Reviewed,
    InquiryReceived,
    MessageReceived,
    QuoteReceived,
    InquiryClosed,
    QuoteAccepted,
    QuoteDeclined,
    QuoteNotSelected,
    RequirementQuoted,
}

impl NotificationKind {
    pub fn slug(self) -> &'static str {
        match self {
            Self::ApplicationApproved => "application_approved",
            Self::ApplicationRejected => "application_rejected",
            Self::TierChanged => "tier_changed",
            Self::MerchantSuspended => "merchant_suspended",
            Self::MerchantReinstated => "merchant_reinstated",
            Self::ListingSuspended => "listing_suspended",
            Self::ListingRestored => "listing_restored",
            Self::TeamJoined => "team_joined",
            Self::TeamLeft => "team_left",
            Self::OrderPlaced => "order_placed",
            Self::OrderAccepted => "order_accepted",
            Self::OrderRejected => "order_rejected",
            Self::OrderCancelled => "order_cancelled",
            Self::OrderDelivered => "order_delivered",
            Self::OrderCompleted => "order_completed",
            Self::ChangesRequested => "changes_requested",
            Self::Reviewed => "reviewed",
            Self::InquiryReceived => "inquiry_received",
            Self::MessageReceived => "message_received",
            Self::QuoteReceived => "quote_received",
            Self::InquiryClosed => "inquiry_closed",
            Self::QuoteAccepted => "quote_accepted",
            Self::QuoteDeclined => "quote_declined",
            Self::QuoteNotSelected => "quote_not_selected",
            Self::RequirementQuoted => "requirement_quoted",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        serde_json::from_value(serde_json::Value::String(slug.to_owned())).ok()
    }
}

/// The facts a notification's sentence needs; absent ones are not used by its kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationFacts {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant_zh: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listing_zh: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listing_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<Tier>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The order's number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<i64>,
    /// A review's stars.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stars: Option<i16>,
}

/// One notification as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub id: i64,
    pub kind: NotificationKind,
    pub facts: NotificationFacts,
    pub link: Option<String>,
    /// `YYYY-MM-DD HH:MM`, the market's time (UTC+8).
    pub created: String,
    pub unread: bool,
}

#[cfg(feature = "ssr")]
pub mod repo {
    //! SQL for notifications.

    use sqlx::{PgExecutor, Row};

    use super::{Notification, NotificationFacts, NotificationKind};

    /// Tells `user_id`; run it on the transaction of the event.
    pub async fn notify(
        db: impl PgExecutor<'_>,
        user_id: i64,
        kind: NotificationKind,
        facts: &NotificationFacts,
        link: Option<&str>,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "insert into notification (app_user_id, kind, params, link) values ($1, $2, $3, $4)",
        )
        .bind(user_id)
        .bind(kind.slug())
        .bind(sqlx::types::Json(facts))
        .bind(link)
        .execute(db)
        .await?;
        Ok(())
    }

    /// Tells every member of a merchant (owner included).
    pub async fn notify_members(
        db: impl PgExecutor<'_>,
        merchant_id: i64,
        kind: NotificationKind,
        facts: &NotificationFacts,
        link: Option<&str>,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "insert into notification (app_user_id, kind, params, link)
             select app_user_id, $2, $3, $4 from merchant_member where merchant_id = $1",
        )
        .bind(merchant_id)
        .bind(kind.slug())
        .bind(sqlx::types::Json(facts))
        .bind(link)
        .execute(db)
        .await?;
        Ok(())
    }

    pub async fn unread_count(db: impl PgExecutor<'_>, user_id: i64) -> Result<i64, sqlx::Error> {
        sqlx::query_scalar(
            "select count(*) from notification where app_user_id = $1 and read_at is null",
        )
        .bind(user_id)
        .fetch_one(db)
        .await
    }

    /// The newest `limit` notifications of `user_id` (older than `before`, when given).
    pub async fn recent(
        db: impl PgExecutor<'_>,
        user_id: i64,
        before: Option<i64>,
        limit: i64,
    ) -> Result<Vec<Notification>, sqlx::Error> {
        let rows = sqlx::query(
            "select notification_id, kind, params, link, read_at is null as unread,
                    to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as created
               from notification
              where app_user_id = $1 and ($2::bigint is null or notification_id < $2)
              order by notification_id desc
              limit $3",
        )
        .bind(user_id)
        .bind(before)
        .bind(limit)
        .fetch_all(db)
        .await?;
        rows.iter()
            .filter_map(|row| {
                let kind: String = row.get("kind");
                let facts: sqlx::types::Json<NotificationFacts> = row.get("params");
                Some(Ok(Notification {
                    id: row.get("notification_id"),
                    kind: NotificationKind::from_slug(&kind)?,
                    facts: facts.0,
                    link: row.get("link"),
                    created: row.get("created"),
                    unread: row.get("unread"),
                }))
            })
            .collect()
    }

    /// Marks as seen every notification of `user_id` up to `up_to` (the newest shown).
    pub async fn mark_seen(
        db: impl PgExecutor<'_>,
        user_id: i64,
        up_to: i64,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "update notification set read_at = now()
              where app_user_id = $1 and notification_id <= $2 and read_at is null",
        )
        .bind(user_id)
        .bind(up_to)
        .execute(db)
        .await?;
        Ok(())
    }
}

/// The sentence of a notification in the reader's language.
pub fn sentence(locale: crate::i18n::Locale, n: &Notification) -> String {
    use crate::i18n::{Locale, td_string};
    let pick = |zh: &Option<String>, en: &Option<String>| {
        match locale {
            Locale::zh => zh.clone().or_else(|| en.clone()),
            Locale::en => en.clone().or_else(|| zh.clone()),
        }
        .unwrap_or_default()
    };
    let f = &n.facts;
    let merchant = pick(&f.merchant_zh, &f.merchant_en);
    let listing = pick(&f.listing_zh, &f.listing_en);
    let tier = f
        .tier
        .map(|t| crate::components::labels::tier(locale, t))
        .unwrap_or_default();
    let reason = f.reason.clone().unwrap_or_default();
    match n.kind {
        NotificationKind::ApplicationApproved => {
            td_string!(
                locale,
                notifications.application_approved,
                merchant = merchant,
                tier = tier
            )
        }
        NotificationKind::ApplicationRejected => {
            td_string!(
                locale,
                notifications.application_rejected,
                merchant = merchant,
                reason = reason
            )
        }
        NotificationKind::TierChanged => {
            td_string!(
                locale,
                notifications.tier_changed,
                merchant = merchant,
                tier = tier,
                reason = reason
            )
        }
        NotificationKind::MerchantSuspended => {
            td_string!(
                locale,
                notifications.merchant_suspended,
                merchant = merchant,
                reason = reason
            )
        }
        NotificationKind::MerchantReinstated => {
            td_string!(
                locale,
                notifications.merchant_reinstated,
                merchant = merchant
            )
        }
        NotificationKind::ListingSuspended => {
            td_string!(
                locale,
                notifications.listing_suspended,
                listing = listing,
                reason = reason
            )
        }
        NotificationKind::ListingRestored => {
            td_string!(locale, notifications.listing_restored, listing = listing)
        }
        NotificationKind::TeamJoined => {
            td_string!(locale, notifications.team_joined, merchant = merchant)
        }
        NotificationKind::TeamLeft => {
            td_string!(locale, notifications.team_left, merchant = merchant)
        }
        kind => order_sentence(locale, kind, f, listing, reason, merchant),
    }
}

/// The sentence of a notification about an order: its number, title and note.
fn order_sentence(
    locale: crate::i18n::Locale,
    kind: NotificationKind,
    f: &NotificationFacts,
    title: String,
    note: String,
    merchant: String,
) -> String {
    use crate::i18n::td_string;
    let order = f.order.unwrap_or_default();
    let stars = f.stars.unwrap_or_default();
    match kind {
        NotificationKind::OrderPlaced => {
            td_string!(
                locale,
                notifications.order_placed,
                order = order,
                title = title
            )
        }
        NotificationKind::OrderAccepted => {
            td_string!(
                locale,
                notifications.order_accepted,
                order = order,
                title = title
            )
        }
        NotificationKind::OrderRejected => td_string!(
            locale,
            notifications.order_rejected,
            order = order,
            title = title,
            reason = note
        ),
        NotificationKind::OrderCancelled => td_string!(
            locale,
            notifications.order_cancelled,
            order = order,
            title = title,
            reason = note
        ),
        NotificationKind::OrderDelivered => td_string!(
            locale,
            notifications.order_delivered,
            order = order,
            title = title,
            note = note
        ),
        NotificationKind::OrderCompleted => {
            td_string!(
                locale,
                notifications.order_completed,
                order = order,
                title = title
            )
        }
        NotificationKind::ChangesRequested => td_string!(
            locale,
            notifications.changes_requested,
            order = order,
            title = title,
            note = note
        ),
        NotificationKind::Reviewed => td_string!(
            locale,
            notifications.reviewed,
            order = order,
            title = title,
            stars = stars
        ),
        NotificationKind::InquiryReceived => {
            td_string!(locale, notifications.inquiry_received, title = title)
        }
        NotificationKind::MessageReceived => {
            td_string!(locale, notifications.message_received, title = title)
        }
        NotificationKind::QuoteReceived => {
            td_string!(locale, notifications.quote_received, title = title)
        }
        NotificationKind::InquiryClosed => {
            td_string!(locale, notifications.inquiry_closed, title = title)
        }
        NotificationKind::QuoteAccepted => {
            td_string!(locale, notifications.quote_accepted, title = title)
        }
        NotificationKind::QuoteDeclined => {
            td_string!(locale, notifications.quote_declined, title = title)
        }
        NotificationKind::QuoteNotSelected => {
            td_string!(locale, notifications.quote_not_selected, title = title)
        }
        NotificationKind::RequirementQuoted => {
            td_string!(
                locale,
                notifications.requirement_quoted,
                title = title,
                merchant = merchant
            )
        }
        _ => String::new(),
    }
}

/// How many notifications the signed-in user has not seen (0 for visitors).
#[cfg(feature = "ssr")]
pub async fn unread_count_for(user_id: i64) -> Result<i64, crate::error::AppError> {
    Ok(repo::unread_count(&crate::request::state()?.db, user_id).await?)
}

/// `/account/notifications`: the newest first; opening the page marks them seen.
#[cfg(feature = "ssr")]
#[leptos::component]
pub fn NotificationsPage() -> impl leptos::IntoView {
    use crate::i18n::{t, tu_string, use_i18n};
    use leptos::prelude::*;
    use leptos_meta::Title;
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    view! {
        <Title text=tu_string!(i18n, notifications.title).to_owned()/>
        {crate::pages::with_data(
            || async move {
                let user = crate::accounts::api::require_user().await?;
                let db = crate::pages::db()?;
                let list = repo::recent(&db, user.id, None, 100).await?;
                if let Some(newest) = list.first() {
                    repo::mark_seen(&db, user.id, newest.id).await?;
                }
                Ok(list)
            },
            move |list| view! {
                <section class="card">
                    <h1>{t!(i18n, notifications.title)}</h1>
                    {list.is_empty().then(|| view! { <p>{t!(i18n, notifications.none)}</p> })}
                    <ol class="notifications" data-testid="notifications">
                        {list.into_iter().map(|n| {
                            let text = sentence(locale, &n);
                            let class = if n.unread { "notification notification--unread" } else { "notification" };
                            view! {
                                <li class=class>
                                    <p>{text}</p>
                                    <p class="notification__meta">
                                        <time>{n.created.clone()}</time>
                                        {n.link.clone().map(|href| view! { " · " <a href=href>{t!(i18n, notifications.open)}</a> })}
                                    </p>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                </section>
            },
        )}
    }
}
