//! `khidmat bench pages`: the release server, started as a child process on a seeded
//! database, loaded over real sockets by this process. For `/healthz` and each catalog
//! page, at 1 and 64 connections: requests per second, p50 and p99 latency, and the
//! page's rate as a ratio of `/healthz`'s in the same run (absolute rates depend on the
//! machine; the ratio says what a page costs), and the share the page cache answered.
//! Three times: as visitors without a session get the pages; with the page cache off, so
//! every page is rendered as for a member (from the catalog's kept answers); and with the
//! catalog's cache off too, every render reading the database. Also the server's resident
//! memory, idle and under load.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use http_body_util::{BodyExt, Empty};
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

/// Sends GET `path` over one kept-alive connection until `until`; the latencies.
async fn one_connection(
    addr: std::net::SocketAddr,
    path: String,
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
        let request = hyper::Request::get(path.as_str())
            .header(hyper::header::HOST, addr.to_string())
            .header(hyper::header::ACCEPT_LANGUAGE, "ar")
            .body(Empty::<Bytes>::new())?;
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
    connections: usize,
    duration: Duration,
) -> anyhow::Result<Load> {
    let started = Instant::now();
    let until = started + duration;
    let tasks: Vec<_> = (0..connections)
        .map(|_| tokio::spawn(one_connection(addr, path.to_owned(), until)))
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

/// Runs the whole benchmark against `khidmat serve` on `database_url` (seeded already)
/// and returns the report as text: as visitors without a session see the pages (the page
/// cache answers them), with the page cache off (every page rendered, as for a member),
/// and with the catalog's cache off as well (every render reads the database).
pub async fn pages(
    exe: &Path,
    database_url: &str,
    media_dir: &Path,
    duration: Duration,
) -> anyhow::Result<String> {
    let mut out = String::new();
    let settings: [(&str, &[(&str, &str)]); 3] = [
        (
            "visitors without a session (page cache on, the default)",
            &[],
        ),
        (
            "every page rendered, catalog answers kept (PAGE_CACHE_SECS=0)",
            &[("PAGE_CACHE_SECS", "0")],
        ),
        (
            "every page rendered from the database (PAGE_CACHE_SECS=0 CATALOG_CACHE_SECS=0)",
            &[("PAGE_CACHE_SECS", "0"), ("CATALOG_CACHE_SECS", "0")],
        ),
    ];
    for (title, env) in settings {
        writeln!(out, "== {title}")?;
        out += &one_server(exe, database_url, media_dir, duration, env).await?;
    }
    Ok(out)
}

async fn one_server(
    exe: &Path,
    database_url: &str,
    media_dir: &Path,
    duration: Duration,
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
        if load(addr, "/healthz", 1, Duration::from_millis(50))
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
    // Warm up every page once (caches, lazily built state).
    for path in PAGES {
        load(addr, path, 1, Duration::from_millis(300)).await?;
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
        let health = load(addr, "/healthz", connections, duration).await?;
        let mut rows = vec![health];
        for path in PAGES
            .iter()
            .copied()
            .chain(statics.iter().map(String::as_str))
        {
            rows.push(load(addr, path, connections, duration).await?);
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
