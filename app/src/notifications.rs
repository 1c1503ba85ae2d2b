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
    /// Kept for notifications written before teams were joined by invitation.
    TeamJoined,
    TeamLeft,
    InvitationAccepted,
    InvitationDeclined,
    MemberLeft,
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
            Self::InvitationAccepted => "invitation_accepted",
            Self::InvitationDeclined => "invitation_declined",
            Self::MemberLeft => "member_left",
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
    /// Someone in a team's news: their name and address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
}

impl NotificationFacts {
    /// Facts about something with one title in both languages (a buyer's inquiry or
    /// requirement is written in one language).
    pub fn about(title: &str) -> Self {
        Self {
            listing_zh: Some(title.to_owned()),
            listing_en: Some(title.to_owned()),
            ..Self::default()
        }
    }
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

    /// The second half of every notifying statement: an outbox row, in the same
    /// transaction, for each notification whose reader wants e-mail.
    const OUTBOX: &str = "insert into mail_outbox (notification_id)
         select w.notification_id from written w
           join app_user u on u.app_user_id = w.app_user_id
          where u.mail_notifications and not u.disabled";

    /// Tells `user_id`; run it on the transaction of the event.
    pub async fn notify(
        db: impl PgExecutor<'_>,
        user_id: i64,
        kind: NotificationKind,
        facts: &NotificationFacts,
        link: Option<&str>,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(&format!(
            "with written as (
                 insert into notification (app_user_id, kind, params, link)
                 values ($1, $2, $3, $4) returning notification_id, app_user_id)
             {OUTBOX}"
        ))
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
        sqlx::query(&format!(
            "with written as (
                 insert into notification (app_user_id, kind, params, link)
                 select app_user_id, $2, $3, $4 from merchant_member where merchant_id = $1
                 returning notification_id, app_user_id)
             {OUTBOX}"
        ))
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
    let person = f.person.clone().unwrap_or_default();
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
        NotificationKind::InvitationAccepted => td_string!(
            locale,
            notifications.invitation_accepted,
            person = person,
            merchant = merchant
        ),
        NotificationKind::InvitationDeclined => td_string!(
            locale,
            notifications.invitation_declined,
            person = person,
            merchant = merchant
        ),
        NotificationKind::MemberLeft => td_string!(
            locale,
            notifications.member_left,
            person = person,
            merchant = merchant
        ),
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

/// The e-mail side of notifications: a worker sends what the outbox holds, after the
/// notifying transactions committed, in each reader's language. Invitations to a team
/// travel the same way (their mail is written by `merchants::team`).
///
/// Mail to one person is capped: at most [`MAILS_PER_WINDOW`] in any [`MAIL_WINDOW`],
/// counted in PostgreSQL (`notification_mail`, one row per mail, under a lock on the
/// person's mail, so several workers share the cap). A notification over the cap stays
/// in the app and waits in the outbox, folded; the first free slot sends everything
/// folded for that person as one digest. A burst of notifications (thirty inquiries in a
/// second) is thus a few mails and a digest, never a burst of mails. A mail's subject
/// names only the kind of news (and an order's number), never text someone wrote.
///
/// A row is claimed (in its own short transaction) before its mail is sent and marked
/// sent right after, so a restart never loses one: a claimed row that was not marked
/// within [`RETRY_AFTER_MINUTES`] is sent again. The one window for a second copy is a
/// crash between the mail server's acceptance and the mark, which no SMTP client can
/// close; every other restart sends each mail once.
#[cfg(feature = "ssr")]
pub mod outbox {
    use sqlx::{PgPool, Row};

    use super::{Notification, NotificationFacts, NotificationKind, sentence};
    use crate::error::AppError;
    use crate::i18n::{Locale, td_string};
    use crate::mail::{Mail, Mailer};

    /// Minutes after which a claimed, unsent row is tried again.
    pub const RETRY_AFTER_MINUTES: i32 = 5;
    /// Attempts before a row is left alone (its failures are in the log).
    pub const MAX_ATTEMPTS: i32 = 5;
    /// The most mails one person gets within [`MAIL_WINDOW`], digests included: enough
    /// for the news of an ordinary busy hour to arrive one by one, few enough that a
    /// flood of notifications is a handful of mails.
    pub const MAILS_PER_WINDOW: i64 = 5;
    /// The window of [`MAILS_PER_WINDOW`]; what was folded goes out as a digest at most
    /// this long after the mail that filled the window.
    pub const MAIL_WINDOW: time::Duration = time::Duration::minutes(15);
    /// Notifications a digest lists one by one; it counts the rest.
    pub const DIGEST_LINES: usize = 20;
    /// The first key of the advisory locks on one person's mail slots.
    const LOCK_CLASS: i32 = 2_026_120_819;

    /// Sends up to `batch` pending mails, and the digests of what was folded for people
    /// whose cap has room again; how many mails were sent.
    pub async fn send_pending(
        db: &PgPool,
        mailer: &Mailer,
        public_url: &str,
        batch: i64,
    ) -> Result<usize, AppError> {
        // Digests first: what waited longest takes the first free slot.
        let mut sent = send_digests(db, mailer, public_url, batch).await?;
        let claimed = sqlx::query(
            "update mail_outbox o set claimed_at = now(), attempts = o.attempts + 1
              where o.mail_outbox_id in (
                    select mail_outbox_id from mail_outbox
                     where sent_at is null and folded_at is null and attempts < $2
                       and (claimed_at is null or claimed_at < now() - make_interval(mins => $3))
                     order by mail_outbox_id limit $1
                     for update skip locked)
             returning o.mail_outbox_id, o.notification_id, o.team_invitation_id,
                       (select n.app_user_id from notification n
                         where n.notification_id = o.notification_id) as reader",
        )
        .bind(batch)
        .bind(MAX_ATTEMPTS)
        .bind(RETRY_AFTER_MINUTES)
        .fetch_all(db)
        .await?;
        // Oldest first (RETURNING keeps no order): under the cap, the first news is mailed.
        let mut claimed: Vec<Claimed> = claimed
            .iter()
            .map(|row| (row.get(0), row.get(1), row.get(2), row.get(3)))
            .collect();
        claimed.sort_unstable();
        for (outbox_id, notification_id, invitation_id, reader) in claimed {
            let mail = match (notification_id, invitation_id) {
                (Some(notification_id), _) => mail_of(db, notification_id, public_url).await?,
                // To an address, perhaps nobody's yet: the merchant's caps on invitations
                // bound these, not a reader's.
                (None, Some(invitation_id)) => {
                    crate::merchants::team::invitation_mail(db, invitation_id, public_url).await?
                }
                (None, None) => None,
            };
            // Without a mail (the reader turned mail off meanwhile, or left; the
            // invitation was withdrawn) the row is simply marked done.
            if let Some(mail) = mail {
                if let Some(reader) = reader
                    && !take_slot(db, reader).await?
                {
                    fold(db, outbox_id).await?;
                    continue;
                }
                if let Err(e) = mailer.send(mail).await {
                    tracing::warn!(error = %e, outbox_id, "notification mail not sent; retried later");
                    continue;
                }
                sent += 1;
            }
            mark_sent(db, &[outbox_id]).await?;
        }
        Ok(sent)
    }

    /// A claimed outbox row: its id, its notification or invitation, and the reader.
    type Claimed = (i64, Option<i64>, Option<i64>, Option<i64>);

    async fn mark_sent(db: &PgPool, outbox_ids: &[i64]) -> Result<(), AppError> {
        sqlx::query("update mail_outbox set sent_at = now() where mail_outbox_id = any($1)")
            .bind(outbox_ids)
            .execute(db)
            .await?;
        Ok(())
    }

    /// Leaves a row over its reader's cap for the next digest.
    async fn fold(db: &PgPool, outbox_id: i64) -> Result<(), AppError> {
        sqlx::query(
            "update mail_outbox set folded_at = now(), claimed_at = null where mail_outbox_id = $1",
        )
        .bind(outbox_id)
        .execute(db)
        .await?;
        Ok(())
    }

    /// Takes one of `reader`'s mail slots if the window has one free. Under a lock on the
    /// reader's mail, held for this short transaction only (never while a mail is sent),
    /// so two workers never both take the last slot.
    async fn take_slot(db: &PgPool, reader: i64) -> Result<bool, AppError> {
        let mut tx = db.begin().await?;
        // Two people may share a lock (ids past 2^31 wrap); they merely wait in turn.
        sqlx::query("select pg_advisory_xact_lock($1, ($2 % 2147483647)::int)")
            .bind(LOCK_CLASS)
            .bind(reader)
            .execute(&mut *tx)
            .await?;
        let taken = sqlx::query(
            "insert into notification_mail (app_user_id)
             select $1 where (select count(*) from notification_mail
                               where app_user_id = $1 and sent_at > now() - $3) < $2",
        )
        .bind(reader)
        .bind(MAILS_PER_WINDOW)
        .bind(MAIL_WINDOW)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(taken == 1)
    }

    /// Sends the digests of up to `batch` people whose folded notifications wait and
    /// whose cap has room; how many were sent.
    async fn send_digests(
        db: &PgPool,
        mailer: &Mailer,
        public_url: &str,
        batch: i64,
    ) -> Result<usize, AppError> {
        let readers: Vec<i64> = sqlx::query_scalar(
            "select distinct n.app_user_id
               from mail_outbox o join notification n on n.notification_id = o.notification_id
              where o.folded_at is not null and o.sent_at is null and o.attempts < $2
                and (o.claimed_at is null or o.claimed_at < now() - make_interval(mins => $3))
              limit $1",
        )
        .bind(batch)
        .bind(MAX_ATTEMPTS)
        .bind(RETRY_AFTER_MINUTES)
        .fetch_all(db)
        .await?;
        let mut sent = 0;
        for reader in readers {
            // Claimed before the slot is taken, so that a second worker finds nothing to
            // send and takes no slot; given back if the window is still full.
            let rows: Vec<(i64, i64)> = sqlx::query_as(
                "update mail_outbox o set claimed_at = now(), attempts = o.attempts + 1
                  where o.mail_outbox_id in (
                        select x.mail_outbox_id
                          from mail_outbox x join notification n on n.notification_id = x.notification_id
                         where n.app_user_id = $1 and x.folded_at is not null and x.sent_at is null
                           and x.attempts < $2
                           and (x.claimed_at is null or x.claimed_at < now() - make_interval(mins => $3))
                         for update of x skip locked)
                 returning o.mail_outbox_id, o.notification_id",
            )
            .bind(reader)
            .bind(MAX_ATTEMPTS)
            .bind(RETRY_AFTER_MINUTES)
            .fetch_all(db)
            .await?;
            if rows.is_empty() {
                continue;
            }
            let (outbox_ids, notification_ids): (Vec<i64>, Vec<i64>) = rows.into_iter().unzip();
            let Some(mail) = digest_of(db, reader, &notification_ids, public_url).await? else {
                mark_sent(db, &outbox_ids).await?;
                continue;
            };
            if !take_slot(db, reader).await? {
                sqlx::query(
                    "update mail_outbox set claimed_at = null, attempts = attempts - 1
                      where mail_outbox_id = any($1)",
                )
                .bind(&outbox_ids)
                .execute(db)
                .await?;
                continue;
            }
            if let Err(e) = mailer.send(mail).await {
                tracing::warn!(error = %e, reader, "notification digest not sent; retried later");
                continue;
            }
            sent += 1;
            mark_sent(db, &outbox_ids).await?;
        }
        Ok(sent)
    }

    /// The digest of `notification_ids` for `reader`, in their language; `None` when
    /// the reader no longer wants mail.
    async fn digest_of(
        db: &PgPool,
        reader: i64,
        notification_ids: &[i64],
        public_url: &str,
    ) -> Result<Option<Mail>, AppError> {
        let Some(person) = sqlx::query(
            "select email, display_name, locale from app_user
              where app_user_id = $1 and mail_notifications and not disabled",
        )
        .bind(reader)
        .fetch_optional(db)
        .await?
        else {
            return Ok(None);
        };
        let locale: Locale = person
            .get::<String, _>("locale")
            .parse()
            .unwrap_or_default();
        let rows = sqlx::query(
            "select notification_id, kind, params, link,
                    to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as created
               from notification where notification_id = any($1) order by notification_id",
        )
        .bind(notification_ids)
        .fetch_all(db)
        .await?;
        let count = rows.len();
        let mut lines: Vec<String> = rows
            .iter()
            .filter_map(|row| {
                let facts: sqlx::types::Json<NotificationFacts> = row.get("params");
                let notification = Notification {
                    id: row.get("notification_id"),
                    kind: NotificationKind::from_slug(row.get("kind"))?,
                    facts: facts.0,
                    link: row.get("link"),
                    created: row.get("created"),
                    unread: true,
                };
                Some(format!(
                    "- {} ({})",
                    sentence(locale, &notification),
                    notification.created
                ))
            })
            .take(DIGEST_LINES)
            .collect();
        if count > DIGEST_LINES {
            lines.push(td_string!(
                locale,
                mail.digest_more,
                count = count - DIGEST_LINES
            ));
        }
        let link = format!("{}/account/notifications", public_url.trim_end_matches('/'));
        let name: String = person.get("display_name");
        Ok(Some(Mail {
            to: person.get("email"),
            subject: td_string!(locale, mail.digest_subject, count = count),
            body: td_string!(
                locale,
                mail.digest_body,
                name = name,
                max = MAILS_PER_WINDOW,
                minutes = MAIL_WINDOW.whole_minutes(),
                count = count,
                list = lines.join("\n"),
                link = link
            ),
        }))
    }

    /// Deletes the record of mails no window counts any more.
    pub async fn sweep_sent_mail_rows(db: &PgPool) -> Result<u64, AppError> {
        Ok(
            sqlx::query("delete from notification_mail where sent_at < now() - $1")
                .bind(MAIL_WINDOW)
                .execute(db)
                .await?
                .rows_affected(),
        )
    }

    /// The mail for a notification, in its reader's language; `None` when the reader
    /// no longer wants mail.
    async fn mail_of(
        db: &PgPool,
        notification_id: i64,
        public_url: &str,
    ) -> Result<Option<Mail>, AppError> {
        let Some(row) = sqlx::query(
            "select u.email, u.display_name, u.locale, u.mail_notifications, u.disabled,
                    n.kind, n.params, n.link,
                    to_char(n.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as created
               from notification n join app_user u on u.app_user_id = n.app_user_id
              where n.notification_id = $1",
        )
        .bind(notification_id)
        .fetch_optional(db)
        .await?
        else {
            return Ok(None);
        };
        let wanted: bool = row.get("mail_notifications");
        let disabled: bool = row.get("disabled");
        let kind = NotificationKind::from_slug(row.get("kind"));
        let (Some(kind), true, false) = (kind, wanted, disabled) else {
            return Ok(None);
        };
        let facts: sqlx::types::Json<NotificationFacts> = row.get("params");
        let link: Option<String> = row.get("link");
        let locale: Locale = row.get::<String, _>("locale").parse().unwrap_or_default();
        let notification = Notification {
            id: notification_id,
            kind,
            facts: facts.0,
            link: link.clone(),
            created: row.get("created"),
            unread: true,
        };
        let text = sentence(locale, &notification);
        let url = format!(
            "{}{}",
            public_url.trim_end_matches('/'),
            link.as_deref().unwrap_or("/account/notifications")
        );
        let name: String = row.get("display_name");
        Ok(Some(Mail {
            to: row.get("email"),
            subject: td_string!(
                locale,
                mail.notification_subject,
                text = subject(locale, &notification)
            ),
            body: td_string!(
                locale,
                mail.notification_body,
                name = name,
                text = text,
                link = url
            )
            .to_string(),
        }))
    }

    /// A mail's subject: what kind of news it is, and an order's number; never a title,
    /// name or reason someone typed (those are in the body).
    pub fn subject(locale: Locale, n: &Notification) -> String {
        let order = n.facts.order.unwrap_or_default();
        match n.kind {
            NotificationKind::ApplicationApproved => {
                td_string!(locale, mail.subjects.application_approved).to_owned()
            }
            NotificationKind::ApplicationRejected => {
                td_string!(locale, mail.subjects.application_rejected).to_owned()
            }
            NotificationKind::TierChanged => {
                td_string!(locale, mail.subjects.tier_changed).to_owned()
            }
            NotificationKind::MerchantSuspended => {
                td_string!(locale, mail.subjects.merchant_suspended).to_owned()
            }
            NotificationKind::MerchantReinstated => {
                td_string!(locale, mail.subjects.merchant_reinstated).to_owned()
            }
            NotificationKind::ListingSuspended => {
                td_string!(locale, mail.subjects.listing_suspended).to_owned()
            }
            NotificationKind::ListingRestored => {
                td_string!(locale, mail.subjects.listing_restored).to_owned()
            }
            NotificationKind::TeamJoined => {
                td_string!(locale, mail.subjects.team_joined).to_owned()
            }
            NotificationKind::TeamLeft => td_string!(locale, mail.subjects.team_left).to_owned(),
            NotificationKind::InvitationAccepted => {
                td_string!(locale, mail.subjects.invitation_accepted).to_owned()
            }
            NotificationKind::InvitationDeclined => {
                td_string!(locale, mail.subjects.invitation_declined).to_owned()
            }
            NotificationKind::MemberLeft => {
                td_string!(locale, mail.subjects.member_left).to_owned()
            }
            NotificationKind::OrderPlaced => {
                td_string!(locale, mail.subjects.order_placed, order = order)
            }
            NotificationKind::OrderAccepted => {
                td_string!(locale, mail.subjects.order_accepted, order = order)
            }
            NotificationKind::OrderRejected => {
                td_string!(locale, mail.subjects.order_rejected, order = order)
            }
            NotificationKind::OrderCancelled => {
                td_string!(locale, mail.subjects.order_cancelled, order = order)
            }
            NotificationKind::OrderDelivered => {
                td_string!(locale, mail.subjects.order_delivered, order = order)
            }
            NotificationKind::OrderCompleted => {
                td_string!(locale, mail.subjects.order_completed, order = order)
            }
            NotificationKind::ChangesRequested => {
                td_string!(locale, mail.subjects.changes_requested, order = order)
            }
            NotificationKind::Reviewed => td_string!(locale, mail.subjects.reviewed, order = order),
            NotificationKind::InquiryReceived => {
                td_string!(locale, mail.subjects.inquiry_received).to_owned()
            }
            NotificationKind::MessageReceived => {
                td_string!(locale, mail.subjects.message_received).to_owned()
            }
            NotificationKind::QuoteReceived => {
                td_string!(locale, mail.subjects.quote_received).to_owned()
            }
            NotificationKind::InquiryClosed => {
                td_string!(locale, mail.subjects.inquiry_closed).to_owned()
            }
            NotificationKind::QuoteAccepted => {
                td_string!(locale, mail.subjects.quote_accepted).to_owned()
            }
            NotificationKind::QuoteDeclined => {
                td_string!(locale, mail.subjects.quote_declined).to_owned()
            }
            NotificationKind::QuoteNotSelected => {
                td_string!(locale, mail.subjects.quote_not_selected).to_owned()
            }
            NotificationKind::RequirementQuoted => {
                td_string!(locale, mail.subjects.requirement_quoted).to_owned()
            }
        }
    }

    /// Whether `user_id` gets notifications by e-mail from now on.
    pub async fn set_wanted(db: &PgPool, user_id: i64, wanted: bool) -> Result<(), AppError> {
        sqlx::query("update app_user set mail_notifications = $2 where app_user_id = $1")
            .bind(user_id)
            .bind(wanted)
            .execute(db)
            .await?;
        Ok(())
    }

    pub async fn wanted(db: &PgPool, user_id: i64) -> Result<bool, AppError> {
        Ok(
            sqlx::query_scalar("select mail_notifications from app_user where app_user_id = $1")
                .bind(user_id)
                .fetch_one(db)
                .await?,
        )
    }
}

/// Turns notification e-mails on or off for the signed-in user (a checkbox: `on`).
#[leptos::server(endpoint = "account/mail_notifications")]
pub async fn set_mail_notifications(
    #[server(default)] on: String,
) -> Result<(), crate::error::AppError> {
    let user = crate::accounts::api::require_user().await?;
    let db = crate::request::state()?.db;
    outbox::set_wanted(&db, user.id, !on.is_empty()).await?;
    leptos_axum::redirect("/account?mail=saved");
    Ok(())
}
