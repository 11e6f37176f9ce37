//! `khidmat`: serve the marketplace, migrate the database, or seed it.

use std::net::SocketAddr;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use leptos::config::get_configuration;
use server::config::Config;
use server::db::Db;
use server::{http, seed};
use tracing_subscriber::EnvFilter;

#[derive(Parser)]
#[command(name = "khidmat", version, about = "Khidmat — سوق الخدمات المصغرة")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate the database and serve the site (the default).
    Serve,
    /// Apply the database migrations and exit.
    Migrate,
    /// Fill the database with generated data.
    #[command(subcommand)]
    Seed(SeedCommand),
    /// Administration.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Measure and print figures (run `seed bench` first for a big catalog).
    #[command(subcommand)]
    Bench(BenchCommand),
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Make an admin account (or make an existing account an admin).
    Create {
        #[arg(long)]
        email: String,
        /// Without it, a random password is generated and printed once.
        #[arg(long, env = "KHIDMAT_ADMIN_PASSWORD")]
        password: Option<String>,
    },
}

#[derive(Subcommand)]
enum BenchCommand {
    /// Search latency (p50/p95) over a fixed set of Arabic and English queries.
    Search {
        #[arg(long, default_value_t = 400)]
        queries: usize,
    },
    /// Concurrent checkouts into escrow: checkouts per second, p50/p99 latency, then every
    /// ledger invariant (exits non-zero if one is broken).
    Checkout {
        #[arg(long, default_value_t = 50)]
        concurrency: usize,
        #[arg(long, default_value_t = 2000)]
        orders: usize,
    },
}

#[derive(Subcommand)]
enum SeedCommand {
    /// The Arabic demo catalog and demo accounts; only into an empty database.
    Demo,
    /// N generated services (with sellers, upgrades and reviews) for benchmarks.
    Bench {
        #[arg(long)]
        services: usize,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info")),
        )
        .init();
    match run(Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            tracing::error!("{message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let config = Config::from_env();
    let db = Db::connect(&config.database_url)
        .await
        .map_err(|e| format!("cannot open the database: {e}"))?;
    db.migrate()
        .await
        .map_err(|e| format!("cannot migrate the database: {e}"))?;
    let indexed = server::search::backfill(&db)
        .await
        .map_err(|e| format!("cannot index services for search: {e}"))?;
    if indexed > 0 {
        tracing::info!(indexed, "services added to the search index");
    }
    match cli.command.unwrap_or(Command::Serve) {
        Command::Admin(AdminCommand::Create { email, password }) => {
            create_admin(&config, &db, &email, password).await?
        }
        Command::Bench(BenchCommand::Search { queries }) => {
            let report = server::bench::search_latency(&db, queries)
                .await
                .map_err(|e| e.to_string())?;
            println!("{report}");
        }
        Command::Bench(BenchCommand::Checkout {
            concurrency,
            orders,
        }) => {
            let report = server::bench::checkout_throughput(&db, concurrency, orders).await?;
            println!("{report}");
            if !report.broken.is_empty() {
                return Err("ledger invariants broken".into());
            }
        }
        Command::Migrate => tracing::info!(backend = ?db.backend(), "migrations applied"),
        Command::Seed(SeedCommand::Demo) => {
            match seed::seed_demo(&db, &config.media_dir)
                .await
                .map_err(|e| e.to_string())?
            {
                Some(report) => tracing::info!(?report, "demo catalog seeded"),
                None => tracing::info!("the database already has a catalog; demo seed skipped"),
            }
        }
        Command::Seed(SeedCommand::Bench { services }) => {
            let started = std::time::Instant::now();
            let report = seed::seed_bench(&db, &config.media_dir, services)
                .await
                .map_err(|e| e.to_string())?;
            tracing::info!(
                ?report,
                seconds = started.elapsed().as_secs_f64(),
                "bench data seeded"
            );
        }
        Command::Serve => serve(config, db.clone()).await?,
    }
    db.close().await;
    Ok(())
}

async fn serve(config: Config, db: Db) -> Result<(), String> {
    let leptos = get_configuration(None).map_err(|e| format!("leptos configuration: {e}"))?;
    let addr = leptos.leptos_options.site_addr;
    let state = http::AppState::new(leptos.leptos_options, db, &config)
        .await
        .map_err(|e| format!("cannot start: {e}"))?;
    state.sessions.spawn_cleanup();
    let app = http::router(state).into_make_service_with_connect_info::<SocketAddr>();
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    tracing::info!("listening on http://{addr}");
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| format!("server error: {e}"))
}

async fn create_admin(
    config: &Config,
    db: &Db,
    email: &str,
    password: Option<String>,
) -> Result<(), String> {
    let generated = password.is_none();
    let password = password.unwrap_or_else(|| {
        let bytes: [u8; 12] = rand::random();
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    });
    let mailer = server::mail::Mailer::from_config(config.smtp_url.as_deref(), &config.mail_from)?;
    let accounts = server::users::SqlAccounts::new(
        db.clone(),
        mailer,
        server::clock::system(),
        config.public_url.clone(),
    );
    let id = accounts
        .create_admin(email, &password)
        .await
        .map_err(|e| format!("cannot create the admin: {e:?}"))?;
    println!("admin {email} (user #{id}) is ready");
    if generated {
        println!("password: {password}");
    }
    Ok(())
}

/// Resolves at SIGINT or SIGTERM, so in-flight requests finish before exit.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
