-- A second factor for operators: a TOTP secret (RFC 6238) and one-time recovery codes.

-- The shared secret of the operator's authenticator app, once enrolled.
alter table app_user add column totp_secret bytea
    check (totp_secret is null or octet_length(totp_secret) = 20);
-- The last time step a code was accepted for: a code works once.
alter table app_user add column totp_last_step bigint;

-- Shown once at enrollment; only SHA-256 hashes are kept, each works once.
create table recovery_code (
    recovery_code_id bigint generated always as identity primary key,
    app_user_id      bigint not null references app_user on delete cascade,
    code_hash        bytea not null check (octet_length(code_hash) = 32),
    used_at          timestamptz
);

create index recovery_code_user_idx on recovery_code (app_user_id);
