//! The `security` log lines of one test, caught by a layer of its own: the test's
//! runtime runs on one thread, so a subscriber set as that thread's default sees every
//! event of the requests it sends.

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::sync::{Arc, Mutex};

use tracing::field::{Field, Visit};
use tracing_subscriber::layer::{Context, Layer};
use tracing_subscriber::prelude::*;

/// One event's fields, each as text (strings as they are, other values as `Debug`).
pub type Fields = BTreeMap<String, String>;

#[derive(Clone, Default)]
struct Catch(Arc<Mutex<Vec<Fields>>>);

struct Record<'a>(&'a mut Fields);

impl Visit for Record<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

impl<S: tracing::Subscriber> Layer<S> for Catch {
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        if event.metadata().target() != "security" {
            return;
        }
        let mut fields = Fields::new();
        event.record(&mut Record(&mut fields));
        fields.insert("level".to_owned(), event.metadata().level().to_string());
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(fields);
    }
}

/// Catches `security` events on this thread while it lives.
pub struct SecurityLog {
    caught: Catch,
    _default: tracing::subscriber::DefaultGuard,
}

impl SecurityLog {
    pub fn catch() -> Self {
        let caught = Catch::default();
        let subscriber = tracing_subscriber::registry().with(caught.clone());
        Self {
            _default: tracing::subscriber::set_default(subscriber),
            caught,
        }
    }

    /// The events named `name` caught so far, oldest first.
    pub fn events(&self, name: &str) -> Vec<Fields> {
        self.caught
            .0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .filter(|fields| fields.get("event").map(String::as_str) == Some(name))
            .cloned()
            .collect()
    }

    /// Every event caught so far, as one text (to look for what must never be logged).
    pub fn everything(&self) -> String {
        format!(
            "{:?}",
            self.caught.0.lock().unwrap_or_else(|e| e.into_inner())
        )
    }
}
