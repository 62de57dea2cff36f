//! The accept loop: HTTP/1 connections with a header-read timeout, an idle timeout and a
//! connection limit, so half-open (slowloris) and idle connections cannot crowd out new
//! requests.
//!
//! When the limit is reached, the oldest connection with no request in progress (a
//! slowloris connection never has one: its headers never end) is closed to make room; if
//! every connection is busy, the new one is closed at once.

use axum::extract::Request;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::collections::BTreeMap;
use std::future::Future;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::net::TcpListener;
use tokio::sync::{watch, Notify};
use tower::Service;

/// The limits on connections.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Connections open at once.
    pub max_connections: usize,
    /// Time a client has to send a request's headers, from the connection's start or the
    /// end of its previous request.
    pub header_read_timeout: Duration,
    /// A connection with no request in progress for this long is closed.
    pub idle_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: 512,
            header_read_timeout: Duration::from_secs(5),
            idle_timeout: Duration::from_secs(30),
        }
    }
}

/// One open connection, as the accept loop sees it.
struct Conn {
    /// Requests in progress.
    busy: AtomicUsize,
    /// When the last request ended (ms since the server's start), or the connection began.
    last_active_ms: AtomicU64,
    /// Wakes the connection's task to close it.
    close: Notify,
}

/// The open connections, oldest first (ids increase).
#[derive(Default)]
struct Conns {
    open: Mutex<BTreeMap<u64, Arc<Conn>>>,
}

impl Conns {
    fn len(&self) -> usize {
        self.open.lock().map_or(0, |o| o.len())
    }

    /// Closes the oldest connection with no request in progress; false when all are busy.
    fn evict_idle(&self) -> bool {
        let Ok(mut open) = self.open.lock() else {
            return false;
        };
        let victim = open
            .iter()
            .find(|(_, c)| c.busy.load(Ordering::Acquire) == 0)
            .map(|(id, _)| *id);
        match victim.and_then(|id| open.remove(&id)) {
            Some(conn) => {
                conn.close.notify_one();
                true
            }
            None => false,
        }
    }
}

/// Serves `app` on `listener` within `limits` until `shutdown` completes; open connections
/// then get up to 5 s to finish their requests.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    let started = Instant::now();
    let conns = Arc::new(Conns::default());
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut next_id = 0u64;
    tokio::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => break,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(e) => {
                // Out of file descriptors and the like: wait for connections to close.
                eprintln!("dateline: cannot accept a connection: {e}");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        if conns.len() >= limits.max_connections && !conns.evict_idle() {
            drop(stream);
            continue;
        }
        let _ = stream.set_nodelay(true);
        next_id += 1;
        let conn = Arc::new(Conn {
            busy: AtomicUsize::new(0),
            last_active_ms: AtomicU64::new(started.elapsed().as_millis() as u64),
            close: Notify::new(),
        });
        if let Ok(mut open) = conns.open.lock() {
            open.insert(next_id, conn.clone());
        }
        tokio::spawn(serve_connection(
            TokioIo::new(stream),
            app.clone(),
            limits,
            (next_id, conn, conns.clone()),
            started,
            stop_rx.clone(),
        ));
    }
    let _ = stop_tx.send(true);
    let deadline = Instant::now() + Duration::from_secs(5);
    while conns.len() > 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Counts a request in progress on its connection for as long as it lives.
struct InProgress(Arc<Conn>, Instant);

impl Drop for InProgress {
    fn drop(&mut self) {
        self.0
            .last_active_ms
            .store(self.1.elapsed().as_millis() as u64, Ordering::Release);
        self.0.busy.fetch_sub(1, Ordering::AcqRel);
    }
}

async fn serve_connection(
    io: TokioIo<tokio::net::TcpStream>,
    app: Router,
    limits: Limits,
    (id, conn, conns): (u64, Arc<Conn>, Arc<Conns>),
    started: Instant,
    mut stop: watch::Receiver<bool>,
) {
    let tracked = conn.clone();
    let service = hyper::service::service_fn(move |req: Request<Incoming>| {
        tracked.busy.fetch_add(1, Ordering::AcqRel);
        let guard = InProgress(tracked.clone(), started);
        let mut app = app.clone();
        async move {
            let response = app.call(req.map(axum::body::Body::new)).await;
            drop(guard);
            response
        }
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .keep_alive(true);
    let connection = builder.serve_connection(io, service);
    tokio::pin!(connection);
    let idle = async {
        let tick = (limits.idle_timeout / 4).max(Duration::from_millis(10));
        loop {
            tokio::time::sleep(tick).await;
            let last = Duration::from_millis(conn.last_active_ms.load(Ordering::Acquire));
            if conn.busy.load(Ordering::Acquire) == 0
                && started.elapsed().saturating_sub(last) >= limits.idle_timeout
            {
                break;
            }
        }
    };
    tokio::pin!(idle);
    tokio::select! {
        _ = connection.as_mut() => {}
        () = conn.close.notified() => {}
        () = &mut idle => {}
        true = async { stop.wait_for(|stop| *stop).await.is_ok() } => {
            // Finish the request in progress, then close.
            connection.as_mut().graceful_shutdown();
            let _ = tokio::time::timeout(Duration::from_secs(5), connection.as_mut()).await;
        }
    }
    if let Ok(mut open) = conns.open.lock() {
        open.remove(&id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::test_support::test_app;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpStream;

    async fn start(limits: Limits) -> (std::net::SocketAddr, std::path::PathBuf) {
        let (app, dir) = test_app();
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(serve(listener, app, limits, std::future::pending()));
        (addr, dir)
    }

    /// One GET on a new connection: the status line.
    async fn status_line(addr: std::net::SocketAddr, path: &str) -> String {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        let request =
            format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).await.unwrap();
        String::from_utf8_lossy(&answer)
            .lines()
            .next()
            .unwrap_or_default()
            .to_string()
    }

    /// Whether the server closed the connection (reading ends) within `within`.
    async fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
        let mut buf = [0u8; 1024];
        match tokio::time::timeout(within, async {
            loop {
                match stream.read(&mut buf).await {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                }
            }
        })
        .await
        {
            Ok(()) => true,
            Err(_) => false,
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn half_open_connections_do_not_stop_new_requests() {
        let limits = Limits {
            max_connections: 8,
            header_read_timeout: Duration::from_secs(30),
            idle_timeout: Duration::from_secs(30),
        };
        let (addr, dir) = start(limits).await;
        // Twice the limit of connections that never finish their headers.
        let mut slow = Vec::new();
        for _ in 0..16 {
            let mut s = TcpStream::connect(addr).await.unwrap();
            s.write_all(b"GET /api/stats HTTP/1.1\r\nHost: local")
                .await
                .unwrap();
            slow.push(s);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        // A normal request still gets through, promptly.
        let started = Instant::now();
        let line = tokio::time::timeout(Duration::from_secs(5), status_line(addr, "/api/stats"))
            .await
            .expect("answered");
        assert_eq!(line, "HTTP/1.1 200 OK");
        assert!(started.elapsed() < Duration::from_secs(2));
        // The oldest half-open connections were closed to make room.
        assert!(closed_within(&mut slow[0], Duration::from_secs(2)).await);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn slow_headers_and_idle_connections_are_closed() {
        let limits = Limits {
            max_connections: 64,
            header_read_timeout: Duration::from_millis(300),
            idle_timeout: Duration::from_millis(600),
        };
        let (addr, dir) = start(limits).await;
        // Headers dribbled a byte at a time: closed after the header-read timeout.
        let mut dribble = TcpStream::connect(addr).await.unwrap();
        let started = Instant::now();
        let mut closed = false;
        for byte in b"GET /api/stats HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
            .iter()
            .cycle()
            .take(200)
        {
            if dribble.write_all(&[*byte]).await.is_err() {
                closed = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert!(closed || closed_within(&mut dribble, Duration::from_secs(1)).await);
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "{:?}",
            started.elapsed()
        );
        // A kept-alive connection after its request: closed once idle.
        let mut kept = TcpStream::connect(addr).await.unwrap();
        kept.write_all(b"GET /api/stats HTTP/1.1\r\nHost: localhost\r\n\r\n")
            .await
            .unwrap();
        let mut buf = [0u8; 4096];
        let n = kept.read(&mut buf).await.unwrap();
        assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
        assert!(closed_within(&mut kept, Duration::from_secs(3)).await);
        // And the server still answers.
        assert_eq!(status_line(addr, "/api/stats").await, "HTTP/1.1 200 OK");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
