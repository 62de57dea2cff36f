//! Guards on every request and response: the `Host` allow-list (a page on another site
//! that rebinds its DNS name to 127.0.0.1 must not read the corpus) and the security
//! headers (a strict Content-Security-Policy, `nosniff`, no framing, no referrer).

use super::error::error_response;
use super::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::Arc;

/// The page loads only its own script, style sheet and API: no inline script or style, no
/// other origin, no framing.
pub(super) const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; \
     base-uri 'none'; frame-ancestors 'none'";

/// The host names the server answers for: the loopback names, the address it listens on
/// and the names added with `--allow-host` (`*` allows any).
#[derive(Debug, Clone)]
pub struct AllowedHosts {
    names: Vec<String>,
    any: bool,
}

impl Default for AllowedHosts {
    /// The loopback names only.
    fn default() -> Self {
        AllowedHosts::new("", &[])
    }
}

/// The host part of a `Host` header or an address (`[::1]:8080` → `[::1]`,
/// `News.Example.:80` → `news.example`).
fn host_name(value: &str) -> String {
    let value = value.trim();
    let host = if value.starts_with('[') {
        value.find(']').map_or(value, |end| &value[..=end])
    } else if value.matches(':').count() == 1 {
        value.split(':').next().unwrap_or(value)
    } else if value.contains(':') {
        // A bare IPv6 address: written with brackets in a Host header.
        return format!("[{}]", value.to_ascii_lowercase());
    } else {
        value
    };
    host.trim_end_matches('.').to_ascii_lowercase()
}

impl AllowedHosts {
    /// The loopback names (`localhost`, `127.0.0.1`, `[::1]`), `bind`'s host and `extra`.
    pub fn new(bind: &str, extra: &[String]) -> AllowedHosts {
        let mut names: Vec<String> = ["localhost", "127.0.0.1", "[::1]"]
            .iter()
            .map(|n| n.to_string())
            .collect();
        let any = extra.iter().any(|n| n.trim() == "*");
        for name in std::iter::once(bind)
            .chain(extra.iter().map(String::as_str))
            .filter(|n| !n.trim().is_empty() && n.trim() != "*")
        {
            let name = host_name(name);
            if !names.contains(&name) {
                names.push(name);
            }
        }
        AllowedHosts { names, any }
    }

    /// Whether a request with this `Host` header is answered.
    pub fn allows(&self, host: &str) -> bool {
        self.any || self.names.contains(&host_name(host))
    }

    /// The names allowed, for messages.
    pub fn names(&self) -> &[String] {
        &self.names
    }
}

/// Answers 421 to a request naming a host that is not allowed; a request without any
/// `Host` (HTTP/1.0 tools) passes, as no browser sends one.
pub(super) async fn check_host(
    State(state): State<Arc<AppState>>,
    req: Request,
    next: Next,
) -> Response {
    let host = match req.headers().get(header::HOST) {
        Some(value) => Some(value.to_str().unwrap_or("(not text)").to_string()),
        None => req.uri().authority().map(|a| a.as_str().to_string()),
    };
    match host {
        Some(host) if !state.allowed_hosts.allows(&host) => {
            let shown: String = host.chars().take(100).collect();
            error_response(
                StatusCode::MISDIRECTED_REQUEST,
                &format!(
                    "this server does not answer for the host `{shown}` (a page on another site \
                     may be trying to read it through DNS rebinding); it answers for {}. To \
                     allow that name, start it with `dateline serve --allow-host {}`",
                    state.allowed_hosts.names().join(", "),
                    host_name(&shown)
                ),
            )
        }
        _ => next.run(req).await,
    }
}

/// Adds the security headers to every response.
pub(super) async fn security_headers(req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::test_support::test_app_with;
    use axum::body::Body;
    use axum::http::Request as HttpRequest;
    use tower::ServiceExt;

    #[test]
    fn host_names_lose_their_port_and_case() {
        assert_eq!(host_name("localhost:8080"), "localhost");
        assert_eq!(host_name("[::1]:8080"), "[::1]");
        assert_eq!(host_name("[::1]"), "[::1]");
        assert_eq!(host_name("::1"), "[::1]");
        assert_eq!(host_name("News.Example.:80"), "news.example");
        let hosts = AllowedHosts::new("10.0.0.5:8080", &["news.internal".into()]);
        for ok in [
            "localhost",
            "LOCALHOST:1",
            "127.0.0.1:8080",
            "[::1]:8080",
            "10.0.0.5:8080",
            "news.internal",
        ] {
            assert!(hosts.allows(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "127.0.0.2",
            "localhost.evil.example",
            "",
            "10.0.0.6",
        ] {
            assert!(!hosts.allows(bad), "{bad}");
        }
        assert!(AllowedHosts::new("127.0.0.1:80", &["*".into()]).allows("anything.example"));
    }

    async fn get_with_host(app: &axum::Router, uri: &str, host: Option<&str>) -> Response {
        let mut req = HttpRequest::builder().uri(uri);
        if let Some(host) = host {
            req = req.header(header::HOST, host);
        }
        app.clone()
            .oneshot(req.body(Body::empty()).unwrap())
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn other_hosts_are_refused_and_every_response_has_the_security_headers() {
        let (app, dir) = test_app_with(AllowedHosts::new(
            "127.0.0.1:8080",
            &["news.internal".into()],
        ));
        for (host, status) in [
            (Some("localhost:8080"), StatusCode::OK),
            (Some("127.0.0.1:8080"), StatusCode::OK),
            (Some("[::1]:8080"), StatusCode::OK),
            (Some("news.internal"), StatusCode::OK),
            (None, StatusCode::OK),
            (Some("evil.example:8080"), StatusCode::MISDIRECTED_REQUEST),
            (Some("127.0.0.1.nip.io"), StatusCode::MISDIRECTED_REQUEST),
        ] {
            for uri in ["/", "/api/stats", "/static/app.js"] {
                let response = get_with_host(&app, uri, host).await;
                assert_eq!(response.status(), status, "{host:?} {uri}");
                let headers = response.headers();
                assert_eq!(
                    headers[header::CONTENT_SECURITY_POLICY],
                    CONTENT_SECURITY_POLICY
                );
                assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
                if status != StatusCode::OK {
                    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
                        .await
                        .unwrap();
                    let body: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
                    let message = body["error"]["message"].as_str().unwrap();
                    assert!(message.contains("--allow-host"), "{message}");
                    assert!(message.contains("localhost, 127.0.0.1, [::1]"), "{message}");
                }
            }
        }
        // Errors carry the headers too.
        let response = get_with_host(&app, "/api/nothing", Some("localhost")).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        assert_eq!(
            response.headers()[header::X_CONTENT_TYPE_OPTIONS],
            "nosniff"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn the_page_needs_nothing_the_policy_forbids() {
        let html = include_str!("../../web/index.html");
        let js = include_str!("../../web/app.js");
        // No inline script or style, no style attributes, no inline event handlers.
        assert!(!html.contains("<style"), "inline style element");
        assert!(!html.contains("style="), "style attribute");
        assert_eq!(
            html.matches("<script").count(),
            html.matches("<script src=").count()
        );
        assert!(
            !js.contains("style="),
            "style attribute written by the script"
        );
        assert!(!js.contains(".style."), "style set from the script");
        assert!(!js.contains("eval(") && !js.contains("new Function"));
        for handler in [
            " onclick=",
            " onload=",
            " onerror=",
            " onsubmit=",
            " onchange=",
        ] {
            assert!(
                !html.contains(handler) && !js.contains(handler),
                "{handler}"
            );
        }
    }
}
