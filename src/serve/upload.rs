//! Receives the form: the uploaded files, streamed into the request's folder
//! (workbooks side by side, CSV files together as one export), and the text
//! fields. Cost: the upload's bytes once on disk, a chunk at a time in memory.

use std::path::{Path, PathBuf};

use axum::extract::Multipart;
use tokio::io::AsyncWriteExt;

use super::progress::Progress;

/// All uploads of one request together may not exceed this (the page and the
/// README say so; a larger request gets 413).
pub const UPLOAD_LIMIT: u64 = 200 * 1024 * 1024;

/// At most this many files per request.
pub const MAX_FILES: usize = 2000;

/// A text field longer than this is cut (dates, a year, a municipality).
const MAX_FIELD: usize = 200;

/// The form's text fields, as typed (empty when not given).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Fields {
    pub period: String,
    pub from: String,
    pub to: String,
    pub as_of: String,
    pub audience: String,
    pub municipality: String,
    pub lang: String,
}

/// What arrived: the exports to read and the fields.
#[derive(Debug)]
pub struct Upload {
    /// Workbooks (and other files), each one export; the CSV folder as one.
    pub paths: Vec<PathBuf>,
    pub fields: Fields,
}

/// Why an upload was refused.
#[derive(Debug)]
pub enum Refused {
    TooLarge,
    TooMany,
    NoFiles,
    Broken,
}

/// Reads the multipart body into `dir`.
pub async fn receive(mut form: Multipart, dir: &Path, progress: &Progress) -> Result<Upload, Refused> {
    let (files_dir, csv_dir) = (dir.join("files"), dir.join("csv"));
    let mut fields = Fields::default();
    let (mut names, mut has_csv, mut total) = (Vec::<String>::new(), false, 0u64);
    loop {
        let mut field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return Err(refusal(e.status())),
        };
        let name = field.name().unwrap_or_default().to_string();
        if name == "file" {
            let Some(file_name) = field.file_name().and_then(safe_name) else {
                // A file input left empty still sends an empty, nameless part.
                while let Ok(Some(_)) = field.chunk().await {}
                continue;
            };
            if names.len() >= MAX_FILES {
                return Err(Refused::TooMany);
            }
            let is_csv = file_name.to_ascii_lowercase().ends_with(".csv");
            let folder = if is_csv { &csv_dir } else { &files_dir };
            tokio::fs::create_dir_all(folder).await.map_err(|_| Refused::Broken)?;
            let unique = unique_name(&file_name, &names);
            let mut out = tokio::fs::File::create(folder.join(&unique)).await.map_err(|_| Refused::Broken)?;
            loop {
                match field.chunk().await {
                    Ok(Some(chunk)) => {
                        total += chunk.len() as u64;
                        if total > UPLOAD_LIMIT {
                            return Err(Refused::TooLarge);
                        }
                        progress.add_bytes(chunk.len() as u64);
                        out.write_all(&chunk).await.map_err(|_| Refused::Broken)?;
                    }
                    Ok(None) => break,
                    Err(e) => return Err(refusal(e.status())),
                }
            }
            out.flush().await.map_err(|_| Refused::Broken)?;
            has_csv |= is_csv;
            names.push(unique);
        } else {
            let text = match field.text().await {
                Ok(t) => t.trim().chars().take(MAX_FIELD).collect::<String>(),
                Err(e) => return Err(refusal(e.status())),
            };
            match name.as_str() {
                "period" => fields.period = text,
                "from" => fields.from = text,
                "to" => fields.to = text,
                "as_of" => fields.as_of = text,
                "audience" => fields.audience = text,
                "municipality" => fields.municipality = text,
                "lang" => fields.lang = text,
                _ => {}
            }
        }
    }
    if names.is_empty() {
        return Err(Refused::NoFiles);
    }
    let mut paths: Vec<PathBuf> =
        names.iter().filter(|n| !n.to_ascii_lowercase().ends_with(".csv")).map(|n| files_dir.join(n)).collect();
    if has_csv {
        paths.push(csv_dir);
    }
    Ok(Upload { paths, fields })
}

fn refusal(status: axum::http::StatusCode) -> Refused {
    if status == axum::http::StatusCode::PAYLOAD_TOO_LARGE { Refused::TooLarge } else { Refused::Broken }
}

/// The last part of an uploaded file name, without anything that could
/// leave the folder or hide the file (`..`, slashes, a leading dot).
pub fn safe_name(raw: &str) -> Option<String> {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| if matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|') { '_' } else { c })
        .collect();
    let cleaned = cleaned.trim().trim_start_matches(['.', '~', '$']).chars().take(120).collect::<String>();
    (!cleaned.is_empty()).then_some(cleaned)
}

/// `name`, or `name (2)` etc. when a file of that name came already.
fn unique_name(name: &str, taken: &[String]) -> String {
    if !taken.iter().any(|t| t.eq_ignore_ascii_case(name)) {
        return name.to_string();
    }
    let (stem, ext) = match name.rfind('.') {
        Some(i) if i > 0 => (&name[..i], &name[i..]),
        _ => (name, ""),
    };
    (2..)
        .map(|n| format!("{stem} ({n}){ext}"))
        .find(|c| !taken.iter().any(|t| t.eq_ignore_ascii_case(c)))
        .unwrap_or_else(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stay_inside_the_folder() {
        assert_eq!(safe_name("../../etc/passwd").as_deref(), Some("passwd"));
        assert_eq!(safe_name("C:\\Users\\x\\L001.xlsx").as_deref(), Some("L001.xlsx"));
        assert_eq!(safe_name(".hidden.xlsx").as_deref(), Some("hidden.xlsx"));
        assert_eq!(safe_name("~$lock.xlsx").as_deref(), Some("lock.xlsx"));
        assert_eq!(safe_name(".."), None);
        assert_eq!(safe_name(""), None);
    }

    #[test]
    fn two_files_of_one_name_both_stay() {
        let taken = vec!["L001.xlsx".to_string()];
        assert_eq!(unique_name("l001.xlsx", &taken), "l001 (2).xlsx");
        assert_eq!(unique_name("L002.xlsx", &taken), "L002.xlsx");
    }
}
