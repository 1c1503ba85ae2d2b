//! Delivered files: the upload of a delivery (a multipart form: the note and up to
//! [`MAX_FILES`] files) and each file's download. Files go to the object store under
//! random keys as they stream in, each cut off at [`MAX_FILE_BYTES`]; a delivery the
//! order machine refuses leaves none behind. Every download is authorised on its own
//! (the order's buyer and its merchant's members, nobody else) and is sent as an
//! attachment that browsers never sniff or render.

use std::sync::Arc;

use app::deals::machine::Move;
use app::deals::model::{MAX_FILE_BYTES, MAX_FILES, StoredFile, clean_file_name};
use app::deals::pages::DELIVER_VERDICT;
use app::error::{AppError, FieldErrors, Reason};
use app::state::AppState;
use axum::Router;
use axum::body::Body;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use futures_util::StreamExt;
use object_store::aws::AmazonS3Builder;
use object_store::prefix::PrefixStore;
use object_store::{ObjectStore, ObjectStoreExt, WriteMultipart, path::Path as Key};
use tower_sessions::Session;

/// Where delivered files are kept.
pub type Files = Arc<dyn ObjectStore>;

/// Bytes a delivery's request may carry: its files and a margin for the note and the
/// multipart framing.
pub const MAX_UPLOAD_BYTES: usize = MAX_FILES * MAX_FILE_BYTES as usize + 1024 * 1024;

/// Whether `path` is a delivery's upload, which may carry [`MAX_UPLOAD_BYTES`].
pub fn is_upload(path: &str) -> bool {
    path.strip_prefix("/orders/")
        .and_then(|rest| rest.strip_suffix("/deliver"))
        .is_some_and(|id| id.bytes().all(|b| b.is_ascii_digit()))
}

/// Why a store could not be opened.
pub type StoreError = Box<dyn std::error::Error + Send + Sync>;

/// A local folder as the object store.
pub fn local(folder: &std::path::Path) -> Result<Files, StoreError> {
    std::fs::create_dir_all(folder)?;
    Ok(Arc::new(
        object_store::local::LocalFileSystem::new_with_prefix(folder)?,
    ))
}

/// The S3 bucket `url` names (`s3://bucket` or `s3://bucket/prefix`, every key then under
/// the prefix), reached as `builder` says: `AmazonS3Builder::from_env()` reads the
/// standard `AWS_*` variables, the endpoint of an S3-compatible service among them.
pub fn s3(url: &str, builder: AmazonS3Builder) -> Result<Files, StoreError> {
    let (bucket, prefix) = bucket_and_prefix(url).ok_or_else(|| {
        format!("SHUSHANG_FILES_URL must look like s3://bucket or s3://bucket/prefix, not {url}")
    })?;
    install_tls_provider();
    let store = builder.with_bucket_name(bucket).build()?;
    Ok(if prefix.is_empty() {
        Arc::new(store)
    } else {
        Arc::new(PrefixStore::new(store, prefix))
    })
}

/// `s3://bucket/some/prefix/` → (`bucket`, `some/prefix`).
fn bucket_and_prefix(url: &str) -> Option<(&str, &str)> {
    let rest = url.strip_prefix("s3://")?;
    let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
    let valid = !bucket.is_empty()
        && bucket
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-.".contains(&b));
    valid.then(|| (bucket, prefix.trim_matches('/')))
}

/// The S3 client's TLS uses the *ring* provider the database's TLS already builds
/// (rather than a second, C-compiled one); installed once, for the whole process.
fn install_tls_provider() {
    // An error only says a provider is installed already.
    let _ = rustls::crypto::ring::default_provider().install_default();
}

pub fn routes(files: Files) -> Router<AppState> {
    Router::new()
        .route("/orders/{order_id}/deliver", post(deliver))
        .route("/orders/{order_id}/files/{file_id}", get(download))
        .layer(axum::Extension(files))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_UPLOAD_BYTES))
}

/// `POST /orders/{id}/deliver`: the note, and the files streamed into the store.
async fn deliver(
    State(state): State<AppState>,
    axum::Extension(files): axum::Extension<Files>,
    session: Session,
    Path(order_id): Path<i64>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    match receive(&state, &files, &session, order_id, multipart).await {
        Ok(()) => Redirect::to(&format!("/orders/{order_id}")).into_response(),
        Err(error) => crate::flash::refuse(&headers, DELIVER_VERDICT, error),
    }
}

async fn receive(
    state: &AppState,
    files: &Files,
    session: &Session,
    order_id: i64,
    mut multipart: Multipart,
) -> Result<(), AppError> {
    let user = app::accounts::api::require_user_in(session, &state.db).await?;
    // Nothing is stored for someone who may not deliver on this order now.
    app::deals::service::may_deliver(&state.db, &user, order_id).await?;
    let mut note = String::new();
    let mut stored: Vec<StoredFile> = Vec::new();
    let outcome = async {
        while let Some(field) = multipart
            .next_field()
            .await
            .map_err(|_| AppError::BadRequest)?
        {
            match field.name() {
                Some("note") => note = field.text().await.map_err(|_| AppError::BadRequest)?,
                Some("files") => {
                    let name = field.file_name().unwrap_or_default().to_owned();
                    if let Some(file) = store(files, order_id, &name, field).await? {
                        stored.push(file);
                        if stored.len() > MAX_FILES {
                            return Err(files_refused(
                                Reason::TooMany {
                                    max: MAX_FILES as u32,
                                },
                                &note,
                            ));
                        }
                    }
                }
                _ => {}
            }
        }
        app::deals::service::deliver_or_move(
            &state.db,
            &user,
            order_id,
            Move::Deliver,
            &note,
            &stored,
        )
        .await
    }
    .await;
    if outcome.is_err() {
        for file in &stored {
            let _ = files.delete(&Key::from(file.key.as_str())).await;
        }
    }
    outcome.map_err(|e| match e {
        // The note's message goes next to it, with the files field named too.
        AppError::Invalid(mut errors) => {
            errors.typed.push(("note".to_owned(), note.clone()));
            AppError::Invalid(errors)
        }
        e => e,
    })
}

fn files_refused(why: Reason, note: &str) -> AppError {
    let mut errors = FieldErrors::single("files", why);
    errors.typed = vec![
        ("note".to_owned(), note.to_owned()),
        ("change".to_owned(), Move::Deliver.slug().to_owned()),
    ];
    errors.into()
}

/// Streams one file into the store under a random key; `None` for the empty part a
/// form sends when no file was chosen. Refused, and removed, past [`MAX_FILE_BYTES`].
async fn store(
    files: &Files,
    order_id: i64,
    raw_name: &str,
    mut field: axum::extract::multipart::Field<'_>,
) -> Result<Option<StoredFile>, AppError> {
    let key = format!(
        "deliveries/{order_id}/{}",
        app::accounts::email::random_hex(16)
    );
    let path = Key::from(key.as_str());
    let upload = files.put_multipart(&path).await.map_err(storage_failed)?;
    let mut writer = WriteMultipart::new(upload);
    let mut size: u64 = 0;
    while let Some(chunk) = field.chunk().await.map_err(|_| AppError::BadRequest)? {
        size += chunk.len() as u64;
        if size > MAX_FILE_BYTES {
            let _ = writer.abort().await;
            return Err(files_refused(
                Reason::FileTooLarge {
                    max_mb: (MAX_FILE_BYTES / 1024 / 1024) as u32,
                },
                "",
            ));
        }
        writer.put(chunk);
        writer.wait_for_capacity(4).await.map_err(storage_failed)?;
    }
    if size == 0 && raw_name.is_empty() {
        let _ = writer.abort().await;
        return Ok(None);
    }
    writer.finish().await.map_err(storage_failed)?;
    Ok(Some(StoredFile {
        key,
        name: clean_file_name(raw_name),
        size_bytes: size as i64,
    }))
}

fn storage_failed(error: object_store::Error) -> AppError {
    tracing::error!(error = %error, "file storage failed");
    AppError::Unavailable
}

/// `GET /orders/{id}/files/{file_id}`: the file, to the order's parties only.
async fn download(
    State(state): State<AppState>,
    axum::Extension(files): axum::Extension<Files>,
    session: Session,
    Path((order_id, file_id)): Path<(i64, i64)>,
    headers: HeaderMap,
) -> Response {
    let found = async {
        let user = app::accounts::api::require_user_in(&session, &state.db).await?;
        let file = app::deals::service::delivered_file(&state.db, &user, order_id, file_id).await?;
        let object = files
            .get(&Key::from(file.key.as_str()))
            .await
            .map_err(storage_failed)?;
        Ok::<_, AppError>((file, object))
    }
    .await;
    let (file, object) = match found {
        Ok(found) => found,
        Err(AppError::Unauthenticated) if crate::flash::asks_for_a_page(&headers) => {
            let to_sign_in = Redirect::to("/login").into_response();
            return crate::refusals::marked(to_sign_in, AppError::Unauthenticated);
        }
        Err(error) => {
            let answer = (error.status(), axum::Json(&error)).into_response();
            return crate::refusals::marked(answer, error);
        }
    };
    let stream = object
        .into_stream()
        .map(|chunk| chunk.map_err(std::io::Error::other));
    let mut response = Body::from_stream(stream).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    headers.insert(
        header::CONTENT_LENGTH,
        HeaderValue::from(file.size_bytes as u64),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    if let Ok(value) = HeaderValue::from_str(&attachment(&file.name)) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    (StatusCode::OK, response).into_response()
}

/// `attachment` with the name twice (RFC 6266): plain ASCII for old clients, and UTF-8
/// percent-encoded for the rest (Chinese names).
fn attachment(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded = percent_encoding::utf8_percent_encode(name, percent_encoding::NON_ALPHANUMERIC);
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_delivery_path_is_an_upload() {
        assert!(is_upload("/orders/12/deliver"));
        assert!(!is_upload("/orders/12/deliver/x"));
        assert!(!is_upload("/orders/x/deliver"));
        assert!(!is_upload("/api/orders/move"));
    }

    #[test]
    fn a_files_url_names_a_bucket_and_an_optional_prefix() {
        assert_eq!(
            bucket_and_prefix("s3://deliveries"),
            Some(("deliveries", ""))
        );
        assert_eq!(
            bucket_and_prefix("s3://shushang-prod/files/"),
            Some(("shushang-prod", "files"))
        );
        assert_eq!(
            bucket_and_prefix("s3://b.example/a/b"),
            Some(("b.example", "a/b"))
        );
        for wrong in ["s3://", "s3:///x", "https://bucket", "s3://Upper", "bucket"] {
            assert_eq!(bucket_and_prefix(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn download_names_are_safe_in_either_form() {
        assert_eq!(
            attachment("标注 v2.zip"),
            "attachment; filename=\"__ v2.zip\"; filename*=UTF-8''%E6%A0%87%E6%B3%A8%20v2%2Ezip"
        );
        assert_eq!(
            attachment("a\"b.txt"),
            "attachment; filename=\"a_b.txt\"; filename*=UTF-8''a%22b%2Etxt"
        );
    }
}
