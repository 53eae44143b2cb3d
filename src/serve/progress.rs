//! How far each running check is, for the page's progress line: counts only
//! (bytes received, exports read), never a file name or anything read.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// Where a check is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Stage {
    Receiving = 0,
    Waiting = 1,
    Reading = 2,
    Auditing = 3,
    Done = 4,
}

impl Stage {
    fn name(self) -> &'static str {
        match self {
            Stage::Receiving => "receiving",
            Stage::Waiting => "waiting",
            Stage::Reading => "reading",
            Stage::Auditing => "auditing",
            Stage::Done => "done",
        }
    }

    fn from_u8(v: u8) -> Stage {
        match v {
            0 => Stage::Receiving,
            1 => Stage::Waiting,
            2 => Stage::Reading,
            3 => Stage::Auditing,
            _ => Stage::Done,
        }
    }
}

/// One check's progress, shared by the request and the progress page.
#[derive(Debug, Default)]
pub struct Progress {
    stage: AtomicU8,
    bytes: AtomicU64,
    total: AtomicU64,
    done: AtomicU64,
}

impl Progress {
    pub fn set_stage(&self, stage: Stage) {
        self.stage.store(stage as u8, Ordering::Relaxed);
    }
    pub fn add_bytes(&self, n: u64) {
        self.bytes.fetch_add(n, Ordering::Relaxed);
    }
    pub fn set_total(&self, n: u64) {
        self.total.store(n, Ordering::Relaxed);
    }
    pub fn one_done(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// The progress as a small JSON object for the page's script.
    pub fn to_json(&self) -> String {
        let stage = Stage::from_u8(self.stage.load(Ordering::Relaxed));
        format!(
            r#"{{"stage":"{}","bytes":{},"done":{},"total":{}}}"#,
            stage.name(),
            self.bytes.load(Ordering::Relaxed),
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed)
        )
    }
}

/// The checks running now, by the id the page's script chose.
#[derive(Debug, Default)]
pub struct Jobs {
    running: Mutex<HashMap<String, Arc<Progress>>>,
}

/// Removes its job from the list when the answer is done.
pub struct JobGuard<'a> {
    jobs: &'a Jobs,
    id: Option<String>,
    pub progress: Arc<Progress>,
}

impl Drop for JobGuard<'_> {
    fn drop(&mut self) {
        if let (Some(id), Ok(mut map)) = (self.id.take(), self.jobs.running.lock()) {
            map.remove(&id);
        }
    }
}

/// A job id is what the script makes: 16 to 64 hex digits.
fn valid_id(id: &str) -> bool {
    (16..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_hexdigit())
}

impl Jobs {
    /// Starts tracking a check; without a (valid, unused) id it is tracked
    /// only for itself.
    pub fn start(&self, id: Option<&str>) -> JobGuard<'_> {
        let progress = Arc::new(Progress::default());
        let id = id.filter(|i| valid_id(i)).and_then(|i| {
            let mut map = self.running.lock().ok()?;
            if map.contains_key(i) {
                return None;
            }
            map.insert(i.to_string(), progress.clone());
            Some(i.to_string())
        });
        JobGuard { jobs: self, id, progress }
    }

    /// The progress of a running check, as JSON; `unknown` when there is none.
    pub fn json(&self, id: &str) -> String {
        let found = self.running.lock().ok().and_then(|m| m.get(id).cloned());
        match found {
            Some(p) => p.to_json(),
            None => r#"{"stage":"unknown","bytes":0,"done":0,"total":0}"#.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_is_listed_while_it_runs() {
        let jobs = Jobs::default();
        let id = "0123456789abcdef0123456789abcdef";
        {
            let job = jobs.start(Some(id));
            job.progress.set_stage(Stage::Reading);
            job.progress.set_total(3);
            job.progress.one_done();
            assert_eq!(jobs.json(id), r#"{"stage":"reading","bytes":0,"done":1,"total":3}"#);
            assert!(jobs.start(Some(id)).id.is_none(), "an id in use is not taken over");
        }
        assert!(jobs.json(id).contains("unknown"));
        assert!(jobs.start(Some("../etc")).id.is_none());
    }
}
