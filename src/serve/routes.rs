//! The four addresses: the page, the check (`POST /audit`), its progress,
//! and the empty template; anything else is 404.

use std::sync::Arc;

use axum::extract::{Multipart, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::ServerState;
use super::page::{PageParts, respond};
use super::progress::Stage;
use super::texts::{Texts, megabytes};
use super::upload::{MAX_FILES, Refused, UPLOAD_LIMIT, receive};
use crate::i18n::Lang;

#[derive(Debug, serde::Deserialize)]
pub struct PageQuery {
    lang: Option<String>,
    job: Option<String>,
}

fn lang_of(asked: Option<&str>, default: Lang) -> Lang {
    match asked {
        Some("en") => Lang::En,
        Some("nl") => Lang::Nl,
        _ => default,
    }
}

/// `GET /`: the empty page.
pub async fn index(State(state): State<Arc<ServerState>>, Query(q): Query<PageQuery>) -> Response {
    let lang = lang_of(q.lang.as_deref(), state.lang);
    respond(StatusCode::OK, lang, &state.token, PageParts::default())
}

/// `GET /progress?job=ID`: how far that check is, as JSON.
pub async fn progress(State(state): State<Arc<ServerState>>, Query(q): Query<PageQuery>) -> Response {
    let body = state.jobs.json(q.job.as_deref().unwrap_or_default());
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// `GET /template?lang=`: the empty export workbook.
pub async fn template(State(state): State<Arc<ServerState>>, Query(q): Query<PageQuery>) -> Response {
    let lang = lang_of(q.lang.as_deref(), state.lang);
    let name = crate::template::default_file_name(lang);
    match crate::template::build(lang, &name) {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
            ],
            bytes,
        )
            .into_response(),
        Err(_) => failed(&state, lang),
    }
}

/// Anything else.
pub async fn not_found(State(state): State<Arc<ServerState>>) -> Response {
    let t = Texts::new(state.lang);
    (StatusCode::NOT_FOUND, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], t.get("srv_not_found"))
        .into_response()
}

fn failed(state: &ServerState, lang: Lang) -> Response {
    let notice = Some(Texts::new(lang).get("srv_failed"));
    respond(StatusCode::INTERNAL_SERVER_ERROR, lang, &state.token, PageParts { notice, ..PageParts::default() })
}

/// `POST /audit`: receive the files into a fresh folder, check them on a
/// blocking thread, answer with the page; the folder is gone before the
/// answer leaves.
pub async fn audit(
    State(state): State<Arc<ServerState>>,
    Query(q): Query<PageQuery>,
    headers: HeaderMap,
    form: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let default_lang = state.lang;
    let refuse = |status: StatusCode, key: &str, lang: Lang| {
        let t = Texts::new(lang);
        let notice = t.fill(key, &[("limit", &megabytes(UPLOAD_LIMIT)), ("max", &MAX_FILES.to_string())]);
        respond(status, lang, &state.token, PageParts { notice: Some(notice), ..PageParts::default() })
    };
    let declared =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > UPLOAD_LIMIT + 64 * 1024) {
        return refuse(StatusCode::PAYLOAD_TOO_LARGE, "srv_too_large", default_lang);
    }
    let Ok(form) = form else {
        return refuse(StatusCode::BAD_REQUEST, "srv_no_files", default_lang);
    };
    let Ok(dir) = state.scratch.request_dir() else {
        return failed(&state, default_lang);
    };
    let job = state.jobs.start(q.job.as_deref());
    job.progress.set_stage(Stage::Receiving);
    let upload = match receive(form, dir.path(), &job.progress).await {
        Ok(u) => u,
        Err(refused) => {
            let (status, key) = match refused {
                Refused::TooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "srv_too_large"),
                Refused::TooMany => (StatusCode::PAYLOAD_TOO_LARGE, "srv_too_many"),
                Refused::NoFiles => (StatusCode::BAD_REQUEST, "srv_no_files"),
                Refused::Broken => (StatusCode::BAD_REQUEST, "srv_bad_upload"),
            };
            drop(dir);
            return refuse(status, key, default_lang);
        }
    };
    let lang = lang_of(Some(upload.fields.lang.as_str()), default_lang);
    job.progress.set_stage(Stage::Waiting);
    let Ok(permit) = state.running.clone().acquire_owned().await else {
        return failed(&state, lang);
    };
    let (fields, progress) = (upload.fields.clone(), job.progress.clone());
    let dir_path = dir.path().to_path_buf();
    let answer = tokio::task::spawn_blocking(move || {
        let answer = super::job::run(upload.paths, &dir_path, &upload.fields, lang, &progress);
        drop(permit);
        answer
    })
    .await;
    drop(dir);
    match answer {
        Ok(answer) => {
            respond(StatusCode::OK, lang, &state.token, PageParts { notice: None, answer: Some(answer), fields })
        }
        Err(_) => failed(&state, lang),
    }
}
