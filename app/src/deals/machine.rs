//! The order state machine of PRODUCT.md, as one pure function: which side may make
//! which move from which state, and where it leads. Everything the service does with an
//! order goes through [`next`], so the contract lives in one table.

use serde::{Deserialize, Serialize};

use crate::vocab::OrderStatus;

/// Who is acting on an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Side {
    Buyer,
    /// Any member of the order's merchant.
    Merchant,
}

macro_rules! moves {
    ($($variant:ident = $slug:literal),+ $(,)?) => {
        /// A move on an order, as its form posts it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
        pub enum Move { $(#[serde(rename = $slug)] $variant),+ }

        impl Move {
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];
            pub fn slug(self) -> &'static str { match self { $(Self::$variant => $slug),+ } }
            pub fn from_slug(slug: &str) -> Option<Self> {
                match slug { $($slug => Some(Self::$variant),)+ _ => None }
            }
        }
    };
}

moves!(
    Accept = "accept",
    Reject = "reject",
    Cancel = "cancel",
    Deliver = "deliver",
    Complete = "complete",
    RequestChanges = "request-changes",
);

/// Whether a move needs a note (a reason, a delivery note, the changes wanted).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note {
    None,
    Optional,
    Required,
}

/// Where `mv` by `side` takes an order in `status`, and whether it needs a note; `None`
/// when the move is not allowed (the caller answers 409 and changes nothing).
pub fn next(status: OrderStatus, mv: Move, side: Side) -> Option<(OrderStatus, Note)> {
    use Move as M;
    use OrderStatus as S;
    use Side::{Buyer, Merchant};
    Some(match (status, mv, side) {
        (S::Placed, M::Accept, Merchant) => (S::Accepted, Note::None),
        (S::Placed, M::Reject, Merchant) => (S::Rejected, Note::Required),
        (S::Placed, M::Cancel, Buyer) => (S::Cancelled, Note::Optional),
        (S::Accepted, M::Deliver, Merchant) => (S::Delivered, Note::Required),
        (S::Accepted, M::Cancel, _) => (S::Cancelled, Note::Required),
        (S::Delivered, M::Complete, Buyer) => (S::Completed, Note::None),
        (S::Delivered, M::RequestChanges, Buyer) => (S::Accepted, Note::Required),
        _ => return None,
    })
}

/// The moves `side` can make on an order in `status`, in the order the page offers them.
pub fn moves_for(status: OrderStatus, side: Side) -> Vec<Move> {
    Move::ALL
        .iter()
        .copied()
        .filter(|mv| next(status, *mv, side).is_some())
        .collect()
}

/// Whether an order in `status` can change no more.
pub fn is_final(status: OrderStatus) -> bool {
    [Side::Buyer, Side::Merchant]
        .iter()
        .all(|side| moves_for(status, *side).is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_machine_is_exactly_the_one_in_product_md() {
        use Move as M;
        use OrderStatus as S;
        let allowed = [
            (S::Placed, M::Accept, Side::Merchant, S::Accepted),
            (S::Placed, M::Reject, Side::Merchant, S::Rejected),
            (S::Placed, M::Cancel, Side::Buyer, S::Cancelled),
            (S::Accepted, M::Deliver, Side::Merchant, S::Delivered),
            (S::Accepted, M::Cancel, Side::Merchant, S::Cancelled),
            (S::Accepted, M::Cancel, Side::Buyer, S::Cancelled),
            (S::Delivered, M::Complete, Side::Buyer, S::Completed),
            (S::Delivered, M::RequestChanges, Side::Buyer, S::Accepted),
        ];
        let mut count = 0;
        for status in S::ALL {
            for mv in M::ALL {
                for side in [Side::Buyer, Side::Merchant] {
                    let expected = allowed
                        .iter()
                        .find(|(s, m, d, _)| s == status && m == mv && *d == side)
                        .map(|(.., to)| *to);
                    assert_eq!(
                        next(*status, *mv, side).map(|(to, _)| to),
                        expected,
                        "{status} {mv:?} {side:?}"
                    );
                    count += 1;
                }
            }
        }
        assert_eq!(count, 6 * 6 * 2);
    }

    #[test]
    fn refusals_and_deliveries_carry_a_note() {
        let needs = |s, m, d| next(s, m, d).map(|(_, note)| note);
        assert_eq!(
            needs(OrderStatus::Placed, Move::Reject, Side::Merchant),
            Some(Note::Required)
        );
        assert_eq!(
            needs(OrderStatus::Placed, Move::Cancel, Side::Buyer),
            Some(Note::Optional)
        );
        assert_eq!(
            needs(OrderStatus::Accepted, Move::Cancel, Side::Merchant),
            Some(Note::Required)
        );
        assert_eq!(
            needs(OrderStatus::Accepted, Move::Deliver, Side::Merchant),
            Some(Note::Required)
        );
    }

    #[test]
    fn rejected_cancelled_and_completed_orders_are_final() {
        let finals: Vec<_> = OrderStatus::ALL.iter().filter(|s| is_final(**s)).collect();
        assert_eq!(
            finals,
            [
                &OrderStatus::Rejected,
                &OrderStatus::Cancelled,
                &OrderStatus::Completed
            ]
        );
    }

    #[test]
    fn moves_round_trip_through_their_slugs() {
        for mv in Move::ALL {
            assert_eq!(Move::from_slug(mv.slug()), Some(*mv));
        }
        assert_eq!(Move::from_slug("steal"), None);
    }
}
