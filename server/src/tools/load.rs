//! `khidmat bench pages`: the release server, started as a child process on a seeded
//! database, loaded over real sockets by this process. For `/healthz` and each catalog
//! page, at 1 and 64 connections: requests per second, p50 and p99 latency, and the
//! page's rate as a ratio of `/healthz`'s in the same run (absolute rates depend on the
//! machine; the ratio says what a page costs), and the share the page cache answered.
//! Four times: as visitors without a session get the pages; as a signed-in member gets
//! them (the kept page with the member's own account menu); with the page cache off, so
//! every page is rendered (from the catalog's kept answers); and with the catalog's cache
//! off too, every render reading the database. Also the server's resident memory, idle
//! and under load.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use http_body_util::{BodyExt, Empty, Full};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

/// The pages a visitor browses, and the health check they are compared with.
pub const PAGES: [&str; 5] = [
    "/",
    "/categories/design",
    "/services/23",
    "/sellers/ahmad.designs",
    "/search?q=%D8%AA%D8%B5%D9%85%D9%8A%D9%85+%D8%B4%D8%B9%D8%A7%D8%B1",
];

/// Static files: with Nagle on, each waited for the client's delayed ACK (20–40 ms). The
/// stylesheet goes by the name the build gave it (with its hash in a release build).
fn static_paths() -> anyhow::Result<[String; 2]> {
    let options = leptos::config::get_configuration(None)?.leptos_options;
    Ok([
        crate::web::assets::stylesheet_href(&options).to_owned(),
        "/fonts/cairo-arabic-400-normal.woff2".to_owned(),
    ])
}

/// One load of one path.
pub struct Load {
    pub path: String,
    pub connections: usize,
    pub requests: usize,
    pub per_second: f64,
    pub p50: Duration,
    pub p99: Duration,
    /// Answers the page cache gave (`x-cache: hit`).
    pub cached: usize,
}

/// Sends GET `path` over one kept-alive connection until `until`, with `cookie` if there
/// is one; the latencies.
async fn one_connection(
    addr: std::net::SocketAddr,
    path: String,
    cookie: Option<String>,
    until: Instant,
) -> anyhow::Result<(Vec<Duration>, usize)> {
    let stream = TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(connection);
    let mut latencies = Vec::new();
    let mut cached = 0;
    while Instant::now() < until {
        let mut request = hyper::Request::get(path.as_str())
            .header(hyper::header::HOST, addr.to_string())
            .header(hyper::header::ACCEPT_LANGUAGE, "ar");
        if let Some(cookie) = &cookie {
            request = request.header(hyper::header::COOKIE, cookie.as_str());
        }
        let request = request.body(Empty::<Bytes>::new())?;
        let started = Instant::now();
        let response = sender.send_request(request).await?;
        let status = response.status();
        if response
            .headers()
            .get(crate::web::page_cache::X_CACHE)
            .is_some_and(|v| v == "hit")
        {
            cached += 1;
        }
        response.into_body().collect().await?;
        if !status.is_success() {
            bail!("{path} answered {status}");
        }
        latencies.push(started.elapsed());
    }
    Ok((latencies, cached))
}

async fn load(
    addr: std::net::SocketAddr,
    path: &str,
    cookie: Option<&str>,
    connections: usize,
    duration: Duration,
) -> anyhow::Result<Load> {
    let started = Instant::now();
    let until = started + duration;
    let tasks: Vec<_> = (0..connections)
        .map(|_| {
            tokio::spawn(one_connection(
                addr,
                path.to_owned(),
                cookie.map(str::to_owned),
                until,
            ))
        })
        .collect();
    let mut all = Vec::new();
    let mut cached = 0;
    for task in tasks {
        let (latencies, hits) = task.await??;
        all.extend(latencies);
        cached += hits;
    }
    let elapsed = started.elapsed().as_secs_f64();
    all.sort_unstable();
    let at = |q: f64| all[((all.len() as f64 * q) as usize).min(all.len() - 1)];
    Ok(Load {
        path: path.to_owned(),
        connections,
        requests: all.len(),
        per_second: all.len() as f64 / elapsed,
        p50: at(0.50),
        p99: at(0.99),
        cached,
    })
}

/// Signs the demo buyer in, as the log-in form does; the session cookie
/// (`name=value`) that makes the next requests theirs.
async fn sign_in(addr: std::net::SocketAddr) -> anyhow::Result<String> {
    use leptos::server_fn::ServerFn;
    let stream = TcpStream::connect(addr).await?;
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(connection);
    let form = format!(
        "email={}&password={}",
        crate::tools::seed::DEMO_BUYER_EMAIL,
        crate::tools::seed::DEMO_PASSWORD
    );
    let request = hyper::Request::post(app::api::account::LogIn::PATH)
        .header(hyper::header::HOST, addr.to_string())
        .header(
            hyper::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .header(hyper::header::ACCEPT, "application/json")
        .body(Full::new(Bytes::from(form)))?;
    let response = sender.send_request(request).await?;
    let status = response.status();
    let prefix = format!("{}=", crate::web::sessions::COOKIE_NAME);
    let cookie = response
        .headers()
        .get_all(hyper::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&prefix))
        .and_then(|v| v.split(';').next())
        .map(str::to_owned);
    let body = response.into_body().collect().await?.to_bytes();
    match cookie {
        Some(cookie) if status.is_success() => Ok(cookie),
        _ => bail!(
            "signing the demo buyer in answered {status}: {}",
            String::from_utf8_lossy(&body)
        ),
    }
}

/// Resident memory of process `pid`, in MiB (Linux).
fn rss_mib(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Extra environment for one benchmark run's server.
type ServerEnv = &'static [(&'static str, &'static str)];

/// Runs the whole benchmark against `khidmat serve` on `database_url` (seeded already)
/// and returns the report as text: as visitors without a session see the pages (the page
/// cache answers them), as a signed-in member sees them (the kept page with their own
/// menu), with the page cache off (every page rendered), and with the catalog's cache off
/// as well (every render reads the database).
pub async fn pages(
    exe: &Path,
    database_url: &str,
    media_dir: &Path,
    duration: Duration,
) -> anyhow::Result<String> {
    let mut out = String::new();
    // What each run is, whether a member asks, and the server's extra settings.
    let settings: [(&str, bool, ServerEnv); 4] = [
        (
            "visitors without a session (page cache on, the default)",
            false,
            &[],
        ),
        ("a signed-in member (page cache on, the default)", true, &[]),
        (
            "a signed-in member, every page rendered, catalog answers kept (PAGE_CACHE_SECS=0)",
            true,
            &[("PAGE_CACHE_SECS", "0")],
        ),
        (
            "every page rendered from the database (PAGE_CACHE_SECS=0 CATALOG_CACHE_SECS=0)",
            false,
            &[("PAGE_CACHE_SECS", "0"), ("CATALOG_CACHE_SECS", "0")],
        ),
    ];
    for (title, member, env) in settings {
        writeln!(out, "== {title}")?;
        out += &one_server(exe, database_url, media_dir, duration, member, env).await?;
    }
    Ok(out)
}

async fn one_server(
    exe: &Path,
    database_url: &str,
    media_dir: &Path,
    duration: Duration,
    member: bool,
    env: &[(&str, &str)],
) -> anyhow::Result<String> {
    let port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0")?;
        probe.local_addr()?.port()
    };
    let addr: std::net::SocketAddr = format!("127.0.0.1:{port}").parse()?;
    let mut command = tokio::process::Command::new(exe);
    command
        .arg("serve")
        .env("DATABASE_URL", database_url)
        .env("MEDIA_DIR", media_dir)
        .env("LEPTOS_SITE_ADDR", addr.to_string())
        .env("RUST_LOG", "warn");
    command.envs(env.iter().copied());
    let mut server = command
        .stdout(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .context("starting the server")?;
    let pid = server.id().context("server pid")?;
    let ready = Instant::now();
    loop {
        if load(addr, "/healthz", None, 1, Duration::from_millis(50))
            .await
            .is_ok()
        {
            break;
        }
        if ready.elapsed() > Duration::from_secs(60) {
            bail!("the server did not answer /healthz within 60 s");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let cookie = if member {
        Some(sign_in(addr).await?)
    } else {
        None
    };
    let cookie = cookie.as_deref();
    // Warm up every page once (caches, lazily built state).
    for path in PAGES {
        load(addr, path, cookie, 1, Duration::from_millis(300)).await?;
    }
    let statics = static_paths()?;
    let idle = rss_mib(pid);
    let mut out = String::new();
    let mut peak = idle;
    writeln!(
        out,
        "{:<60} {:>5} {:>10} {:>9} {:>9} {:>7} {:>7}",
        "path", "conns", "req/s", "p50 ms", "p99 ms", "ratio", "cached"
    )?;
    for connections in [1, 64] {
        let health = load(addr, "/healthz", cookie, connections, duration).await?;
        let mut rows = vec![health];
        for path in PAGES
            .iter()
            .copied()
            .chain(statics.iter().map(String::as_str))
        {
            rows.push(load(addr, path, cookie, connections, duration).await?);
            peak = peak.max(rss_mib(pid));
        }
        let base = rows[0].per_second;
        for row in &rows {
            writeln!(
                out,
                "{:<60} {:>5} {:>10.0} {:>9.2} {:>9.2} {:>7.3} {:>6.0}%",
                row.path,
                row.connections,
                row.per_second,
                row.p50.as_secs_f64() * 1e3,
                row.p99.as_secs_f64() * 1e3,
                row.per_second / base,
                100.0 * row.cached as f64 / row.requests.max(1) as f64
            )?;
        }
    }
    writeln!(
        out,
        "server resident memory: {idle:.1} MiB idle, {peak:.1} MiB under load"
    )?;
    server.kill().await.ok();
    Ok(out)
}
