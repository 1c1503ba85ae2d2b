-- Sign-out everywhere: a session holds the version it was signed in with, and every
-- request compares it with this one; a password change or reset raises it.
alter table app_user add column session_version integer not null default 1;

-- Counted events other than failed sign-ins (registrations per client, and so on):
-- one row per event, counted over a recent window and swept on a timer.
create table rate_event (
    rate_event_id bigint generated always as identity primary key,
    scope         text not null,
    subject       text not null,
    happened_at   timestamptz not null default now()
);

create index rate_event_subject_idx on rate_event (scope, subject, happened_at);
create index login_failure_failed_at_idx on login_failure (failed_at);

-- A merchant's website is a link others follow: only web addresses, never javascript:
-- or data: URLs, whatever path writes the row.
alter table merchant add constraint merchant_website_is_http
    check (website is null or website ~ '^https?://[^[:space:][:cntrl:]]+$');
