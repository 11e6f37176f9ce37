//! `khidmat`: serve the marketplace, migrate the database, seed it, run its jobs, or
//! settle card payments.

use std::process::ExitCode;

use anyhow::{bail, Context};

use clap::{Parser, Subcommand};
use leptos::config::get_configuration;
use server::infra::config::Config;
use server::infra::db::Db;
use server::tools::seed;
use server::web;
use tracing_subscriber::EnvFilter;

/// Page renders allocate many small strings; glibc's malloc was a quarter of a render's
/// CPU (`khidmat bench pages` shows the difference).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Time-driven work.
    #[command(subcommand)]
    Jobs(JobsCommand),
    /// Card payments.
    #[command(subcommand)]
    Payments(PaymentsCommand),
}

#[derive(Subcommand)]
enum JobsCommand {
    /// Run every job once, then exit (the server also runs them on a tick).
    Run,
}

#[derive(Subcommand)]
enum PaymentsCommand {
    /// Credit card charges that the gateway accepted but the wallet never received (the
    /// database failed in between). Safe to run again: each charge is credited once.
    Reconcile,
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
    /// Page rendering under load: starts `khidmat serve` on this database (the demo
    /// catalog is seeded into an empty one) and prints req/s, p50/p99 and the ratio to
    /// `/healthz` for each catalog page at 1 and 64 connections, and the server's memory.
    Pages {
        /// How long each path is loaded, per connection count.
        #[arg(long, default_value_t = 5)]
        seconds: u64,
    },
    /// Concurrent checkouts into escrow: checkouts per second, p50/p99 latency, then every
    /// ledger invariant (exits non-zero if one is broken).
    Checkout {
        #[arg(long, default_value_t = 50)]
        concurrency: usize,
        #[arg(long, default_value_t = 2000)]
        orders: usize,
        /// Orders placed first, through the same checkout and untimed, so the measured
        /// run pays into a ledger that already holds them.
        #[arg(long, default_value_t = 0)]
        existing_orders: usize,
    },
    /// The lifecycle simulation at scale: about `orders` orders through random steps
    /// (checkouts, actions, messages, clock jumps with the jobs, withdrawals), every
    /// ledger invariant and every balance checked against the model every `check_every`
    /// steps and at the end. Prints steps/s and `invariants: ok`.
    Lifecycle {
        #[arg(long, default_value_t = 2000)]
        orders: usize,
        #[arg(long, default_value_t = 250)]
        check_every: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
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
        Err(error) => {
            tracing::error!("{error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let config = Config::from_env();
    let db = Db::connect(&config.database_url)
        .await
        .context("cannot open the database")?;
    db.migrate().await.context("cannot migrate the database")?;
    let indexed = server::catalog::search::backfill(&db)
        .await
        .context("cannot index services for search")?;
    if indexed > 0 {
        tracing::info!(indexed, "services added to the search index");
    }
    match cli.command.unwrap_or(Command::Serve) {
        Command::Admin(AdminCommand::Create { email, password }) => {
            create_admin(&config, &db, &email, password).await?
        }
        Command::Bench(BenchCommand::Search { queries }) => {
            let report = server::tools::bench::search_latency(&db, queries).await?;
            println!("{report}");
        }
        Command::Bench(BenchCommand::Checkout {
            concurrency,
            orders,
            existing_orders,
        }) => {
            if existing_orders > 0 {
                let started = std::time::Instant::now();
                server::tools::bench::checkout_preload(&db, concurrency, existing_orders)
                    .await
                    .map_err(anyhow::Error::msg)?;
                println!(
                    "placed {existing_orders} existing orders first in {:.1} s",
                    started.elapsed().as_secs_f64()
                );
            }
            let report = server::tools::bench::checkout_throughput(&db, concurrency, orders)
                .await
                .map_err(anyhow::Error::msg)?;
            println!("{report}");
            if !report.broken.is_empty() {
                bail!("ledger invariants broken");
            }
        }
        Command::Bench(BenchCommand::Lifecycle {
            orders,
            check_every,
            seed,
        }) => {
            // About one step in five is a checkout.
            let steps = orders.max(1) * 5;
            let started = std::time::Instant::now();
            let report = server::tools::simulate::run(&db, seed, steps, check_every)
                .await
                .map_err(anyhow::Error::msg)?;
            let secs = started.elapsed().as_secs_f64();
            println!(
                "lifecycle ({:?}, seed {seed}): {} steps, {} orders, {} refused as the model \
                 predicted, {} withdrawals decided, {} job runs, {} still open, in {secs:.1} s \
                 ({:.0} steps/s, with {} full checks)",
                db.backend(),
                report.steps,
                report.orders,
                report.refused,
                report.withdrawals,
                report.jobs_runs,
                report.open_at_end,
                report.steps as f64 / secs,
                report.checks,
            );
            println!(
                "actions: {:?}; jobs: {} auto-accepted, {} auto-cancelled, {} earnings cleared",
                report.taken, report.auto_accepted, report.auto_cancelled, report.cleared
            );
            println!("invariants: ok");
        }
        Command::Bench(BenchCommand::Pages { seconds }) => {
            if seed::seed_demo(&db, &config.media_dir)
                .await
                .context("demo seed")?
                .is_some()
            {
                tracing::info!("demo catalog seeded for the benchmark");
            }
            let exe = std::env::current_exe().context("the khidmat binary")?;
            let report = server::tools::load::pages(
                &exe,
                &config.database_url,
                &config.media_dir,
                std::time::Duration::from_secs(seconds),
            )
            .await?;
            println!("{report}");
        }
        Command::Jobs(JobsCommand::Run) => {
            let orders = server::orders::SqlOrders::new(
                db.clone(),
                server::infra::clock::orders(),
                config.clearance_secs(),
            );
            let mailing = server::notifications::mail::Mailing {
                mailer: server::infra::mail::Mailer::from_config(
                    config.smtp_url.as_deref(),
                    &config.mail_from,
                )
                .map_err(anyhow::Error::msg)?,
                public_url: config.public_url.clone(),
            };
            let (orders_report, housekeeping) =
                server::jobs::run_all(&db, &config.media_dir, &orders, &mailing).await?;
            println!("{orders_report:?}\n{housekeeping:?}");
        }
        Command::Payments(PaymentsCommand::Reconcile) => {
            let report =
                server::money::payments::reconcile(&db, server::infra::clock::system()).await?;
            println!("{report}");
        }
        Command::Migrate => tracing::info!(backend = ?db.backend(), "migrations applied"),
        Command::Seed(SeedCommand::Demo) => {
            match seed::seed_demo(&db, &config.media_dir)
                .await
                .context("demo seed")?
            {
                Some(report) => tracing::info!(?report, "demo catalog seeded"),
                None => tracing::info!("the database already has a catalog; demo seed skipped"),
            }
        }
        Command::Seed(SeedCommand::Bench { services }) => {
            let started = std::time::Instant::now();
            let report = seed::seed_bench(&db, &config.media_dir, services)
                .await
                .context("bench seed")?;
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

async fn serve(config: Config, db: Db) -> anyhow::Result<()> {
    config.check()?;
    // The first searches need not wait for them (they search in SQL meanwhile).
    db.facets().load_in_background(&db);
    let leptos = get_configuration(None).context("leptos configuration")?;
    let addr = leptos.leptos_options.site_addr;
    let state = web::AppState::new(leptos.leptos_options, db.clone(), &config)
        .await
        .context("cannot start")?;
    state.sessions.spawn_cleanup();
    server::jobs::spawn(
        db,
        config.media_dir.clone(),
        state.order_flow.clone(),
        state.mailing.clone(),
        config.jobs_interval,
        state.generation.clone(),
    );
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    tracing::info!("listening on http://{addr}");
    web::serve(
        listener,
        web::router(state),
        web::Limits::default(),
        shutdown_signal(),
    )
    .await;
    Ok(())
}

async fn create_admin(
    config: &Config,
    db: &Db,
    email: &str,
    password: Option<String>,
) -> anyhow::Result<()> {
    let generated = password.is_none();
    let password = password.unwrap_or_else(|| {
        let bytes: [u8; 12] = rand::random();
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    });
    let mailer =
        server::infra::mail::Mailer::from_config(config.smtp_url.as_deref(), &config.mail_from)
            .map_err(anyhow::Error::msg)?;
    let accounts = server::accounts::SqlAccounts::new(
        db.clone(),
        mailer,
        server::infra::clock::system(),
        config.public_url.clone(),
    );
    let id = accounts
        .create_admin(email, &password)
        .await
        .map_err(|e| anyhow::anyhow!("cannot create the admin: {e:?}"))?;
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
