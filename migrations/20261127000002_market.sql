-- The market: merchants (with members and tier history) and their listings.
-- Text and search terms are bilingual; `search_doc` is filled by the application
-- (CJK bigrams and English words, see app/src/catalog/search.rs) so that documents
-- and queries are tokenised by the same code.

create table merchant (
    merchant_id     bigint generated always as identity primary key,
    slug            text not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(slug) <= 80),
    name_zh         text not null check (char_length(name_zh) between 1 and 120),
    name_en         text not null check (char_length(name_en) between 1 and 160),
    legal_name      text not null check (char_length(legal_name) between 1 and 200),
    -- Unified social credit code, checked by its GB 32100-2015 check character in the app.
    uscc            text not null check (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
    tier            text not null default 'inbound' check (tier in ('leading', 'growing', 'inbound')),
    tier_since      timestamptz not null default now(),
    -- Leading first in every list of merchants.
    tier_rank       smallint generated always as (
        case tier when 'leading' then 1 when 'growing' then 2 else 3 end) stored,
    service_fields  text[] not null check (
        cardinality(service_fields) >= 1
        and service_fields <@ array['data-technology', 'product-development', 'operation', 'circulation', 'security']
    ),
    region          text not null check (region in (
        'hangzhou', 'ningbo', 'wenzhou', 'jiaxing', 'huzhou', 'shaoxing', 'jinhua', 'quzhou',
        'zhoushan', 'taizhou', 'lishui', 'shanghai', 'jiangsu', 'anhui')),
    founded_year    smallint check (founded_year between 1900 and 2100),
    description_zh  text not null default '',
    description_en  text not null default '',
    website         text,
    contact_email   text,
    certifications  text[] not null default '{}',
    status          text not null default 'pending' check (status in ('pending', 'approved', 'rejected', 'suspended')),
    status_reason   text,
    search_doc      tsvector not null default ''::tsvector,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);

create unique index merchant_slug_key on merchant (slug);
create unique index merchant_uscc_key on merchant (uscc);
-- The directory lists approved merchants leading first, then newest first (keyset).
create index merchant_public_idx on merchant (tier_rank, merchant_id desc) where status = 'approved';
create index merchant_region_idx on merchant (region) where status = 'approved';
create index merchant_fields_idx on merchant using gin (service_fields) where status = 'approved';
create index merchant_search_idx on merchant using gin (search_doc);

create trigger merchant_set_updated_at
    before update on merchant
    for each row execute function set_updated_at();

create table merchant_member (
    merchant_id  bigint not null references merchant (merchant_id) on delete cascade,
    app_user_id  bigint not null references app_user (app_user_id) on delete cascade,
    created_at   timestamptz not null default now(),
    primary key (merchant_id, app_user_id)
);

create index merchant_member_user_idx on merchant_member (app_user_id);

create table merchant_tier_change (
    merchant_tier_change_id bigint generated always as identity primary key,
    merchant_id  bigint not null references merchant (merchant_id) on delete cascade,
    -- The operator who changed it; kept as null if that account is ever deleted.
    changed_by   bigint references app_user (app_user_id) on delete set null,
    old_tier     text check (old_tier in ('leading', 'growing', 'inbound')),
    new_tier     text not null check (new_tier in ('leading', 'growing', 'inbound')),
    reason       text not null,
    changed_at   timestamptz not null default now()
);

create index merchant_tier_change_merchant_idx on merchant_tier_change (merchant_id, changed_at desc);

create table listing (
    listing_id        bigint generated always as identity primary key,
    merchant_id       bigint not null references merchant (merchant_id) on delete cascade,
    slug              text not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(slug) <= 100),
    title_zh          text not null check (char_length(title_zh) between 1 and 160),
    title_en          text not null check (char_length(title_en) between 1 and 200),
    summary_zh        text not null default '',
    summary_en        text not null default '',
    description_zh    text not null default '',
    description_en    text not null default '',
    kind              text not null check (kind in ('dataset', 'data-product', 'service')),
    service_field     text not null check (service_field in
        ('data-technology', 'product-development', 'operation', 'circulation', 'security')),
    industries        text[] not null default '{}' check (industries <@ array[
        'manufacturing', 'textiles', 'automotive', 'chemicals', 'electronics', 'equipment', 'logistics',
        'retail', 'finance', 'healthcare', 'agriculture', 'energy', 'public-sector']),
    delivery_modes    text[] not null check (
        cardinality(delivery_modes) >= 1
        and delivery_modes <@ array['download', 'api', 'on-premise', 'data-space', 'on-site']),
    pricing_model     text not null check (pricing_model in ('fixed', 'subscription', 'per-call', 'quote')),
    -- Fen (CNY minor units). None exactly when the price is on request.
    price_fen         bigint check (price_fen >= 0),
    licence_terms     text not null default '',
    status            text not null default 'draft' check (status in ('draft', 'published', 'archived', 'suspended')),
    -- Where an operator's suspension returns to, and why it was suspended.
    status_before_suspension text check (status_before_suspension in ('draft', 'published', 'archived')),
    suspension_reason text,
    -- Trust and compliance.
    data_source       text not null default '',
    personal_info     text not null default 'none' check (personal_info in ('none', 'de-identified', 'with-consent')),
    classification    text not null default 'general' check (classification in ('general', 'important')),
    registration_cert_no text,
    has_compliance_report boolean not null default false,
    -- Dataset specification (datasets only).
    modality          text check (modality in ('text', 'image', 'video', 'audio', 'tabular', 'time-series', 'multimodal')),
    volume            text,
    time_coverage     text,
    update_frequency  text,
    label_schema      text,
    annotation_accuracy text,
    -- [{"name": …, "type": …, "description": …}]
    data_dictionary   jsonb not null default '[]' check (jsonb_typeof(data_dictionary) = 'array'),
    -- {"columns": [...], "rows": [[...], ...]}
    sample            jsonb not null default '{}' check (jsonb_typeof(sample) = 'object'),
    -- Copies of the merchant's public facts, kept in step by the trigger below, so that
    -- catalog filters and facet counts over a million listings need no join.
    merchant_tier     text not null default 'inbound',
    merchant_region   text not null default 'hangzhou',
    is_public         boolean not null default false,
    search_doc        tsvector not null default ''::tsvector,
    published_at      timestamptz,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    constraint listing_price_matches_model check ((pricing_model = 'quote') = (price_fen is null)),
    constraint listing_suspension_has_reason check ((status = 'suspended') = (suspension_reason is not null)),
    constraint listing_dataset_has_modality check ((kind = 'dataset') = (modality is not null))
);

create unique index listing_slug_key on listing (slug);
create index listing_merchant_idx on listing (merchant_id, listing_id desc);
-- Public catalog: newest first and by price, filters on the public subset.
create index listing_public_newest_idx on listing (listing_id desc) where is_public;
create index listing_public_price_idx on listing ((coalesce(price_fen, 9223372036854775807)), listing_id) where is_public;
create index listing_public_kind_idx on listing (kind, listing_id desc) where is_public;
create index listing_public_field_idx on listing (service_field, listing_id desc) where is_public;
create index listing_public_pricing_idx on listing (pricing_model, listing_id desc) where is_public;
create index listing_public_tier_idx on listing (merchant_tier, listing_id desc) where is_public;
create index listing_public_region_idx on listing (merchant_region, listing_id desc) where is_public;
create index listing_public_arrays_idx on listing using gin (industries, delivery_modes) where is_public;
create index listing_search_idx on listing using gin (search_doc) where is_public;

-- A listing is public when it is published and its merchant approved.
create function listing_sync_merchant() returns trigger
language plpgsql as $$
declare
    m merchant%rowtype;
begin
    select * into m from merchant where merchant_id = new.merchant_id;
    new.merchant_tier = m.tier;
    new.merchant_region = m.region;
    new.is_public = (new.status = 'published' and m.status = 'approved');
    return new;
end;
$$;

create trigger listing_sync_merchant
    before insert or update of merchant_id, status on listing
    for each row execute function listing_sync_merchant();

create function merchant_sync_listings() returns trigger
language plpgsql as $$
begin
    update listing
       set merchant_tier = new.tier,
           merchant_region = new.region,
           is_public = (status = 'published' and new.status = 'approved')
     where merchant_id = new.merchant_id;
    return new;
end;
$$;

create trigger merchant_sync_listings
    after update of tier, region, status on merchant
    for each row
    when (old.tier is distinct from new.tier or old.region is distinct from new.region
          or old.status is distinct from new.status)
    execute function merchant_sync_listings();

create trigger listing_set_updated_at
    before update on listing
    for each row execute function set_updated_at();
