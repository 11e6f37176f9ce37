//! Seller levels (مستويات البائعين) and what each one allows.

use serde::{Deserialize, Serialize};

use crate::catalog::RatingSummary;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SellerLevel {
    New,
    Level1,
    Level2,
    Top,
}

impl SellerLevel {
    pub const ALL: [SellerLevel; 4] = [Self::New, Self::Level1, Self::Level2, Self::Top];

    /// The database spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Level1 => "level1",
            Self::Level2 => "level2",
            Self::Top => "top",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// How many services a seller of this level may have active at once.
    pub fn active_service_cap(self) -> u32 {
        match self {
            Self::New => 10,
            Self::Level1 => 20,
            Self::Level2 => 30,
            Self::Top => 50,
        }
    }

    /// The Fluent message id of the level's name.
    pub fn message_id(self) -> &'static str {
        match self {
            Self::New => "level-new",
            Self::Level1 => "level-1",
            Self::Level2 => "level-2",
            Self::Top => "level-top",
        }
    }
}

/// A demotion waits this long after a seller first stops meeting their level: a bad
/// month does not cost a level (Khamsat's grace period).
pub const GRACE_SECS: i64 = 180 * 86_400;
/// Clients, completion and the rating count over this window.
pub const FIGURES_WINDOW_SECS: i64 = 365 * 86_400;
/// Response time counts over this window.
pub const RESPONSE_WINDOW_SECS: i64 = 90 * 86_400;

/// A seller's rolling figures, as the level job reads them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SellerFigures {
    /// Different buyers with a completed order in the window.
    pub clients: u32,
    /// The seller's stars (every review).
    pub rating: RatingSummary,
    /// Orders closed in the window, and how many of them completed (not cancelled).
    pub closed_orders: u32,
    pub completed_orders: u32,
    /// Median hours to the first answer, when there was anything to answer.
    pub response_hours: Option<u32>,
}

impl SellerFigures {
    /// Completed orders in whole percent of closed ones; `None` before any closed.
    pub fn completion_percent(self) -> Option<u32> {
        (self.closed_orders > 0).then(|| self.completed_orders * 100 / self.closed_orders)
    }
}

/// What a level asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LevelRule {
    pub clients: u32,
    /// The least average, in tenths of a star.
    pub rating_tenths: u32,
    pub completion_percent: u32,
    /// The most median hours to answer; `None` when the level does not ask.
    pub response_hours: Option<u32>,
}

impl SellerLevel {
    /// What earning this level takes; a new seller needs nothing.
    pub fn rule(self) -> Option<LevelRule> {
        match self {
            Self::New => None,
            Self::Level1 => Some(LevelRule {
                clients: 3,
                rating_tenths: 35,
                completion_percent: 70,
                response_hours: None,
            }),
            Self::Level2 => Some(LevelRule {
                clients: 10,
                rating_tenths: 40,
                completion_percent: 80,
                response_hours: Some(24),
            }),
            Self::Top => Some(LevelRule {
                clients: 25,
                rating_tenths: 45,
                completion_percent: 90,
                response_hours: Some(24),
            }),
        }
    }

    /// The level above, if any.
    pub fn next(self) -> Option<SellerLevel> {
        match self {
            Self::New => Some(Self::Level1),
            Self::Level1 => Some(Self::Level2),
            Self::Level2 => Some(Self::Top),
            Self::Top => None,
        }
    }
}

/// One thing a level asks for, the seller's figure, and whether it is met.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Criterion {
    Clients {
        have: u32,
        need: u32,
    },
    /// Tenths of a star; `have` is `None` before any review.
    Rating {
        have: Option<u32>,
        need: u32,
    },
    /// Whole percent; `have` is `None` before any closed order (then it is met).
    Completion {
        have: Option<u32>,
        need: u32,
    },
    /// Hours; `have` is `None` when there was nothing to answer (then it is met).
    Response {
        have: Option<u32>,
        need: u32,
    },
}

impl Criterion {
    pub fn met(self) -> bool {
        match self {
            Self::Clients { have, need } => have >= need,
            Self::Rating { have, need } => have.is_some_and(|h| h >= need),
            Self::Completion { have, need } => have.is_none_or(|h| h >= need),
            Self::Response { have, need } => have.is_none_or(|h| h <= need),
        }
    }

    /// The Fluent id of what counts toward the criterion.
    pub fn explanation_id(self) -> &'static str {
        match self {
            Self::Clients { .. } => "level-clients-what",
            Self::Rating { .. } => "level-rating-what",
            Self::Completion { .. } => "level-completion-what",
            Self::Response { .. } => "level-response-what",
        }
    }

    /// The Fluent id of the criterion's name.
    pub fn message_id(self) -> &'static str {
        match self {
            Self::Clients { .. } => "level-clients",
            Self::Rating { .. } => "level-rating",
            Self::Completion { .. } => "level-completion",
            Self::Response { .. } => "level-response",
        }
    }
}

/// Each criterion of `level` against the seller's figures (none for a new seller).
pub fn criteria(level: SellerLevel, figures: SellerFigures) -> Vec<Criterion> {
    let Some(rule) = level.rule() else {
        return Vec::new();
    };
    let mut all = vec![
        Criterion::Clients {
            have: figures.clients,
            need: rule.clients,
        },
        // The average as shown (rounded to a tenth), so the page and the rule agree.
        Criterion::Rating {
            have: figures.rating.average_tenths(),
            need: rule.rating_tenths,
        },
        Criterion::Completion {
            have: figures.completion_percent(),
            need: rule.completion_percent,
        },
    ];
    if let Some(need) = rule.response_hours {
        all.push(Criterion::Response {
            have: figures.response_hours,
            need,
        });
    }
    all
}

/// The highest level whose every criterion the figures meet (levels build on each other).
pub fn earned(figures: SellerFigures) -> SellerLevel {
    let mut level = SellerLevel::New;
    while let Some(next) = level.next() {
        if !criteria(next, figures).iter().all(|c| c.met()) {
            break;
        }
        level = next;
    }
    level
}

/// A seller's level and, when they no longer meet it, since when.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelState {
    pub level: SellerLevel,
    pub at_risk_since: Option<i64>,
}

impl LevelState {
    /// When the grace period ends and the level drops, if it is at risk.
    pub fn demotion_at(self) -> Option<i64> {
        self.at_risk_since.map(|since| since + GRACE_SECS)
    }
}

/// The level job's decision: a promotion happens at once; a seller below their level
/// keeps it for [`GRACE_SECS`] from when they first fell below, then drops to what they
/// earn; meeting it again ends the risk. Deciding twice on the same figures changes
/// nothing.
pub fn next_state(current: LevelState, figures: SellerFigures, now: i64) -> LevelState {
    let earned = earned(figures);
    if earned >= current.level {
        return LevelState {
            level: earned,
            at_risk_since: None,
        };
    }
    let since = current.at_risk_since.unwrap_or(now);
    if now - since >= GRACE_SECS {
        LevelState {
            level: earned,
            at_risk_since: None,
        }
    } else {
        LevelState {
            level: current.level,
            at_risk_since: Some(since),
        }
    }
}

/// The median of answer times, in whole hours rounded up; `None` when there are none.
pub fn median_hours(mut secs: Vec<i64>) -> Option<u32> {
    if secs.is_empty() {
        return None;
    }
    secs.sort_unstable();
    let n = secs.len();
    let median = if n % 2 == 1 {
        secs[n / 2]
    } else {
        (secs[n / 2 - 1] + secs[n / 2]) / 2
    };
    u32::try_from((median.max(0) + 3599) / 3600).ok()
}

/// The "My level" page: where the seller stands, why, and what the next level asks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyLevel {
    pub state: LevelState,
    pub figures: SellerFigures,
    /// The current level's criteria (what keeping it takes).
    pub current: Vec<Criterion>,
    /// The next level and its criteria.
    pub next: Option<(SellerLevel, Vec<Criterion>)>,
    pub active_services: u32,
    /// The server's time when this was read.
    pub now: i64,
}

impl MyLevel {
    pub fn new(state: LevelState, figures: SellerFigures, active_services: u32, now: i64) -> Self {
        MyLevel {
            state,
            figures,
            current: criteria(state.level, figures),
            next: state.level.next().map(|l| (l, criteria(l, figures))),
            active_services,
            now,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_800_000_000;

    fn figures(
        clients: u32,
        stars: (u32, u32),
        closed: (u32, u32),
        hours: Option<u32>,
    ) -> SellerFigures {
        SellerFigures {
            clients,
            rating: RatingSummary {
                count: stars.0,
                sum: stars.1,
            },
            closed_orders: closed.0,
            completed_orders: closed.1,
            response_hours: hours,
        }
    }

    /// Exactly at each threshold a level is earned; one short of any criterion it is not.
    #[test]
    fn levels_at_every_threshold() {
        use SellerLevel::*;
        // (figures, earned)
        let table = [
            (figures(0, (0, 0), (0, 0), None), New),
            (figures(2, (2, 10), (2, 2), None), New),
            (figures(3, (2, 7), (3, 3), None), Level1), // 3.5 stars exactly
            (figures(3, (2, 6), (3, 3), None), New),    // 3.0 stars
            (figures(3, (0, 0), (3, 3), None), New),    // no review yet
            (figures(3, (2, 10), (10, 7), None), Level1), // 70% exactly
            (figures(3, (2, 10), (10, 6), None), New),  // 60%
            (figures(10, (10, 40), (10, 8), Some(24)), Level2),
            (figures(9, (10, 40), (10, 8), Some(24)), Level1),
            (figures(10, (10, 39), (10, 8), Some(24)), Level1), // 3.9
            (figures(10, (10, 40), (100, 79), Some(24)), Level1),
            (figures(10, (10, 40), (10, 8), Some(25)), Level1),
            (figures(10, (10, 40), (10, 8), None), Level2), // nothing to answer
            (figures(25, (20, 90), (10, 9), Some(24)), Top),
            (figures(24, (20, 90), (10, 9), Some(24)), Level2),
            // The rule reads the average the seller sees: 4.45 shows as 4.5 and counts as it.
            (figures(25, (20, 89), (10, 9), Some(24)), Top),
            (figures(25, (20, 88), (10, 9), Some(24)), Level2), // 4.4
            (figures(25, (20, 90), (100, 89), Some(24)), Level2),
            (figures(25, (20, 90), (10, 9), Some(25)), Level1), // slow answers: not level 2 either
        ];
        for (f, want) in table {
            assert_eq!(earned(f), want, "{f:?}");
        }
    }

    #[test]
    fn criteria_say_what_is_missing() {
        let f = figures(7, (5, 21), (8, 7), Some(30));
        let next = criteria(SellerLevel::Level2, f);
        assert_eq!(
            next,
            vec![
                Criterion::Clients { have: 7, need: 10 },
                Criterion::Rating {
                    have: Some(42),
                    need: 40
                },
                Criterion::Completion {
                    have: Some(87),
                    need: 80
                },
                Criterion::Response {
                    have: Some(30),
                    need: 24
                },
            ]
        );
        let met: Vec<bool> = next.iter().map(|c| c.met()).collect();
        assert_eq!(met, [false, true, true, false]);
        assert!(criteria(SellerLevel::New, f).is_empty());
    }

    #[test]
    fn promotion_at_once_demotion_after_the_grace_period() {
        let top = figures(30, (30, 145), (30, 30), Some(2));
        let weak = figures(4, (4, 16), (4, 4), Some(2));
        let start = LevelState {
            level: SellerLevel::New,
            at_risk_since: None,
        };
        let promoted = next_state(start, top, T0);
        assert_eq!(
            promoted,
            LevelState {
                level: SellerLevel::Top,
                at_risk_since: None
            }
        );
        // Falls below: keeps the level, at risk from now.
        let risk = next_state(promoted, weak, T0 + 10);
        assert_eq!(
            risk,
            LevelState {
                level: SellerLevel::Top,
                at_risk_since: Some(T0 + 10)
            }
        );
        // Run again (same figures, later): the risk keeps its start; the job is idempotent.
        assert_eq!(next_state(risk, weak, T0 + 20), risk);
        assert_eq!(next_state(risk, weak, T0 + 10 + GRACE_SECS - 1), risk);
        assert_eq!(risk.demotion_at(), Some(T0 + 10 + GRACE_SECS));
        // At the end of the grace period: down to what the figures earn.
        assert_eq!(
            next_state(risk, weak, T0 + 10 + GRACE_SECS),
            LevelState {
                level: SellerLevel::Level1,
                at_risk_since: None
            }
        );
        // Meeting it again within the grace period ends the risk.
        assert_eq!(next_state(risk, top, T0 + 100), promoted);
    }

    #[test]
    fn median_answer_time() {
        assert_eq!(median_hours(vec![]), None);
        assert_eq!(median_hours(vec![60]), Some(1));
        assert_eq!(median_hours(vec![3600 * 5, 10, 3600 * 30]), Some(5));
        assert_eq!(median_hours(vec![3600, 3 * 3600]), Some(2));
        assert_eq!(median_hours(vec![3600 * 24 + 1, 0, 3600 * 48]), Some(25));
    }

    #[test]
    fn spelling_round_trips() {
        for level in SellerLevel::ALL {
            assert_eq!(SellerLevel::parse(level.as_str()), Some(level));
        }
        assert_eq!(SellerLevel::parse("gold"), None);
    }

    #[test]
    fn caps_grow_with_the_level() {
        let caps: Vec<u32> = SellerLevel::ALL
            .iter()
            .map(|l| l.active_service_cap())
            .collect();
        assert_eq!(caps.first(), Some(&10));
        assert_eq!(caps.last(), Some(&50));
        assert!(caps.windows(2).all(|w| w[0] < w[1]));
    }
}
