-- Notifications are also e-mailed, after their transaction commits: each one meant for
-- mail gets an outbox row in that transaction, and a worker sends and marks it.

alter table app_user add column mail_notifications boolean not null default true;

create table mail_outbox (
    mail_outbox_id   bigint generated always as identity primary key,
    notification_id  bigint not null unique references notification (notification_id) on delete cascade,
    -- Set when a worker takes the row; a row taken long ago and never sent is retried.
    claimed_at       timestamptz,
    attempts         integer not null default 0,
    sent_at          timestamptz,
    created_at       timestamptz not null default now()
);

create index mail_outbox_pending_idx on mail_outbox (mail_outbox_id) where sent_at is null;
