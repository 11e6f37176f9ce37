//! Arabic-aware normalization for search, applied to indexed text and to queries alike,
//! so that a query finds a service however either of them is spelled.
//!
//! The rules (DESIGN.md §3): Unicode NFKC; drop tashkeel (U+064B–065F, U+0610–061A,
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
