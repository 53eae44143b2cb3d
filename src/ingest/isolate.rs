//! Isolation: a piece of work (one export read, one location evaluated) that panics becomes a value, so that the
//! run goes on with every other export and location (export-format.md *Limits*).
//!
//! The default panic hook prints to standard error; while work runs inside [`or_else`], the message is captured
//! instead and handed to the fallback (the finding names it). Other threads' panics print as before.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

thread_local! {
    /// True while this thread runs guarded work: its panics are captured, not printed.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    static LAST: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

static HOOK: Once = Once::new();

fn install_hook() {
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if GUARDED.with(Cell::get) {
                let text = match (info.payload().downcast_ref::<&str>(), info.payload().downcast_ref::<String>()) {
                    (Some(s), _) => (*s).to_string(),
                    (_, Some(s)) => s.clone(),
                    _ => "panic".to_string(),
                };
                // The message only: a source path would differ between machines and make outputs differ.
                let first_line = text.lines().next().unwrap_or("panic").to_string();
                LAST.with(|l| *l.borrow_mut() = Some(first_line));
            } else {
                default(info);
            }
        }));
    });
}

/// Runs `work`; when it panics, returns `fallback` of the panic's first line
/// (at most 200 characters; the catalogue says that it failed).
pub fn or_else<T>(work: impl FnOnce() -> T, fallback: impl FnOnce(String) -> T) -> T {
    install_hook();
    let was = GUARDED.with(|g| g.replace(true));
    let result = catch_unwind(AssertUnwindSafe(work));
    GUARDED.with(|g| g.set(was));
    match result {
        Ok(v) => v,
        Err(_) => {
            let what = LAST.with(|l| l.borrow_mut().take()).unwrap_or_else(|| "panic".to_string());
            let short: String = what.chars().take(200).collect();
            fallback(short)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_the_fallback_and_work_goes_on() {
        let got = or_else(|| -> u32 { panic!("boom {}", 7) }, |why| if why.contains("boom 7") { 1 } else { 2 });
        assert_eq!(got, 1);
        assert_eq!(or_else(|| 5, |_| 0), 5);
        // Nested guards restore the outer state.
        let nested = or_else(|| or_else(|| -> u8 { panic!("inner") }, |_| 3) + 1, |_| 0);
        assert_eq!(nested, 4);
    }
}
