//! The whole application: the router over the API handlers, the embedded page and
//! OpenAPI description, and the limits and JSON errors around every request.

use super::cache::cached;
use super::error::error_response;
use super::guard::{check_host, security_headers};
use super::routes::api_routes;
use super::AppState;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::sync::Arc;
use std::time::Duration;

/// Largest request body accepted; the API only reads, so requests are small.
const BODY_LIMIT: usize = 16 * 1024;
/// A request taking longer than this is answered 503.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// The routes the API serves; `/openapi.json` must describe each (checked by a test).
pub const API_ROUTES: &[&str] = &[
    "/api/stats",
    "/api/events",
    "/api/events/{id}",
    "/api/entities",
    "/api/entities/{id}",
    "/api/quotes",
    "/api/documents",
    "/api/documents/{id}",
    "/api/search",
];

const INDEX_HTML: &str = include_str!("../../web/index.html");
const APP_JS: &str = include_str!("../../web/app.js");
const STYLE_CSS: &str = include_str!("../../web/style.css");
const OPENAPI_JSON: &str = include_str!("../../web/openapi.json");

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        body,
    )
        .into_response()
}

async fn not_found(req: Request) -> Response {
    let path = req.uri().path();
    let message = if path.starts_with("/api") {
        format!(
            "no such path: {path}; the API serves {} (see /openapi.json)",
            API_ROUTES.join(", ")
        )
    } else {
        format!("no such path: {path}")
    };
    error_response(StatusCode::NOT_FOUND, &message)
}

/// Turns every error that is not JSON yet (405, 413, extractor rejections) into a JSON error,
/// and answers 503 to a request that takes too long.
async fn json_errors_and_timeout(req: Request, next: Next) -> Response {
    let response = match tokio::time::timeout(REQUEST_TIMEOUT, next.run(req)).await {
        Ok(r) => r,
        Err(_) => {
            return error_response(StatusCode::SERVICE_UNAVAILABLE, "the request took too long")
        }
    };
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if (status.is_client_error() || status.is_server_error()) && !is_json {
        let (parts, body) = response.into_parts();
        let text = axum::body::to_bytes(body, 4096).await.unwrap_or_default();
        let message = String::from_utf8_lossy(&text).trim().to_string();
        let message = if message.is_empty() {
            status.canonical_reason().unwrap_or("error").to_string()
        } else {
            message
        };
        let mut r = error_response(status, &message);
        if let Some(allow) = parts.headers.get(header::ALLOW) {
            r.headers_mut().insert(header::ALLOW, allow.clone());
        }
        return r;
    }
    response
}

/// The whole application: API, OpenAPI, page and the limits and guards around them.
pub fn app(state: Arc<AppState>) -> Router {
    Router::new()
        .route(
            "/",
            get(|| async { asset("text/html; charset=utf-8", INDEX_HTML) }),
        )
        .route(
            "/static/app.js",
            get(|| async { asset("text/javascript; charset=utf-8", APP_JS) }),
        )
        .route(
            "/static/style.css",
            get(|| async { asset("text/css; charset=utf-8", STYLE_CSS) }),
        )
        .route(
            "/openapi.json",
            get(|| async { asset("application/json", OPENAPI_JSON) }),
        )
        .merge(api_routes())
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), cached))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn(json_errors_and_timeout))
        .layer(middleware::from_fn_with_state(state.clone(), check_host))
        .layer(middleware::from_fn(security_headers))
        .with_state(state)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::test_support::{get, test_app};
    use axum::body::Body;
    use axum::http::Request as HttpRequest;
    use tower::ServiceExt;

    #[tokio::test]
    async fn errors_are_json() {
        let (app, dir) = test_app();
        for (uri, status) in [
            ("/no/such/page", StatusCode::NOT_FOUND),
            ("/api/nothing", StatusCode::NOT_FOUND),
            ("/api/events/999999", StatusCode::NOT_FOUND),
            ("/api/events/abc", StatusCode::BAD_REQUEST),
            ("/api/documents/missing", StatusCode::NOT_FOUND),
            ("/api/events?from=yesterday", StatusCode::BAD_REQUEST),
            ("/api/events?status=maybe", StatusCode::BAD_REQUEST),
            ("/api/events?limit=many", StatusCode::BAD_REQUEST),
            ("/api/events?colour=red", StatusCode::BAD_REQUEST),
            ("/api/search", StatusCode::BAD_REQUEST),
        ] {
            let (got, body, content_type) = get(&app, uri).await;
            assert_eq!(got, status, "{uri}");
            assert!(
                content_type.starts_with("application/json"),
                "{uri}: {content_type}"
            );
            assert_eq!(body["error"]["status"], status.as_u16(), "{uri}");
            assert!(!body["error"]["message"].as_str().unwrap().is_empty());
        }
        // Writing is not allowed, and a big body is refused before it is read.
        let response = app
            .clone()
            .oneshot(
                HttpRequest::builder()
                    .method("POST")
                    .uri("/api/events")
                    .body(Body::from(vec![b'x'; BODY_LIMIT * 4]))
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        let body: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(body["error"]["status"], 405);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[tokio::test]
    async fn openapi_describes_every_route_and_the_page_is_served() {
        let spec: serde_json::Value = serde_json::from_str(OPENAPI_JSON).unwrap();
        assert!(spec["openapi"].as_str().unwrap().starts_with("3."));
        let paths = spec["paths"].as_object().unwrap();
        for route in API_ROUTES {
            assert!(
                paths.contains_key(*route),
                "{route} is missing from openapi.json"
            );
            assert!(
                paths[*route]["get"]["responses"]["200"].is_object(),
                "{route}: no 200 response"
            );
        }
        for path in paths.keys() {
            assert!(
                API_ROUTES.contains(&path.as_str()),
                "openapi.json describes {path}, which is not served"
            );
        }
        let (app, dir) = test_app();
        // Every listed route answers (a sample id stands in for a parameter).
        for route in API_ROUTES {
            let uri = route
                .replace("{id}", "1")
                .replace("/api/documents/1", "/api/documents/sample")
                + "?";
            let uri = if *route == "/api/search" {
                format!("{uri}q=meet")
            } else {
                uri
            };
            let (status, _, _) = get(&app, &uri).await;
            assert_eq!(status, StatusCode::OK, "{uri}");
        }
        let (status, _, content_type) = get(&app, "/").await;
        assert_eq!(status, StatusCode::OK);
        assert!(content_type.starts_with("text/html"));
        assert!(INDEX_HTML.contains("/static/app.js"));
        assert!(
            !INDEX_HTML.contains("http://") && !INDEX_HTML.contains("https://"),
            "no external assets"
        );
        let js = APP_JS.replace("http://www.w3.org/2000/svg", "");
        assert!(
            !js.contains("http://") && !js.contains("https://"),
            "no external assets"
        );
        let (status, spec_served, _) = get(&app, "/openapi.json").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(spec_served, spec);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
