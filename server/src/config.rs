//! Typed settings from the command line and environment, with safe defaults.

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};
use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::str::FromStr;

#[derive(Debug, Parser)]
#[command(
    name = "shushang",
    version,
    about = "Shushang — the data merchant marketplace"
)]
pub struct Cli {
    #[command(flatten)]
    pub settings: Settings,
    /// With no subcommand: migrate, then serve.
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the database, then serve (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load the demo market into an empty database (does nothing if it holds accounts).
    SeedDemo(SeedOptions),
    /// Create an operator account. The password is read from SHUSHANG_ADMIN_PASSWORD, or from stdin.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Operator")]
        name: String,
    },
}

/// What `seed-demo` generates. The same options and seed always give the same market.
#[derive(Debug, Clone, Args)]
pub struct SeedOptions {
    /// `demo`: 20 leading, 115 growing and 500 inbound merchants, about 3,000 listings;
    /// `large`: 100,000 merchants and 1,000,000 listings, for benchmarks.
    #[arg(long, value_enum, default_value_t = MarketSize::Demo)]
    pub size: MarketSize,
    /// Generate this many merchants instead (tiers in the formation's proportions).
    #[arg(long)]
    pub merchants: Option<u32>,
    /// Generate exactly this many listings in all.
    #[arg(long)]
    pub listings: Option<u64>,
    /// The random seed.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MarketSize {
    Demo,
    Large,
}

#[derive(Debug, Clone, Args)]
pub struct Settings {
    /// PostgreSQL connection string.
    #[arg(
        long,
        env = "DATABASE_URL",
        hide_env_values = true,
        default_value = "postgres://postgres@127.0.0.1:5432/shushang"
    )]
    pub database_url: Secret,

    /// Address to listen on.
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000")]
    pub site_addr: SocketAddr,

    /// The site's public address for absolute links (sitemaps); default `http://{site_addr}`.
    #[arg(long, env = "SHUSHANG_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Folder with the built site (the `pkg/` bundle); default: the one `cargo xtask
    /// build` wrote beside this binary (`<target>/site/<profile>`).
    #[arg(long, env = "LEPTOS_SITE_ROOT")]
    pub site_root: Option<PathBuf>,

    /// Most database connections the server holds.
    #[arg(long, env = "SHUSHANG_DB_POOL_SIZE", default_value_t = 10)]
    pub db_pool_size: u32,

    /// Seconds a request waits for a free database connection before failing.
    #[arg(long, env = "SHUSHANG_DB_ACQUIRE_TIMEOUT_SECS", default_value_t = 3)]
    pub db_acquire_timeout_secs: u64,

    /// Mark the session cookie `Secure` (and name it `__Host-…`); default: whether the
    /// public URL is https.
    #[arg(long, env = "SHUSHANG_COOKIE_SECURE", action = ArgAction::Set)]
    pub cookie_secure: Option<bool>,

    /// Reverse proxies whose `X-Forwarded-For` is believed, comma-separated addresses or
    /// networks (`10.0.0.1,192.168.0.0/16`); from any other peer the header is ignored.
    #[arg(long, env = "SHUSHANG_TRUSTED_PROXIES", value_delimiter = ',', value_parser = crate::client::parse_proxy)]
    pub trusted_proxies: Vec<ipnet::IpNet>,

    /// Minutes of inactivity after which a session expires.
    #[arg(long, env = "SHUSHANG_SESSION_IDLE_MINUTES", default_value_t = 7 * 24 * 60)]
    pub session_idle_minutes: i64,

    /// SMTP server for outgoing mail (`smtps://user:password@smtp.example.com`,
    /// `smtp://localhost:25`); without it mail is written as files to `mail_dir`.
    #[arg(long, env = "SHUSHANG_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<Secret>,

    /// Folder for outgoing mail as `.eml` files when no SMTP server is set; default
    /// `shushang-mail` in the system's temporary folder.
    #[arg(long, env = "SHUSHANG_MAIL_DIR")]
    pub mail_dir: Option<PathBuf>,

    /// Folder for delivered files (`deliveries/…` under it); default `shushang-data` in
    /// the folder the server runs in.
    #[arg(long, env = "SHUSHANG_DATA_DIR")]
    pub data_dir: Option<PathBuf>,

    /// Keep delivered files in S3 or an S3-compatible store instead of the data folder:
    /// `s3://bucket` or `s3://bucket/prefix`. The store is configured by the standard
    /// `AWS_*` variables (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_REGION`, and
    /// `AWS_ENDPOINT` for a service other than Amazon's).
    #[arg(long, env = "SHUSHANG_FILES_URL")]
    pub files_url: Option<String>,

    /// Sender of outgoing mail.
    #[arg(
        long,
        env = "SHUSHANG_MAIL_FROM",
        default_value = "Shushang 数商 <no-reply@shushang.localhost>"
    )]
    pub mail_from: String,

    /// Apply pending migrations before serving. Turn off when serving with a role that
    /// may not change the schema (run `shushang migrate` as the owner instead).
    #[arg(long, env = "SHUSHANG_MIGRATE_ON_START", action = ArgAction::Set, default_value_t = true)]
    pub migrate_on_start: bool,

    /// Seconds an anonymous visitor's page is kept for the next (0: none). A page is
    /// also dropped as soon as the search index changes.
    #[arg(long, env = "SHUSHANG_PAGE_CACHE_SECS", default_value_t = 1)]
    pub page_cache_secs: u64,

    /// Largest request body accepted, in bytes.
    #[arg(long, env = "SHUSHANG_MAX_BODY_BYTES", default_value_t = 256 * 1024)]
    pub max_body_bytes: usize,

    /// Seconds a request body may take to arrive in all; an upload may pause this long.
    #[arg(long, env = "SHUSHANG_BODY_TIMEOUT_SECS", default_value_t = 30)]
    pub body_timeout_secs: u64,
}

impl Settings {
    /// Whether the site is served over HTTPS, as its public URL says.
    pub fn https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|url| url.starts_with("https://"))
    }

    /// The folder for the data the server keeps outside the database (delivered files).
    pub fn data_folder(&self) -> PathBuf {
        self.data_dir
            .clone()
            .unwrap_or_else(|| PathBuf::from("shushang-data"))
    }

    /// Where delivered files are kept: the S3 store `files_url` names, else
    /// `files/` in the data folder.
    pub fn files(&self) -> Result<crate::files::Files, crate::files::StoreError> {
        match &self.files_url {
            Some(url) => crate::files::s3(url, object_store::aws::AmazonS3Builder::from_env()),
            None => crate::files::local(&self.data_folder().join("files")),
        }
    }

    /// The folder mail files go to when there is no SMTP server.
    pub fn mail_folder(&self) -> PathBuf {
        self.mail_dir
            .clone()
            .unwrap_or_else(|| std::env::temp_dir().join("shushang-mail"))
    }

    /// Where outgoing mail goes: the SMTP server, else files.
    pub fn mailer(&self) -> Result<app::mail::Mailer, String> {
        match &self.smtp_url {
            Some(url) => app::mail::Mailer::smtp(url.expose(), &self.mail_from),
            None => app::mail::Mailer::files(self.mail_folder(), &self.mail_from),
        }
    }

    pub fn secure_cookies(&self) -> bool {
        self.cookie_secure.unwrap_or_else(|| self.https())
    }

    /// Settings for tests and tools: the defaults, with this database.
    pub fn for_database(database_url: &str) -> Self {
        let mut settings = Cli::parse_from(["shushang"]).settings;
        settings.database_url = Secret(database_url.to_owned());
        settings
    }
}

/// A value that must never reach a log: its `Debug` output is redacted.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl FromStr for Secret {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Self(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_url_never_shows_in_debug_output() {
        let settings = Settings::for_database("postgres://u:hunter2@db/x");
        assert!(!format!("{settings:?}").contains("hunter2"));
    }

    #[test]
    fn no_arguments_means_serve_with_defaults() {
        let cli = Cli::try_parse_from(["shushang"]).expect("parses");
        assert!(cli.command.is_none());
        assert_eq!(cli.settings.db_pool_size, 10);
    }

    #[test]
    fn seed_demo_defaults_to_the_demo_market_with_seed_2026() {
        let cli = Cli::try_parse_from(["shushang", "seed-demo"]).expect("parses");
        let Some(Command::SeedDemo(options)) = cli.command else {
            panic!("seed-demo parses as SeedDemo");
        };
        assert_eq!(options.size, MarketSize::Demo);
        assert_eq!(
            (options.merchants, options.listings, options.seed),
            (None, None, 2026)
        );
    }

    #[test]
    fn seed_demo_takes_a_size_counts_and_a_seed() {
        let cli = Cli::try_parse_from([
            "shushang",
            "seed-demo",
            "--size",
            "large",
            "--merchants",
            "500",
            "--listings",
            "9000",
            "--seed",
            "7",
        ])
        .expect("parses");
        let Some(Command::SeedDemo(options)) = cli.command else {
            panic!("seed-demo parses as SeedDemo");
        };
        assert_eq!(options.size, MarketSize::Large);
        assert_eq!(
            (options.merchants, options.listings, options.seed),
            (Some(500), Some(9000), 7)
        );
        assert!(Cli::try_parse_from(["shushang", "seed-demo", "--size", "huge"]).is_err());
    }

    #[test]
    fn create_admin_needs_an_email() {
        assert!(Cli::try_parse_from(["shushang", "create-admin"]).is_err());
        let cli = Cli::try_parse_from(["shushang", "create-admin", "--email", "op@example.com"])
            .expect("parses");
        assert!(
            matches!(cli.command, Some(Command::CreateAdmin { ref email, .. }) if email == "op@example.com")
        );
    }
}
