//! A throwaway PostgreSQL cluster for the tests: initdb in a temporary folder as the
//! `postgres` user (PostgreSQL refuses to run as root), TLS on with a CA and server
//! certificate made here, a free port on 127.0.0.1, stopped and removed when the last test
//! holding it lets go. Failing to start it fails the test: nothing is skipped.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex, Weak};

use tempfile::TempDir;

pub struct Cluster {
    /// The cluster's own folder, owned by `postgres`.
    dir: TempDir,
    /// The certificates, readable by the tests.
    _certs: TempDir,
    bin: PathBuf,
    pub port: u16,
    pub admin_password: String,
    /// The CA that signed the server's certificate.
    pub ca_path: PathBuf,
    /// A CA that did not: a client trusting only it must refuse the server.
    pub other_ca_path: PathBuf,
}

static SHARED: Mutex<Weak<Cluster>> = Mutex::new(Weak::new());

/// The cluster the running tests share (started by the first that asks).
pub fn cluster() -> Arc<Cluster> {
    let mut shared = SHARED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(c) = shared.upgrade() {
        return c;
    }
    let c = Arc::new(Cluster::start());
    *shared = Arc::downgrade(&c);
    c
}

/// A database name no other test of this run uses.
pub fn fresh_database(prefix: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(1);
    format!(
        "{prefix}_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

fn run(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Whether this process runs as root (else `sudo -n` is asked for what needs root).
fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// A command run as root: directly when the tests are, else through passwordless sudo.
fn as_root(program: &str) -> Command {
    if is_root() {
        Command::new(program)
    } else {
        let mut c = Command::new("sudo");
        c.args(["-n", program]);
        c
    }
}

fn as_postgres(bin: &Path, tool: &str) -> Command {
    let mut c = as_root("runuser");
    c.args(["-u", "postgres", "--"]).arg(bin.join(tool));
    c
}

/// The newest PostgreSQL installed by the distribution's packages.
fn pg_bin() -> PathBuf {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL is not installed (.ci/setup --test installs it)")
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|p| p.join("initdb").exists())
        .collect();
    versions.sort();
    versions
        .pop()
        .expect("no initdb under /usr/lib/postgresql/*/bin")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn make_ca(dir: &Path, name: &str) -> (PathBuf, PathBuf) {
    let key = dir.join(format!("{name}.key"));
    let pem = dir.join(format!("{name}.pem"));
    run(Command::new("openssl")
        .args(["req", "-x509", "-newkey", "ec", "-pkeyopt"])
        .args(["ec_paramgen_curve:prime256v1", "-nodes", "-days", "3650"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&pem)
        .args(["-subj", &format!("/CN={name}")]));
    (key, pem)
}

impl Cluster {
    fn start() -> Cluster {
        let bin = pg_bin();
        let dir = tempfile::Builder::new()
            .prefix("zhibu-pg-")
            .tempdir()
            .unwrap();
        let root = dir.path();
        let certs = tempfile::Builder::new()
            .prefix("zhibu-pg-certs-")
            .tempdir()
            .unwrap();
        let c = certs.path();
        let (ca_key, ca_path) = make_ca(c, "zhibu-test-ca");
        let (_, other_ca_path) = make_ca(c, "zhibu-other-ca");
        let server_key = c.join("server.key");
        let server_csr = c.join("server.csr");
        let server_pem = c.join("server.pem");
        let ext = c.join("server.ext");
        std::fs::write(
            &ext,
            "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n",
        )
        .unwrap();
        run(Command::new("openssl")
            .args([
                "req",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
            ])
            .args(["-nodes", "-subj", "/CN=127.0.0.1", "-keyout"])
            .arg(&server_key)
            .arg("-out")
            .arg(&server_csr));
        run(Command::new("openssl")
            .args(["x509", "-req", "-days", "3650", "-in"])
            .arg(&server_csr)
            .arg("-CA")
            .arg(&ca_path)
            .arg("-CAkey")
            .arg(&ca_key)
            .arg("-CAcreateserial")
            .arg("-out")
            .arg(&server_pem)
            .arg("-extfile")
            .arg(&ext));
        // The server reads its own copies, in its own folder.
        std::fs::copy(&server_key, root.join("server.key")).unwrap();
        std::fs::copy(&server_pem, root.join("server.pem")).unwrap();
        let server_key = root.join("server.key");
        let server_pem = root.join("server.pem");
        let admin_password = format!("admin-{}", std::process::id());
        let pwfile = root.join("pw");
        std::fs::write(&pwfile, &admin_password).unwrap();
        run(as_root("chown").args(["-R", "postgres:postgres"]).arg(root));
        run(as_root("chmod").arg("700").arg(root));
        run(as_root("chmod").arg("600").arg(&server_key));

        let data = root.join("data");
        run(as_postgres(&bin, "initdb")
            .arg("-D")
            .arg(&data)
            .args(["-U", "postgres", "-A", "scram-sha-256", "-E", "UTF8"])
            .args(["--no-locale", "--no-sync"])
            .arg(format!("--pwfile={}", pwfile.display())));
        let port = free_port();
        let conf = format!(
            "\nlisten_addresses = '127.0.0.1'\nport = {port}\nunix_socket_directories = '{dir}'\n\
             ssl = on\nssl_cert_file = '{cert}'\nssl_key_file = '{key}'\nfsync = off\n\
             max_connections = 120\n",
            dir = root.display(),
            cert = server_pem.display(),
            key = server_key.display()
        );
        let mut pg_conf = std::fs::read_to_string(data.join("postgresql.conf")).unwrap();
        pg_conf.push_str(&conf);
        std::fs::write(data.join("postgresql.conf"), pg_conf).unwrap();
        // TLS or nothing: no line lets a connection in without it.
        std::fs::write(
            data.join("pg_hba.conf"),
            "hostssl all all 127.0.0.1/32 scram-sha-256\n",
        )
        .unwrap();
        run(as_root("chown").args(["-R", "postgres:postgres"]).arg(root));
        run(as_postgres(&bin, "pg_ctl")
            .arg("-D")
            .arg(&data)
            .arg("-l")
            .arg(root.join("log"))
            .args(["-w", "-t", "60", "start"]));
        Cluster {
            dir,
            _certs: certs,
            bin,
            port,
            admin_password,
            ca_path,
            other_ca_path,
        }
    }

    /// The administrator's URL for `database`, checking the server against `ca`.
    pub fn admin_url_with(&self, database: &str, ca: &Path) -> String {
        format!(
            "postgresql://postgres:{}@127.0.0.1:{}/{database}?sslmode=verify-full&sslrootcert={}",
            self.admin_password,
            self.port,
            ca.display()
        )
    }

    pub fn admin_url(&self, database: &str) -> String {
        self.admin_url_with(database, &self.ca_path)
    }

    /// The server's log, for a failing test's message.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("log")).unwrap_or_default()
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = as_postgres(&self.bin, "pg_ctl")
            .arg("-D")
            .arg(self.dir.path().join("data"))
            .args(["-m", "immediate", "-w", "stop"])
            .output();
        // Its files belong to `postgres` now.
        let _ = as_root("rm").arg("-rf").arg(self.dir.path()).output();
    }
}
