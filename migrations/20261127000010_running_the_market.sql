-- Merchants run their shop and the operator runs the market: applications, teams,
-- notifications and the operator's audit log.

-- An application is a merchant row in status `pending`, made by `applied_by`; approval
-- makes that user its owner. One open application per user.
alter table merchant add column applied_by bigint references app_user (app_user_id) on delete set null;
create unique index merchant_one_open_application on merchant (applied_by) where status = 'pending';
create index merchant_applied_by_idx on merchant (applied_by, merchant_id desc);
-- The operator's queue, oldest first.
create index merchant_pending_idx on merchant (created_at, merchant_id) where status = 'pending';
-- The console lists every merchant by status, newest first (keyset on merchant_id).
create index merchant_status_idx on merchant (status, merchant_id desc);

-- A rejected application gives its code back: the company may apply again.
drop index merchant_uscc_key;
create unique index merchant_uscc_key on merchant (uscc) where status <> 'rejected';

-- One owner per merchant, the rest members; a person works for one merchant.
alter table merchant_member add column role text not null default 'member'
    check (role in ('owner', 'member'));
create unique index merchant_member_one_owner on merchant_member (merchant_id) where role = 'owner';
drop index merchant_member_user_idx;
create unique index merchant_member_one_merchant on merchant_member (app_user_id);

-- The workspace lists a merchant's listings by status, newest first.
create index listing_merchant_status_idx on listing (merchant_id, status, listing_id desc);

-- Per user, unread until seen; written in the transaction of the event that causes it.
-- `kind` chooses the sentence, `params` fills it (names, tiers, reasons), `link` leads on.
create table notification (
    notification_id bigint generated always as identity primary key,
    app_user_id     bigint not null references app_user (app_user_id) on delete cascade,
    kind            text not null check (kind ~ '^[a-z_]+$'),
    params          jsonb not null default '{}' check (jsonb_typeof(params) = 'object'),
    link            text check (link ~ '^/[^/]'),
    created_at      timestamptz not null default now(),
    read_at         timestamptz
);

create index notification_user_idx on notification (app_user_id, notification_id desc);
create index notification_unread_idx on notification (app_user_id) where read_at is null;

-- Every operator action: who, what, which object, before → after, why, when. Written in
-- the transaction of the action; never updated.
create table audit_event (
    audit_event_id bigint generated always as identity primary key,
    -- Kept as null if the operator's account is ever deleted; `actor_name` stays.
    actor_id        bigint references app_user (app_user_id) on delete set null,
    actor_name      text not null,
    action          text not null check (action ~ '^[a-z_]+$'),
    object_type     text not null check (object_type in ('merchant', 'listing')),
    object_id       bigint not null,
    object_label    text not null,
    before          jsonb,
    after           jsonb,
    reason          text,
    created_at      timestamptz not null default now()
);

create index audit_event_object_idx on audit_event (object_type, object_id, audit_event_id desc);
create index audit_event_actor_idx on audit_event (actor_id, audit_event_id desc);
create index audit_event_action_idx on audit_event (action, audit_event_id desc);
