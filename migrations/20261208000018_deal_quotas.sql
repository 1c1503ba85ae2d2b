-- Quotas on deals (deals::quota) count a person's newest rows: an index per count, so that
-- each reads at most limit + 1 entries however long the person's history.
create index inquiry_buyer_merchant_idx on inquiry (buyer_id, merchant_id, inquiry_id desc);
create index inquiry_message_author_idx on inquiry_message (author_id, inquiry_message_id desc);
create index inquiry_message_thread_author_idx
    on inquiry_message (inquiry_id, author_id, inquiry_message_id desc);
create index orders_buyer_merchant_idx on orders (buyer_id, merchant_id, order_id desc);

-- Mail to one person is capped (notifications::outbox): a row per mail sent (one
-- notification, or a digest), counted over a window and swept once out of it.
create table notification_mail (
    notification_mail_id bigint generated always as identity primary key,
    app_user_id          bigint not null references app_user (app_user_id) on delete cascade,
    sent_at              timestamptz not null default now()
);
create index notification_mail_user_idx on notification_mail (app_user_id, sent_at);
create index notification_mail_sent_idx on notification_mail (sent_at);

-- A notification over its reader's cap is folded: it waits for the reader's next digest
-- instead of being mailed on its own.
alter table mail_outbox add column folded_at timestamptz;
create index mail_outbox_unfolded_idx on mail_outbox (mail_outbox_id)
    where sent_at is null and folded_at is null;
create index mail_outbox_folded_idx on mail_outbox (mail_outbox_id)
    where sent_at is null and folded_at is not null;

-- A quote names its terms: the order an accepted quote becomes copies them as its licence
-- terms. Quotes still on offer without any are withdrawn as expired (the merchant may quote
-- again, now with terms); answered quotes keep what they had, and the orders made from
-- them keep their copy. From here on a live quote has terms, whatever path writes it.
update quote set status = 'expired' where status = 'offered' and terms !~ '\S';
alter table quote add constraint quote_offered_with_terms
    check (status <> 'offered' or terms ~ '\S');
