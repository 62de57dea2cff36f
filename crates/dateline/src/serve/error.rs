//! API errors, answered as `{"error": {"status": …, "message": …}}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// An error answered as `{"error": {"status": …, "message": …}}`.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    pub(super) fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
        }
    }
    pub(super) fn not_found(what: impl Into<String>) -> Self {
        ApiError::new(StatusCode::NOT_FOUND, what)
    }
    pub(super) fn internal(e: impl std::fmt::Display) -> Self {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
    }
    /// No store connection came free before the request's deadline: 503.
    pub(super) fn busy(waited: std::time::Duration) -> Self {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the server is busy: no store connection came free in {:.1} s; try again shortly",
                waited.as_secs_f64()
            ),
        )
    }
    /// The answer's status.
    #[cfg(test)]
    pub(super) fn status(&self) -> StatusCode {
        self.status
    }
    /// The answer's message.
    #[cfg(test)]
    pub(super) fn message(&self) -> &str {
        &self.message
    }
    /// A query stopped at its deadline (after `ran`): 503, saying what to do.
    pub(super) fn too_expensive(ran: std::time::Duration) -> Self {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the query was too expensive: it was stopped after {:.1} s; narrow it down \
                 (fewer or rarer words, a type, a date range, a smaller limit) and try again",
                ran.as_secs_f64()
            ),
        )
    }
}

impl From<dateline_store::Error> for ApiError {
    fn from(e: dateline_store::Error) -> Self {
        match e {
            dateline_store::Error::Invalid(m) => ApiError::new(StatusCode::BAD_REQUEST, m),
            dateline_store::Error::TooExpensive(ran) => ApiError::too_expensive(ran),
            other if other.is_interrupted() => ApiError::too_expensive(Default::default()),
            other => ApiError::internal(other),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        error_response(self.status, &self.message)
    }
}

/// The JSON error answer itself, for errors that are not an [`ApiError`] yet.
pub(super) fn error_response(status: StatusCode, message: &str) -> Response {
    let body = json!({"error": {"status": status.as_u16(), "message": message}});
    (status, Json(body)).into_response()
}

/// What a handler answers.
pub(super) type ApiResult = Result<Response, ApiError>;
