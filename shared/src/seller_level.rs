//! Seller levels (مستويات البائعين) and what each one allows.

use serde::{Deserialize, Serialize};

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

#[cfg(test)]
mod tests {
    use super::*;

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
