//! Password hashing: argon2id with the crate's defaults (19 MiB, 2 passes). Hashing is
//! deliberately slow and memory-hard, so:
//!
//! - it runs on the blocking thread pool, off the async workers;
//! - at most one hash per core runs at a time (the blocking pool would otherwise run
//!   hundreds at once: a burst of sign-ups was a memory bomb);
//! - the 19 MiB each hash works in come from a small pool of buffers that are reused, not
//!   allocated per hash: freed, such big buffers stay with the allocator (glibc keeps them
//!   in its arenas), and a burst of 300 sign-ups grew the process by 600–900 MiB even two
//!   at a time. With the pool, memory is one buffer per core, whatever the load.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use argon2::password_hash::{rand_core::OsRng, Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use tokio::sync::Semaphore;

/// Buffers of `Block`s left by finished hashes, for the next ones to reuse.
static BUFFERS: Mutex<Vec<Vec<Block>>> = Mutex::new(Vec::new());
/// Hashes running now, and the most that ever ran at once (the tests read it).
static RUNNING: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

/// How many hashes may run at once: the number of cores.
pub fn max_concurrent() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

pub fn peak_concurrent() -> usize {
    PEAK.load(Ordering::Relaxed)
}

/// Runs Argon2 `argon` over a pooled buffer of at least `params`' size.
fn run(argon: &Argon2<'_>, params: &Params, password: &[u8], salt: &[u8], out: &mut [u8]) -> bool {
    let needed = params.block_count();
    let reused = BUFFERS
        .lock()
        .ok()
        .and_then(|mut pool| pool.pop())
        .filter(|b| b.len() >= needed);
    // A stored hash with bigger parameters than ours gets a buffer of its own.
    let mut buffer = reused.unwrap_or_else(|| vec![Block::default(); needed]);
    let ok = argon
        .hash_password_into_with_memory(password, salt, out, &mut buffer[..])
        .is_ok();
    if let Ok(mut pool) = BUFFERS.lock() {
        if pool.len() < max_concurrent() {
            pool.push(buffer);
        }
    }
    ok
}

pub fn hash_blocking(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    let mut salt_bytes = [0u8; 64];
    let salt_raw = salt
        .as_salt()
        .decode_b64(&mut salt_bytes)
        .map_err(|e| e.to_string())?;
    let params = Params::default();
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    if !run(&argon, &params, password.as_bytes(), salt_raw, &mut out) {
        return Err("argon2 failed".into());
    }
    let hash = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).map_err(|e| e.to_string())?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&out).map_err(|e| e.to_string())?),
    };
    Ok(hash.to_string())
}

fn verify_blocking(password: &str, hash: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return false;
    };
    let (Ok(algorithm), Ok(params)) = (
        Algorithm::try_from(parsed.algorithm),
        Params::try_from(&parsed),
    ) else {
        return false;
    };
    let version = parsed
        .version
        .map_or(Ok(Version::V0x13), Version::try_from)
        .unwrap_or(Version::V0x13);
    let mut salt_bytes = [0u8; 64];
    let Ok(salt_raw) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    let argon = Argon2::new(algorithm, version, params.clone());
    let mut out = vec![0u8; expected.len()];
    // `Output`'s equality is constant-time.
    run(&argon, &params, password.as_bytes(), salt_raw, &mut out)
        && Output::new(&out).is_ok_and(|computed| computed == expected)
}

/// Runs `work` (a hash or a verification) on the blocking pool once a slot is free.
async fn limited<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    static SLOTS: OnceLock<Semaphore> = OnceLock::new();
    let slots = SLOTS.get_or_init(|| Semaphore::new(max_concurrent()));
    let _permit = slots.acquire().await.ok()?;
    tokio::task::spawn_blocking(move || {
        let running = RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
        PEAK.fetch_max(running, Ordering::SeqCst);
        let out = work();
        RUNNING.fetch_sub(1, Ordering::SeqCst);
        out
    })
    .await
    .ok()
}

pub async fn hash(password: String) -> Result<String, String> {
    limited(move || hash_blocking(&password))
        .await
        .unwrap_or_else(|| Err("hashing was interrupted".into()))
}

/// Checks `password` against `hash`; with no hash (unknown account) it still spends the
/// same time on a dummy hash, so the answer's timing does not tell who has an account.
pub async fn verify(password: String, hash: Option<String>) -> bool {
    limited(move || match hash {
        Some(h) => verify_blocking(&password, &h),
        None => {
            static DUMMY: OnceLock<String> = OnceLock::new();
            let dummy = DUMMY.get_or_init(|| hash_blocking("not-a-password").unwrap_or_default());
            verify_blocking(&password, dummy);
            false
        }
    })
    .await
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::PasswordHasher;

    #[test]
    fn hashes_verify_and_match_the_crate_s_own_format() {
        let hash = hash_blocking("قهوة-الصباح-2026").unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify_blocking("قهوة-الصباح-2026", &hash));
        assert!(!verify_blocking("قهوة-الصباح-2027", &hash));
        assert!(!verify_blocking("x", "not a hash"));
        // A hash made by the crate's own API (as the demo seed's are) verifies too.
        let salt = SaltString::generate(&mut OsRng);
        let theirs = Argon2::default()
            .hash_password(b"khidmat-demo-2026", &salt)
            .unwrap()
            .to_string();
        assert!(verify_blocking("khidmat-demo-2026", &theirs));
        assert!(!verify_blocking("khidmat-demo-2025", &theirs));
    }
}
