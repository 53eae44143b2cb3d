//! The server's temporary folders: one root for the server's lifetime, one
//! folder per request inside it, removed when the answer is done (and the root
//! when the server stops). Nothing of an upload outlives its answer.

use std::path::{Path, PathBuf};

use super::secret::random_hex;

/// The root folder every request's folder lives in.
#[derive(Debug)]
pub struct Scratch {
    root: PathBuf,
}

impl Scratch {
    /// Makes a fresh, private root folder inside `parent`.
    pub fn create(parent: &Path) -> std::io::Result<Scratch> {
        std::fs::create_dir_all(parent)?;
        let root = parent.join(format!("hs-audit-serve-{}", random_hex(8)));
        make_private_dir(&root)?;
        Ok(Scratch { root })
    }

    #[cfg(test)]
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A fresh folder for one request; removed when the guard is dropped.
    pub fn request_dir(&self) -> std::io::Result<RequestDir> {
        let path = self.root.join(random_hex(16));
        make_private_dir(&path)?;
        Ok(RequestDir { path })
    }

    /// Removes the root and everything in it (the server stops).
    pub fn remove(&self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// One request's folder; dropping it removes the folder and its files.
#[derive(Debug)]
pub struct RequestDir {
    path: PathBuf,
}

impl RequestDir {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for RequestDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

#[cfg(unix)]
fn make_private_dir(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new().mode(0o700).create(path)
}

#[cfg(not(unix))]
fn make_private_dir(path: &Path) -> std::io::Result<()> {
    std::fs::create_dir(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_folders_go_away_with_their_guard_and_the_root_with_the_server() {
        let parent = tempfile::tempdir().expect("a temporary folder");
        let scratch = Scratch::create(parent.path()).expect("a root");
        let dir = scratch.request_dir().expect("a request folder");
        std::fs::write(dir.path().join("L001.xlsx"), b"data").expect("a file");
        let kept = dir.path().to_path_buf();
        drop(dir);
        assert!(!kept.exists());
        assert!(scratch.root().is_dir());
        scratch.remove();
        assert_eq!(std::fs::read_dir(parent.path()).map(|d| d.count()).unwrap_or(1), 0);
    }
}
