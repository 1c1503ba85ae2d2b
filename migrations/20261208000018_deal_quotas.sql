-- Quotas on deals (deals::quota) count a person's newest rows: an index per count, so that
-- each reads at most limit + 1 entries however long the person's history.
create index inquiry_buyer_merchant_idx on inquiry (buyer_id, merchant_id, inquiry_id desc);
create index inquiry_message_author_idx on inquiry_message (author_id, inquiry_message_id desc);
create index inquiry_message_thread_author_idx
    on inquiry_message (inquiry_id, author_id, inquiry_message_id desc);
create index orders_buyer_merchant_idx on orders (buyer_id, merchant_id, order_id desc);
