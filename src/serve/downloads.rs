//! The answer's downloads: every rendered file, and all of them as one zip,
//! each as a `data:` address inside the page (nothing is kept on the server).
//! Cost: the reports once more, base64-encoded, in the page.

use std::io::Write;

use base64::Engine as _;

use super::answer::Download;
use super::texts::Texts;
use crate::report::RenderedFile;

/// The zip's name: the same for every run, so a user knows it.
const ZIP_NAME: &str = "hs-audit-rapport.zip";

/// Download links for `files` (in the order HTML, XLSX, Markdown, JSON) and the zip.
pub fn downloads(files: &[RenderedFile], t: &Texts) -> Vec<Download> {
    let order = [
        ("html", "srv_download_html"),
        ("xlsx", "srv_download_xlsx"),
        ("md", "srv_download_md"),
        ("json", "srv_download_json"),
    ];
    let mut links = Vec::new();
    for (ext, key) in order {
        for f in files.iter().filter(|f| f.name.ends_with(&format!(".{ext}"))) {
            links.push(link(&t.get(key), &f.name, mime(ext), &f.bytes));
        }
    }
    if let Ok(zip) = zip_all(files) {
        links.push(link(&t.get("srv_download_zip"), ZIP_NAME, "application/zip", &zip));
    }
    links
}

fn mime(ext: &str) -> &'static str {
    match ext {
        "html" => "text/html;charset=utf-8",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "md" => "text/markdown;charset=utf-8",
        "json" => "application/json",
        _ => "application/octet-stream",
    }
}

fn link(label: &str, name: &str, mime: &str, bytes: &[u8]) -> Download {
    let b64 = base64::engine::general_purpose::STANDARD.encode(bytes);
    Download {
        label: label.to_string(),
        name: name.to_string(),
        href: format!("data:{mime};base64,{b64}"),
        size: size(bytes.len()),
    }
}

fn size(bytes: usize) -> String {
    if bytes < 1024 * 1024 {
        format!("{} kB", bytes.div_ceil(1024))
    } else {
        format!("{:.1} MB", bytes as f64 / 1048576.0)
    }
}

/// Every file in one zip, deflated, with a fixed date (the same inputs give
/// the same bytes).
pub fn zip_all(files: &[RenderedFile]) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for f in files {
        zip.start_file(f.name.as_str(), options)?;
        zip.write_all(&f.bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn the_zip_holds_every_file_and_is_the_same_twice() {
        let files = vec![
            RenderedFile { name: "report-L001.html".into(), bytes: b"<html></html>".to_vec() },
            RenderedFile { name: "results.json".into(), bytes: b"{}".to_vec() },
        ];
        let a = zip_all(&files).expect("a zip");
        assert_eq!(a, zip_all(&files).expect("a zip"));
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(a)).expect("it reads back");
        assert_eq!(archive.len(), 2);
        assert_eq!(archive.by_index(1).expect("an entry").name().ok().as_deref(), Some("results.json"));
        let links = downloads(&files, &Texts::new(Lang::En));
        let names: Vec<&str> = links.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["report-L001.html", "results.json", ZIP_NAME]);
        assert!(links[0].href.starts_with("data:text/html;charset=utf-8;base64,"));
    }
}
