//! `/styleguide`: every component, rendered in Arabic (RTL) and English (LTR) side by
//! side, with sample data. The page designers work against.

use leptos::prelude::*;
use leptos_meta::Title;
use shared::catalog::{
    CategoryCount, CategoryRef, RatingSummary, Review, SellerCard, SellerSummary,
    ServiceCard as Card,
};
use shared::lang::Lang;
use shared::money::Money;
use shared::pricing::UpgradeOffer;
use shared::seller_level::SellerLevel;

use crate::components::category_tile::CategoryTile;
use crate::components::forms::FormState;
use crate::components::layout::LanguageSwitch;
use crate::components::level_badge::LevelBadge;
use crate::components::order_box::OrderBox;
use crate::components::pagination::Pagination;
use crate::components::pay_panel::{CardFields, CardSignals, SandboxNotice};
use crate::components::rating::{Rating, Stars};
use crate::components::review::ReviewList;
use crate::components::seller_card::SellerCardView;
use crate::components::service_card::ServiceGrid;
use crate::error::AppError;
use crate::i18n::{provide_i18n, use_i18n};

/// A fixed moment for the samples, so the page renders the same everywhere.
const SAMPLE_NOW: i64 = 1_790_000_000;

#[component]
pub fn StyleguidePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=format!("{} — {}", i18n.t("styleguide-title"), i18n.t("site-name"))/>
        <div class="container">
            <header class="page-head">
                <h1>{i18n.t("styleguide-title")}</h1>
                <p class="muted">{i18n.t("styleguide-intro")}</p>
            </header>
            <div class="styleguide">
                <InLanguage lang=Lang::Ar/>
                <InLanguage lang=Lang::En/>
            </div>
        </div>
    }
}

/// One column of the style guide, in one language and direction.
#[component]
fn InLanguage(lang: Lang) -> impl IntoView {
    let i18n = provide_i18n(lang);
    let seller = SellerSummary {
        username: "ahmad.designs".into(),
        display_name: i18n.t("sg-sample-seller"),
        level: SellerLevel::Top,
        avatar: None,
    };
    let card = |id: i64, cents: i64, count: u32, sum: u32, level: SellerLevel| Card {
        id,
        title: i18n.t("sg-sample-title"),
        image: None,
        price: Money::from_cents(cents),
        delivery_days: 3,
        rating: RatingSummary { count, sum },
        orders_count: count + 4,
        seller: SellerSummary {
            level,
            ..seller.clone()
        },
    };
    let cards = vec![
        card(1, 2500, 12, 57, SellerLevel::Top),
        card(2, 500, 0, 0, SellerLevel::New),
    ];
    let upgrades = vec![
        UpgradeOffer {
            id: 1,
            title: i18n.t("sg-sample-upgrade-1"),
            price: Money::from_dollars(10),
            extra_days: 0,
        },
        UpgradeOffer {
            id: 2,
            title: i18n.t("sg-sample-upgrade-2"),
            price: Money::from_dollars(20),
            extra_days: 2,
        },
    ];
    let reviews = vec![Review {
        id: 1,
        buyer_name: i18n.t("sg-sample-buyer"),
        rating: 5,
        comment: i18n.t("sg-sample-review"),
        created_at: SAMPLE_NOW - 86_400 * 20,
        seller_reply: Some(i18n.t("sg-sample-reply")),
        cancelled_late: false,
        service: None,
    }];
    let seller_card = SellerCard {
        summary: seller.clone(),
        headline: i18n.t("sg-sample-headline"),
        rating: RatingSummary {
            count: 120,
            sum: 588,
        },
        member_since: SAMPLE_NOW - 86_400 * 900,
        last_seen: SAMPLE_NOW - 86_400 * 2,
        as_of: SAMPLE_NOW,
        response_time_hours: Some(2),
    };
    let category = CategoryCount {
        category: CategoryRef {
            id: 1,
            slug: "design".into(),
            name_ar: "التصميم".into(),
            name_en: "Design".into(),
        },
        icon: "palette".into(),
        service_count: 11,
    };
    view! {
        <section class="styleguide-column" lang=lang.code() dir=lang.dir() data-testid=format!("styleguide-{}", lang.code())>
            <h2>{i18n.t("sg-colors")}</h2>
            <div class="swatches">
                {["primary", "primary-strong", "accent", "surface", "text", "muted", "danger", "success"]
                    .into_iter()
                    .map(|t| view! { <span class="swatch" style=format!("--swatch: var(--color-{t})")>{t}</span> })
                    .collect_view()}
            </div>
            <h2>{i18n.t("sg-typography")}</h2>
            <p class="sg-heading">{i18n.t("sg-heading")}</p>
            <p>{i18n.t("sg-body")}</p>
            <h2>{i18n.t("sg-buttons")}</h2>
            <div class="row">
                <button type="button" class="button primary">{i18n.t("sg-button-primary")}</button>
                <button type="button" class="button secondary">{i18n.t("sg-button-secondary")}</button>
                <LanguageSwitch/>
            </div>
            <h2>{i18n.t("sg-badges")}</h2>
            <div class="row">
                {SellerLevel::ALL.into_iter().map(|level| view! { <LevelBadge level/> }).collect_view()}
            </div>
            <h2>{i18n.t("sg-rating")}</h2>
            <div class="row">
                <Rating rating=RatingSummary { count: 12, sum: 57 }/>
                <Rating rating=RatingSummary::default()/>
                <Stars stars=4/>
            </div>
            <h2>{i18n.t("sg-categories")}</h2>
            <div class="category-grid"><CategoryTile entry=category/></div>
            <h2>{i18n.t("sg-cards")}</h2>
            <ServiceGrid cards/>
            <h2>{i18n.t("sg-pricing")}</h2>
            <OrderBox service_id=0 price=Money::from_dollars(25) delivery_days=3 upgrades/>
            <SandboxNotice/>
            <CardFields form=FormState::new() card=CardSignals::new()/>
            <h2>{i18n.t("sg-seller")}</h2>
            <SellerCardView card=seller_card/>
            <h2>{i18n.t("sg-reviews")}</h2>
            <ReviewList reviews empty=i18n.t("service-no-reviews")/>
            <h2>{i18n.t("sg-pagination")}</h2>
            <Pagination page=2 total_pages=5 href=|p| format!("/styleguide?page={p}")/>
            <h2>{i18n.t("sg-states")}</h2>
            <p class="empty-state">{i18n.t("category-empty")}</p>
            <div class="notice error" role="alert">
                <p>{AppError::internal("1a2b3c4d").message(i18n)}</p>
            </div>
        </section>
    }
    .into_any()
}
