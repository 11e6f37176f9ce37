//! The contact-details guard. Buyers and sellers talk only through the site until an
//! order is done: a message that carries an email address, a phone number, a link or a
//! social-media handle would take the deal (and the buyer's protection) off the site, so
//! it is refused. The browser runs the same function while the message is typed, to warn
//! before sending; the server's answer is the one that counts.
//!
//! It reads text the way people write around filters: Arabic-Indic digits, digits with
//! spaces, dashes or dots between them, "name at gmail dot com" and «آت»/«دوت», bare
//! domains, and platform names in Arabic or English next to a handle or a "contact me".
//! It leaves alone prices, dates, order numbers, quantities and ordinary talk about
//! platforms ("posts for Instagram").

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContactKind {
    Email,
    Phone,
    Link,
    Handle,
}

impl ContactKind {
    pub const ALL: [ContactKind; 4] = [
        ContactKind::Email,
        ContactKind::Phone,
        ContactKind::Link,
        ContactKind::Handle,
    ];

    /// The Fluent id of the explanation: what was found and why it is not allowed.
    pub fn message_id(self) -> &'static str {
        match self {
            ContactKind::Email => "contact-email",
            ContactKind::Phone => "contact-phone",
            ContactKind::Link => "contact-link",
            ContactKind::Handle => "contact-handle",
        }
    }
}

/// What the guard found, and the words it found it in (for the warning).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactFound {
    pub kind: ContactKind,
    pub found: String,
}

/// Fewer digits than this in one run is a price, a quantity or an order number; a phone
/// number (without its country code) has at least nine.
const PHONE_DIGITS: usize = 9;
/// With a `+` or `00` in front, a shorter run is already an international number.
const INTERNATIONAL_DIGITS: usize = 8;

const TLDS: &[&str] = &[
    "com", "net", "org", "io", "co", "me", "sa", "ae", "eg", "ma", "dz", "tn", "jo", "kw", "qa",
    "bh", "om", "lb", "iq", "sy", "ps", "info", "biz", "ly", "gl", "to", "app", "dev", "link",
    "site", "store", "online", "xyz", "shop", "tv", "us", "uk", "de", "fr", "ws",
];
/// Technology names that look like domains.
const NOT_DOMAINS: &[&str] = &[
    "asp.net", "vb.net", "ado.net", "node.js", "vue.js", "next.js",
];
const EMAIL_PROVIDERS: &[&str] = &[
    "gmail",
    "hotmail",
    "yahoo",
    "outlook",
    "icloud",
    "live",
    "جيميل",
    "هوتميل",
    "ياهو",
];
const AT_WORDS: &[&str] = &["at", "[at]", "(at)", "ات", "@"];
const DOT_WORDS: &[&str] = &["dot", "[dot]", "(dot)", "دوت", "نقطه", "."];
/// Platforms, normalized (alef forms folded, ة as ه, no tashkeel), one or two words.
const PLATFORMS: &[&str] = &[
    "whatsapp",
    "whats",
    "wa",
    "واتساب",
    "واتس",
    "الواتس",
    "الواتساب",
    "وتساب",
    "telegram",
    "tg",
    "تيليجرام",
    "تلغرام",
    "تليجرام",
    "تلجرام",
    "التلغرام",
    "التيليجرام",
    "تيلي",
    "instagram",
    "insta",
    "ig",
    "انستقرام",
    "انستغرام",
    "انستجرام",
    "انستا",
    "الانستا",
    "الانستغرام",
    "facebook",
    "fb",
    "فيسبوك",
    "فيس",
    "الفيس",
    "snapchat",
    "snap",
    "سناب",
    "السناب",
    "twitter",
    "تويتر",
    "x",
    "اكس",
    "skype",
    "سكايب",
    "discord",
    "ديسكورد",
    "tiktok",
    "تيك",
    "تيكتوك",
    "signal",
    "سيجنال",
    "viber",
    "فايبر",
    "imo",
    "ايمو",
];
/// Someone asking to be reached elsewhere.
const CONTACT_ME: &[&[&str]] = &[
    &["راسلني"],
    &["كلمني"],
    &["كلمنى"],
    &["ضيفني"],
    &["اضفني"],
    &["رقمي"],
    &["حسابي", "هو"],
    &["تواصل", "معي"],
    &["تواصل", "معى"],
    &["تواصلوا", "معي"],
    &["اتصل", "بي"],
    &["contact", "me"],
    &["message", "me"],
    &["msg", "me"],
    &["text", "me"],
    &["add", "me"],
    &["reach", "me"],
    &["dm", "me"],
    &["call", "me"],
    &["find", "me"],
    &["ping", "me"],
    &["my", "number"],
    &["my", "handle"],
];

/// The first contact detail in `text`, if any.
pub fn find_contact(text: &str) -> Option<ContactFound> {
    let text = normalize(text);
    email(&text)
        .map(|f| found(ContactKind::Email, f))
        .or_else(|| link(&text).map(|f| found(ContactKind::Link, f)))
        .or_else(|| phone(&text).map(|f| found(ContactKind::Phone, f)))
        .or_else(|| handle(&text).map(|f| found(ContactKind::Handle, f)))
}

fn found(kind: ContactKind, found: String) -> ContactFound {
    ContactFound { kind, found }
}

/// Lower case, Western digits, Arabic letters folded (alef forms, ى, ة), no tashkeel or
/// tatweel, full-width @ as @.
fn normalize(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\u{064B}'..='\u{0652}' | '\u{0640}' | '\u{200C}'..='\u{200F}' => None,
            '٠'..='٩' => char::from_digit(c as u32 - '٠' as u32, 10),
            '۰'..='۹' => char::from_digit(c as u32 - '۰' as u32, 10),
            'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
            'ى' => Some('ي'),
            'ة' => Some('ه'),
            '＠' => Some('@'),
            '٫' | '。' => Some('.'),
            c => Some(c),
        })
        .flat_map(char::to_lowercase)
        .collect()
}

fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '،' | '؛' | ';' | '!' | '؟' | '?' | '"' | '«' | '»')
    })
    .map(|w| w.trim_matches(|c: char| matches!(c, ':' | '-' | '_' | '\'' | '*')))
    .filter(|w| !w.is_empty())
    .collect()
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '+' | '%')
}

fn email(text: &str) -> Option<String> {
    // name@domain.tld
    for (at, _) in text.match_indices('@') {
        let local: String = text[..at]
            .chars()
            .rev()
            .take_while(|c| is_name_char(*c))
            .collect();
        let domain: String = text[at + 1..]
            .chars()
            .take_while(|c| is_name_char(*c))
            .collect();
        if !local.is_empty() && domain.trim_end_matches('.').contains('.') {
            let local: String = local.chars().rev().collect();
            return Some(format!("{local}@{domain}"));
        }
    }
    // name at gmail dot com, name آت gmail دوت كوم, gmail dot com
    let w = words(text);
    for i in 0..w.len() {
        let at_then_domain = AT_WORDS.contains(&w[i])
            && i > 0
            && w.get(i + 1)
                .is_some_and(|d| EMAIL_PROVIDERS.contains(d) || d.is_ascii())
            && w.get(i + 2).is_some_and(|d| DOT_WORDS.contains(d));
        let provider_dot = EMAIL_PROVIDERS.contains(&w[i])
            && w.get(i + 1).is_some_and(|d| DOT_WORDS.contains(d))
            && w.get(i + 2).is_some_and(|t| is_tld_word(t));
        if at_then_domain || provider_dot {
            let start = i.saturating_sub(1);
            return Some(w[start..(i + 4).min(w.len())].join(" "));
        }
    }
    None
}

fn is_tld_word(word: &str) -> bool {
    TLDS.contains(&word) || matches!(word, "كوم" | "نت" | "اورج")
}

fn link(text: &str) -> Option<String> {
    for w in words(text) {
        if w.contains("http://") || w.contains("https://") || w.starts_with("www.") {
            return Some(w.to_owned());
        }
        let host = w
            .split('/')
            .next()
            .unwrap_or_default()
            .trim_end_matches('.');
        if NOT_DOMAINS.contains(&host) {
            continue;
        }
        let labels: Vec<&str> = host.split('.').collect();
        let is_domain = labels.len() >= 2
            && labels
                .iter()
                .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
            && labels.last().is_some_and(|tld| TLDS.contains(tld))
            && labels[0].chars().any(|c| c.is_ascii_alphabetic());
        if is_domain {
            return Some(w.to_owned());
        }
    }
    // "mysite dot com", «موقعي دوت كوم»
    let w = words(text);
    for i in 1..w.len() {
        if DOT_WORDS.contains(&w[i]) && w[i] != "." && w.get(i + 1).is_some_and(|t| is_tld_word(t))
        {
            return Some(w[i - 1..=i + 1].join(" "));
        }
    }
    None
}

/// Digits with at most two separators (space, dash, dot, parentheses, slash) between
/// them form one run; a long enough run is a phone number, unless it is a date.
fn phone(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !(chars[i].is_ascii_digit() || chars[i] == '+') {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        let mut digits = String::new();
        let mut gap = 0;
        let mut j = i;
        while j < chars.len() {
            let c = chars[j];
            if c.is_ascii_digit() {
                digits.push(c);
                gap = 0;
                end = j + 1;
            } else if matches!(c, ' ' | '-' | '.' | '(' | ')' | '/' | '\u{a0}')
                || (c == '+' && j == start)
            {
                gap += 1;
                if gap > 2 {
                    break;
                }
            } else {
                break;
            }
            j += 1;
        }
        let run: String = chars[start..end].iter().collect();
        let international = run.starts_with('+') || digits.starts_with("00");
        let long_enough =
            digits.len() >= PHONE_DIGITS || (international && digits.len() >= INTERNATIONAL_DIGITS);
        if long_enough && !is_dates(&run) {
            return Some(run.trim().to_owned());
        }
        i = j.max(i + 1);
    }
    None
}

/// A run made only of dates (`2025-03-14`, `14/03/2025`, a range of them) and times.
fn is_dates(run: &str) -> bool {
    let parts: Vec<&str> = run
        .split([' ', '\u{a0}'])
        .filter(|p| !p.is_empty() && *p != "-")
        .collect();
    !parts.is_empty()
        && parts.iter().all(|p| {
            let groups: Vec<&str> = p.split(['-', '/', '.']).collect();
            let lens: Vec<usize> = groups.iter().map(|g| g.len()).collect();
            groups.len() == 3
                && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()))
                && (matches!(lens[..], [4, 1..=2, 1..=2])
                    || matches!(lens[..], [1..=2, 1..=2, 2 | 4]))
        })
}

fn handle(text: &str) -> Option<String> {
    // @name, not an email (that was looked for first).
    for (at, _) in text.match_indices('@') {
        let name: String = text[at + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.'))
            .collect();
        if name.trim_end_matches('.').len() >= 3 {
            return Some(format!("@{name}"));
        }
    }
    let w = words(text);
    for i in 0..w.len() {
        // Two-word names («واتس اب», «سناب شات») are caught by their first word; a lone
        // "x" at the end of a message is a letter, not the platform.
        let platform = PLATFORMS.contains(&w[i]) && !(w[i] == "x" && i + 1 >= w.len());
        if !platform {
            continue;
        }
        let after = &w[i + 1..(i + 4).min(w.len())];
        let handle_like = after.iter().find(|t| looks_like_handle(t));
        if let Some(h) = handle_like {
            return Some(format!("{} {h}", w[i]));
        }
        let near = &w[i.saturating_sub(4)..(i + 5).min(w.len())];
        if asks_for_contact(near) {
            return Some(near.join(" "));
        }
    }
    None
}

/// `ahmad_99`, `design.studio`, `sara2024`: Latin letters with a digit, `_` or an inner dot.
fn looks_like_handle(word: &str) -> bool {
    let w = word.trim_start_matches('@');
    w.len() >= 4
        && w.is_ascii()
        && w.starts_with(|c: char| c.is_ascii_alphabetic())
        && w.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.'))
        && (w.chars().any(|c| c.is_ascii_digit() || c == '_') || w.trim_matches('.').contains('.'))
}

fn asks_for_contact(words: &[&str]) -> bool {
    CONTACT_ME.iter().any(|phrase| {
        words.windows(phrase.len()).any(|window| {
            window
                .iter()
                .zip(phrase.iter())
                .all(|(w, p)| w.trim_start_matches('و') == *p)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ContactKind::*;

    /// Messages that must be refused, with what must be found.
    const CAUGHT: &[(&str, ContactKind)] = &[
        (
            "راسلني على ahmad.designs@gmail.com وسأرسل لك العينات",
            Email,
        ),
        ("my email is Sara_K@Outlook.com", Email),
        ("ابعث الملف على sara at gmail dot com", Email),
        ("الايميل: khaled آت gmail دوت كوم", Email),
        ("mohammed [at] hotmail [dot] com", Email),
        ("ايميلي ahmad @ yahoo . com", Email),
        ("واتس ٠٥٥١٢٣٤٥٦٧", Phone),
        ("رقمي 0551234567 كلمني", Phone),
        ("اتصل على +966 55 123 4567 بعد العصر", Phone),
        ("جوالي ٠٥٠-١٢٣-٤٥٦٧", Phone),
        ("call me at 055.123.4567", Phone),
        ("الرقم 0 5 5 1 2 3 4 5 6 7", Phone),
        ("(050) 123 4567 هذا رقمي", Phone),
        ("00201012345678 واتساب", Phone),
        ("كلمني على ٠١٠ ٢٣٤٥ ٦٧٨٩ مصر", Phone),
        ("زور موقعي www.ahmad-design.com", Link),
        ("شوف أعمالي هنا https://behance.net/ahmad", Link),
        ("portfolio: ahmaddesigns.net/logos", Link),
        ("تجد كل شيء على mysite.sa", Link),
        ("موقعي ahmadportfolio دوت كوم", Link),
        ("افتح الرابط wa.me/966551234567", Link),
        ("تيليجرام t.me/ahmad_dz", Link),
        ("تابعني @ahmad_designs", Handle),
        ("انستا ahmad.designs", Handle),
        ("سناب: sara_2024", Handle),
        ("تلغرام ahmad99", Handle),
        ("ضيفني على الواتس وأرسل لك التفاصيل", Handle),
        ("تواصل معي على تيليجرام أسرع", Handle),
        ("add me on snapchat and I'll send the files", Handle),
        ("contact me on WhatsApp for a discount", Handle),
        ("X: @khaled_dev", Handle),
        ("راسلني فيسبوك أحمد المصمم", Handle),
    ];

    /// Messages that must pass: prices, dates, order numbers, quantities, ordinary talk.
    const PASSED: &[&str] = &[
        "السعر 25 دولار والتسليم خلال 3 أيام",
        "هل يمكن تعديل الشعار مرتين؟",
        "سأسلم الطلب رقم 1234 يوم 2025-03-14",
        "الموعد من 14/03/2025 إلى 21/03/2025",
        "أحتاج 500 كلمة في كل مقال، 10 مقالات",
        "الميزانية بين 1,500 و 2,000 دولار",
        "الفاتورة 1.250.000 ريال للمشروع كله",
        "أريد تصميم منشورات لإنستغرام وفيسبوك",
        "إدارة حسابات التواصل الاجتماعي: انستغرام وتويتر",
        "الصور بمقاس 1080 × 1080 بكسل",
        "الاجتماع الساعة 10:30 صباحاً",
        "الملف بصيغة PDF وحجمه 2.5 ميجابايت",
        "Can you deliver by 12/05/2025?",
        "I need 3 logo concepts and 2 revisions",
        "The total is $45 with the express upgrade",
        "الموقع مبني على ASP.NET و Node.js",
        "تم التسليم، أرجو مراجعة الملفات المرفقة",
        "شكراً جزيلاً، العمل ممتاز",
        "أريد فيديو مدته 60 ثانية لتيك توك",
        "عندي 3 منتجات، كل منتج 5 صور",
        "نسخة 2.0 من التطبيق",
        "order #4521 was delivered yesterday",
        "أضف 2 تعديلات إضافية من فضلك",
        "design for my X account banner, 1500x500",
        "الطلب 98765 متأخر يومين",
        "هل العرض ما زال 20% خصم؟",
        "استلمت 4 ملفات من أصل 5",
        "أريد قالب بريد إلكتروني للنشرة",
        "اكتب 1000 كلمة عن السياحة في 2024",
        "الاستلام بين 8 و 12 مساءً",
        "please use the colors #1a2b3c and #ffffff",
        "تواصلت مع العميل داخل الموقع وكل شيء تمام",
    ];

    #[test]
    fn every_contact_detail_in_the_table_is_caught() {
        let mut missed = Vec::new();
        for (message, kind) in CAUGHT {
            match find_contact(message) {
                Some(f) if f.kind == *kind => {}
                other => missed.push(format!("{message:?}: expected {kind:?}, got {other:?}")),
            }
        }
        assert!(
            missed.is_empty(),
            "{} of {} missed:\n{}",
            missed.len(),
            CAUGHT.len(),
            missed.join("\n")
        );
        assert!(CAUGHT.len() >= 30);
    }

    #[test]
    fn ordinary_messages_in_the_table_pass() {
        let flagged: Vec<String> = PASSED
            .iter()
            .filter_map(|m| find_contact(m).map(|f| format!("{m:?}: {f:?}")))
            .collect();
        assert!(
            flagged.is_empty(),
            "{} of {} flagged:\n{}",
            flagged.len(),
            PASSED.len(),
            flagged.join("\n")
        );
        assert!(PASSED.len() >= 30);
    }

    #[test]
    fn what_was_found_is_quoted() {
        let f = find_contact("واتس ٠٥٥١٢٣٤٥٦٧").unwrap();
        assert_eq!(f.kind, Phone);
        assert_eq!(f.found, "0551234567");
    }
}
