//! SQL for running merchants: applications, profiles, teams and their invitations,
//! status and tier. The one write path of the `merchant`, `merchant_member`,
//! `team_invitation` and `merchant_tier_change` tables (the demo generator's bulk load
//! aside).

use sqlx::postgres::PgRow;
use sqlx::{PgExecutor, Row};

use super::model::{Application, MerchantDetails};
use crate::catalog::repo::slug;
use crate::search::DocumentTerms;
use crate::vocab::{InvitationStatus, MemberRole, MerchantStatus, Region, ServiceField, Tier};

/// The columns [`details`] reads.
const DETAILS_COLUMNS: &str = "m.name_zh, m.name_en, m.legal_name, m.service_fields, m.region, \
     m.founded_year, m.website, m.contact_email, m.description_zh, m.description_en, m.certifications";

fn details(row: &PgRow) -> Result<MerchantDetails, sqlx::Error> {
    let fields: Vec<String> = row.try_get("service_fields")?;
    Ok(MerchantDetails {
        name_zh: row.try_get("name_zh")?,
        name_en: row.try_get("name_en")?,
        legal_name: row.try_get("legal_name")?,
        service_fields: fields
            .iter()
            .filter_map(|f| ServiceField::from_slug(f))
            .collect(),
        region: slug(row, "region", Region::from_slug)?,
        founded_year: row.try_get("founded_year")?,
        website: row.try_get("website")?,
        contact_email: row.try_get("contact_email")?,
        description_zh: row.try_get("description_zh")?,
        description_en: row.try_get("description_en")?,
        certifications: row.try_get("certifications")?,
    })
}

fn field_slugs(details: &MerchantDetails) -> Vec<&'static str> {
    details.service_fields.iter().map(|f| f.slug()).collect()
}

fn terms(details: &MerchantDetails) -> DocumentTerms {
    DocumentTerms::of_merchant(
        [&details.name_zh, &details.name_en],
        [&details.description_zh, &details.description_en],
    )
}

/// The columns a profile sets, in the order [`bind_details`] binds them.
const DETAILS_WRITTEN: [&str; 12] = [
    "name_zh",
    "name_en",
    "legal_name",
    "service_fields",
    "region",
    "founded_year",
    "website",
    "contact_email",
    "description_zh",
    "description_en",
    "certifications",
    "search_doc",
];

/// Placeholders for [`DETAILS_WRITTEN`] from `$first`; the search document takes two.
fn details_values(first: usize) -> Vec<String> {
    let last = first + DETAILS_WRITTEN.len() - 1;
    (first..last)
        .map(|n| format!("${n}"))
        .chain(std::iter::once(format!(
            "search_document(${last}, ${})",
            last + 1
        )))
        .collect()
}

/// Binds a profile's values for [`DETAILS_WRITTEN`].
fn bind_details<'q>(
    query: sqlx::query::Query<'q, sqlx::Postgres, sqlx::postgres::PgArguments>,
    details: &'q MerchantDetails,
) -> sqlx::query::Query<'q, sqlx::Postgres, sqlx::postgres::PgArguments> {
    let terms = terms(details);
    query
        .bind(&details.name_zh)
        .bind(&details.name_en)
        .bind(&details.legal_name)
        .bind(field_slugs(details))
        .bind(details.region.slug())
        .bind(details.founded_year)
        .bind(&details.website)
        .bind(&details.contact_email)
        .bind(&details.description_zh)
        .bind(&details.description_en)
        .bind(&details.certifications)
        .bind(terms.heading)
        .bind(terms.body)
}

/// A new application (a merchant in status `pending`) by `applicant`.
pub async fn insert_application(
    db: impl PgExecutor<'_>,
    applicant: i64,
    merchant_slug: &str,
    uscc: &str,
    details: &MerchantDetails,
) -> Result<i64, sqlx::Error> {
    let sql = format!(
        "insert into merchant (slug, uscc, applied_by, status, {})
         values ($1, $2, $3, 'pending', {}) returning merchant_id",
        DETAILS_WRITTEN.join(", "),
        details_values(4).join(", ")
    );
    let query = sqlx::query(&sql)
        .bind(merchant_slug)
        .bind(uscc)
        .bind(applicant);
    bind_details(query, details)
        .fetch_one(db)
        .await?
        .try_get("merchant_id")
}

/// The profile fields an owner may change; the search document follows them.
pub async fn update_details(
    db: impl PgExecutor<'_>,
    merchant_id: i64,
    details: &MerchantDetails,
) -> Result<(), sqlx::Error> {
    let sets: Vec<String> = DETAILS_WRITTEN
        .iter()
        .zip(details_values(2))
        .map(|(column, value)| format!("{column} = {value}"))
        .collect();
    let sql = format!(
        "update merchant set {} where merchant_id = $1",
        sets.join(", ")
    );
    bind_details(sqlx::query(&sql).bind(merchant_id), details)
        .execute(db)
        .await?;
    Ok(())
}

const APPLICATION_SELECT: &str = "select m.merchant_id, m.uscc, m.status, m.status_reason,
        to_char(m.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as submitted,
        (current_date - (m.created_at at time zone 'Asia/Shanghai')::date)::int as waiting_days,
        u.display_name as applicant_name, u.email as applicant_email, ";

fn application(row: &PgRow) -> Result<Application, sqlx::Error> {
    Ok(Application {
        merchant_id: row.try_get("merchant_id")?,
        uscc: row.try_get("uscc")?,
        details: details(row)?,
        status: slug(row, "status", MerchantStatus::from_slug)?,
        reason: row.try_get("status_reason")?,
        submitted: row.try_get("submitted")?,
        waiting_days: row.try_get("waiting_days")?,
        applicant_name: row.try_get("applicant_name")?,
        applicant_email: row.try_get("applicant_email")?,
    })
}

/// The newest application `user_id` made, whatever became of it.
pub async fn latest_application_of(
    db: impl PgExecutor<'_>,
    user_id: i64,
) -> Result<Option<Application>, sqlx::Error> {
    let sql = format!(
        "{APPLICATION_SELECT}{DETAILS_COLUMNS}
           from merchant m left join app_user u on u.app_user_id = m.applied_by
          where m.applied_by = $1 order by m.merchant_id desc limit 1"
    );
    let row = sqlx::query(&sql).bind(user_id).fetch_optional(db).await?;
    row.as_ref().map(application).transpose()
}

/// Applications waiting for the operator, oldest first.
pub async fn pending_applications(
    db: impl PgExecutor<'_>,
    limit: i64,
) -> Result<Vec<Application>, sqlx::Error> {
    let sql = format!(
        "{APPLICATION_SELECT}{DETAILS_COLUMNS}
           from merchant m left join app_user u on u.app_user_id = m.applied_by
          where m.status = 'pending' order by m.created_at, m.merchant_id limit $1"
    );
    let rows = sqlx::query(&sql).bind(limit).fetch_all(db).await?;
    rows.iter().map(application).collect()
}

/// A merchant's own view of itself: status, tier, the reason of a suspension.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MerchantState {
    pub merchant_id: i64,
    pub slug: String,
    pub name_zh: String,
    pub name_en: String,
    pub status: MerchantStatus,
    pub status_reason: Option<String>,
    pub tier: Tier,
    pub applied_by: Option<i64>,
    pub service_fields: Vec<ServiceField>,
}

fn state(row: &PgRow) -> Result<MerchantState, sqlx::Error> {
    Ok(MerchantState {
        merchant_id: row.try_get("merchant_id")?,
        slug: row.try_get("slug")?,
        name_zh: row.try_get("name_zh")?,
        name_en: row.try_get("name_en")?,
        status: slug(row, "status", MerchantStatus::from_slug)?,
        status_reason: row.try_get("status_reason")?,
        tier: slug(row, "tier", Tier::from_slug)?,
        applied_by: row.try_get("applied_by")?,
        service_fields: row
            .try_get::<Vec<String>, _>("service_fields")?
            .iter()
            .filter_map(|f| ServiceField::from_slug(f))
            .collect(),
    })
}

const STATE_COLUMNS: &str = "m.merchant_id, m.slug, m.name_zh, m.name_en, m.status, m.status_reason, m.tier, m.applied_by, m.service_fields";

/// A merchant's state, locked until the transaction ends: every status or tier change
/// reads it this way, so two operators' changes cannot interleave.
pub async fn lock(
    db: impl PgExecutor<'_>,
    merchant_id: i64,
) -> Result<Option<MerchantState>, sqlx::Error> {
    let sql = format!("select {STATE_COLUMNS} from merchant m where m.merchant_id = $1 for update");
    let row = sqlx::query(&sql)
        .bind(merchant_id)
        .fetch_optional(db)
        .await?;
    row.as_ref().map(state).transpose()
}

/// A merchant's profile and state, for its workspace and the console.
pub async fn find(
    db: impl PgExecutor<'_>,
    merchant_id: i64,
) -> Result<Option<(MerchantState, MerchantDetails, String)>, sqlx::Error> {
    let sql = format!(
        "select {STATE_COLUMNS}, m.uscc, {DETAILS_COLUMNS} from merchant m where m.merchant_id = $1"
    );
    let Some(row) = sqlx::query(&sql)
        .bind(merchant_id)
        .fetch_optional(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(Some((state(&row)?, details(&row)?, row.try_get("uscc")?)))
}

pub async fn set_status(
    db: impl PgExecutor<'_>,
    merchant_id: i64,
    status: MerchantStatus,
    reason: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query("update merchant set status = $2, status_reason = $3 where merchant_id = $1")
        .bind(merchant_id)
        .bind(status.slug())
        .bind(reason)
        .execute(db)
        .await?;
    Ok(())
}

/// Sets the tier, restarts "since", and keeps the change in the tier history.
pub async fn set_tier(
    db: &mut sqlx::PgConnection,
    merchant_id: i64,
    changed_by: i64,
    old: Option<Tier>,
    new: Tier,
    reason: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("update merchant set tier = $2, tier_since = now() where merchant_id = $1")
        .bind(merchant_id)
        .bind(new.slug())
        .execute(&mut *db)
        .await?;
    sqlx::query(
        "insert into merchant_tier_change (merchant_id, changed_by, old_tier, new_tier, reason)
         values ($1, $2, $3, $4, $5)",
    )
    .bind(merchant_id)
    .bind(changed_by)
    .bind(old.map(Tier::slug))
    .bind(new.slug())
    .bind(reason)
    .execute(&mut *db)
    .await?;
    Ok(())
}

/// Where a person works: their merchant and their role in its team.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Membership {
    pub merchant: MerchantState,
    pub role: MemberRole,
}

pub async fn membership_of(
    db: impl PgExecutor<'_>,
    user_id: i64,
) -> Result<Option<Membership>, sqlx::Error> {
    let sql = format!(
        "select {STATE_COLUMNS}, mm.role from merchant_member mm
           join merchant m on m.merchant_id = mm.merchant_id
          where mm.app_user_id = $1"
    );
    let Some(row) = sqlx::query(&sql).bind(user_id).fetch_optional(db).await? else {
        return Ok(None);
    };
    Ok(Some(Membership {
        merchant: state(&row)?,
        role: slug(&row, "role", MemberRole::from_slug)?,
    }))
}

/// A person in a merchant's team.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TeamMember {
    pub user_id: i64,
    pub display_name: String,
    pub email: String,
    pub role: MemberRole,
    /// `YYYY-MM-DD`.
    pub since: String,
}

pub async fn team(
    db: impl PgExecutor<'_>,
    merchant_id: i64,
) -> Result<Vec<TeamMember>, sqlx::Error> {
    let rows = sqlx::query(
        "select u.app_user_id, u.display_name, u.email, mm.role,
                to_char(mm.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as since
           from merchant_member mm join app_user u on u.app_user_id = mm.app_user_id
          where mm.merchant_id = $1
          order by mm.role = 'owner' desc, mm.created_at, u.app_user_id",
    )
    .bind(merchant_id)
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(TeamMember {
                user_id: row.try_get("app_user_id")?,
                display_name: row.try_get("display_name")?,
                email: row.try_get("email")?,
                role: slug(row, "role", MemberRole::from_slug)?,
                since: row.try_get("since")?,
            })
        })
        .collect()
}

/// Adds `user_id` to the team; a person who works for a merchant already violates
/// `merchant_member_one_merchant`. Only two paths lead here: the operator approving the
/// applicant's own merchant, and the person accepting an invitation.
pub async fn add_member(
    db: &mut sqlx::PgConnection,
    merchant_id: i64,
    user_id: i64,
    role: MemberRole,
) -> Result<(), sqlx::Error> {
    sqlx::query("insert into merchant_member (merchant_id, app_user_id, role) values ($1, $2, $3)")
        .bind(merchant_id)
        .bind(user_id)
        .bind(role.slug())
        .execute(&mut *db)
        .await?;
    // A buyer who joins a team is a merchant's person from now on (operators stay operators).
    sqlx::query("update app_user set role = 'merchant' where app_user_id = $1 and role = 'buyer'")
        .bind(user_id)
        .execute(&mut *db)
        .await?;
    Ok(())
}

/// Removes a member (never the owner), who leaves or is removed; says whether there was
/// one to remove.
pub async fn remove_member(
    db: &mut sqlx::PgConnection,
    merchant_id: i64,
    user_id: i64,
) -> Result<bool, sqlx::Error> {
    let removed = sqlx::query(
        "delete from merchant_member where merchant_id = $1 and app_user_id = $2 and role = 'member'",
    )
    .bind(merchant_id)
    .bind(user_id)
    .execute(&mut *db)
    .await?
    .rows_affected();
    if removed == 1 {
        // Back to what [`add_member`] found: a buyer, once no team holds the person.
        sqlx::query(
            "update app_user set role = 'buyer'
              where app_user_id = $1 and role = 'merchant'
                and not exists (select 1 from merchant_member where app_user_id = $1)",
        )
        .bind(user_id)
        .execute(&mut *db)
        .await?;
    }
    Ok(removed == 1)
}

/// An invitation waiting for an answer, as the owner's team page lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SentInvitation {
    pub id: i64,
    pub email: String,
    /// `YYYY-MM-DD`.
    pub sent: String,
}

/// An invitation waiting for an answer, as the invitee's page lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReceivedInvitation {
    pub id: i64,
    pub merchant_slug: String,
    pub merchant_zh: String,
    pub merchant_en: String,
    /// Whether the merchant has a public profile to look at.
    pub merchant_public: bool,
    /// The owner who invited (gone if that account was deleted).
    pub invited_by: Option<String>,
    /// `YYYY-MM-DD`.
    pub sent: String,
}

/// What a merchant has sent, seen from a new invitation to `email`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct InvitationCounts {
    /// Invitations waiting for an answer.
    pub waiting: i64,
    /// Invitations made in the last 24 hours, whatever became of them.
    pub today: i64,
    /// Whether one of the waiting is to `email`.
    pub to_this_address: bool,
}

pub async fn invitation_counts(
    db: impl PgExecutor<'_>,
    merchant_id: i64,
    email: &str,
) -> Result<InvitationCounts, sqlx::Error> {
    sqlx::query_as(
        "select count(*) filter (where status = 'pending') as waiting,
                count(*) filter (where created_at > now() - interval '1 day') as today,
                count(*) filter (where status = 'pending' and email = $2) > 0 as to_this_address
           from team_invitation where merchant_id = $1",
    )
    .bind(merchant_id)
    .bind(email)
    .fetch_one(db)
    .await
}

/// Whether `email` is the address of someone in the team of `merchant_id`.
pub async fn in_team(
    db: impl PgExecutor<'_>,
    merchant_id: i64,
    email: &str,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "select exists (select 1 from merchant_member mm join app_user u using (app_user_id)
                         where mm.merchant_id = $1 and lower(u.email) = $2)",
    )
    .bind(merchant_id)
    .bind(email)
    .fetch_one(db)
    .await
}

/// Invites `email` (parsed, so lower-cased) to the team of `merchant_id`, and puts its
/// mail in the outbox, in the caller's transaction. An address that is waiting already
/// gets nothing new (`false`). An operator's address is never mailed: operators join no
/// team, and the row is kept only so that the owner's answer and list read the same
/// whoever holds the address.
pub async fn invite(
    db: &mut sqlx::PgConnection,
    merchant_id: i64,
    email: &str,
    invited_by: i64,
) -> Result<bool, sqlx::Error> {
    let id: Option<i64> = sqlx::query_scalar(
        "insert into team_invitation (merchant_id, email, invited_by) values ($1, $2, $3)
         on conflict (merchant_id, email) where status = 'pending' do nothing
         returning team_invitation_id",
    )
    .bind(merchant_id)
    .bind(email)
    .bind(invited_by)
    .fetch_optional(&mut *db)
    .await?;
    let Some(id) = id else {
        return Ok(false);
    };
    sqlx::query(
        "insert into mail_outbox (team_invitation_id)
         select $1 where not exists (
             select 1 from app_user where lower(email) = $2 and role = 'admin')",
    )
    .bind(id)
    .bind(email)
    .execute(&mut *db)
    .await?;
    Ok(true)
}

/// The invitations of `merchant_id` waiting for an answer, newest first.
pub async fn sent_invitations(
    db: impl PgExecutor<'_>,
    merchant_id: i64,
) -> Result<Vec<SentInvitation>, sqlx::Error> {
    let rows = sqlx::query(
        "select team_invitation_id, email,
                to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as sent
           from team_invitation
          where merchant_id = $1 and status = 'pending'
          order by created_at desc, team_invitation_id desc",
    )
    .bind(merchant_id)
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(SentInvitation {
                id: row.try_get("team_invitation_id")?,
                email: row.try_get("email")?,
                sent: row.try_get("sent")?,
            })
        })
        .collect()
}

/// The invitations to `email` waiting for an answer, newest first.
pub async fn received_invitations(
    db: impl PgExecutor<'_>,
    email: &str,
) -> Result<Vec<ReceivedInvitation>, sqlx::Error> {
    let rows = sqlx::query(
        "select i.team_invitation_id, m.slug, m.name_zh, m.name_en,
                m.status = 'approved' as public, u.display_name as invited_by,
                to_char(i.created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as sent
           from team_invitation i
           join merchant m on m.merchant_id = i.merchant_id
           left join app_user u on u.app_user_id = i.invited_by
          where i.email = $1 and i.status = 'pending'
          order by i.created_at desc, i.team_invitation_id desc",
    )
    .bind(email)
    .fetch_all(db)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(ReceivedInvitation {
                id: row.try_get("team_invitation_id")?,
                merchant_slug: row.try_get("slug")?,
                merchant_zh: row.try_get("name_zh")?,
                merchant_en: row.try_get("name_en")?,
                merchant_public: row.try_get("public")?,
                invited_by: row.try_get("invited_by")?,
                sent: row.try_get("sent")?,
            })
        })
        .collect()
}

/// Closes a pending invitation of `merchant_id` as `status` (withdrawn); says whether
/// there was one.
pub async fn close_sent_invitation(
    db: impl PgExecutor<'_>,
    invitation_id: i64,
    merchant_id: i64,
    status: InvitationStatus,
) -> Result<bool, sqlx::Error> {
    let closed = sqlx::query(
        "update team_invitation set status = $3, closed_at = now()
          where team_invitation_id = $1 and merchant_id = $2 and status = 'pending'",
    )
    .bind(invitation_id)
    .bind(merchant_id)
    .bind(status.slug())
    .execute(db)
    .await?
    .rows_affected();
    Ok(closed == 1)
}

/// Closes a pending invitation to `email` as `status` (accepted, declined); the
/// merchant it was from, or `None` when no such invitation waits for this address.
pub async fn close_received_invitation(
    db: impl PgExecutor<'_>,
    invitation_id: i64,
    email: &str,
    status: InvitationStatus,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "update team_invitation set status = $3, closed_at = now()
          where team_invitation_id = $1 and email = $2 and status = 'pending'
          returning merchant_id",
    )
    .bind(invitation_id)
    .bind(email)
    .bind(status.slug())
    .fetch_optional(db)
    .await
}

/// What an invitation's mail says, while the invitation waits and its address is not
/// an operator's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationMail {
    pub email: String,
    pub merchant_zh: String,
    pub merchant_en: String,
    pub invited_by: Option<String>,
    /// The language of the address's account, else of the owner who invited.
    pub locale: Option<String>,
}

pub async fn invitation_mail(
    db: impl PgExecutor<'_>,
    invitation_id: i64,
) -> Result<Option<InvitationMail>, sqlx::Error> {
    let row = sqlx::query(
        "select i.email, m.name_zh, m.name_en, owner.display_name as invited_by,
                coalesce(invitee.locale, owner.locale) as locale
           from team_invitation i
           join merchant m on m.merchant_id = i.merchant_id
           left join app_user owner on owner.app_user_id = i.invited_by
           left join app_user invitee on lower(invitee.email) = i.email
          where i.team_invitation_id = $1 and i.status = 'pending'
            and (invitee.role is null or invitee.role <> 'admin')",
    )
    .bind(invitation_id)
    .fetch_optional(db)
    .await?;
    row.map(|row| {
        Ok(InvitationMail {
            email: row.try_get("email")?,
            merchant_zh: row.try_get("name_zh")?,
            merchant_en: row.try_get("name_en")?,
            invited_by: row.try_get("invited_by")?,
            locale: row.try_get("locale")?,
        })
    })
    .transpose()
}

/// The owner of `merchant_id`, to tell about their team.
pub async fn owner_of(
    db: impl PgExecutor<'_>,
    merchant_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "select app_user_id from merchant_member where merchant_id = $1 and role = 'owner'",
    )
    .bind(merchant_id)
    .fetch_optional(db)
    .await
}
