//! A merchant's team: who works there, and how people come and go (#24). Nobody joins
//! without saying yes: the owner invites an address, and the person behind it accepts or
//! declines, signed in with a verified account of that address. Members leave when they
//! like; the owner may remove them.
//!
//! The owner learns nothing about an address from inviting it: whether it has an account,
//! whose it is (an operator's is never mailed and can never accept, but is listed like
//! any other), or whether the person works elsewhere. That is learnt only when the
//! person answers.

use sqlx::{PgPool, Postgres, Transaction};

use super::store::{
    self, Membership, MerchantState, ReceivedInvitation, SentInvitation, TeamMember,
};
use super::workspace::{refused, require_member, require_owner};
use crate::accounts::model::{CurrentUser, Email, Role};
use crate::db::is_unique_violation;
use crate::error::{AppError, Reason};
use crate::i18n::{Locale, td_string};
use crate::mail::Mail;
use crate::notifications::{NotificationFacts, NotificationKind, repo as notifications};
use crate::vocab::{InvitationStatus, MemberRole, MerchantStatus};

/// Invitations one merchant may have waiting for an answer at once.
pub const MAX_WAITING: u32 = 20;
/// Invitations one merchant may send in 24 hours, whatever becomes of them: withdrawing
/// and inviting again cannot turn the market's mail into a megaphone.
pub const MAX_PER_DAY: u32 = 50;

/// Where the invitee answers; the mail links here.
pub const INVITATIONS_PAGE: &str = "/account/invitations";

/// The team page: the merchant, its people, and (for the owner) the invitations waiting
/// for an answer.
pub async fn team(
    db: &PgPool,
    user: &CurrentUser,
) -> Result<(Membership, Vec<TeamMember>, Vec<SentInvitation>), AppError> {
    let membership = require_member(db, user).await?;
    let merchant_id = membership.merchant.merchant_id;
    let team = store::team(db, merchant_id).await?;
    let invitations = if membership.role == MemberRole::Owner {
        store::sent_invitations(db, merchant_id).await?
    } else {
        Vec::new()
    };
    Ok((membership, team, invitations))
}

fn merchant_facts(merchant: &MerchantState) -> NotificationFacts {
    NotificationFacts {
        merchant_zh: Some(merchant.name_zh.clone()),
        merchant_en: Some(merchant.name_en.clone()),
        ..NotificationFacts::default()
    }
}

/// How the owner's notifications name someone: their name and address.
fn person(user: &CurrentUser) -> String {
    format!("{} ({})", user.display_name, user.email)
}

/// Tells the owner of `merchant` that `user` did `kind`, in `tx`.
async fn tell_owner(
    tx: &mut Transaction<'_, Postgres>,
    merchant: &MerchantState,
    kind: NotificationKind,
    user: &CurrentUser,
) -> Result<(), AppError> {
    if let Some(owner) = store::owner_of(&mut **tx, merchant.merchant_id).await? {
        let facts = NotificationFacts {
            person: Some(person(user)),
            ..merchant_facts(merchant)
        };
        notifications::notify(&mut **tx, owner, kind, &facts, Some("/merchant/team")).await?;
    }
    Ok(())
}

/// The owner invites an address. The answer is the same whoever holds it (see the
/// module's note); inviting an address that waits already changes nothing, at the caps
/// too.
pub async fn invite(db: &PgPool, user: &CurrentUser, email: &str) -> Result<(), AppError> {
    let membership = require_owner(db, user).await?;
    let refuse = |reason| {
        refused(
            "email",
            reason,
            vec![("email".to_owned(), email.to_owned())],
        )
    };
    let address = Email::parse(email).map_err(refuse)?;
    let merchant_id = membership.merchant.merchant_id;
    let mut tx = db.begin().await?;
    // One invitation of a merchant at a time, so that parallel posts keep to the caps.
    store::lock(&mut *tx, merchant_id).await?;
    // The owner sees the team's addresses on the team page: saying so tells nothing new.
    if store::in_team(&mut *tx, merchant_id, address.as_str()).await? {
        return Err(refuse(Reason::InYourTeam));
    }
    let sent = store::invitation_counts(&mut *tx, merchant_id, address.as_str()).await?;
    if sent.to_this_address {
        // Waiting already: no second invitation, no second mail.
        return Ok(());
    }
    if sent.waiting >= i64::from(MAX_WAITING) {
        return Err(refuse(Reason::InvitationsWaiting { max: MAX_WAITING }));
    }
    if sent.today >= i64::from(MAX_PER_DAY) {
        return Err(refuse(Reason::InvitationsToday { max: MAX_PER_DAY }));
    }
    store::invite(&mut tx, merchant_id, address.as_str(), user.id).await?;
    tx.commit().await?;
    Ok(())
}

/// The owner withdraws an invitation that waits; another merchant's is not found.
pub async fn withdraw(db: &PgPool, user: &CurrentUser, invitation_id: i64) -> Result<(), AppError> {
    let membership = require_owner(db, user).await?;
    let merchant_id = membership.merchant.merchant_id;
    if store::close_sent_invitation(db, invitation_id, merchant_id, InvitationStatus::Withdrawn)
        .await?
    {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// The owner removes a member; someone not in this team is not found.
pub async fn remove_member(
    db: &PgPool,
    user: &CurrentUser,
    member_id: i64,
) -> Result<(), AppError> {
    let membership = require_owner(db, user).await?;
    let mut tx = db.begin().await?;
    if !store::remove_member(&mut tx, membership.merchant.merchant_id, member_id).await? {
        return Err(AppError::NotFound);
    }
    notifications::notify(
        &mut *tx,
        member_id,
        NotificationKind::TeamLeft,
        &merchant_facts(&membership.merchant),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A member leaves the team (the owner cannot: the merchant would have nobody to run
/// it); the owner is told.
pub async fn leave(db: &PgPool, user: &CurrentUser) -> Result<(), AppError> {
    let membership = require_member(db, user).await?;
    if membership.role == MemberRole::Owner {
        return Err(AppError::Forbidden);
    }
    let mut tx = db.begin().await?;
    if !store::remove_member(&mut tx, membership.merchant.merchant_id, user.id).await? {
        return Err(AppError::NotFound);
    }
    tell_owner(
        &mut tx,
        &membership.merchant,
        NotificationKind::MemberLeft,
        user,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The invitations waiting for the signed-in person: none until their address is
/// verified (an unverified account may hold anybody's address), none for operators.
pub async fn invitations(
    db: &PgPool,
    user: &CurrentUser,
) -> Result<Vec<ReceivedInvitation>, AppError> {
    if !user.email_verified || user.role == Role::Admin {
        return Ok(Vec::new());
    }
    Ok(store::received_invitations(db, &user.email.to_lowercase()).await?)
}

/// The invitee accepts: they join the team as a member (a buyer becomes a merchant's
/// person), unless they are an operator, work for a merchant already, or wait for their
/// own application, each refused in words beside the invitation. An invitation to
/// another address is not found.
pub async fn accept(db: &PgPool, user: &CurrentUser, invitation_id: i64) -> Result<(), AppError> {
    user.require_verified_email()?;
    let refuse = |reason| {
        refused(
            "form",
            reason,
            vec![("invitation_id".to_owned(), invitation_id.to_string())],
        )
    };
    let mut tx = db.begin().await?;
    // Applying takes this lock too: an application sent meanwhile is seen below.
    let person = crate::accounts::repo::lock_by_id(&mut *tx, user.id)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    // Closed first, so that what follows is said only to the invitee; a refusal below
    // rolls it back.
    let merchant_id = store::close_received_invitation(
        &mut *tx,
        invitation_id,
        &person.email.to_lowercase(),
        InvitationStatus::Accepted,
    )
    .await?
    .ok_or(AppError::NotFound)?;
    if Role::from_slug(&person.role) == Some(Role::Admin) {
        return Err(refuse(Reason::OperatorCannotJoin));
    }
    if store::membership_of(&mut *tx, user.id).await?.is_some() {
        return Err(refuse(Reason::InATeam));
    }
    let application = store::latest_application_of(&mut *tx, user.id).await?;
    if application.is_some_and(|a| a.status == MerchantStatus::Pending) {
        return Err(refuse(Reason::ApplicationOpen));
    }
    match store::add_member(&mut tx, merchant_id, user.id, MemberRole::Member).await {
        Ok(()) => {}
        // The operator approved the person's own merchant in the same moment.
        Err(e) if is_unique_violation(&e, "merchant_member_one_merchant") => {
            return Err(refuse(Reason::InATeam));
        }
        Err(e) => return Err(e.into()),
    }
    let (merchant, ..) = store::find(&mut *tx, merchant_id)
        .await?
        .ok_or(AppError::NotFound)?;
    tell_owner(
        &mut tx,
        &merchant,
        NotificationKind::InvitationAccepted,
        user,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The invitee declines; the owner is told. An invitation to another address is not
/// found.
pub async fn decline(db: &PgPool, user: &CurrentUser, invitation_id: i64) -> Result<(), AppError> {
    user.require_verified_email()?;
    let mut tx = db.begin().await?;
    let merchant_id = store::close_received_invitation(
        &mut *tx,
        invitation_id,
        &user.email.to_lowercase(),
        InvitationStatus::Declined,
    )
    .await?
    .ok_or(AppError::NotFound)?;
    let (merchant, ..) = store::find(&mut *tx, merchant_id)
        .await?
        .ok_or(AppError::NotFound)?;
    tell_owner(
        &mut tx,
        &merchant,
        NotificationKind::InvitationDeclined,
        user,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The mail of invitation `invitation_id`, for the outbox: in the language of the
/// address's account, else of the owner who invited. `None` once it no longer waits,
/// and for an operator's address.
pub async fn invitation_mail(
    db: &PgPool,
    invitation_id: i64,
    public_url: &str,
) -> Result<Option<Mail>, AppError> {
    let Some(facts) = store::invitation_mail(db, invitation_id).await? else {
        return Ok(None);
    };
    let locale: Locale = facts
        .locale
        .as_deref()
        .and_then(|l| l.parse().ok())
        .unwrap_or_default();
    let merchant = match locale {
        Locale::zh => facts.merchant_zh,
        Locale::en => facts.merchant_en,
    };
    let inviter = facts
        .invited_by
        .unwrap_or_else(|| td_string!(locale, mail.invitation_owner).to_owned());
    let link = format!("{}{INVITATIONS_PAGE}", public_url.trim_end_matches('/'));
    Ok(Some(Mail {
        // No name in the subject: merchants write their names, and a subject is no place for
        // text others typed (the body names the merchant).
        subject: td_string!(locale, mail.invitation_subject).to_owned(),
        body: td_string!(
            locale,
            mail.invitation_body,
            inviter = inviter,
            merchant = merchant,
            email = facts.email.clone(),
            link = link
        )
        .to_string(),
        to: facts.email,
    }))
}
