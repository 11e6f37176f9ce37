//! Translated messages as data: a [`Catalog`] is one language's Fluent messages compiled
//! into plain patterns, small enough to send to the browser as JSON, and the formatter that
//! fills them in.
//!
//! The messages are written in Fluent (`.ftl`) and parsed with `fluent-syntax` on the
//! server ([`Catalog::from_ftl`]). The browser gets only its page's language as a
//! catalog, not the Fluent files or the Fluent runtime: the interface uses a small part of
//! Fluent (text, `{ $variable }`, and selection on a number's plural category or exact
//! value, or on a string), and this module does exactly that part, the way `fluent-bundle`
//! does it (Unicode isolation marks around a placeable that is not the whole message,
//! variants tried in their order, the default otherwise). A construct outside that part is
//! refused when the catalog is compiled, never mis-rendered.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// First strong isolate and pop directional isolate: what Fluent puts around a placeable so
/// that, say, a Latin username inside an Arabic sentence keeps the sentence's direction.
const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

/// One language's messages, by id. Ordered, so that a catalog serializes to the same JSON
/// in every process: its address is a hash of that JSON, and every server must give the
/// same address for the same messages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    pub lang: Lang,
    pub messages: BTreeMap<String, Pattern>,
}

/// A message's text: pieces written one after the other.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pattern(pub Vec<Piece>);

/// In the catalog's JSON a piece is the shortest form that tells the three apart: text is a
/// string, an argument `[name, isolated]`, a selection `[on, isolated, default, variants]`,
/// and a variant `[key, pattern]`. Every page's first download reads a catalog, and
/// serde's tagged enums of structs read several times the bytes.
#[derive(Clone, Debug, PartialEq)]
pub enum Piece {
    Text(String),
    /// `{ $name }`; `isolated` when it is not the whole pattern.
    Arg {
        name: String,
        isolated: bool,
    },
    /// `{ $on -> [key] … *[other] … }`.
    Select {
        on: String,
        variants: Vec<Variant>,
        /// The variant marked `*`, used when no key matches.
        default: usize,
        isolated: bool,
    },
}

impl Serialize for Piece {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Piece::Text(text) => serializer.serialize_str(text),
            Piece::Arg { name, isolated } => (name, isolated).serialize(serializer),
            Piece::Select {
                on,
                variants,
                default,
                isolated,
            } => (on, isolated, default, variants).serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Piece {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(PieceVisitor)
    }
}

struct PieceVisitor;

impl<'de> serde::de::Visitor<'de> for PieceVisitor {
    type Value = Piece;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a message piece")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Piece, E> {
        Ok(Piece::Text(text.to_owned()))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Piece, A::Error> {
        use serde::de::Error;
        let missing = |n| A::Error::invalid_length(n, &"an argument or a selection");
        let name: String = seq.next_element()?.ok_or_else(|| missing(0))?;
        let isolated: bool = seq.next_element()?.ok_or_else(|| missing(1))?;
        // An argument ends here; a selection goes on with its default and its variants.
        let Some(default) = seq.next_element()? else {
            return Ok(Piece::Arg { name, isolated });
        };
        let variants = seq.next_element()?.ok_or_else(|| missing(3))?;
        if seq.next_element::<serde::de::IgnoredAny>()?.is_some() {
            return Err(A::Error::invalid_length(5, &"a selection"));
        }
        Ok(Piece::Select {
            on: name,
            variants,
            default,
            isolated,
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Variant {
    pub key: Key,
    pub pattern: Pattern,
}

impl Serialize for Variant {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (&self.key, &self.pattern).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Variant {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (key, pattern) = Deserialize::deserialize(deserializer)?;
        Ok(Variant { key, pattern })
    }
}

/// A variant's key: `[0]` matches that number; `[few]` matches a number of that plural
/// category in the catalog's language, or a string equal to it.
///
/// In the catalog's JSON it is the key as written (`"0"`, `"few"`): a Fluent name never
/// starts with a digit, so the two cannot be confused, and a string's reader is a fraction
/// of the tagged enum's in the browser's download.
#[derive(Clone, Debug, PartialEq)]
pub enum Key {
    Number(i64),
    Name(String),
}

impl Serialize for Key {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Key::Number(n) => serializer.collect_str(n),
            Key::Name(name) => serializer.serialize_str(name),
        }
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(match text.parse() {
            Ok(n) => Key::Number(n),
            Err(_) => Key::Name(text),
        })
    }
}

/// A value given to a message.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Number(i64),
    Text(String),
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Number(n as i64)
            }
        }
    )*};
}
number_arg!(u8, u16, u32, u64, usize, i8, i16, i32, i64);

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}

/// The CLDR cardinal plural category of a whole number: Arabic has six, English two
/// (`one` for exactly 1).
pub fn plural_category(lang: Lang, n: i64) -> &'static str {
    let n = n.unsigned_abs();
    match lang {
        Lang::En => {
            if n == 1 {
                "one"
            } else {
                "other"
            }
        }
        Lang::Ar => match (n, n % 100) {
            (0, _) => "zero",
            (1, _) => "one",
            (2, _) => "two",
            (_, 3..=10) => "few",
            (_, 11..=99) => "many",
            _ => "other",
        },
    }
}

impl Catalog {
    /// The message `id` filled in with `args`; the id itself when the catalog lacks it,
    /// so a missing message shows up as such instead of as an empty space.
    pub fn format(&self, id: &str, args: &[(&str, Arg)]) -> String {
        let mut out = String::new();
        match self.messages.get(id) {
            Some(pattern) => self.write(pattern, args, &mut out),
            None => out.push_str(id),
        }
        out
    }

    fn write(&self, pattern: &Pattern, args: &[(&str, Arg)], out: &mut String) {
        let arg = |name: &str| args.iter().find(|(n, _)| *n == name).map(|(_, v)| v);
        for piece in &pattern.0 {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Arg { name, isolated } => {
                    isolate(*isolated, out, |out| match arg(name) {
                        Some(Arg::Number(n)) => out.push_str(&n.to_string()),
                        Some(Arg::Text(s)) => out.push_str(s),
                        // What Fluent writes for a variable nobody gave.
                        None => {
                            out.push_str("{$");
                            out.push_str(name);
                            out.push('}');
                        }
                    })
                }
                Piece::Select {
                    on,
                    variants,
                    default,
                    isolated,
                } => {
                    let given = arg(on);
                    let chosen = variants
                        .iter()
                        .find(|variant| match (&variant.key, given) {
                            (Key::Number(key), Some(Arg::Number(n))) => key == n,
                            (Key::Name(key), Some(Arg::Number(n))) => {
                                key == plural_category(self.lang, *n)
                            }
                            (Key::Name(key), Some(Arg::Text(s))) => key == s,
                            _ => false,
                        })
                        .or_else(|| variants.get(*default));
                    if let Some(variant) = chosen {
                        isolate(*isolated, out, |out| {
                            self.write(&variant.pattern, args, out)
                        });
                    }
                }
            }
        }
    }
}

fn isolate(isolated: bool, out: &mut String, write: impl FnOnce(&mut String)) {
    if isolated {
        out.push(FSI);
    }
    write(out);
    if isolated {
        out.push(PDI);
    }
}

/// Why a Fluent file could not become a catalog.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum CompileError {
    #[error("the Fluent file does not parse: {0}")]
    Syntax(String),
    #[error("message `{0}` uses a Fluent construct the catalog does not support")]
    Unsupported(String),
}

#[cfg(any(feature = "ssr", test))]
mod compile {
    use fluent_syntax::ast;

    use super::*;

    impl Catalog {
        /// Compiles one language's Fluent source. Terms, attributes, functions, message
        /// references and literals are refused: the interface does not use them.
        pub fn from_ftl(lang: Lang, source: &str) -> Result<Catalog, CompileError> {
            let resource = fluent_syntax::parser::parse(source)
                .map_err(|(_, errors)| CompileError::Syntax(format!("{errors:?}")))?;
            let mut messages = BTreeMap::new();
            for entry in resource.body {
                match entry {
                    ast::Entry::Message(message) => {
                        let id = message.id.name;
                        let unsupported = || CompileError::Unsupported(id.to_owned());
                        if !message.attributes.is_empty() {
                            return Err(unsupported());
                        }
                        let value = message.value.ok_or_else(unsupported)?;
                        let pattern = pattern(&value).ok_or_else(unsupported)?;
                        messages.insert(id.to_owned(), pattern);
                    }
                    ast::Entry::Term(term) => {
                        return Err(CompileError::Unsupported(format!("-{}", term.id.name)))
                    }
                    ast::Entry::Junk { content } => {
                        return Err(CompileError::Syntax(content.to_owned()))
                    }
                    ast::Entry::Comment(_)
                    | ast::Entry::GroupComment(_)
                    | ast::Entry::ResourceComment(_) => {}
                }
            }
            Ok(Catalog { lang, messages })
        }
    }

    fn pattern(pattern: &ast::Pattern<&str>) -> Option<Pattern> {
        // Fluent isolates a placeable only when the pattern has more than one element.
        let isolated = pattern.elements.len() > 1;
        let pieces = pattern
            .elements
            .iter()
            .map(|element| match element {
                ast::PatternElement::TextElement { value } => {
                    Some(Piece::Text((*value).to_owned()))
                }
                ast::PatternElement::Placeable { expression } => match expression {
                    ast::Expression::Inline(ast::InlineExpression::VariableReference { id }) => {
                        Some(Piece::Arg {
                            name: id.name.to_owned(),
                            isolated,
                        })
                    }
                    ast::Expression::Select { selector, variants } => {
                        let ast::InlineExpression::VariableReference { id } = selector else {
                            return None;
                        };
                        let default = variants.iter().position(|v| v.default)?;
                        let variants = variants
                            .iter()
                            .map(|variant| {
                                let key = match &variant.key {
                                    ast::VariantKey::Identifier { name } => {
                                        Key::Name((*name).to_owned())
                                    }
                                    ast::VariantKey::NumberLiteral { value } => {
                                        Key::Number(value.parse().ok()?)
                                    }
                                };
                                Some(Variant {
                                    key,
                                    pattern: self::pattern(&variant.value)?,
                                })
                            })
                            .collect::<Option<Vec<_>>>()?;
                        Some(Piece::Select {
                            on: id.name.to_owned(),
                            variants,
                            default,
                            isolated,
                        })
                    }
                    _ => None,
                },
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Pattern(pieces))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const FTL: &str = "
plain = Hello
greeting = Hello, { $name }!
only = { $count }
days = { $count ->
    [0] today
    [one] one day
   *[other] { $count } days
}
stars = rated { $stars ->
    [one] one star
   *[other] { $stars } stars
}
by-string = { $kind ->
    [card] by card
   *[other] from the wallet
}
";

    fn en() -> Catalog {
        Catalog::from_ftl(Lang::En, FTL).unwrap()
    }

    #[test]
    fn fills_in_and_isolates_placeables_that_are_not_the_whole_message() {
        let en = en();
        assert_eq!(en.format("plain", &[]), "Hello");
        assert_eq!(
            en.format("greeting", &[("name", "Sara".into())]),
            "Hello, \u{2068}Sara\u{2069}!"
        );
        assert_eq!(en.format("only", &[("count", 7u32.into())]), "7");
        assert_eq!(
            en.format("greeting", &[]),
            "Hello, \u{2068}{$name}\u{2069}!"
        );
        assert_eq!(en.format("no-such-message", &[]), "no-such-message");
    }

    #[test]
    fn selects_by_exact_number_then_plural_category_then_default() {
        let en = en();
        let days = |n: u64| en.format("days", &[("count", n.into())]);
        assert_eq!(days(0), "today");
        assert_eq!(days(1), "one day");
        assert_eq!(days(5), "\u{2068}5\u{2069} days");
        assert_eq!(
            en.format("stars", &[("stars", 1u8.into())]),
            "rated \u{2068}one star\u{2069}"
        );
        assert_eq!(
            en.format("by-string", &[("kind", "card".into())]),
            "by card"
        );
        assert_eq!(
            en.format("by-string", &[("kind", "bank".into())]),
            "from the wallet"
        );
        assert_eq!(en.format("by-string", &[]), "from the wallet");
    }

    #[test]
    fn refuses_what_it_would_not_render_as_fluent_does() {
        for source in [
            "-brand = Khidmat\nname = { -brand }",
            "a = A\nb = { a }",
            "a = { NUMBER($n) }",
            "a = A\n    .title = T",
            "a = { \"literal\" }",
        ] {
            assert!(
                matches!(
                    Catalog::from_ftl(Lang::En, source),
                    Err(CompileError::Unsupported(_))
                ),
                "{source}"
            );
        }
        assert!(matches!(
            Catalog::from_ftl(Lang::En, "a = { $n ->\n  [one] x\n}"),
            Err(CompileError::Syntax(_))
        ));
    }

    #[test]
    fn a_catalog_survives_the_trip_through_json() {
        let en = en();
        let json = serde_json::to_string(&en).unwrap();
        let back: Catalog = serde_json::from_str(&json).unwrap();
        assert_eq!(back, en);
    }

    #[test]
    fn pieces_travel_in_their_short_form() {
        let catalog = Catalog::from_ftl(
            Lang::En,
            "a = Hi { $who }, { $n ->\n  [0] none\n *[other] { $n } left\n}",
        )
        .unwrap();
        let json = serde_json::to_string(&catalog.messages["a"]).unwrap();
        assert_eq!(
            json,
            r#"["Hi ",["who",true],", ",["n",true,1,[["0",["none"]],["other",[["n",true]," left"]]]]]"#
        );
        assert_eq!(
            serde_json::from_str::<Pattern>(&json).unwrap(),
            catalog.messages["a"]
        );
        // Too short, too long, or neither text nor a list: refused, not guessed at.
        for json in [
            r#"[["n"]]"#,
            r#"[["n",true,0]]"#,
            r#"[["n",true,0,[],1]]"#,
            "[5]",
        ] {
            assert!(
                serde_json::from_str::<Pattern>(json).is_err(),
                "{json} was read"
            );
        }
    }

    /// CLDR's own samples of each Arabic category above 100, where the category depends
    /// on the last two digits (`n % 100`). `intl_pluralrules` 7.0.2, which `fluent-bundle`
    /// uses, drops that modulo and calls 103 "other": Fluent wrote "103 خدمة" where Arabic
    /// says "103 خدمات".
    #[test]
    fn arabic_categories_above_a_hundred_follow_the_last_two_digits() {
        let samples: [(&str, &[i64]); 3] = [
            ("few", &[103, 104, 110, 1003, 2010]),
            ("many", &[111, 126, 199, 1011, 5099]),
            ("other", &[100, 101, 102, 200, 1000, 1001, 100_002]),
        ];
        for (category, numbers) in samples {
            for &n in numbers {
                assert_eq!(plural_category(Lang::Ar, n), category, "{n}");
            }
        }
    }

    proptest! {
        /// Below 100 (where the modulo changes nothing) the hand-written rules agree with
        /// `intl_pluralrules`, the crate Fluent uses.
        #[test]
        fn plural_categories_are_cldr_s(n in 0i64..100) {
            use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
            for lang in Lang::ALL {
                let rules = PluralRules::create(
                    lang.code().parse::<unic_langid::LanguageIdentifier>().unwrap(),
                    PluralRuleType::CARDINAL,
                )
                .unwrap();
                let expected = match rules.select(n).unwrap() {
                    PluralCategory::ZERO => "zero",
                    PluralCategory::ONE => "one",
                    PluralCategory::TWO => "two",
                    PluralCategory::FEW => "few",
                    PluralCategory::MANY => "many",
                    PluralCategory::OTHER => "other",
                };
                prop_assert_eq!(plural_category(lang, n), expected, "{:?} {}", lang, n);
            }
        }

        /// English: "one" for 1 only, at any size.
        #[test]
        fn english_has_one_and_other(n in 0i64..10_000_000) {
            prop_assert_eq!(plural_category(Lang::En, n) == "one", n == 1);
        }

        /// Arabic above 99: the category of the last two digits, except that 00, 01 and
        /// 02 are "other".
        #[test]
        fn arabic_repeats_every_hundred(n in 100i64..10_000_000) {
            let expected = match n % 100 {
                0..=2 => "other",
                last => plural_category(Lang::Ar, last),
            };
            prop_assert_eq!(plural_category(Lang::Ar, n), expected);
        }
    }
}
