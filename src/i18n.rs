//! The two languages every visible text exists in.

use serde::Serialize;

/// Dutch (the default) or English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    /// Choose the Dutch or the English text.
    pub fn pick<'a>(self, nl: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }

    pub fn code(self) -> &'static str {
        self.pick("nl", "en")
    }
}
