-- E-mail ownership and password resets.

-- When the address was proven by following a link sent to it; null until then.
alter table app_user add column email_verified_at timestamptz;
-- The language the account's e-mails are written in: the one it registered in.
alter table app_user add column locale text not null default 'en' check (locale in ('en', 'zh'));

-- Links sent by e-mail. Only a SHA-256 hash of each token is kept: a leaked table
-- opens no account. A token works once, before it expires, for the address it was
-- sent to (a verification for an address the account no longer has proves nothing).
create table account_token (
    account_token_id bigint generated always as identity primary key,
    app_user_id      bigint not null references app_user on delete cascade,
    purpose          text not null check (purpose in ('verify_email', 'reset_password')),
    token_hash       bytea not null unique check (octet_length(token_hash) = 32),
    email            text not null,
    created_at       timestamptz not null default now(),
    expires_at       timestamptz not null,
    used_at          timestamptz
);

create index account_token_user_idx on account_token (app_user_id, purpose);
