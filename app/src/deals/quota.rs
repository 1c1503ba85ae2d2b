//! Quotas on what one person can make others read: inquiries, messages, requirements and
//! orders, each per hour for the person, and inquiries, messages and orders also per
//! recipient (a merchant, a thread). Every one of them lands in someone's notifications
//! and mailbox; without a quota one account sent 30 inquiries in 0.2 s, each mailed to
//! every member of the merchant.
//!
//! The limits are far above what a real buyer or merchant does in an hour (why, beside
//! each), so only a script meets them. What they count are the rows themselves (the
//! inquiries, messages, requirements and orders written in the last hour), in
//! PostgreSQL, so they hold across server processes. The count runs in the transaction
//! that writes the new row, after writing it, under a lock on the writer's quotas held
//! until commit: parallel submissions count each other, a refusal rolls the row back (so
//! it costs nothing, unlike sign-in attempts, which count refused ones too), and a
//! retried order with the same key never gets this far, so idempotent retries are free.
//! No separate table, no sweep: the sign-in throttle's `rate_event` rows would count
//! refusals and retries as well.

use sqlx::{Postgres, Transaction};
use time::Duration;

use crate::error::{AppError, Quota};

/// Every quota counts the last hour.
pub const WINDOW: Duration = Duration::hours(1);

/// New inquiries one person sends in an hour: someone comparing offers writes to a
/// handful of merchants in a sitting; twenty is more than a day of honest shopping.
pub const INQUIRIES: i64 = 20;
/// New inquiries one person sends to one merchant in an hour: one per listing they
/// care about; follow-ups belong in the thread.
pub const INQUIRIES_TO_MERCHANT: i64 = 5;
/// Messages one person writes in an hour, in all threads (first messages of inquiries
/// included): a merchant's member answering many buyers types one every 20 seconds at
/// most; 200 is more than that for a full hour.
pub const MESSAGES: i64 = 200;
/// Messages one person writes in one thread in an hour: one a minute, nonstop.
pub const MESSAGES_IN_THREAD: i64 = 60;
/// Requirements one person posts in an hour: each is a considered request to a whole
/// service field, with a budget and a deadline; a buyer posts a few a month.
pub const REQUIREMENTS: i64 = 10;
/// Orders one person places in an hour (accepted quotes included): a team stocking up
/// orders a few listings at a time, each for up to 100,000 units.
pub const ORDERS: i64 = 30;
/// Orders one person places with one merchant in an hour.
pub const ORDERS_WITH_MERCHANT: i64 = 10;

/// The first key of the advisory locks that order one person's counted writes.
const LOCK_CLASS: i32 = 2_026_120_818;

/// Who a quota counts: a person, or a person and their recipient (a merchant, a thread).
#[derive(Debug, Clone, Copy)]
pub enum Counted {
    By(i64),
    ByTo(i64, i64),
}

impl Quota {
    /// How many an hour.
    pub fn limit(self) -> i64 {
        match self {
            Self::Inquiries => INQUIRIES,
            Self::InquiriesToMerchant => INQUIRIES_TO_MERCHANT,
            Self::Messages => MESSAGES,
            Self::MessagesInThread => MESSAGES_IN_THREAD,
            Self::Requirements => REQUIREMENTS,
            Self::Orders => ORDERS,
            Self::OrdersWithMerchant => ORDERS_WITH_MERCHANT,
        }
    }

    /// When each of a person's newest rows was written (`$1` the person, `$2` the
    /// recipient where the quota has one, `$3` how many), newest first.
    fn newest(self) -> &'static str {
        match self {
            Self::Inquiries => {
                "select created_at from inquiry where buyer_id = $1
                  order by inquiry_id desc limit $3"
            }
            Self::InquiriesToMerchant => {
                "select created_at from inquiry where buyer_id = $1 and merchant_id = $2
                  order by inquiry_id desc limit $3"
            }
            Self::Messages => {
                "select created_at from inquiry_message where author_id = $1
                  order by inquiry_message_id desc limit $3"
            }
            Self::MessagesInThread => {
                "select created_at from inquiry_message where author_id = $1 and inquiry_id = $2
                  order by inquiry_message_id desc limit $3"
            }
            Self::Requirements => {
                "select created_at from requirement where buyer_id = $1
                  order by requirement_id desc limit $3"
            }
            Self::Orders => {
                "select created_at from orders where buyer_id = $1
                  order by order_id desc limit $3"
            }
            Self::OrdersWithMerchant => {
                "select created_at from orders where buyer_id = $1 and merchant_id = $2
                  order by order_id desc limit $3"
            }
        }
    }
}

/// Checks `quota` for `who` after the transaction wrote its new row: more than
/// [`Quota::limit`] in the last hour, the row just written included, refuses with the
/// minutes until there is room and gives `typed` back to the form (the caller's `?`
/// rolls the row back). Takes the lock on `who`'s quotas, held until the transaction
/// ends, before counting: a parallel submission counts after this one committed.
pub async fn check(
    tx: &mut Transaction<'_, Postgres>,
    quota: Quota,
    who: Counted,
    typed: impl FnOnce() -> Vec<(String, String)>,
) -> Result<(), AppError> {
    let (user, recipient) = match who {
        Counted::By(user) => (user, None),
        Counted::ByTo(user, recipient) => (user, Some(recipient)),
    };
    // Two persons may share a lock (ids past 2^31 wrap); they then merely wait in turn.
    sqlx::query("select pg_advisory_xact_lock($1, ($2 % 2147483647)::int)")
        .bind(LOCK_CLASS)
        .bind(user)
        .execute(&mut **tx)
        .await?;
    let limit = quota.limit();
    // A row only when the newest limit + 1 all fall within the hour: the minutes until
    // the oldest of them leaves it.
    let wait: Option<i32> = sqlx::query_scalar(&format!(
        "select greatest(1, ceil(extract(epoch from min(created_at) + $4 - now()) / 60))::int
           from ({}) newest
         having count(*) = $3 and min(created_at) > now() - $4",
        quota.newest()
    ))
    .bind(user)
    .bind(recipient)
    .bind(limit + 1)
    .bind(WINDOW)
    .fetch_optional(&mut **tx)
    .await?;
    match wait {
        None => Ok(()),
        Some(minutes) => Err(AppError::OverQuota {
            quota,
            limit: u32::try_from(limit).unwrap_or(u32::MAX),
            minutes: u32::try_from(minutes).unwrap_or(1),
            typed: typed(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Quota; 7] = [
        Quota::Inquiries,
        Quota::InquiriesToMerchant,
        Quota::Messages,
        Quota::MessagesInThread,
        Quota::Requirements,
        Quota::Orders,
        Quota::OrdersWithMerchant,
    ];

    // A quota per recipient is tighter than its quota per person, or it would never bite.
    const _: () = assert!(INQUIRIES_TO_MERCHANT < INQUIRIES);
    const _: () = assert!(MESSAGES_IN_THREAD < MESSAGES);
    const _: () = assert!(ORDERS_WITH_MERCHANT < ORDERS);

    #[test]
    fn each_quota_counts_only_its_own_rows_newest_first() {
        for quota in ALL {
            let sql = quota.newest();
            assert!(
                sql.contains("order by") && sql.contains("desc limit $3"),
                "{sql}"
            );
            assert!(quota.limit() > 0);
        }
    }
}
