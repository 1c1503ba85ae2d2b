-- The directory lists approved merchants by (tier_rank ascending, merchant_id descending).
-- Indexed as (tier_rank, -merchant_id), both ascending, the "next page" cursor is one row
-- comparison the index seeks to, however deep the page; with (tier_rank, merchant_id desc)
-- PostgreSQL walked the cursor's tier from its first row (29 ms deep into 78,000 inbound
-- merchants).
drop index merchant_public_idx;
create index merchant_public_idx on merchant (tier_rank, (-merchant_id)) where status = 'approved';
