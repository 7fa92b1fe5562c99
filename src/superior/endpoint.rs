//! Where the 上级党委's database is and how to reach it: a libpq-style URL
//! (`postgresql://role:password@host:port/database?sslmode=verify-full&sslrootcert=ca.pem`)
//! parsed into its parts, and the TLS connection that checks the server against that CA.

use std::path::Path;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{pg_error, refused};
use crate::error::Result;

/// How long a connection attempt waits before the server counts as unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// A connection to the 党委's database. TLS is always used and the server's certificate is
/// always checked against `ca_pem`; `verify_host` also checks the certificate names the host
/// (`sslmode=verify-full`; `verify-ca`, or `require` with a CA, checks the CA only).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endpoint {
    pub host: String,
    pub port: u16,
    pub database: String,
    pub user: String,
    pub password: String,
    pub verify_host: bool,
    pub ca_pem: String,
}

impl std::fmt::Debug for Endpoint {
    // The password never reaches a log line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Endpoint({}@{}:{}/{})",
            self.user, self.host, self.port, self.database
        )
    }
}

impl Endpoint {
    /// Parses a URL; `sslrootcert` names the CA certificate's file, which is read here.
    pub fn parse(url: &str) -> Result<Endpoint> {
        let bad = |what: &str| {
            refused(format!("连接地址不正确：{what}（应为 postgresql://角色:密码@主机:端口/数据库?sslmode=verify-full&sslrootcert=CA证书文件）"))
        };
        let rest = url
            .trim()
            .strip_prefix("postgresql://")
            .or_else(|| url.trim().strip_prefix("postgres://"))
            .ok_or_else(|| bad("应以 postgresql:// 开头"))?;
        let (main, query) = rest.split_once('?').unwrap_or((rest, ""));
        let (auth, hostpart) = main.rsplit_once('@').ok_or_else(|| bad("缺少角色和密码"))?;
        let (user, password) = auth.split_once(':').ok_or_else(|| bad("缺少密码"))?;
        let (hostport, database) = hostpart
            .split_once('/')
            .ok_or_else(|| bad("缺少数据库名"))?;
        let (host, port) = match hostport.rsplit_once(':') {
            Some((h, p)) => (h, p.parse::<u16>().map_err(|_| bad("端口不正确"))?),
            None => (hostport, 5432),
        };
        let mut mode = String::new();
        let mut root = None;
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            match k {
                "sslmode" => mode = v.to_string(),
                "sslrootcert" => root = Some(decode(v).ok_or_else(|| bad("证书路径编码有误"))?),
                _ => {}
            }
        }
        let verify_host = match mode.as_str() {
            "verify-full" => true,
            "verify-ca" | "require" => false,
            _ => {
                return Err(bad(
                    "须加密并核验服务器证书：sslmode 应为 verify-full 或 verify-ca",
                ))
            }
        };
        let root = root.ok_or_else(|| bad("缺少 sslrootcert（上级党委提供的 CA 证书文件）"))?;
        let ca_pem = std::fs::read_to_string(&root)
            .map_err(|e| crate::error::Error::file_read(Path::new(&root), e))?;
        let endpoint = Endpoint {
            host: decode(host).ok_or_else(|| bad("主机名编码有误"))?,
            port,
            database: decode(database).ok_or_else(|| bad("数据库名编码有误"))?,
            user: decode(user).ok_or_else(|| bad("角色名编码有误"))?,
            password: decode(password).ok_or_else(|| bad("密码编码有误"))?,
            verify_host,
            ca_pem,
        };
        endpoint.check()?;
        Ok(endpoint)
    }

    /// A connection as given: a URL, or a connection file's text (the JSON
    /// [`Endpoint::connection_file`] writes, the CA certificate inside it).
    pub fn from_text(text: &str) -> Result<Endpoint> {
        let t = text.trim().trim_start_matches('\u{feff}');
        if t.starts_with('{') {
            let e: Endpoint = serde_json::from_str(t)
                .map_err(|_| refused("连接文件格式不正确：应为上级党委发放的连接文件"))?;
            e.check()?;
            Ok(e)
        } else {
            Endpoint::parse(t)
        }
    }

    /// The connection file handed to a branch's secretary: everything needed, the CA
    /// certificate included, so no second file has to travel with it.
    pub fn connection_file(&self) -> String {
        serde_json::to_string_pretty(self).expect("an endpoint serializes") + "\n"
    }

    /// Refuses an endpoint missing a part, or whose CA is not a PEM certificate.
    pub fn check(&self) -> Result<()> {
        for (value, label) in [
            (&self.host, "主机"),
            (&self.database, "数据库名"),
            (&self.user, "角色"),
            (&self.password, "密码"),
        ] {
            if value.trim().is_empty() {
                return Err(refused(format!("连接设置缺少{label}")));
            }
        }
        if self.port == 0 {
            return Err(refused("端口不正确"));
        }
        native_tls::Certificate::from_pem(self.ca_pem.as_bytes())
            .map_err(|_| refused("CA 证书不是有效的 PEM 格式证书"))?;
        Ok(())
    }

    /// The same server and database as another role.
    pub fn with_login(&self, user: &str, password: &str) -> Endpoint {
        Endpoint {
            user: user.to_string(),
            password: password.to_string(),
            ..self.clone()
        }
    }

    /// The same server as another database.
    pub fn with_database(&self, database: &str) -> Endpoint {
        Endpoint {
            database: database.to_string(),
            ..self.clone()
        }
    }

    /// The URL of this endpoint, its CA certificate in the file `ca_path`.
    pub fn url(&self, ca_path: &str) -> String {
        format!(
            "postgresql://{}:{}@{}:{}/{}?sslmode={}&sslrootcert={}",
            encode(&self.user),
            encode(&self.password),
            self.host,
            self.port,
            encode(&self.database),
            if self.verify_host {
                "verify-full"
            } else {
                "verify-ca"
            },
            encode(ca_path)
        )
    }
}

/// The CA certificate's file a URL names (`sslrootcert`), for the URLs made from it.
pub fn sslrootcert(url: &str) -> Option<String> {
    let (_, query) = url.split_once('?')?;
    query
        .split('&')
        .find_map(|p| p.strip_prefix("sslrootcert="))
        .and_then(decode)
}

/// A TLS connection checked against the endpoint's CA.
pub fn connect(endpoint: &Endpoint) -> Result<postgres::Client> {
    endpoint.check()?;
    let ca = native_tls::Certificate::from_pem(endpoint.ca_pem.as_bytes())
        .map_err(|_| refused("CA 证书不是有效的 PEM 格式证书"))?;
    let tls = native_tls::TlsConnector::builder()
        .add_root_certificate(ca)
        .disable_built_in_roots(true)
        .danger_accept_invalid_hostnames(!endpoint.verify_host)
        .build()
        .map_err(|e| refused(format!("无法建立 TLS：{e}")))?;
    let mut config = postgres::Config::new();
    config
        .host(&endpoint.host)
        .port(endpoint.port)
        .dbname(&endpoint.database)
        .user(&endpoint.user)
        .password(&endpoint.password)
        .ssl_mode(postgres::config::SslMode::Require)
        .connect_timeout(CONNECT_TIMEOUT)
        .application_name("zhibu");
    config
        .connect(postgres_native_tls::MakeTlsConnector::new(tls))
        .map_err(pg_error)
}

/// Percent-encodes what a URL part cannot hold as it is.
fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_parts_round_trip_through_percent_encoding() {
        let dir = tempfile::tempdir().unwrap();
        let ca = dir.path().join("ca.pem");
        std::fs::write(&ca, TEST_CA).unwrap();
        let e = Endpoint {
            host: "127.0.0.1".into(),
            port: 6543,
            database: "dangwei".into(),
            user: "zb_x".into(),
            password: "p@ss:w/rd 密".into(),
            verify_host: true,
            ca_pem: TEST_CA.into(),
        };
        let back = Endpoint::parse(&e.url(ca.to_str().unwrap())).unwrap();
        assert_eq!(back, e);
    }

    #[test]
    fn a_connection_file_holds_everything_including_the_ca() {
        let e = Endpoint {
            host: "dw.example".into(),
            port: 5432,
            database: "dangwei".into(),
            user: "zb_x".into(),
            password: "secret".into(),
            verify_host: true,
            ca_pem: TEST_CA.into(),
        };
        assert_eq!(Endpoint::from_text(&e.connection_file()).unwrap(), e);
        assert!(Endpoint::from_text("{\"host\": 1}").is_err());
    }

    #[test]
    fn a_url_without_certificate_checks_is_refused() {
        for url in [
            "postgresql://a:b@h:5432/d",
            "postgresql://a:b@h:5432/d?sslmode=disable&sslrootcert=x",
            "postgresql://a:b@h:5432/d?sslmode=verify-full",
            "mysql://a:b@h/d",
            "postgresql://a@h:5432/d?sslmode=verify-full&sslrootcert=x",
        ] {
            let e = Endpoint::parse(url).unwrap_err();
            assert_eq!(e.code(), "superior", "{url}: {e}");
        }
    }

    const TEST_CA: &str = "-----BEGIN CERTIFICATE-----
MIIBhzCCAS2gAwIBAgIUR4M0Sc91Ofx2ZzZHu0tTAp++u8MwCgYIKoZIzj0EAwIw
GDEWMBQGA1UEAwwNemhpYnUtdGVzdC1jYTAgFw0yNjEyMDcxMjQwMzlaGA8yMTI2
MTExMzEyNDAzOVowGDEWMBQGA1UEAwwNemhpYnUtdGVzdC1jYTBZMBMGByqGSM49
AgEGCCqGSM49AwEHA0IABMFIERg/oHwHVgJahR1zQAzHuEfbmMm7v4ABfAjvOLjA
EH5xp5prPUYKJ50eP7ntFkF//nmqZg0Hxdi6uZ0pw8GjUzBRMB0GA1UdDgQWBBRe
QifJqgxOZLmKx6qvjApwrSBvcjAfBgNVHSMEGDAWgBReQifJqgxOZLmKx6qvjApw
rSBvcjAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIQDkQBpFu9pR
POUbvkXFTMgVON5zKyK++13s2L0uGoY/vQIgMFokOMAvHAsP/mensO4pmY0SnKnn
bPieWoFR3vM+lYs=
-----END CERTIFICATE-----
";
}
