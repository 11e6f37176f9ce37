//! Accounts: sign-up, email verification, login with throttling, password reset and
//! change, profiles. Sessions themselves live in `sessions`; this module decides who
//! someone is and records it as a [`SessionAuth`].

use async_trait::async_trait;
use sha2::{Digest, Sha256};
use shared::account::{
    normalize_email, password_problem, split_list, validate_profile, validate_sign_up, Profile,
    Role, SessionUser, SignUp,
};
use shared::error::{DomainError, Refusal, StoreError};
use shared::ports::{AccountStore, SessionAuth};
use sqlx::FromRow;

use crate::infra::clock::Clock;
use crate::infra::db::{Db, OrIncident};
use crate::infra::mail::{Mail, Mailer};
use crate::infra::passwords;
use crate::infra::throttle::{self, Limit};

/// Wrong passwords from one client for one account: the limit that stops a guesser fast
/// without touching anyone else.
pub const ACCOUNT_CLIENT_LIMIT: Limit = Limit {
    hits: 5,
    window_secs: 15 * 60,
};
/// Wrong passwords for one account from all the clients that never logged in to it: stops
/// guessing spread over many addresses. Clients that logged in before are not counted and
/// not blocked, so an attacker cannot lock the owner out.
pub const ACCOUNT_LIMIT: Limit = Limit {
    hits: 20,
    window_secs: 60 * 60,
};
/// Wrong passwords from one client over all accounts (several people may share one
/// address).
pub const CLIENT_LIMIT: Limit = Limit {
    hits: 30,
    window_secs: 15 * 60,
};
/// Sign-ups from one client: each costs a password hash and a mail.
pub const SIGN_UP_LIMIT: Limit = Limit {
    hits: 10,
    window_secs: 60 * 60,
};
/// Mailed links (password reset, verification) per client and per recipient.
pub const MAIL_LIMIT: Limit = Limit {
    hits: 5,
    window_secs: 60 * 60,
};

const VERIFY_TTL_SECS: i64 = 48 * 3600;
const RESET_TTL_SECS: i64 = 3600;

pub struct SqlAccounts {
    db: Db,
    mailer: Mailer,
    clock: Clock,
    public_url: String,
    /// Passwords checked at login: what a guesser actually gets (throttled attempts are
    /// refused before a check).
    password_checks: std::sync::atomic::AtomicU64,
}

#[derive(FromRow)]
struct UserRow {
    id: i64,
    username: String,
    display_name: String,
    role: String,
    status: String,
    email: String,
    email_verified_at: Option<i64>,
    password_hash: Option<String>,
    session_epoch: i64,
}

const USER_COLUMNS: &str = "id, username, display_name, role, status, email, \
     email_verified_at, password_hash, session_epoch";

impl UserRow {
    fn session_user(&self) -> SessionUser {
        SessionUser {
            id: self.id,
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            role: Role::parse(&self.role),
            email_verified: self.email_verified_at.is_some(),
        }
    }

    fn auth(&self) -> SessionAuth {
        SessionAuth {
            user_id: self.id,
            epoch: self.session_epoch,
        }
    }
}

/// A fresh random token for a link, and the hash that is stored (a leaked table does not
/// give working links).
fn new_token() -> (String, String) {
    let bytes: [u8; 32] = rand::random();
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let hash = token_hash(&token);
    (token, hash)
}

fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn field(field: &str, message: &str) -> DomainError {
    DomainError::field(field, message)
}

impl SqlAccounts {
    pub fn new(db: Db, mailer: Mailer, clock: Clock, public_url: String) -> Self {
        SqlAccounts {
            db,
            mailer,
            clock,
            public_url,
            password_checks: Default::default(),
        }
    }

    fn now(&self) -> i64 {
        (self.clock)()
    }

    /// How many passwords logins have checked so far.
    pub fn password_checks(&self) -> u64 {
        self.password_checks
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    async fn user_where(&self, filter: &str, value: &str) -> Result<Option<UserRow>, StoreError> {
        sqlx::query_as::<_, UserRow>(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE {filter} = $1"
        ))
        .bind(value)
        .fetch_optional(self.db.pool())
        .await
        .or_incident("user lookup")
    }

    async fn user_by_id(&self, id: i64) -> Result<Option<UserRow>, StoreError> {
        sqlx::query_as::<_, UserRow>(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.db.pool())
            .await
            .or_incident("user by id")
    }

    /// Stores a token for `user_id` and mails its link.
    async fn mail_link(
        &self,
        user: &UserRow,
        purpose: &str,
        path: &str,
        ttl: i64,
        subject: &str,
        text: &str,
    ) -> Result<(), StoreError> {
        let (token, hash) = new_token();
        sqlx::query(
            "INSERT INTO email_tokens (token_hash, user_id, purpose, expires_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(&hash)
        .bind(user.id)
        .bind(purpose)
        .bind(self.now() + ttl)
        .execute(self.db.pool())
        .await
        .or_incident("token insert")?;
        let link = format!("{path}?token={token}");
        let body = format!("{text}\n\n{}{link}\n\n— خدمات · Khidmat", self.public_url);
        self.mailer
            .send(
                &self.db,
                Mail {
                    to: user.email.clone(),
                    subject: subject.to_owned(),
                    body,
                    link: Some(link),
                },
            )
            .await
    }

    async fn send_verification(&self, user: &UserRow) -> Result<(), StoreError> {
        self.mail_link(
            user,
            "verify",
            "/verify-email",
            VERIFY_TTL_SECS,
            "أكّد بريدك الإلكتروني في خدمات · Confirm your email",
            "مرحبًا بك في خدمات! افتح الرابط لتأكيد بريدك الإلكتروني.\n\
             Welcome to Khidmat! Open the link to confirm your email.",
        )
        .await
    }

    /// Takes a valid, unused, unexpired token of `purpose`, marking it used, in one
    /// statement: two clicks on the same link cannot both succeed.
    async fn take_token(&self, token: &str, purpose: &str) -> Result<i64, DomainError> {
        let now = self.now();
        let user_id = sqlx::query_scalar::<_, i64>(
            "UPDATE email_tokens SET used_at = $1 \
             WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $4 \
             RETURNING user_id",
        )
        .bind(now)
        .bind(token_hash(token.trim()))
        .bind(purpose)
        .bind(now)
        .fetch_optional(self.db.pool())
        .await
        .or_incident("token take")?;
        user_id.ok_or_else(|| DomainError::from(Refusal::LinkInvalid))
    }

    /// Records that the user owns their email address (the first time only).
    async fn mark_verified(&self, user_id: i64) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE users SET email_verified_at = COALESCE(email_verified_at, $1) WHERE id = $2",
        )
        .bind(self.now())
        .bind(user_id)
        .execute(self.db.pool())
        .await
        .or_incident("verify email")?;
        Ok(())
    }

    /// Takes an attempt of each scope in turn; the first one over its limit refuses.
    async fn take_attempts(&self, scopes: &[(&str, Limit)]) -> Result<(), DomainError> {
        let now = self.now();
        for (scope, limit) in scopes {
            if let Some(minutes) = throttle::take(&self.db, scope, *limit, now).await? {
                return Err(DomainError::Throttled { minutes });
            }
        }
        Ok(())
    }

    /// True when `client` logged in to `user_id` before.
    async fn known_client(&self, user_id: i64, client: &str) -> Result<bool, StoreError> {
        Ok(sqlx::query_scalar::<_, i64>(
            "SELECT user_id FROM login_clients WHERE user_id = $1 AND client = $2",
        )
        .bind(user_id)
        .bind(client)
        .fetch_optional(self.db.pool())
        .await
        .or_incident("known client")?
        .is_some())
    }

    async fn remember_client(&self, user_id: i64, client: &str) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO login_clients (user_id, client, last_at) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id, client) DO UPDATE SET last_at = excluded.last_at",
        )
        .bind(user_id)
        .bind(client)
        .bind(self.now())
        .execute(self.db.pool())
        .await
        .or_incident("remember client")?;
        Ok(())
    }

    async fn set_password(&self, user_id: i64, password: &str) -> Result<i64, DomainError> {
        let hash = passwords::hash(password.to_owned())
            .await
            .map_err(|e| crate::infra::db::incident("password hash", e))?;
        let epoch = sqlx::query_scalar::<_, i64>(
            "UPDATE users SET password_hash = $1, session_epoch = session_epoch + 1 \
             WHERE id = $2 RETURNING session_epoch",
        )
        .bind(hash)
        .bind(user_id)
        .fetch_optional(self.db.pool())
        .await
        .or_incident("password update")?;
        epoch.ok_or(DomainError::NotFound)
    }

    /// Used by the `admin create` command: makes an account (or an existing one) an admin.
    pub async fn create_admin(&self, email: &str, password: &str) -> Result<i64, DomainError> {
        let email = normalize_email(email);
        if let Some(p) = password_problem(password) {
            return Err(field("password", p));
        }
        if let Some(user) = self.user_where("email", &email).await? {
            sqlx::query("UPDATE users SET role = 'admin' WHERE id = $1")
                .bind(user.id)
                .execute(self.db.pool())
                .await
                .or_incident("admin promote")?;
            self.set_password(user.id, password).await?;
            return Ok(user.id);
        }
        let local = email.split('@').next().unwrap_or("admin");
        let mut username: String = local
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .take(20)
            .collect();
        if !username.starts_with(|c: char| c.is_ascii_alphabetic()) {
            username.insert_str(0, "admin");
        }
        username.push_str(&format!(".{:04x}", rand::random::<u16>()));
        let form = SignUp {
            first_name: "Admin".into(),
            last_name: "Khidmat".into(),
            email: email.clone(),
            password: password.to_owned(),
            username,
        };
        let (user, _) = self.sign_up(form, "command-line").await?;
        sqlx::query("UPDATE users SET role = 'admin', email_verified_at = $1 WHERE id = $2")
            .bind(self.now())
            .bind(user.id)
            .execute(self.db.pool())
            .await
            .or_incident("admin create")?;
        Ok(user.id)
    }
}

#[async_trait]
impl AccountStore for SqlAccounts {
    async fn notifications(
        &self,
        user: i64,
    ) -> Result<Vec<shared::notifications::Notice>, StoreError> {
        crate::notifications::list(&self.db, user).await
    }

    async fn unread_notifications(&self, user: i64) -> Result<u32, StoreError> {
        crate::notifications::unread(&self.db, user).await
    }

    async fn mark_notifications_read(&self, user: i64) -> Result<(), StoreError> {
        crate::notifications::mark_read(&self.db, user, self.now()).await
    }

    async fn mail_preferences(
        &self,
        user: i64,
    ) -> Result<shared::notifications::MailPreferences, StoreError> {
        crate::notifications::preferences(&self.db, user).await
    }

    async fn set_mail_preferences(
        &self,
        user: i64,
        preferences: shared::notifications::MailPreferences,
    ) -> Result<(), StoreError> {
        crate::notifications::set_preferences(&self.db, user, preferences).await
    }

    async fn set_language(&self, user: i64, lang: shared::lang::Lang) -> Result<(), StoreError> {
        crate::notifications::set_language(&self.db, user, lang).await
    }

    async fn sign_up(
        &self,
        form: SignUp,
        client: &str,
    ) -> Result<(SessionUser, SessionAuth), DomainError> {
        validate_sign_up(&form).map_err(DomainError::Invalid)?;
        let email = normalize_email(&form.email);
        let username = form.username.trim().to_lowercase();
        if self.user_where("email", &email).await?.is_some() {
            return Err(field("email", "error-email-taken"));
        }
        if self.user_where("username", &username).await?.is_some() {
            return Err(field("username", "error-username-taken"));
        }
        // Counted only for well-formed, available sign-ups: the ones that cost a hash.
        self.take_attempts(&[(&format!("sign-up:{client}"), SIGN_UP_LIMIT)])
            .await?;
        let hash = passwords::hash(form.password.clone())
            .await
            .map_err(|e| crate::infra::db::incident("password hash", e))?;
        let (first, last) = (form.first_name.trim(), form.last_name.trim());
        let now = self.now();
        let inserted = sqlx::query_scalar::<_, i64>(
            "INSERT INTO users (username, email, first_name, last_name, display_name, \
             password_hash, created_at, last_seen_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(&username)
        .bind(&email)
        .bind(first)
        .bind(last)
        .bind(format!("{first} {last}"))
        .bind(hash)
        .bind(now)
        .bind(now)
        .fetch_one(self.db.pool())
        .await;
        let id = match inserted {
            Ok(id) => id,
            // Two sign-ups racing for the same email or username: the UNIQUE index decides,
            // and which one was taken is read back from the table, not from the message.
            Err(e) if crate::infra::db::is_unique_violation(&e) => {
                return Err(if self.user_where("email", &email).await?.is_some() {
                    field("email", "error-email-taken")
                } else {
                    field("username", "error-username-taken")
                });
            }
            Err(e) => return Err(crate::infra::db::incident("sign up", e).into()),
        };
        let row = self.user_by_id(id).await?.ok_or(DomainError::NotFound)?;
        // The account exists now: a mail failure must not make the sign-up look failed
        // (a retry would say the email is taken). It is logged, and the user can ask for
        // the link again from the banner.
        if let Err(e) = self.send_verification(&row).await {
            tracing::warn!(incident = %e.incident, user = id, "verification mail not sent at sign-up");
        }
        Ok((row.session_user(), row.auth()))
    }

    async fn verify_email(&self, token: &str) -> Result<(), DomainError> {
        let user_id = self.take_token(token, "verify").await?;
        Ok(self.mark_verified(user_id).await?)
    }

    async fn resend_verification(&self, user_id: i64) -> Result<(), DomainError> {
        let user = self
            .user_by_id(user_id)
            .await?
            .ok_or(DomainError::NotFound)?;
        if user.email_verified_at.is_some() {
            return Err(Refusal::AlreadyVerified.into());
        }
        self.take_attempts(&[(&format!("mail:user:{user_id}"), MAIL_LIMIT)])
            .await?;
        Ok(self.send_verification(&user).await?)
    }

    async fn log_in(
        &self,
        email: &str,
        password: &str,
        client: &str,
    ) -> Result<(SessionUser, SessionAuth), DomainError> {
        let email = normalize_email(email);
        let user = self.user_where("email", &email).await?;
        let pair_scope = format!("login:{email}:{client}");
        let client_scope = format!("login-client:{client}");
        let account_scope = format!("login-account:{email}");
        // The account-wide limit does not apply to a client that logged in before.
        let known = match &user {
            Some(u) => self.known_client(u.id, client).await?,
            None => false,
        };
        let mut scopes = vec![
            (pair_scope.as_str(), ACCOUNT_CLIENT_LIMIT),
            (client_scope.as_str(), CLIENT_LIMIT),
        ];
        if !known {
            scopes.push((account_scope.as_str(), ACCOUNT_LIMIT));
        }
        // Each attempt is counted before the password is checked (see `throttle`).
        self.take_attempts(&scopes).await?;
        let hash = user.as_ref().and_then(|u| u.password_hash.clone());
        self.password_checks
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let ok = password.chars().count() <= shared::account::PASSWORD_MAX
            && passwords::verify(password.to_owned(), hash).await;
        let user = match (ok, user) {
            (true, Some(user)) => user,
            // Unknown email and wrong password: the same answer, the same time spent.
            _ => return Err(Refusal::LoginFailed.into()),
        };
        if user.status != "active" {
            return Err(Refusal::AccountSuspended.into());
        }
        // A success was not a failed guess: this client starts afresh with the account,
        // and the attempts it took from the shared scopes are given back.
        throttle::clear(&self.db, &pair_scope).await?;
        throttle::give_back(&self.db, &client_scope).await?;
        if !known {
            throttle::give_back(&self.db, &account_scope).await?;
        }
        self.remember_client(user.id, client).await?;
        sqlx::query("UPDATE users SET last_seen_at = $1 WHERE id = $2")
            .bind(self.now())
            .bind(user.id)
            .execute(self.db.pool())
            .await
            .or_incident("last seen")?;
        Ok((user.session_user(), user.auth()))
    }

    async fn session_user(&self, auth: SessionAuth) -> Result<Option<SessionUser>, StoreError> {
        Ok(self
            .user_by_id(auth.user_id)
            .await?
            .filter(|u| u.status == "active" && u.session_epoch == auth.epoch)
            .map(|u| u.session_user()))
    }

    async fn request_password_reset(&self, email: &str, client: &str) -> Result<(), DomainError> {
        if let Some(p) = shared::account::email_problem(email) {
            return Err(field("email", p));
        }
        let email = normalize_email(email);
        // Per client and per recipient, whether or not the account exists (the answer
        // must not tell), so nobody can flood a mailbox or the mail server.
        self.take_attempts(&[
            (&format!("mail:client:{client}"), MAIL_LIMIT),
            (&format!("mail:email:{email}"), MAIL_LIMIT),
        ])
        .await?;
        let Some(user) = self.user_where("email", &email).await? else {
            return Ok(());
        };
        if user.status != "active" {
            return Ok(());
        }
        self.mail_link(
            &user,
            "reset",
            "/reset-password",
            RESET_TTL_SECS,
            "إعادة تعيين كلمة المرور في خدمات · Reset your password",
            "طلبت إعادة تعيين كلمة المرور. الرابط صالح لساعة واحدة ولمرة واحدة.\n\
             You asked to reset your password. The link works once, for one hour.",
        )
        .await?;
        Ok(())
    }

    async fn reset_password(&self, token: &str, password: &str) -> Result<(), DomainError> {
        if let Some(p) = password_problem(password) {
            return Err(field("password", p));
        }
        let user_id = self.take_token(token, "reset").await?;
        self.set_password(user_id, password).await?;
        // Whoever asked for the link owns the mailbox: the address is verified too.
        Ok(self.mark_verified(user_id).await?)
    }

    async fn change_password(
        &self,
        user_id: i64,
        current: &str,
        new: &str,
    ) -> Result<SessionAuth, DomainError> {
        let user = self
            .user_by_id(user_id)
            .await?
            .ok_or(DomainError::NotFound)?;
        if !passwords::verify(current.to_owned(), user.password_hash.clone()).await {
            return Err(field("current_password", "error-password-wrong"));
        }
        if let Some(p) = password_problem(new) {
            return Err(field("new_password", p));
        }
        let epoch = self.set_password(user_id, new).await?;
        Ok(SessionAuth { user_id, epoch })
    }

    async fn profile(&self, user_id: i64) -> Result<Profile, DomainError> {
        #[derive(FromRow)]
        struct Row {
            display_name: String,
            bio: String,
            skills: String,
            avatar_path: Option<String>,
        }
        let row = sqlx::query_as::<_, Row>(
            "SELECT display_name, bio, skills, avatar_path FROM users WHERE id = $1",
        )
        .bind(user_id)
        .fetch_optional(self.db.pool())
        .await
        .or_incident("profile read")?
        .ok_or(DomainError::NotFound)?;
        Ok(Profile {
            display_name: row.display_name,
            bio: row.bio,
            skills: split_list(&row.skills),
            avatar: row.avatar_path,
        })
    }

    async fn update_profile(&self, user_id: i64, profile: Profile) -> Result<(), DomainError> {
        validate_profile(&profile).map_err(DomainError::Invalid)?;
        if let Some(avatar) = &profile.avatar {
            if !crate::selling::images::owns(&self.db, user_id, avatar).await? {
                return Err(field("avatar", "error-image-not-yours"));
            }
        }
        let skills: Vec<String> = profile.skills.iter().map(|s| s.trim().to_owned()).collect();
        sqlx::query(
            "UPDATE users SET display_name = $1, bio = $2, skills = $3, \
             avatar_path = COALESCE($4, avatar_path) WHERE id = $5",
        )
        .bind(profile.display_name.trim())
        .bind(profile.bio.trim())
        .bind(skills.join(","))
        .bind(profile.avatar.as_deref())
        .bind(user_id)
        .execute(self.db.pool())
        .await
        .or_incident("profile update")?;
        Ok(())
    }
}
