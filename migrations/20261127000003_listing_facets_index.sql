-- Facet counts read only these columns of public listings: one covering index lets
-- PostgreSQL answer them with index-only scans instead of reading the wide rows
-- (measured at 1,000,000 listings: 4.5 s → 0.2 s for two filters without text).
create index listing_public_facets_idx
    on listing (kind, service_field, pricing_model, merchant_tier, merchant_region)
    include (industries, delivery_modes)
    where is_public;

-- The GIN index on the industry and delivery arrays looked cheap to the planner (it
-- estimates array containment poorly) and sent facet counts to read ~300,000 wide rows
-- (0.9 s); without it the covering index above serves them in 0.1 s, and result pages
-- walk `listing_public_newest_idx` with the array test as a filter.
drop index listing_public_arrays_idx;
