//! Arabic-aware normalization for search, applied to indexed text and to queries alike,
//! so that a query finds a service however either of them is spelled.
//!
//! The rules: Unicode NFKC; drop tashkeel (U+064B–065F, U+0610–061A,
//! U+0670, U+06D6–06ED) and tatweel (U+0640); fold أ إ آ ٱ → ا, ى → ي, ة → ه, ؤ → و,
//! ئ → ي; Arabic-Indic (and Persian) digits → 0–9. Latin letters are lower-cased, so
//! English words in mixed titles match in any case; runs of white space become one space.

use unicode_normalization::UnicodeNormalization;

fn is_dropped(c: char) -> bool {
    matches!(c,
        '\u{064B}'..='\u{065F}'
        | '\u{0610}'..='\u{061A}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{0640}')
}

fn fold(c: char) -> char {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ئ' => 'ي',
        'ة' => 'ه',
        'ؤ' => 'و',
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        c => c,
    }
}

/// The normalized form of `text` for indexing and for querying.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfkc().filter(|c| !is_dropped(*c)).map(fold) {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// Arabic writes the article and some prepositions joined to the word (الشعار، بالعربي،
/// وللمواقع). Both the whole word and its stem are indexed, so "شعار" finds "الشعار".
const JOINED_PREFIXES: [&str; 11] = [
    "وال", "بال", "فال", "كال", "ولل", "فلل", "لل", "ال", "و", "ب", "ل",
];

/// The shortest stem worth indexing: shorter ones would match far too much.
const MIN_STEM: usize = 3;

fn stem(word: &str) -> Option<&str> {
    JOINED_PREFIXES.iter().find_map(|p| {
        word.strip_prefix(p)
            .filter(|rest| rest.chars().count() >= MIN_STEM)
    })
}

/// The words of normalized text: runs of letters and digits.
pub fn words(normalized: &str) -> impl Iterator<Item = &str> {
    normalized
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The text a search index stores for a service: normalized, with the stems of words
/// written with a joined article or preposition added after them.
pub fn index_text(parts: &[&str]) -> String {
    let normalized = normalize(&parts.join(" "));
    let mut out = String::with_capacity(normalized.len() + normalized.len() / 2);
    for w in words(&normalized) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
        if let Some(s) = stem(w) {
            out.push(' ');
            out.push_str(s);
        }
    }
    out
}

/// The terms of a query, each to be matched as a prefix of an indexed word. Only letters
/// and digits survive, so a term can be placed in an FTS5 or tsquery expression safely.
pub fn query_terms(query: &str) -> Vec<String> {
    let normalized = normalize(query);
    let mut terms: Vec<String> = Vec::new();
    for w in words(&normalized) {
        let term = stem(w).unwrap_or(w).to_owned();
        if !terms.contains(&term) {
            terms.push(term);
        }
    }
    terms.truncate(MAX_TERMS);
    terms
}

/// More terms than this add nothing but cost.
pub const MAX_TERMS: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_documented_folds() {
        assert_eq!(
            normalize("أحمد إبراهيم آمنة ٱلله"),
            "احمد ابراهيم امنه الله"
        );
        assert_eq!(normalize("مستشفى"), normalize("مستشفي"));
        assert_eq!(normalize("مدرسة"), normalize("مدرسه"));
        assert_eq!(normalize("مسؤول"), "مسوول");
        assert_eq!(normalize("مسائل"), "مسايل");
        assert_eq!(normalize("تصميمُ شِعارٍ"), normalize("تصميم شعار"));
        assert_eq!(normalize("تصـــميم"), "تصميم");
        assert_eq!(normalize("٣ خيارات ۴"), "3 خيارات 4");
        assert_eq!(normalize("  Logo   DESIGN  شعار "), "logo design شعار");
    }

    #[test]
    fn presentation_forms_and_combining_hamza_are_folded_too() {
        // The lam-alef ligature and a decomposed alef + hamza above.
        assert_eq!(normalize("\u{FEFB}"), "لا");
        assert_eq!(normalize("\u{0627}\u{0654}حمد"), "احمد");
    }

    #[test]
    fn stems_let_a_bare_word_find_its_joined_forms() {
        let indexed = index_text(&["تصميم الشعارات وللمواقع", "Logo"]);
        assert_eq!(indexed, "تصميم الشعارات شعارات وللمواقع مواقع logo");
        assert_eq!(query_terms("الشِّعار"), ["شعار"]);
        assert_eq!(query_terms("LOGO تصميم تصميم"), ["logo", "تصميم"]);
        assert_eq!(query_terms("\"; DROP TABLE --*"), ["drop", "table"]);
        assert!(query_terms("   ").is_empty());
        // Short words keep their letters: "ولد" is not "و" + "لد".
        assert_eq!(query_terms("ولد"), ["ولد"]);
    }

    const ALEFS: [char; 5] = ['ا', 'أ', 'إ', 'آ', 'ٱ'];
    const MARKS: [char; 6] = [
        '\u{064E}', '\u{064F}', '\u{0650}', '\u{0651}', '\u{0652}', '\u{0640}',
    ];

    fn arabic_word() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                'ب', 'ت', 'س', 'م', 'ل', 'ك', 'ر', 'ن', 'و', 'ي', 'ا', 'ه', 'ع',
            ]),
            1..8,
        )
        .prop_map(|cs| cs.into_iter().collect())
    }

    proptest! {

        #[test]
        fn query_terms_are_only_letters_and_digits(s in "\\PC{0,60}") {
            for t in query_terms(&s) {
                prop_assert!(!t.is_empty() && t.chars().all(char::is_alphanumeric), "{:?}", t);
            }
        }

        #[test]
        fn every_query_term_prefixes_an_indexed_word(word in arabic_word(), prefix in 0usize..4) {
            let joined = format!("{}{word}", ["", "ال", "وال", "بال"][prefix]);
            let indexed = index_text(&[&joined]);
            for t in query_terms(&joined) {
                prop_assert!(indexed.split(' ').any(|w| w.starts_with(&t)), "{:?} in {:?}", t, indexed);
            }
        }

        #[test]
        fn normalizing_twice_changes_nothing(s in "\\PC{0,40}") {
            let once = normalize(&s);
            prop_assert_eq!(normalize(&once), once);
        }

        #[test]
        fn tashkeel_and_tatweel_anywhere_do_not_matter(
            word in arabic_word(),
            inserts in prop::collection::vec((0usize..8, 0usize..MARKS.len()), 0..6),
        ) {
            let mut chars: Vec<char> = word.chars().collect();
            for (at, mark) in inserts {
                // After a letter: tashkeel and tatweel never start a word.
                let at = 1 + at % chars.len();
                chars.insert(at, MARKS[mark]);
            }
            let marked: String = chars.into_iter().collect();
            prop_assert_eq!(normalize(&marked), normalize(&word));
        }

        #[test]
        fn every_alef_spelling_is_the_same_word(word in arabic_word(), a in 0usize..5, b in 0usize..5) {
            let with = |alef: char| format!("{alef}{word}");
            prop_assert_eq!(normalize(&with(ALEFS[a])), normalize(&with(ALEFS[b])));
        }

        #[test]
        fn arabic_indic_and_western_digits_match(n in 0u64..1_000_000_000) {
            let western = n.to_string();
            let arabic: String = western.chars().map(|d| char::from_u32(0x0660 + d.to_digit(10).unwrap()).unwrap()).collect();
            prop_assert_eq!(normalize(&arabic), western);
        }

        #[test]
        fn nothing_that_should_fold_survives(s in "\\PC{0,40}") {
            let n = normalize(&s);
            prop_assert!(!n.chars().any(|c| is_dropped(c) || fold(c) != c), "{:?}", n);
        }
    }
}
