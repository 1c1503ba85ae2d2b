-- Accounts: people who sign in, and the failed sign-ins that throttle guessing.

create function set_updated_at() returns trigger
language plpgsql as $$
begin
    new.updated_at = now();
    return new;
end;
$$;

create table app_user (
    app_user_id   bigint generated always as identity primary key,
    -- Stored trimmed and lower-cased by the application; the unique index below
    -- also folds case so that no path can create two accounts for one address.
    email         text not null check (char_length(email) between 3 and 254),
    display_name  text not null check (char_length(display_name) between 1 and 60),
    password_hash text not null,
    role          text not null default 'buyer' check (role in ('buyer', 'merchant', 'admin')),
    disabled      boolean not null default false,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);

create unique index app_user_email_key on app_user (lower(email));

create trigger app_user_set_updated_at
    before update on app_user
    for each row execute function set_updated_at();

-- One row per failed sign-in. Throttling counts recent rows per address typed and
-- per client; keeping them here makes the limits hold across server processes.
create table login_failure (
    login_failure_id bigint generated always as identity primary key,
    email            text not null,
    client_ip        text not null,
    failed_at        timestamptz not null default now()
);

create index login_failure_email_idx on login_failure (email, failed_at);
create index login_failure_client_ip_idx on login_failure (client_ip, failed_at);
