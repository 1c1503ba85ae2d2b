-- Account hardening (#24).

-- Recovery codes are kept as argon2id PHC strings of their SHA-256 (salted, so a leaked
-- table no longer answers a lookup of 50-bit codes). Rows from before hold the bare
-- SHA-256 in `code_hash` until the server seals them (at start-up, in Rust: SQL has no
-- argon2); a row holds exactly one of the two.
alter table recovery_code alter column code_hash drop not null;
alter table recovery_code add column code_phc text;
alter table recovery_code add constraint recovery_code_one_form
    check ((code_hash is null) <> (code_phc is null));

-- Wrong second-factor codes in a row (a right one, or an unlock, starts again from 0).
-- At 100 the authenticator is locked: its codes are refused until the operator signs in
-- with a recovery code or another operator unlocks it from the console.
alter table app_user add column second_factor_failures integer not null default 0
    check (second_factor_failures >= 0);
alter table app_user add column second_factor_locked_at timestamptz;
create index app_user_second_factor_locked_idx on app_user (second_factor_locked_at)
    where second_factor_locked_at is not null;

-- Unlocking an operator's authenticator is an operator action on an account.
alter table audit_event drop constraint audit_event_object_type_check;
alter table audit_event add constraint audit_event_object_type_check
    check (object_type in ('merchant', 'listing', 'account'));
