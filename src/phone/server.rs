//! The phone page's HTTP server: axum on a tokio runtime of its own thread, so the desktop
//! app and the command line host it alike. Read-only; answers only the address it is shown
//! at (`Host`), with a strict content-security policy, no referrer, no caching and no CORS;
//! it stops at its end time, when stopped, and when dropped.

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::NaiveDateTime;
use serde::Deserialize;

use super::{page, Answer, Gate, MAX_MINUTES};
use crate::error::{Error, Reason, Result};
use crate::ids::Clock;
use crate::Db;

/// Where and for how long a share is open.
#[derive(Debug, Clone)]
pub struct ShareOptions {
    /// One of the computer's addresses; never the "all interfaces" one.
    pub bind: IpAddr,
    /// 0: any free port.
    pub port: u16,
    /// At most 8 hours.
    pub duration: Duration,
}

/// The headers every answer carries.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
                   img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

struct Shared {
    db: Arc<Db>,
    gate: Mutex<Gate>,
    clock: Clock,
    /// The `Host` values the page answers to: the address shown, nothing else.
    hosts: Vec<String>,
    /// The page's own origin (`http://<address>`): a request from another origin is refused.
    origin: String,
    deadline: Instant,
    stopped: AtomicBool,
}

impl Shared {
    fn closed(&self) -> bool {
        self.stopped.load(Ordering::SeqCst) || Instant::now() >= self.deadline
    }
}

/// A running share. Stops at its end time, on [`PhoneServer::stop`], and when dropped.
pub struct PhoneServer {
    address: SocketAddr,
    until: NaiveDateTime,
    shared: Arc<Shared>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
    finished: Arc<AtomicBool>,
}

impl PhoneServer {
    /// Opens the page at `options.bind:options.port` until `options.duration` has passed.
    /// `clock` gives the local time (the throttles', the log's and "today").
    pub fn start(db: Arc<Db>, options: &ShareOptions, clock: Clock) -> Result<PhoneServer> {
        if options.bind.is_unspecified() {
            return Err(Error::validation("bind", Reason::PhoneAllInterfaces));
        }
        if options.duration.is_zero()
            || options.duration > Duration::from_secs(u64::from(MAX_MINUTES) * 60)
        {
            return Err(Error::validation("share_minutes", Reason::PhoneMinutes));
        }
        let listener = TcpListener::bind((options.bind, options.port))
            .map_err(|_| Error::validation("port", Reason::PhoneAddressInUse))?;
        listener.set_nonblocking(true)?;
        let address = listener.local_addr()?;
        let until =
            clock() + chrono::Duration::from_std(options.duration).expect("at most eight hours");
        let deadline = Instant::now() + options.duration;
        let authority = authority(address);
        let mut hosts = vec![authority.clone()];
        if address.port() == 80 {
            hosts.push(authority.trim_end_matches(":80").to_string());
        }
        let shared = Arc::new(Shared {
            db,
            gate: Mutex::default(),
            clock,
            hosts,
            origin: format!("http://{authority}"),
            deadline,
            stopped: AtomicBool::new(false),
        });
        let app = router(Arc::clone(&shared));
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let finished = Arc::new(AtomicBool::new(false));
        let done = Arc::clone(&finished);
        let thread = std::thread::Builder::new()
            .name("zhibu-phone".into())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_io()
                    .enable_time()
                    .build();
                if let Ok(runtime) = runtime {
                    runtime.block_on(async move {
                        let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                            return;
                        };
                        let serve = std::future::IntoFuture::into_future(axum::serve(
                            listener,
                            app.into_make_service_with_connect_info::<SocketAddr>(),
                        ));
                        tokio::select! {
                            _ = serve => {}
                            _ = stopped => {}
                            _ = tokio::time::sleep_until(deadline.into()) => {}
                        }
                    });
                    // Dropping the runtime closes the listener and every open connection.
                    drop(runtime);
                }
                done.store(true, Ordering::SeqCst);
            })?;
        Ok(PhoneServer {
            address,
            until,
            shared,
            stop: Some(stop),
            thread: Some(thread),
            finished,
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The address to show and to put in the QR code: `http://192.168.1.5:8080/`.
    pub fn url(&self) -> String {
        format!("http://{}/", authority(self.address))
    }

    /// When it stops by itself (local time).
    pub fn until(&self) -> NaiveDateTime {
        self.until
    }

    /// Still answering: neither stopped nor past its end time.
    pub fn is_running(&self) -> bool {
        !self.finished.load(Ordering::SeqCst) && !self.shared.closed()
    }

    /// Waits until the share ends (its time is up, or it was stopped).
    pub fn wait(mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }

    /// Stops answering at once and closes every connection.
    pub fn stop(&mut self) {
        self.shared.stopped.store(true, Ordering::SeqCst);
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for PhoneServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// `ip:port`, with brackets around an IPv6 address.
fn authority(address: SocketAddr) -> String {
    match address.ip() {
        IpAddr::V4(ip) => format!("{ip}:{}", address.port()),
        IpAddr::V6(ip) => format!("[{ip}]:{}", address.port()),
    }
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/phone.js", get(script))
        .route("/phone.css", get(style))
        .route("/api/my-hours", post(my_hours))
        .layer(DefaultBodyLimit::max(4096))
        .layer(middleware::from_fn_with_state(Arc::clone(&shared), guard))
        .with_state(shared)
}

/// A refusal: its status and the reason's Chinese sentence as `{"message"}`.
fn refuse(status: StatusCode, message: &str) -> Response {
    (status, Json(serde_json::json!({ "message": message }))).into_response()
}

/// Every request: answered only at the address shown and while open; every answer carries
/// the security headers.
async fn guard(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    let host_ok = host.is_some_and(|h| shared.hosts.iter().any(|a| a.eq_ignore_ascii_case(h)));
    let origin_ok = request
        .headers()
        .get(header::ORIGIN)
        .is_none_or(|o| o.as_bytes().eq_ignore_ascii_case(shared.origin.as_bytes()));
    let mut response = if !host_ok {
        refuse(
            StatusCode::MISDIRECTED_REQUEST,
            Reason::PhoneWrongHost.message(),
        )
    } else if !origin_ok {
        refuse(StatusCode::FORBIDDEN, Reason::PhoneWrongHost.message())
    } else if shared.closed() {
        refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            Reason::PhoneClosed.message(),
        )
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

async fn index() -> Response {
    asset("text/html; charset=utf-8", page::HTML)
}

async fn script() -> Response {
    asset("text/javascript; charset=utf-8", page::SCRIPT)
}

async fn style() -> Response {
    asset("text/css; charset=utf-8", page::STYLE)
}

#[derive(Deserialize)]
struct LookUp {
    name: String,
    pin: String,
}

async fn my_hours(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    // Only JSON: a page elsewhere cannot post it without a CORS preflight, which is refused.
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(';')
                .next()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
        });
    let Some(query) = json
        .then(|| serde_json::from_slice::<LookUp>(&body).ok())
        .flatten()
    else {
        return refuse(StatusCode::BAD_REQUEST, Reason::PhoneBadRequest.message());
    };
    let work = Arc::clone(&shared);
    let answer = tokio::task::spawn_blocking(move || {
        let now = (work.clock)();
        work.gate.lock().unwrap_or_else(|e| e.into_inner()).look_up(
            &work.db,
            &query.name,
            &query.pin,
            peer.ip(),
            now,
        )
    })
    .await;
    if shared.closed() {
        return refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            Reason::PhoneClosed.message(),
        );
    }
    match answer {
        Ok(Answer::Shown(hours)) => Json(*hours).into_response(),
        Ok(Answer::Refused) => refuse(StatusCode::UNAUTHORIZED, Reason::WrongPin.message()),
        Ok(Answer::Throttled) => refuse(
            StatusCode::TOO_MANY_REQUESTS,
            Reason::TooManyTries.message(),
        ),
        Ok(Answer::Unavailable(e)) => refuse(StatusCode::SERVICE_UNAVAILABLE, &e.to_string()),
        Err(_) => refuse(
            StatusCode::INTERNAL_SERVER_ERROR,
            Reason::PhoneClosed.message(),
        ),
    }
}
