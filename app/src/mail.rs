//! Sending e-mail (server only): SMTP when `SHUSHANG_SMTP_URL` is set, otherwise each
//! message is written as an `.eml` file into a folder, where a developer (or a test)
//! opens it. lettre does both.

use std::path::PathBuf;

use lettre::message::header::ContentType;
use lettre::message::{Mailbox, header::ContentTransferEncoding};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::error::AppError;

/// One message to one person, in their language.
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
}

#[derive(Clone)]
pub struct Mailer {
    from: Mailbox,
    transport: Transport,
}

#[derive(Clone)]
enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>, PathBuf),
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.transport {
            Transport::Smtp(_) => write!(f, "Mailer(smtp, from {})", self.from),
            Transport::Files(_, dir) => write!(f, "Mailer(files in {})", dir.display()),
        }
    }
}

impl Mailer {
    /// Through the SMTP server of `url` (`smtps://user:pass@host`, `smtp://host:25`, …).
    pub fn smtp(url: &str, from: &str) -> Result<Self, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("SHUSHANG_SMTP_URL: {e}"))?
            .build();
        Ok(Self {
            from: parse_from(from)?,
            transport: Transport::Smtp(transport),
        })
    }

    /// Into `.eml` files in `dir`, which is created if missing.
    pub fn files(dir: PathBuf, from: &str) -> Result<Self, String> {
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create the mail folder {}: {e}", dir.display()))?;
        Ok(Self {
            from: parse_from(from)?,
            transport: Transport::Files(AsyncFileTransport::new(&dir), dir),
        })
    }

    /// Where messages go, for the start-up log.
    pub fn describe(&self) -> String {
        match &self.transport {
            Transport::Smtp(_) => "SMTP".to_owned(),
            Transport::Files(_, dir) => format!("files in {}", dir.display()),
        }
    }

    pub async fn send(&self, mail: Mail) -> Result<(), AppError> {
        let failed = |e: &dyn std::fmt::Display| {
            tracing::error!(error = %e, "an e-mail could not be sent");
            AppError::Unavailable
        };
        let to: Mailbox = mail.to.parse().map_err(|e| failed(&e))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject)
            .header(ContentType::TEXT_PLAIN)
            // Quoted-printable keeps links readable in the raw message.
            .header(ContentTransferEncoding::QuotedPrintable)
            .body(mail.body)
            .map_err(|e| failed(&e))?;
        match &self.transport {
            Transport::Smtp(smtp) => smtp.send(message).await.map(drop).map_err(|e| failed(&e)),
            Transport::Files(files, _) => {
                files.send(message).await.map(drop).map_err(|e| failed(&e))
            }
        }
    }
}

fn parse_from(from: &str) -> Result<Mailbox, String> {
    from.parse()
        .map_err(|e| format!("SHUSHANG_MAIL_FROM {from:?}: {e}"))
}
