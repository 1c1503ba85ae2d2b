//! `shushang`: with no arguments it migrates and serves; see `--help` for the rest.

use clap::Parser;
use server::config::{Cli, Command};
use server::{commands, seed, startup, telemetry};
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    telemetry::init();
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "shushang failed");
            eprintln!("shushang: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), startup::BoxError> {
    let settings = cli.settings;
    let command = cli.command.unwrap_or(Command::Serve);
    let migrates = match command {
        Command::Serve => settings.migrate_on_start,
        Command::Migrate => true,
        _ => false,
    };
    if migrates {
        startup::create_database_if_missing(&settings).await?;
    }
    let db = startup::connect_pool(&settings)?;
    match command {
        Command::Serve => {
            if migrates {
                startup::migrate(&db).await?;
            }
            db.close().await;
            startup::serve(&settings).await
        }
        Command::Migrate => startup::migrate(&db).await,
        Command::SeedDemo(options) => {
            let plan = seed::MarketPlan::from_options(&options);
            if seed::seed_demo_with(&db, &plan).await? {
                eprintln!(
                    "Demo data loaded. Every demo account's password: {}; the demo operator's \
                     authenticator (TOTP) secret: {}",
                    seed::DEMO_PASSWORD,
                    seed::DEMO_TOTP_SECRET_BASE32
                );
            }
            Ok(())
        }
        Command::CreateAdmin { email, name } => {
            let password = commands::admin_password_from_env_or_stdin()?;
            commands::create_admin(&db, &email, &name, &password).await
        }
    }
}
