//! 手机查学时 against the real server on 127.0.0.1 with a real HTTP client: only the member
//! whose name and PIN match is shown, refusals read alike, the throttles, the Host check, the
//! security headers, the end of the share, the look-up log, and `zhibu hours serve`.

mod common;

use std::io::{BufRead, BufReader};
use std::net::{IpAddr, Ipv4Addr};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use common::*;
use reqwest::header::{HeaderMap, CONTENT_TYPE, HOST, ORIGIN};
use serde_json::{json, Value};
use zhibu::phone::{self, LookupOutcome, PhoneServer, ShareOptions};
use zhibu::study::self_check;
use zhibu::{Db, Error, Reason};

const LOCAL: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);
const WANG: &str = "王志强";
const WANG_PIN: &str = "2468";
const OTHER_PIN: &str = "1357";

/// The demo branch (roster, sessions, activities) with PINs for two members; the other one's
/// name.
fn demo() -> (tempfile::TempDir, Arc<Db>, String) {
    let (dir, _path, db) = file_db();
    db.write(|tx| zhibu::demo::create(tx, today(), ACTOR))
        .unwrap();
    let wang = member_id(&db, WANG);
    let other: String = db
        .read(|c| {
            Ok(c.query_row(
                "SELECT name FROM member WHERE id <> ?1 AND archived_on IS NULL ORDER BY id LIMIT 1",
                [&wang],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    let other_id = member_id(&db, &other);
    db.write(|tx| {
        self_check::set_pin(tx, &wang, WANG_PIN, ACTOR)?;
        self_check::set_pin(tx, &other_id, OTHER_PIN, ACTOR)
    })
    .unwrap();
    (dir, Arc::new(db), other)
}

/// Serves for `duration`, judging "today" as the tests' day.
fn serve(db: &Arc<Db>, duration: Duration) -> PhoneServer {
    let clock: zhibu::ids::Clock = Arc::new(|| today().and_hms_opt(10, 0, 0).unwrap());
    let options = ShareOptions {
        bind: LOCAL,
        port: 0,
        duration,
    };
    PhoneServer::start(Arc::clone(db), &options, clock).unwrap()
}

struct Reply {
    status: u16,
    headers: HeaderMap,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap()
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// One request; `None` when nothing answers.
fn request(
    method: &str,
    url: &str,
    headers: &[(reqwest::header::HeaderName, &str)],
    body: Option<String>,
) -> Option<Reply> {
    runtime().block_on(async {
        let client = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(20))
            .build()
            .unwrap();
        let mut req = client.request(method.parse().unwrap(), url);
        for (name, value) in headers {
            req = req.header(name.clone(), *value);
        }
        if let Some(body) = body {
            req = req.body(body);
        }
        let resp = req.send().await.ok()?;
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let body = resp.text().await.ok()?;
        Some(Reply {
            status,
            headers,
            body,
        })
    })
}

fn look_up(server: &PhoneServer, name: &str, pin: &str) -> Reply {
    request(
        "POST",
        &format!("{}api/my-hours", server.url()),
        &[(CONTENT_TYPE, "application/json")],
        Some(json!({ "name": name, "pin": pin }).to_string()),
    )
    .expect("the server answers")
}

/// Every value a member must never have in an answer: 身份证号, phone, address, id.
fn private_values(db: &Db, member: &str) -> Vec<String> {
    let id = member_id(db, member);
    let m = db.read(|c| zhibu::members::get(c, &id, today())).unwrap();
    [m.id_number, m.phone, m.address, m.id]
        .into_iter()
        .filter(|v| !v.is_empty())
        .collect()
}

#[test]
fn the_right_pin_shows_that_member_only_with_the_desktops_figures() {
    let (_dir, db, other) = demo();
    let server = serve(&db, Duration::from_secs(300));
    let reply = look_up(&server, WANG, WANG_PIN);
    assert_eq!(reply.status, 200, "{}", reply.body);
    let answer = reply.json();
    let keys: Vec<&str> = answer
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        [
            "attended",
            "categories",
            "hours",
            "name",
            "on_track",
            "target",
            "year"
        ]
    );
    assert_eq!(answer["name"], WANG);
    assert_eq!(answer["year"], 2026);

    // The same figures as the desktop's 我的学时.
    let wang = member_id(&db, WANG);
    let statement = db
        .read(|c| self_check::statement(c, &wang, 2026, today()))
        .unwrap();
    let p = &statement.progress;
    assert_eq!(answer["hours"].as_f64(), Some(p.hours));
    assert_eq!(answer["target"].as_f64(), p.target);
    assert_eq!(answer["on_track"], p.on_track);
    assert_eq!(
        answer["categories"],
        serde_json::to_value(&p.by_category).unwrap()
    );
    let attended = answer["attended"].as_array().unwrap();
    let sessions_present = statement
        .attendance
        .rows
        .iter()
        .filter(|r| r.status == zhibu::sessions::AttendanceStatus::Present)
        .count();
    assert!(sessions_present > 0, "the demo has sessions Wang attended");
    assert!(
        attended.iter().filter(|a| a["kind"] == "session").count() == sessions_present,
        "every session attended is listed"
    );
    let credited: f64 = attended.iter().map(|a| a["hours"].as_f64().unwrap()).sum();
    assert!(credited > 0.0);
    // Nothing credited reads 0, never -0.
    assert!(!reply.body.contains(":-0"), "{}", reply.body);

    // Nothing private of the member, nothing at all of another.
    for value in private_values(&db, WANG) {
        assert!(!reply.body.contains(&value), "an answer holds {value}");
    }
    for value in private_values(&db, &other) {
        assert!(!reply.body.contains(&value), "an answer holds {value}");
    }
    let outside_titles: String =
        [answer["name"].to_string(), answer["categories"].to_string()].concat();
    assert!(!outside_titles.contains(&other));

    // The other member's PIN shows the other member, not Wang.
    let theirs = look_up(&server, &other, OTHER_PIN);
    assert_eq!(theirs.status, 200);
    assert_eq!(theirs.json()["name"], other.as_str());
    for value in private_values(&db, WANG) {
        assert!(!theirs.body.contains(&value));
    }
}

#[test]
fn wrong_names_and_wrong_pins_are_refused_alike() {
    let (_dir, db, other) = demo();
    let server = serve(&db, Duration::from_secs(300));
    let refusals = [
        look_up(&server, WANG, "9999"),
        look_up(&server, "不在册的人", WANG_PIN),
        look_up(&server, &other, WANG_PIN),
        look_up(&server, WANG, ""),
        // A member without a PIN.
        look_up(&server, "田志明", "1234"),
    ];
    for r in &refusals {
        assert_eq!(r.status, 401, "{}", r.body);
        assert_eq!(r.body, refusals[0].body);
        for value in private_values(&db, WANG) {
            assert!(!r.body.contains(&value));
        }
    }
    assert_eq!(refusals[0].json()["message"], Reason::WrongPin.message());
    // Only JSON is read: a form post from another page is refused before any look-up.
    let plain = request(
        "POST",
        &format!("{}api/my-hours", server.url()),
        &[(CONTENT_TYPE, "text/plain")],
        Some(json!({ "name": WANG, "pin": WANG_PIN }).to_string()),
    )
    .unwrap();
    assert_eq!(plain.status, 400);
    assert!(!plain.body.contains(WANG));
}

#[test]
fn five_wrong_tries_lock_the_name_and_many_lock_the_address() {
    let (_dir, db, other) = demo();
    let server = serve(&db, Duration::from_secs(300));
    for _ in 0..5 {
        assert_eq!(look_up(&server, WANG, "0000").status, 401);
    }
    let locked = look_up(&server, WANG, WANG_PIN);
    assert_eq!(locked.status, 429);
    assert_eq!(locked.json()["message"], Reason::TooManyTries.message());
    // Another name is not locked by Wang's.
    assert_eq!(look_up(&server, &other, OTHER_PIN).status, 200);
    // Guessing over many names from one address locks the address.
    for i in 0..(phone::CLIENT_FREE_TRIES - 5) {
        assert_eq!(look_up(&server, &format!("某人{i}"), "0000").status, 401);
    }
    assert_eq!(look_up(&server, &other, OTHER_PIN).status, 429);
}

#[test]
fn a_wrong_host_or_origin_is_refused() {
    let (_dir, db, _other) = demo();
    let server = serve(&db, Duration::from_secs(300));
    let url = format!("{}api/my-hours", server.url());
    let body = json!({ "name": WANG, "pin": WANG_PIN }).to_string();
    let port = server.address().port();
    let other_port = format!("127.0.0.1:{}", port.wrapping_add(1));
    for host in ["evil.example", "localhost", other_port.as_str()] {
        let host = if host == "localhost" {
            format!("localhost:{port}")
        } else {
            host.to_string()
        };
        let r = request(
            "POST",
            &url,
            &[(HOST, host.as_str()), (CONTENT_TYPE, "application/json")],
            Some(body.clone()),
        )
        .unwrap();
        assert_eq!(r.status, 421, "Host {host}: {}", r.body);
        assert!(!r.body.contains(WANG));
        let page = request("GET", &server.url(), &[(HOST, host.as_str())], None).unwrap();
        assert_eq!(page.status, 421);
    }
    let r = request(
        "POST",
        &url,
        &[
            (ORIGIN, "http://evil.example"),
            (CONTENT_TYPE, "application/json"),
        ],
        Some(body.clone()),
    )
    .unwrap();
    assert_eq!(r.status, 403);
    // The page's own origin is let through.
    let origin = server.url().trim_end_matches('/').to_string();
    let r = request(
        "POST",
        &url,
        &[
            (ORIGIN, origin.as_str()),
            (CONTENT_TYPE, "application/json"),
        ],
        Some(body),
    )
    .unwrap();
    assert_eq!(r.status, 200);
}

fn assert_safe_headers(r: &Reply) {
    let h = &r.headers;
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert!(csp.contains("script-src 'self'"));
    assert!(csp.contains("frame-ancestors 'none'"));
    assert!(!csp.contains("unsafe"));
    assert_eq!(h["referrer-policy"], "no-referrer");
    assert_eq!(h["cache-control"], "no-store");
    assert_eq!(h["x-content-type-options"], "nosniff");
    for name in h.keys() {
        assert!(
            !name.as_str().starts_with("access-control-"),
            "a CORS header: {name}"
        );
    }
}

#[test]
fn every_answer_carries_the_security_headers_and_no_cors() {
    let (_dir, db, _other) = demo();
    let server = serve(&db, Duration::from_secs(300));
    let page = request("GET", &server.url(), &[], None).unwrap();
    assert_eq!(page.status, 200);
    assert!(page.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(page.body.contains("/phone.js"));
    assert!(page.body.contains("我的学时"));
    assert_safe_headers(&page);
    for asset in ["phone.js", "phone.css"] {
        let r = request("GET", &format!("{}{asset}", server.url()), &[], None).unwrap();
        assert_eq!(r.status, 200, "{asset}");
        assert_safe_headers(&r);
    }
    assert_safe_headers(&look_up(&server, WANG, WANG_PIN));
    assert_safe_headers(&look_up(&server, WANG, "0000"));
    // A CORS preflight is not answered with any permission.
    let preflight = request(
        "OPTIONS",
        &format!("{}api/my-hours", server.url()),
        &[
            (ORIGIN, "http://evil.example"),
            (reqwest::header::ACCESS_CONTROL_REQUEST_METHOD, "POST"),
        ],
        None,
    )
    .unwrap();
    assert!(preflight.status >= 400);
    assert_safe_headers(&preflight);
    let missing = request("GET", &format!("{}api/members", server.url()), &[], None).unwrap();
    assert_eq!(missing.status, 404);
}

#[test]
fn nothing_answers_once_the_time_is_up_or_it_is_stopped() {
    let (_dir, db, _other) = demo();
    let server = serve(&db, Duration::from_secs(1));
    let url = server.url();
    // Waits for the end (a condition, not a timing).
    while server.is_running() {
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(100));
    assert!(
        request("GET", &url, &[], None).is_none(),
        "answered after time up"
    );

    let mut stopped = serve(&db, Duration::from_secs(300));
    assert_eq!(look_up(&stopped, WANG, WANG_PIN).status, 200);
    stopped.stop();
    assert!(!stopped.is_running());
    assert!(request("GET", &stopped.url(), &[], None).is_none());

    let dropped = serve(&db, Duration::from_secs(300));
    let url = dropped.url();
    drop(dropped);
    assert!(request("GET", &url, &[], None).is_none());
}

#[test]
fn refuses_all_interfaces_and_more_than_eight_hours() {
    let (_dir, db, _other) = demo();
    let clock = zhibu::ids::local_clock();
    let all = ShareOptions {
        bind: IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        port: 0,
        duration: Duration::from_secs(60),
    };
    let refused = PhoneServer::start(Arc::clone(&db), &all, clock.clone()).err();
    assert!(matches!(
        refused,
        Some(Error::Validation {
            field: "bind",
            reason: Reason::PhoneAllInterfaces
        })
    ));
    let long = ShareOptions {
        bind: LOCAL,
        port: 0,
        duration: Duration::from_secs(481 * 60),
    };
    assert!(PhoneServer::start(Arc::clone(&db), &long, clock).is_err());
    assert!(phone::check_minutes(0).is_err());
    assert!(phone::check_minutes(481).is_err());
    assert_eq!(phone::check_minutes(480).unwrap(), 480);
}

#[test]
fn every_look_up_is_logged_for_the_secretary() {
    let (_dir, db, other) = demo();
    let server = serve(&db, Duration::from_secs(300));
    look_up(&server, WANG, WANG_PIN);
    look_up(&server, &other, "0000");
    for _ in 0..5 {
        look_up(&server, "张冒充", "0000");
    }
    look_up(&server, "张冒充", "0000");
    let log = db.read(|c| phone::lookups(c, 100)).unwrap();
    assert_eq!(log.len(), 8);
    assert!(log.iter().all(|l| l.client == "127.0.0.1"));
    assert!(log.iter().all(|l| l.at == "2026-11-22 10:00:00"));
    let of = |name: &str| -> Vec<LookupOutcome> {
        log.iter()
            .filter(|l| l.name_tried == name)
            .map(|l| l.outcome)
            .collect()
    };
    assert_eq!(of(WANG), [LookupOutcome::Shown]);
    assert_eq!(of(&other), [LookupOutcome::Refused]);
    let impostor = of("张冒充");
    assert_eq!(impostor.len(), 6);
    assert_eq!(
        impostor
            .iter()
            .filter(|o| **o == LookupOutcome::Throttled)
            .count(),
        1
    );
    assert!(log.iter().filter(|l| l.refused).count() == 7);
    // No secret typed is kept.
    let stored: String = db
        .read(|c| {
            Ok(c.query_row(
                "SELECT group_concat(name_tried || client || outcome) FROM phone_lookup",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert!(!stored.contains(WANG_PIN));
    // The log is part of what `verify` covers.
    assert!(db.verify().unwrap().ok());
}

#[test]
fn the_command_line_serves_until_stopped() {
    let (dir, db, _other) = demo();
    drop(db);
    let path = dir.path().join("zhibu.sqlite3");
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .arg("--db")
        .arg(&path)
        .args([
            "hours",
            "serve",
            "--bind",
            "127.0.0.1",
            "--port",
            "0",
            "--minutes",
            "5",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let url = first
        .split_once("http://")
        .map(|(_, rest)| format!("http://{}", rest.trim()))
        .unwrap_or_else(|| panic!("no address in {first:?}"));
    let reply = request(
        "POST",
        &format!("{url}api/my-hours"),
        &[(CONTENT_TYPE, "application/json")],
        Some(json!({ "name": WANG, "pin": WANG_PIN }).to_string()),
    )
    .unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.json()["name"], WANG);
    assert!(request("GET", &url, &[], None).is_none());

    let refused = Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .arg("--db")
        .arg(&path)
        .args(["hours", "serve", "--bind", "0.0.0.0", "--minutes", "5"])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    let refused = Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .arg("--db")
        .arg(&path)
        .args(["hours", "serve", "--port", "0", "--minutes", "481"])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("480"));
}

#[test]
fn the_statement_image_is_a_png_of_the_members_year() {
    let (_dir, db, _other) = demo();
    let font = zhibu::phone::statement::CjkFont::find().expect("fonts-noto-cjk (.ci/setup)");
    let wang = member_id(&db, WANG);
    let bytes = db
        .read(|c| zhibu::phone::statement::statement_png(c, &wang, 2026, today(), &font))
        .unwrap();
    let decoder = png::Decoder::new(std::io::Cursor::new(&bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    assert_eq!(info.width, 1080);
    assert!(
        info.height > 900,
        "one page with the year on it: {}",
        info.height
    );
    let rgb: Vec<&[u8]> = pixels[..info.buffer_size()].chunks(3).collect();
    // The red band, and dark text on white below it.
    assert_eq!(rgb[10 * 1080 + 10], [0xc4, 0x1d, 0x24]);
    let inked = rgb[(200 * 1080)..]
        .iter()
        .filter(|p| p[0] < 0x60 && p[1] < 0x60 && p[2] < 0x60)
        .count();
    assert!(inked > 5_000, "text drawn: {inked} dark pixels");
    // A file that is not a font is not taken for one.
    assert!(zhibu::phone::statement::CjkFont::new(b"not a font".to_vec(), 0).is_none());
}
