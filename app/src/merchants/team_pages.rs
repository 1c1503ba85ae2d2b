//! The team's pages: `/merchant/team` (the owner invites, withdraws and removes; members
//! leave) and `/account/invitations` (the invitee accepts or declines). Plain forms
//! that are live once the bundle has loaded, like every other form.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::{Meta, Title};

use super::api::{
    AcceptInvitation, DeclineInvitation, InviteToTeam, LeaveTeam, RemoveTeamMember,
    WithdrawInvitation,
};
use super::store::{ReceivedInvitation, SentInvitation};
use super::team;
use super::workspace_pages::{WorkspaceHeader, name_in};
use crate::accounts::api::require_user;
use crate::components::form::{ButtonForm, Field, FormAlert, PostForm};
use crate::components::labels;
use crate::error::AppError;
use crate::i18n::{Locale, t, td_string, tu_string, use_i18n};
use crate::pages::{db, query, verdict, with_data};
use crate::vocab::MemberRole;

/// `text`, when the page was opened with `key` in its query (what was just done).
fn done(key: &str, text: &'static str) -> Option<&'static str> {
    query(key).map(|_| text)
}

/// The notices of what was just done.
fn notices(texts: &[Option<&'static str>]) -> impl IntoView + use<> {
    texts
        .iter()
        .flatten()
        .map(|text| view! { <p class="alert alert--ok" role="status">{*text}</p> })
        .collect_view()
}

/// `/merchant/team`: who works here; the owner invites, withdraws and removes, members
/// may leave.
#[component]
pub fn TeamPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let invite_error = verdict::<InviteToTeam>(locale);
    let remove_error = verdict::<RemoveTeamMember>(locale);
    let withdraw_error = verdict::<WithdrawInvitation>(locale);
    let leave_error = verdict::<LeaveTeam>(locale);
    let done_now = [
        done("invited", td_string!(locale, team.invited)),
        done("withdrawn", td_string!(locale, team.withdrawn)),
        done("removed", td_string!(locale, team.removed)),
        done("joined", td_string!(locale, team.joined)),
    ];
    view! {
        <Title text=tu_string!(i18n, workspace.team).to_owned()/>
        {with_data(
            || async move {
                let user = require_user().await?;
                team::team(&db()?, &user).await
            },
            move |(membership, members, invitations)| {
                let owner = membership.role == MemberRole::Owner;
                view! {
                    <section class="card">
                        <WorkspaceHeader locale membership current="/merchant/team"/>
                        {notices(&done_now)}
                        <FormAlert error=remove_error/>
                        <FormAlert error=withdraw_error/>
                        <FormAlert error=leave_error/>
                        <table class="table" data-testid="team">
                            <thead><tr>
                                <th scope="col">{t!(i18n, workspace.member_name)}</th>
                                <th scope="col">{t!(i18n, account.email)}</th>
                                <th scope="col">{t!(i18n, workspace.member_role)}</th>
                                <th scope="col">{t!(i18n, workspace.member_since)}</th>
                                {owner.then(|| view! { <th scope="col"><span class="visually-hidden">{t!(i18n, workspace.remove)}</span></th> })}
                            </tr></thead>
                            <tbody>
                                {members.into_iter().map(|member| {
                                    let removable = owner && member.role == MemberRole::Member;
                                    let label = td_string!(locale, workspace.remove_named, name = member.display_name.clone());
                                    view! {
                                        <tr>
                                            <td>{member.display_name.clone()}</td>
                                            <td>{member.email.clone()}</td>
                                            <td>{labels::member_role(locale, member.role)}</td>
                                            <td>{member.since.clone()}</td>
                                            {owner.then(|| view! {
                                                <td>{removable.then(|| view! {
                                                    <ButtonForm action=RemoveTeamMember::PATH words=td_string!(locale, workspace.remove)
                                                        quiet=true label fields=vec![("member_id", member.user_id.to_string())]/>
                                                })}</td>
                                            })}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        {if owner {
                            view! { <OwnersPart locale invitations error=invite_error/> }.into_any()
                        } else {
                            view! {
                                <h2>{t!(i18n, team.leave_title)}</h2>
                                <p>{t!(i18n, team.leave_lead)}</p>
                                <ButtonForm action=LeaveTeam::PATH words=td_string!(locale, team.leave) fields=vec![]/>
                            }.into_any()
                        }}
                    </section>
                }
            },
        )}
    }
}

/// The invitations waiting for an answer, each with its withdrawal, and the form that
/// invites.
#[component]
fn OwnersPart(
    locale: Locale,
    invitations: Vec<SentInvitation>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let waiting = if invitations.is_empty() {
        view! { <p data-testid="no-invitations">{td_string!(locale, team.none_waiting)}</p> }
            .into_any()
    } else {
        view! {
            <table class="table" data-testid="invitations">
                <thead><tr>
                    <th scope="col">{td_string!(locale, account.email)}</th>
                    <th scope="col">{td_string!(locale, team.sent)}</th>
                    <th scope="col"><span class="visually-hidden">{td_string!(locale, team.withdraw)}</span></th>
                </tr></thead>
                <tbody>
                    {invitations.into_iter().map(|invitation| {
                        let label = td_string!(locale, team.withdraw_named, email = invitation.email.clone());
                        view! {
                            <tr>
                                <td>{invitation.email.clone()}</td>
                                <td>{invitation.sent.clone()}</td>
                                <td>
                                    <ButtonForm action=WithdrawInvitation::PATH words=td_string!(locale, team.withdraw)
                                        quiet=true label fields=vec![("invitation_id", invitation.id.to_string())]/>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <h2>{td_string!(locale, team.waiting_title)}</h2>
        {waiting}
        <h2>{td_string!(locale, team.invite_title)}</h2>
        <p>{td_string!(locale, team.invite_lead, max = team::MAX_WAITING)}</p>
        <PostForm action=InviteToTeam::PATH>
            <FormAlert error/>
            <Field name="email" input_type="email" required=true label=td_string!(locale, account.email) error/>
            <p><button type="submit" class="button">{td_string!(locale, team.invite)}</button></p>
        </PostForm>
    }
}

/// `/account/invitations`: the teams that invited the signed-in person's address, each
/// to accept or decline. Visitors are sent to sign in (the invitation mail links here).
#[component]
pub fn InvitationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let accept_error = verdict::<AcceptInvitation>(locale);
    let decline_error = verdict::<DeclineInvitation>(locale);
    // A refusal that names its invitation shows beside it; any other at the top.
    let general = Signal::stored(
        accept_error
            .get_untracked()
            .filter(|e| e.typed("invitation_id").is_none()),
    );
    let declined = done("declined", td_string!(locale, team.declined));
    view! {
        <Title text=tu_string!(i18n, team.invitations_title).to_owned()/>
        <Meta name="robots" content="noindex"/>
        {with_data(
            || async move {
                let user = require_user().await?;
                let invitations = team::invitations(&db()?, &user).await?;
                Ok((user.email_verified, invitations))
            },
            move |(verified, invitations)| view! {
                <section class="card">
                    <h1>{t!(i18n, team.invitations_title)}</h1>
                    <p>{t!(i18n, team.invitations_lead)}</p>
                    {notices(&[declined])}
                    <FormAlert error=general/>
                    <FormAlert error=decline_error/>
                    {if !verified {
                        view! {
                            <p class="alert alert--notice" role="status" data-testid="verify-first">
                                {t!(i18n, team.verify_first)} " "
                                <a href="/account">{t!(i18n, apply.to_account)}</a>
                            </p>
                        }.into_any()
                    } else if invitations.is_empty() {
                        view! { <p data-testid="no-invitations">{t!(i18n, team.none_received)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="link-list" data-testid="invitations">
                                {invitations.into_iter().map(|invitation| {
                                    view! { <Invitation locale invitation accept_error/> }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
            },
        )}
    }
}

/// One invitation: who it is from, and the two answers; a refused acceptance says why
/// beside its button.
#[component]
fn Invitation(
    locale: Locale,
    invitation: ReceivedInvitation,
    accept_error: Signal<Option<AppError>>,
) -> impl IntoView {
    let id = invitation.id.to_string();
    let refusal = Signal::stored(
        accept_error
            .get_untracked()
            .filter(|e| e.typed("invitation_id") == Some(id.as_str())),
    );
    let merchant = name_in(locale, &invitation.merchant_zh, &invitation.merchant_en);
    let title = if invitation.merchant_public {
        view! { <a href=format!("/merchants/{}", invitation.merchant_slug)>{merchant.clone()}</a> }
            .into_any()
    } else {
        view! { <span>{merchant.clone()}</span> }.into_any()
    };
    let from = match invitation.invited_by {
        Some(name) => td_string!(locale, team.invited_by, name = name, date = invitation.sent),
        None => td_string!(locale, team.invited_on, date = invitation.sent),
    };
    let accept_label = td_string!(locale, team.accept_named, merchant = merchant.clone());
    let decline_label = td_string!(locale, team.decline_named, merchant = merchant);
    let decline_fields = vec![("invitation_id", id.clone())];
    view! {
        <li data-testid="invitation">
            <h2>{title}</h2>
            <p class="muted">{from}</p>
            <div class="actions">
                <PostForm action=AcceptInvitation::PATH>
                    <FormAlert error=refusal/>
                    <input type="hidden" name="invitation_id" value=id.clone()/>
                    <button type="submit" class="button" aria-label=accept_label>
                        {td_string!(locale, team.accept)}
                    </button>
                </PostForm>
                <ButtonForm action=DeclineInvitation::PATH words=td_string!(locale, team.decline) quiet=true
                    label=decline_label fields=decline_fields/>
            </div>
        </li>
    }
}
