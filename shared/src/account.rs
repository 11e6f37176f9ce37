//! Accounts: who is signed in, and the rules for sign-up, passwords and profiles.

use serde::{Deserialize, Serialize};

use crate::validation::{chars, text_problem, Errors, FieldError};

pub const PASSWORD_MIN: usize = 8;
pub const PASSWORD_MAX: usize = 128;
pub const USERNAME_MIN: usize = 3;
pub const USERNAME_MAX: usize = 30;
pub const NAME_MAX: usize = 50;
pub const EMAIL_MAX: usize = 254;
pub const BIO_MAX: usize = 1000;
pub const SKILLS_MAX: usize = 10;
pub const SKILL_MAX: usize = 30;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Role {
    Member,
    Admin,
}
deserialize_by_name!(Role { Member, Admin });

impl Role {
    pub fn parse(s: &str) -> Role {
        if s == "admin" {
            Role::Admin
        } else {
            Role::Member
        }
    }
}

/// The signed-in user, as every page and server function sees them.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SessionUser {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub email_verified: bool,
}

impl SessionUser {
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignUp {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub password: String,
    pub username: String,
}

/// The profile a member edits; the avatar is uploaded separately.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub display_name: String,
    pub bio: String,
    pub skills: Vec<String>,
    pub avatar: Option<String>,
}

/// Emails compare case-insensitively and without surrounding blanks.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub fn email_problem(email: &str) -> Option<&'static str> {
    let email = email.trim();
    if email.is_empty() {
        return Some("error-required");
    }
    let valid = chars(email) <= EMAIL_MAX
        && !email.contains(char::is_whitespace)
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        });
    (!valid).then_some("error-email-invalid")
}

/// Usernames appear in URLs: ASCII letters, digits, `.`, `_`, `-`, starting with a letter.
pub fn username_problem(username: &str) -> Option<&'static str> {
    let u = username.trim();
    let n = u.chars().count();
    if n == 0 {
        Some("error-required")
    } else if !(USERNAME_MIN..=USERNAME_MAX).contains(&n) {
        Some("error-username-length")
    } else if !u.starts_with(|c: char| c.is_ascii_alphabetic())
        || !u
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    {
        Some("error-username-chars")
    } else {
        None
    }
}

/// Length limits and the list of the most common passwords (a first guess of any attacker).
pub fn password_problem(password: &str) -> Option<&'static str> {
    let n = password.chars().count();
    if n < PASSWORD_MIN {
        Some("error-password-short")
    } else if n > PASSWORD_MAX {
        Some("error-password-long")
    } else if is_common_password(password) {
        Some("error-password-common")
    } else {
        None
    }
}

const COMMON_PASSWORDS: &str = include_str!("common_passwords.txt");

pub fn is_common_password(password: &str) -> bool {
    let p = password.trim().to_lowercase();
    // All one character ("aaaaaaaa", "11111111") is as weak as any listed password.
    let mut cs = p.chars();
    let first = cs.next();
    if first.is_some() && cs.all(|c| Some(c) == first) {
        return true;
    }
    COMMON_PASSWORDS.lines().any(|line| line == p)
}

pub fn validate_sign_up(form: &SignUp) -> Result<(), Vec<FieldError>> {
    let mut e = Errors::default();
    e.check("first_name", text_problem(&form.first_name, 1, NAME_MAX));
    e.check("last_name", text_problem(&form.last_name, 1, NAME_MAX));
    e.check("email", email_problem(&form.email));
    e.check("password", password_problem(&form.password));
    e.check("username", username_problem(&form.username));
    e.finish()
}

pub fn validate_profile(p: &Profile) -> Result<(), Vec<FieldError>> {
    let mut e = Errors::default();
    e.check("display_name", text_problem(&p.display_name, 2, NAME_MAX));
    e.check(
        "bio",
        (chars(p.bio.trim()) > BIO_MAX).then_some("error-too-long"),
    );
    let skills_problem = if p.skills.len() > SKILLS_MAX {
        Some("error-too-many")
    } else if p.skills.iter().any(|s| chars(s.trim()) > SKILL_MAX) {
        Some("error-too-long")
    } else {
        None
    };
    e.check("skills", skills_problem);
    e.finish()
}

/// Splits a comma list as typed (Arabic comma too) into trimmed, distinct, non-empty items.
pub fn split_list(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in s.split([',', '،']).map(str::trim).filter(|t| !t.is_empty()) {
        if !out.iter().any(|o| o == item) {
            out.push(item.to_owned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_role_travels_as_its_name() {
        let json = serde_json::to_value(Role::Admin).unwrap();
        assert_eq!(json, serde_json::json!("Admin"));
        assert_eq!(serde_json::from_value::<Role>(json).unwrap(), Role::Admin);
        assert!(serde_json::from_value::<Role>(serde_json::json!("admin")).is_err());
    }

    #[test]
    fn common_and_short_passwords_are_refused() {
        assert_eq!(password_problem("short"), Some("error-password-short"));
        assert_eq!(password_problem("password"), Some("error-password-common"));
        assert_eq!(password_problem("Password1"), Some("error-password-common"));
        assert_eq!(password_problem("12345678"), Some("error-password-common"));
        assert_eq!(
            password_problem("zzzzzzzzzz"),
            Some("error-password-common")
        );
        assert_eq!(password_problem("تصميم-شعار-2026"), None);
        assert_eq!(password_problem(&"x1".repeat(64)), None);
        assert_eq!(
            password_problem(&"x1".repeat(65)),
            Some("error-password-long")
        );
    }

    #[test]
    fn emails_and_usernames() {
        assert_eq!(email_problem("sara@example.com"), None);
        assert_eq!(email_problem(" Sara@Example.COM "), None);
        assert_eq!(email_problem("sara@example"), Some("error-email-invalid"));
        assert_eq!(
            email_problem("sara example.com"),
            Some("error-email-invalid")
        );
        assert_eq!(email_problem(""), Some("error-required"));
        assert_eq!(normalize_email(" Sara@Example.COM "), "sara@example.com");
        assert_eq!(username_problem("sara.designs"), None);
        assert_eq!(username_problem("سارة"), Some("error-username-chars"));
        assert_eq!(username_problem("1sara"), Some("error-username-chars"));
        assert_eq!(username_problem("ab"), Some("error-username-length"));
    }

    #[test]
    fn sign_up_reports_every_field() {
        let errors = validate_sign_up(&SignUp::default()).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["first_name", "last_name", "email", "password", "username"]
        );
        let ok = SignUp {
            first_name: "سارة".into(),
            last_name: "العلي".into(),
            email: "sara@example.com".into(),
            password: "قهوة-الصباح-2026".into(),
            username: "sara".into(),
        };
        assert_eq!(validate_sign_up(&ok), Ok(()));
    }

    #[test]
    fn lists_split_on_both_commas() {
        assert_eq!(
            split_list("تصميم، شعار ,logo,, شعار"),
            ["تصميم", "شعار", "logo"]
        );
    }

    proptest! {
        #[test]
        fn password_length_bounds(p in "\\PC{0,200}") {
            let n = p.chars().count();
            let problem = password_problem(&p);
            if n < PASSWORD_MIN { prop_assert_eq!(problem, Some("error-password-short")); }
            if n > PASSWORD_MAX { prop_assert_eq!(problem, Some("error-password-long")); }
            if (PASSWORD_MIN..=PASSWORD_MAX).contains(&n) {
                prop_assert!(problem.is_none() || problem == Some("error-password-common"));
            }
        }

        #[test]
        fn valid_usernames_are_url_safe(u in "[a-z][a-z0-9._-]{2,29}") {
            prop_assert_eq!(username_problem(&u), None);
        }
    }
}
