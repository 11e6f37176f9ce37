//! Conversations outside an order: a member asks a seller about one of their services
//! before buying (an inquiry), and both write until they are done. There is one
//! conversation per asker and service; an order's own conversation is its timeline.

use serde::{Deserialize, Serialize};

use crate::orders::{OrderFile, Party};

/// The longest message, in characters.
pub const MAX_MESSAGE_CHARS: usize = 2000;

/// How much of the last message the inbox shows, in characters.
pub const SNIPPET_CHARS: usize = 90;

/// A message as it will be stored: trimmed, text or files or both, not too long, and
/// without contact details (they would take the deal off the site, where neither party is
/// protected). The same check warns in the browser and refuses on the server.
pub fn check_message(body: &str, has_files: bool) -> Result<String, &'static str> {
    let body = body.trim();
    if body.is_empty() && !has_files {
        Err("message-required")
    } else if body.chars().count() > MAX_MESSAGE_CHARS {
        Err("message-too-long")
    } else if let Some(found) = crate::contact::find_contact(body) {
        Err(found.kind.message_id())
    } else {
        Ok(body.to_owned())
    }
}

/// The start of a message for a list line: whitespace folded, cut at a character (never
/// inside one) with an ellipsis.
pub fn snippet(body: &str) -> String {
    let folded = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.chars().count() <= SNIPPET_CHARS {
        folded
    } else {
        let cut: String = folded.chars().take(SNIPPET_CHARS).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Which side of a conversation the viewer is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Side {
    /// The member who asked about the service.
    Asker,
    Seller,
}

/// A line of the inbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationRow {
    pub id: i64,
    pub service_id: i64,
    pub service_title: String,
    /// The person on the other side.
    pub other: Party,
    pub side: Side,
    /// The start of the last message ([`snippet`]), empty when it carried only files.
    pub last: String,
    pub last_at: i64,
    /// The viewer wrote the last message.
    pub last_mine: bool,
    /// Messages from the other side the viewer has not opened.
    pub unread: u32,
}

/// A message of a conversation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub id: i64,
    pub mine: bool,
    pub author: String,
    pub body: String,
    pub at: i64,
    pub files: Vec<OrderFile>,
}

/// A conversation page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conversation {
    pub id: i64,
    pub service_id: i64,
    pub service_title: String,
    pub other: Party,
    pub side: Side,
    /// Oldest first.
    pub messages: Vec<Message>,
}

/// The header's two numbers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Badges {
    pub notifications: u32,
    /// Conversations with a message the viewer has not opened.
    pub messages: u32,
}

/// What a live connection is told: the badges now, and the conversation a new message
/// arrived in (its page reloads its messages).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveUpdate {
    pub badges: Badges,
    pub conversation: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_message_is_text_or_files_and_never_contact_details() {
        assert_eq!(
            check_message("  مرحبا، هل التسليم خلال يومين؟ ", false).as_deref(),
            Ok("مرحبا، هل التسليم خلال يومين؟")
        );
        assert_eq!(check_message("   ", false), Err("message-required"));
        assert_eq!(check_message("   ", true).as_deref(), Ok(""));
        assert_eq!(
            check_message(&"ا".repeat(MAX_MESSAGE_CHARS), false).map(|s| s.chars().count()),
            Ok(MAX_MESSAGE_CHARS)
        );
        assert_eq!(
            check_message(&"ا".repeat(MAX_MESSAGE_CHARS + 1), false),
            Err("message-too-long")
        );
        let refused = check_message("راسلني واتس ٠٥٥١٢٣٤٥٦٧", false).unwrap_err();
        assert!(refused.starts_with("contact-"), "{refused}");
        assert!(check_message("السعر ٢٥ دولار والتسليم ٣ أيام", false).is_ok());
    }

    #[test]
    fn snippets_fold_whitespace_and_cut_with_an_ellipsis() {
        assert_eq!(snippet("سطر\n\n  ثانٍ"), "سطر ثانٍ");
        let long = "كلمة ".repeat(40);
        let s = snippet(&long);
        assert!(s.ends_with('…'));
        assert!(s.chars().count() <= SNIPPET_CHARS + 1);
    }

    proptest! {
        #[test]
        fn a_snippet_is_a_prefix_of_the_folded_text(text in "\\PC{0,200}") {
            let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let s = snippet(&text);
            prop_assert!(s.chars().count() <= SNIPPET_CHARS + 1);
            let stem = s.strip_suffix('…').unwrap_or(&s);
            prop_assert!(folded.starts_with(stem));
        }
    }
}
