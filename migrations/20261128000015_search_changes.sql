-- The public market's search indexes live in each server's memory (app::index); this
-- table is how every server hears what to re-read. Triggers write one row per listing
-- or merchant whose public face may have changed, in the writer's own transaction, so a
-- change cannot commit without its row. Readers never delete: each keeps its own
-- position, and rows older than a day are pruned.
--
-- A position is a transaction id, not `change_id`: ids are handed out before commit, so
-- a reader that saw id 12 could miss an 11 committed later. `tx` is the writing
-- transaction; a reader that took the snapshot xmin X last time reads `tx >= X` now,
-- which covers every transaction that was still running then (reading a few rows twice
-- is harmless: applying a change re-reads the row as it is).
create table search_change (
    change_id  bigint generated always as identity primary key,
    subject    text not null check (subject in ('listing', 'merchant')),
    subject_id bigint not null,
    tx         xid8 not null default pg_current_xact_id(),
    changed_at timestamptz not null default now()
);

create index search_change_tx_idx on search_change (tx);
create index search_change_changed_at_idx on search_change (changed_at);

-- Statement triggers with transition tables: a bulk load or a merchant's re-tiering is
-- one set-based insert, not one trigger call per row. A row that is not public before
-- or after cannot change what an index holds, and is left out.
create function listing_search_changes() returns trigger
language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into search_change (subject, subject_id)
            select 'listing', listing_id from new_rows where is_public;
    elsif tg_op = 'UPDATE' then
        insert into search_change (subject, subject_id)
            select 'listing', n.listing_id from new_rows n join old_rows o using (listing_id)
             where n.is_public or o.is_public;
    else
        insert into search_change (subject, subject_id)
            select 'listing', listing_id from old_rows where is_public;
    end if;
    -- Only a wake-up: a server that is not listening catches up from the table.
    perform pg_notify('search_change', '');
    return null;
end;
$$;

create trigger listing_search_changes_insert
    after insert on listing referencing new table as new_rows
    for each statement execute function listing_search_changes();
create trigger listing_search_changes_update
    after update on listing referencing old table as old_rows new table as new_rows
    for each statement execute function listing_search_changes();
create trigger listing_search_changes_delete
    after delete on listing referencing old table as old_rows
    for each statement execute function listing_search_changes();

create function merchant_search_changes() returns trigger
language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into search_change (subject, subject_id)
            select 'merchant', merchant_id from new_rows where status = 'approved';
    elsif tg_op = 'UPDATE' then
        insert into search_change (subject, subject_id)
            select 'merchant', n.merchant_id from new_rows n join old_rows o using (merchant_id)
             where n.status = 'approved' or o.status = 'approved';
    else
        insert into search_change (subject, subject_id)
            select 'merchant', merchant_id from old_rows where status = 'approved';
    end if;
    perform pg_notify('search_change', '');
    return null;
end;
$$;

create trigger merchant_search_changes_insert
    after insert on merchant referencing new table as new_rows
    for each statement execute function merchant_search_changes();
create trigger merchant_search_changes_update
    after update on merchant referencing old table as old_rows new table as new_rows
    for each statement execute function merchant_search_changes();
create trigger merchant_search_changes_delete
    after delete on merchant referencing old table as old_rows
    for each statement execute function merchant_search_changes();
