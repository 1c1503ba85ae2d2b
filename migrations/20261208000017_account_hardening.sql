-- Account hardening (#24).

-- Recovery codes are kept as argon2id PHC strings of their SHA-256 (salted, so a leaked
-- table no longer answers a lookup of 50-bit codes). Rows from before hold the bare
-- SHA-256 in `code_hash` until the server seals them (at start-up, in Rust: SQL has no
-- argon2); a row holds exactly one of the two.
alter table recovery_code alter column code_hash drop not null;
alter table recovery_code add column code_phc text;
alter table recovery_code add constraint recovery_code_one_form
    check ((code_hash is null) <> (code_phc is null));
