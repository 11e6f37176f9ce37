//! What a seller writes when creating or editing a service, and its rules: title 10–100
//! characters, price a multiple of $5, 1–90 delivery days, at most 5 tags and 10 upgrades.
//! The browser runs [`validate`] on every keystroke; the server runs it again and decides.

use serde::{Deserialize, Serialize};

use crate::validation::{chars, text_problem, Errors, FieldError};

pub const TITLE_MIN: usize = 10;
pub const TITLE_MAX: usize = 100;
pub const DESCRIPTION_MIN: usize = 30;
pub const DESCRIPTION_MAX: usize = 5000;
pub const INSTRUCTIONS_MAX: usize = 2000;
pub const TAGS_MAX: usize = 5;
pub const TAG_MAX: usize = 30;
/// Prices are whole dollars in steps of $5.
pub const PRICE_STEP: u32 = 5;
pub const PRICE_MAX: u32 = 1000;
pub const DAYS_MIN: u32 = 1;
pub const DAYS_MAX: u32 = 90;
pub const UPGRADES_MAX: usize = 10;
pub const UPGRADE_TITLE_MIN: usize = 5;
pub const UPGRADE_TITLE_MAX: usize = 100;
pub const UPGRADE_DAYS_MAX: u32 = 90;
pub const IMAGES_MAX: usize = 6;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpgradeDraft {
    pub title: String,
    pub price_dollars: u32,
    pub extra_days: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceDraft {
    pub title: String,
    pub description: String,
    /// A sub-category's id (services live in the second level).
    pub category_id: i64,
    pub tags: Vec<String>,
    pub price_dollars: u32,
    pub delivery_days: u32,
    pub instructions: String,
    pub upgrades: Vec<UpgradeDraft>,
    /// Media paths of uploaded (or already attached) images, in gallery order.
    pub images: Vec<String>,
}

pub fn price_problem(dollars: u32) -> Option<&'static str> {
    if !(PRICE_STEP..=PRICE_MAX).contains(&dollars) {
        Some("error-price-range")
    } else if !dollars.is_multiple_of(PRICE_STEP) {
        Some("error-price-step")
    } else {
        None
    }
}

pub fn validate(d: &ServiceDraft) -> Result<(), Vec<FieldError>> {
    let mut e = Errors::default();
    e.check("title", text_problem(&d.title, TITLE_MIN, TITLE_MAX));
    e.check(
        "description",
        text_problem(&d.description, DESCRIPTION_MIN, DESCRIPTION_MAX),
    );
    e.check(
        "category_id",
        (d.category_id <= 0).then_some("error-category-required"),
    );
    let tags_problem = if d.tags.len() > TAGS_MAX {
        Some("error-tags-too-many")
    } else if d
        .tags
        .iter()
        .any(|t| t.trim().is_empty() || chars(t) > TAG_MAX)
    {
        Some("error-too-long")
    } else {
        None
    };
    e.check("tags", tags_problem);
    e.check("price_dollars", price_problem(d.price_dollars));
    e.check(
        "delivery_days",
        (!(DAYS_MIN..=DAYS_MAX).contains(&d.delivery_days)).then_some("error-days-range"),
    );
    e.check(
        "instructions",
        (chars(d.instructions.trim()) > INSTRUCTIONS_MAX).then_some("error-too-long"),
    );
    e.check(
        "upgrades",
        (d.upgrades.len() > UPGRADES_MAX).then_some("error-upgrades-too-many"),
    );
    for (i, u) in d.upgrades.iter().enumerate() {
        e.check(
            format!("upgrades.{i}.title"),
            text_problem(&u.title, UPGRADE_TITLE_MIN, UPGRADE_TITLE_MAX),
        );
        e.check(
            format!("upgrades.{i}.price_dollars"),
            price_problem(u.price_dollars),
        );
        e.check(
            format!("upgrades.{i}.extra_days"),
            (u.extra_days > UPGRADE_DAYS_MAX).then_some("error-days-range"),
        );
    }
    e.check(
        "images",
        (d.images.len() > IMAGES_MAX).then_some("error-images-too-many"),
    );
    e.finish()
}

/// Trims what the seller typed, so that what is stored is what was validated.
pub fn tidy(mut d: ServiceDraft) -> ServiceDraft {
    d.title = d.title.trim().to_owned();
    d.description = d.description.trim().to_owned();
    d.instructions = d.instructions.trim().to_owned();
    d.tags = d.tags.iter().map(|t| t.trim().to_owned()).collect();
    for u in &mut d.upgrades {
        u.title = u.title.trim().to_owned();
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    pub fn valid() -> ServiceDraft {
        ServiceDraft {
            title: "تصميم شعار احترافي لشركتك".into(),
            description: "أصمم لك شعارًا أصليًا بثلاثة مقترحات وتعديلات غير محدودة حتى ترضى.".into(),
            category_id: 3,
            tags: vec!["شعار".into(), "logo".into()],
            price_dollars: 25,
            delivery_days: 3,
            instructions: "أرسل اسم النشاط والألوان المفضلة.".into(),
            upgrades: vec![UpgradeDraft {
                title: "ملفات مفتوحة المصدر".into(),
                price_dollars: 10,
                extra_days: 1,
            }],
            images: vec![],
        }
    }

    #[test]
    fn a_good_draft_passes() {
        assert_eq!(validate(&valid()), Ok(()));
    }

    #[test]
    fn every_rule_has_its_message() {
        let mut d = valid();
        d.title = "قصير".into();
        d.price_dollars = 12;
        d.delivery_days = 0;
        d.tags = (0..6).map(|i| format!("t{i}")).collect();
        d.upgrades[0].price_dollars = 0;
        d.category_id = 0;
        let errors = validate(&d).unwrap_err();
        let got: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("title", "error-too-short"),
                ("category_id", "error-category-required"),
                ("tags", "error-tags-too-many"),
                ("price_dollars", "error-price-step"),
                ("delivery_days", "error-days-range"),
                ("upgrades.0.price_dollars", "error-price-range"),
            ]
        );
    }

    #[test]
    fn limits_on_upgrades_and_images() {
        let mut d = valid();
        d.upgrades = vec![d.upgrades[0].clone(); 11];
        d.images = vec!["a.webp".into(); 7];
        let errors = validate(&d).unwrap_err();
        assert!(errors.iter().any(|e| e.field == "upgrades"));
        assert!(errors.iter().any(|e| e.field == "images"));
    }

    #[test]
    fn title_length_counts_characters_not_bytes() {
        let mut d = valid();
        d.title = "ت".repeat(100);
        assert_eq!(validate(&d), Ok(()));
        d.title = "ت".repeat(101);
        assert!(validate(&d).is_err());
    }

    proptest! {
        #[test]
        fn prices_are_five_dollar_steps(p in 0u32..2000) {
            let ok = price_problem(p).is_none();
            prop_assert_eq!(ok, (5..=PRICE_MAX).contains(&p) && p.is_multiple_of(5));
        }

        #[test]
        fn tidy_then_validate_is_stable(title in "\\PC{0,120}") {
            let mut d = valid();
            d.title = title;
            let d = tidy(d);
            prop_assert_eq!(validate(&d), validate(&tidy(d.clone())));
        }
    }
}
