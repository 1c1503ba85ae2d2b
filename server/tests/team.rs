//! Teams by invitation (#24): nobody joins a merchant's team without saying yes. The
//! owner invites an address and learns nothing about it; the person behind it accepts
//! or declines from their account; members leave when they like.

mod common;

use app::merchants::model::Uscc;
use axum::http::StatusCode;
use common::{TestApp, approved_with_owner};
use sqlx::PgPool;

const OWNER: &str = "owner@teamed.example.cn";
const COLLEAGUE: &str = "colleague@teamed.example.cn";

/// A valid unified social credit code.
fn uscc() -> String {
    let first17 = "91330106MA0000042";
    format!(
        "{first17}{}",
        Uscc::check_char(first17).expect("valid prefix")
    )
}

/// Applies for a merchant of one's own, which then waits for the operator.
async fn apply(app: &mut TestApp) {
    let code = uscc();
    let applied = app
        .call(
            "merchant/apply",
            &[
                ("uscc", code.as_str()),
                ("name_zh", "宁波数据服务有限公司"),
                ("name_en", "Ningbo Data Services"),
                ("legal_name", "宁波数据服务有限公司"),
                ("service_fields[]", "operation"),
                ("region", "ningbo"),
                ("founded_year", "2019"),
                ("website", ""),
                ("contact_email", ""),
                ("description_zh", ""),
                ("description_en", ""),
                ("certifications", ""),
            ],
        )
        .await;
    assert_eq!(applied.status, StatusCode::OK, "{}", applied.body);
}

/// The owner of an approved merchant `teamed`, signed in.
async fn owner(db: &PgPool) -> (TestApp, i64) {
    let mut owner = TestApp::spawn(db.clone()).await;
    let merchant_id = approved_with_owner(db, &mut owner, "teamed", OWNER).await;
    (owner, merchant_id)
}

async fn invite(owner: &mut TestApp, email: &str) -> common::TestResponse {
    owner.call("merchant/invite", &[("email", email)]).await
}

/// The id of the invitation to `email` that waits.
async fn pending(db: &PgPool, email: &str) -> i64 {
    sqlx::query_scalar(
        "select team_invitation_id from team_invitation where email = $1 and status = 'pending'",
    )
    .bind(email)
    .fetch_one(db)
    .await
    .expect("a pending invitation")
}

async fn answer(app: &mut TestApp, how: &str, invitation: i64) -> common::TestResponse {
    let id = invitation.to_string();
    app.call(&format!("invitations/{how}"), &[("invitation_id", &id)])
        .await
}

/// The person's role, and the merchant and role they work in, if any.
async fn standing(db: &PgPool, email: &str) -> (String, Option<(i64, String)>) {
    let (role, merchant, member_role): (String, Option<i64>, Option<String>) = sqlx::query_as(
        "select u.role, mm.merchant_id, mm.role from app_user u
           left join merchant_member mm using (app_user_id) where u.email = $1",
    )
    .bind(email)
    .fetch_one(db)
    .await
    .expect("an account");
    (role, merchant.zip(member_role))
}

/// Sends what the outbox holds as the server's worker would; how many mails went out.
async fn send_mail(db: &PgPool, app: &TestApp) -> usize {
    let mailer =
        app::mail::Mailer::files(app.mail_dir.clone(), "Shushang <no-reply@shushang.test>")
            .expect("mailer");
    app::notifications::outbox::send_pending(db, &mailer, "https://shushang.test", 50)
        .await
        .expect("sent")
}

/// The kinds of the notifications `email` has, oldest first.
async fn notified(db: &PgPool, email: &str) -> Vec<String> {
    sqlx::query_scalar(
        "select n.kind from notification n join app_user u using (app_user_id)
          where u.email = $1 order by n.notification_id",
    )
    .bind(email)
    .fetch_all(db)
    .await
    .expect("notifications")
}

#[sqlx::test(migrations = "../migrations")]
async fn an_invited_colleague_is_mailed_accepts_and_becomes_a_member(db: PgPool) {
    let (mut owner, merchant_id) = owner(&db).await;
    let mut colleague = TestApp::spawn(db.clone()).await;
    colleague.verified_user(COLLEAGUE, "Colleague").await;

    // Without JavaScript: a plain form, answered with the team page.
    let invited = owner
        .submit_form(
            "merchant/invite",
            &[("email", "  Colleague@Teamed.example.cn ")],
            "/merchant/team",
        )
        .await;
    assert_eq!(invited.status, StatusCode::FOUND, "{}", invited.body);
    assert_eq!(invited.header("location"), Some("/merchant/team?invited=1"));
    let page = owner.get_html("/merchant/team?invited=1", "en").await;
    assert!(page.body.contains("Invited."), "{}", page.body);
    assert!(page.body.contains(r#"data-testid="invitations""#));
    assert!(page.body.contains(COLLEAGUE));
    // Nothing changed for the colleague yet.
    assert_eq!(standing(&db, COLLEAGUE).await, ("buyer".to_owned(), None));

    // Inviting again makes no second invitation and no second mail.
    assert_eq!(invite(&mut owner, COLLEAGUE).await.status, StatusCode::OK);
    let rows: i64 = sqlx::query_scalar("select count(*) from team_invitation")
        .fetch_one(&db)
        .await
        .expect("count");
    assert_eq!(rows, 1);
    owner.clear_mail();
    assert_eq!(send_mail(&db, &owner).await, 1);
    let mail = owner.mail_to(COLLEAGUE).await;
    assert_eq!(mail.len(), 1);
    assert!(
        mail[0].contains("Subject: You are invited to join a merchant's team on Shushang")
            && mail[0].contains("the team of teamed Data Technology Co., Ltd.")
            && mail[0].contains("Owner invited you")
            && mail[0].contains("https://shushang.test/account/invitations"),
        "{}",
        mail[0]
    );

    // The colleague's account leads to the invitation.
    let account = colleague.get_html("/account", "en").await;
    assert!(
        account
            .body
            .contains(r#"data-testid="invitations-waiting""#),
        "{}",
        account.body
    );
    let list = colleague.get_html("/account/invitations", "zh").await;
    assert!(
        list.body.contains("teamed 数据科技有限公司"),
        "{}",
        list.body
    );
    assert!(list.body.contains("接受并加入"));

    let id = pending(&db, COLLEAGUE).await;
    let accepted = colleague
        .submit_form(
            "invitations/accept",
            &[("invitation_id", &id.to_string())],
            "/account/invitations",
        )
        .await;
    assert_eq!(accepted.status, StatusCode::FOUND, "{}", accepted.body);
    assert_eq!(accepted.header("location"), Some("/merchant/team?joined=1"));
    assert_eq!(
        standing(&db, COLLEAGUE).await,
        (
            "merchant".to_owned(),
            Some((merchant_id, "member".to_owned()))
        )
    );
    let status: String =
        sqlx::query_scalar("select status from team_invitation where team_invitation_id = $1")
            .bind(id)
            .fetch_one(&db)
            .await
            .expect("invitation");
    assert_eq!(status, "accepted");
    assert_eq!(notified(&db, OWNER).await, ["invitation_accepted"]);
    let notes = owner.get_html("/account/notifications", "en").await;
    assert!(
        notes
            .body
            .contains("Colleague (colleague@teamed.example.cn) accepted your invitation"),
        "{}",
        notes.body
    );
    let team = colleague.get_html("/merchant/team?joined=1", "en").await;
    assert_eq!(team.status, StatusCode::OK);
    assert!(team.body.contains("Welcome to the team!"));
    let page = owner.get_html("/merchant/team", "en").await;
    assert!(page.body.contains(r#"data-testid="no-invitations""#));
    // Accepted once: it is no longer there to accept.
    assert_eq!(
        answer(&mut colleague, "accept", id).await.status,
        StatusCode::NOT_FOUND
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn the_owner_gets_the_same_answer_whoever_holds_the_address(db: PgPool) {
    let (mut owner, _) = owner(&db).await;
    let mut buyer = TestApp::spawn(db.clone()).await;
    buyer.verified_user("buyer@example.com", "Buyer").await;
    let mut operator = TestApp::spawn(db.clone()).await;
    operator.operator("ops@example.com").await;

    let mut answers = Vec::new();
    for email in ["buyer@example.com", "nobody@example.com", "ops@example.com"] {
        let live = invite(&mut owner, email).await;
        answers.push((live.status, live.body));
        // The same for a plain form, after withdrawing the first.
        let id = pending(&db, email).await;
        let withdrawn = owner
            .call(
                "merchant/withdraw_invitation",
                &[("invitation_id", &id.to_string())],
            )
            .await;
        assert_eq!(withdrawn.status, StatusCode::OK, "{}", withdrawn.body);
        let plain = owner
            .submit_form("merchant/invite", &[("email", email)], "/merchant/team")
            .await;
        answers.push((
            plain.status,
            plain.header("location").unwrap_or("").to_owned(),
        ));
    }
    assert_eq!(answers[0], answers[2], "{answers:?}");
    assert_eq!(answers[0], answers[4], "{answers:?}");
    assert_eq!(answers[1], answers[3], "{answers:?}");
    assert_eq!(answers[1], answers[5], "{answers:?}");
    // All three wait on the owner's page alike.
    let page = owner.get_html("/merchant/team", "en").await;
    for email in ["buyer@example.com", "nobody@example.com", "ops@example.com"] {
        assert!(page.body.contains(email), "{email}: {}", page.body);
    }
    // Only the operator's address is not mailed, nor shown to the operator.
    owner.clear_mail();
    assert_eq!(send_mail(&db, &owner).await, 2);
    assert_eq!(owner.mail_to("buyer@example.com").await.len(), 1);
    assert_eq!(owner.mail_to("nobody@example.com").await.len(), 1);
    assert!(owner.mail_to("ops@example.com").await.is_empty());
    let list = operator.get_html("/account/invitations", "en").await;
    assert!(
        list.body.contains(r#"data-testid="no-invitations""#),
        "{}",
        list.body
    );
    // Accepting anyway is refused in words, beside the invitation.
    let id = pending(&db, "ops@example.com").await;
    let refused = answer(&mut operator, "accept", id).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.json()["errors"][0]["reason"],
        "operator_cannot_join"
    );
    assert_eq!(
        standing(&db, "ops@example.com").await,
        ("admin".to_owned(), None)
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn an_invitation_is_answered_only_by_the_verified_account_of_its_address(db: PgPool) {
    let (mut owner, _) = owner(&db).await;
    assert_eq!(invite(&mut owner, COLLEAGUE).await.status, StatusCode::OK);
    let id = pending(&db, COLLEAGUE).await;

    let mut anonymous = TestApp::spawn(db.clone()).await;
    for how in ["accept", "decline"] {
        assert_eq!(
            answer(&mut anonymous, how, id).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    let mut someone_else = TestApp::spawn(db.clone()).await;
    someone_else
        .verified_user("someone@example.com", "Someone")
        .await;
    for how in ["accept", "decline"] {
        assert_eq!(
            answer(&mut someone_else, how, id).await.status,
            StatusCode::NOT_FOUND,
            "{how}"
        );
    }
    let list = someone_else.get_html("/account/invitations", "en").await;
    assert!(!list.body.contains("teamed Data Technology"));

    // An account that holds the address without having proven it sees nothing.
    let mut unproven = TestApp::spawn(db.clone()).await;
    unproven.register(COLLEAGUE, "Impostor").await;
    assert_eq!(
        answer(&mut unproven, "accept", id).await.status,
        StatusCode::FORBIDDEN
    );
    let list = unproven.get_html("/account/invitations", "en").await;
    assert!(list.body.contains(r#"data-testid="verify-first""#));
    assert!(!list.body.contains("teamed Data Technology"));
    assert_eq!(standing(&db, COLLEAGUE).await, ("buyer".to_owned(), None));
    assert_eq!(pending(&db, COLLEAGUE).await, id, "still waiting");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_declined_invitation_changes_nothing_and_the_owner_is_told(db: PgPool) {
    let (mut owner, _) = owner(&db).await;
    let mut colleague = TestApp::spawn(db.clone()).await;
    colleague.verified_user(COLLEAGUE, "Colleague").await;
    invite(&mut owner, COLLEAGUE).await;
    let id = pending(&db, COLLEAGUE).await;
    let declined = colleague
        .submit_form(
            "invitations/decline",
            &[("invitation_id", &id.to_string())],
            "/account/invitations",
        )
        .await;
    assert_eq!(declined.status, StatusCode::FOUND, "{}", declined.body);
    assert_eq!(
        declined.header("location"),
        Some("/account/invitations?declined=1")
    );
    assert_eq!(standing(&db, COLLEAGUE).await, ("buyer".to_owned(), None));
    assert_eq!(notified(&db, OWNER).await, ["invitation_declined"]);
    let list = colleague
        .get_html("/account/invitations?declined=1", "en")
        .await;
    assert!(list.body.contains("You declined the invitation."));
    assert!(list.body.contains(r#"data-testid="no-invitations""#));
    assert_eq!(
        answer(&mut colleague, "accept", id).await.status,
        StatusCode::NOT_FOUND
    );
    // The owner may invite again.
    assert_eq!(invite(&mut owner, COLLEAGUE).await.status, StatusCode::OK);
    assert_ne!(pending(&db, COLLEAGUE).await, id);
}

#[sqlx::test(migrations = "../migrations")]
async fn only_the_owner_invites_and_withdraws_and_only_their_own(db: PgPool) {
    let (mut owner, merchant_id) = owner(&db).await;
    invite(&mut owner, "first@example.com").await;
    let id = pending(&db, "first@example.com").await;
    let id_text = id.to_string();

    let mut anonymous = TestApp::spawn(db.clone()).await;
    assert_eq!(
        invite(&mut anonymous, "x@example.com").await.status,
        StatusCode::UNAUTHORIZED
    );
    // A member invites nobody and withdraws nothing.
    let mut member = TestApp::spawn(db.clone()).await;
    let member_id = member
        .verified_user("member@teamed.example.cn", "Member")
        .await;
    sqlx::query(
        "insert into merchant_member (merchant_id, app_user_id, role) values ($1, $2, 'member')",
    )
    .bind(merchant_id)
    .bind(member_id)
    .execute(&db)
    .await
    .expect("member");
    assert_eq!(
        invite(&mut member, "x@example.com").await.status,
        StatusCode::FORBIDDEN
    );
    let withdrawn = member
        .call(
            "merchant/withdraw_invitation",
            &[("invitation_id", &id_text)],
        )
        .await;
    assert_eq!(withdrawn.status, StatusCode::FORBIDDEN);
    let page = member.get_html("/merchant/team", "en").await;
    assert!(!page.body.contains("first@example.com"), "{}", page.body);
    // Another merchant's owner neither sees nor withdraws it.
    let mut other = TestApp::spawn(db.clone()).await;
    approved_with_owner(&db, &mut other, "other", "owner@other.example.cn").await;
    let page = other.get_html("/merchant/team", "en").await;
    assert!(!page.body.contains("first@example.com"));
    let foreign = other
        .call(
            "merchant/withdraw_invitation",
            &[("invitation_id", &id_text)],
        )
        .await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);
    assert_eq!(pending(&db, "first@example.com").await, id);

    // Its owner withdraws it, before its mail went out: none goes.
    owner.clear_mail();
    let withdrawn = owner
        .call(
            "merchant/withdraw_invitation",
            &[("invitation_id", &id_text)],
        )
        .await;
    assert_eq!(withdrawn.status, StatusCode::OK);
    assert_eq!(send_mail(&db, &owner).await, 0);
    let mut invitee = TestApp::spawn(db.clone()).await;
    invitee.verified_user("first@example.com", "First").await;
    assert_eq!(
        answer(&mut invitee, "accept", id).await.status,
        StatusCode::NOT_FOUND
    );
    // Someone in the team already is not invited; a bad address is refused beside it.
    for (email, reason) in [
        ("member@teamed.example.cn", "in_your_team"),
        ("OWNER@teamed.example.cn", "in_your_team"),
        ("not an address", "email_format"),
    ] {
        let refused = invite(&mut owner, email).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{email}");
        assert_eq!(refused.json()["errors"][0]["field"], "email");
        assert_eq!(refused.json()["errors"][0]["reason"], reason, "{email}");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn invitations_waiting_at_once_are_capped(db: PgPool) {
    let (mut owner, _) = owner(&db).await;
    let max = app::merchants::team::MAX_WAITING;
    for n in 0..max {
        let invited = invite(&mut owner, &format!("person{n}@example.com")).await;
        assert_eq!(invited.status, StatusCode::OK, "{n}");
    }
    let refused = invite(&mut owner, "one-more@example.com").await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.json()["errors"][0]["reason"]["invitations_waiting"]["max"],
        max
    );
    // An address that waits already is no new invitation, at the cap too.
    assert_eq!(
        invite(&mut owner, "person1@example.com").await.status,
        StatusCode::OK
    );
    // Withdrawing one makes room.
    let id = pending(&db, "person0@example.com").await;
    owner
        .call(
            "merchant/withdraw_invitation",
            &[("invitation_id", &id.to_string())],
        )
        .await;
    assert_eq!(
        invite(&mut owner, "one-more@example.com").await.status,
        StatusCode::OK
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn invitations_made_in_a_day_are_capped_withdrawn_ones_too(db: PgPool) {
    let (mut owner, _) = owner(&db).await;
    let max = app::merchants::team::MAX_PER_DAY;
    for n in 0..max {
        let email = format!("person{n}@example.com");
        assert_eq!(
            invite(&mut owner, &email).await.status,
            StatusCode::OK,
            "{n}"
        );
        let id = pending(&db, &email).await.to_string();
        let withdrawn = owner
            .call("merchant/withdraw_invitation", &[("invitation_id", &id)])
            .await;
        assert_eq!(withdrawn.status, StatusCode::OK);
    }
    let refused = invite(&mut owner, "one-more@example.com").await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.json()["errors"][0]["reason"]["invitations_today"]["max"],
        max
    );
    // A day later there is room again.
    sqlx::query("update team_invitation set created_at = created_at - interval '25 hours'")
        .execute(&db)
        .await
        .expect("a day passes");
    assert_eq!(
        invite(&mut owner, "one-more@example.com").await.status,
        StatusCode::OK
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn acceptance_is_refused_beside_the_invitation_to_a_member_or_a_waiting_applicant(
    db: PgPool,
) {
    let (mut owner, _) = owner(&db).await;
    // Someone who works for another merchant.
    let mut elsewhere = TestApp::spawn(db.clone()).await;
    approved_with_owner(&db, &mut elsewhere, "other", "owner@other.example.cn").await;
    invite(&mut owner, "owner@other.example.cn").await;
    let id = pending(&db, "owner@other.example.cn").await;
    let refused = answer(&mut elsewhere, "accept", id).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.json()["errors"][0]["reason"], "in_a_team");
    assert_eq!(pending(&db, "owner@other.example.cn").await, id);

    // An applicant waiting for the operator, without JavaScript: the message shows in
    // the invitation's own form.
    let mut applicant = TestApp::spawn(db.clone()).await;
    let applicant_id = applicant
        .verified_user("founder@ningbo.example.cn", "Founder")
        .await;
    apply(&mut applicant).await;
    invite(&mut owner, "founder@ningbo.example.cn").await;
    let id = pending(&db, "founder@ningbo.example.cn").await;
    let refused = applicant
        .submit_form(
            "invitations/accept",
            &[("invitation_id", &id.to_string())],
            "/account/invitations",
        )
        .await;
    assert_eq!(refused.status, StatusCode::FOUND);
    assert_eq!(
        refused.header("location"),
        Some("http://localhost:3000/account/invitations")
    );
    let page = applicant.get_html("/account/invitations", "en").await;
    let invitation = page
        .body
        .split(r#"data-testid="invitation""#)
        .nth(1)
        .expect("the invitation");
    assert!(
        invitation.contains("Your own merchant application is under review"),
        "{}",
        page.body
    );
    assert_eq!(
        standing(&db, "founder@ningbo.example.cn").await,
        ("buyer".to_owned(), None)
    );

    // Declined, the application is still the operator's to approve.
    assert_eq!(
        answer(&mut applicant, "decline", id).await.status,
        StatusCode::OK
    );
    let application: i64 = sqlx::query_scalar(
        "select merchant_id from merchant where applied_by = $1 and status = 'pending'",
    )
    .bind(applicant_id)
    .fetch_one(&db)
    .await
    .expect("an open application");
    let mut operator = TestApp::spawn(db.clone()).await;
    operator.operator("ops@example.com").await;
    let approved = operator
        .call(
            "admin/approve_application",
            &[("merchant_id", &application.to_string()), ("tier", "")],
        )
        .await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
    assert_eq!(
        standing(&db, "founder@ningbo.example.cn").await,
        (
            "merchant".to_owned(),
            Some((application, "owner".to_owned()))
        )
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_member_leaves_and_is_a_buyer_again_and_the_owner_removes_members(db: PgPool) {
    let (mut owner, _) = owner(&db).await;
    let mut colleague = TestApp::spawn(db.clone()).await;
    let colleague_id = colleague.verified_user(COLLEAGUE, "Colleague").await;
    invite(&mut owner, COLLEAGUE).await;
    let id = pending(&db, COLLEAGUE).await;
    assert_eq!(
        answer(&mut colleague, "accept", id).await.status,
        StatusCode::OK
    );

    // The member's team page offers to leave; the owner's does not.
    let page = colleague.get_html("/merchant/team", "en").await;
    assert!(page.body.contains("Leave the team"), "{}", page.body);
    assert!(!page.body.contains("Invite a colleague"));
    let page = owner.get_html("/merchant/team", "en").await;
    assert!(!page.body.contains("Leave the team"));
    assert_eq!(
        owner.call("merchant/leave", &[]).await.status,
        StatusCode::FORBIDDEN,
        "the owner cannot leave"
    );

    let left = colleague
        .submit_form("merchant/leave", &[], "/merchant/team")
        .await;
    assert_eq!(left.status, StatusCode::FOUND, "{}", left.body);
    assert_eq!(left.header("location"), Some("/account?left=team"));
    assert_eq!(standing(&db, COLLEAGUE).await, ("buyer".to_owned(), None));
    assert_eq!(
        notified(&db, OWNER).await,
        ["invitation_accepted", "member_left"]
    );
    assert_eq!(
        colleague.get_html("/merchant", "en").await.status,
        StatusCode::FORBIDDEN
    );
    let account = colleague.get_html("/account?left=team", "en").await;
    assert!(account.body.contains("You left the team."));
    let apply_page = colleague.get_html("/apply", "en").await;
    assert!(
        apply_page.body.contains(r#"name="uscc""#),
        "free to apply for their own merchant"
    );

    // Invited and joined again, then removed by the owner: a buyer again, and told.
    invite(&mut owner, COLLEAGUE).await;
    let id = pending(&db, COLLEAGUE).await;
    answer(&mut colleague, "accept", id).await;
    let mut other = TestApp::spawn(db.clone()).await;
    approved_with_owner(&db, &mut other, "other", "owner@other.example.cn").await;
    let foreign = other
        .call(
            "merchant/remove_member",
            &[("member_id", &colleague_id.to_string())],
        )
        .await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);
    let removed = owner
        .call(
            "merchant/remove_member",
            &[("member_id", &colleague_id.to_string())],
        )
        .await;
    assert_eq!(removed.status, StatusCode::OK);
    assert_eq!(standing(&db, COLLEAGUE).await, ("buyer".to_owned(), None));
    assert_eq!(
        notified(&db, COLLEAGUE).await.last().map(String::as_str),
        Some("team_left")
    );
}
