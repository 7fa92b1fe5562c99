// A throwaway PostgreSQL cluster for end-to-end tests, as tests/common/pg.rs starts one for the
// Rust tests: initdb in a temporary folder as the `postgres` user (PostgreSQL refuses to run as
// root), TLS on with a CA and a server certificate made here by openssl, a free port on
// 127.0.0.1, only TLS connections let in; stopped and removed by `stop()`. Anything that keeps
// it from starting throws: a test that needs it fails, it does not skip.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function run(program, args) {
  try {
    return execFileSync(program, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    throw new Error(`${program} ${args.join(' ')} failed: ${e.stderr ?? e.message}`, { cause: e });
  }
}

const isRoot = () => process.getuid?.() === 0;
/** A command as root: directly when the test is, else through passwordless sudo. */
const asRoot = (program, args) => (isRoot() ? run(program, args) : run('sudo', ['-n', program, ...args]));
const asPostgres = (bin, tool, args) => asRoot('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]);

/** The newest PostgreSQL installed by the distribution's packages. */
function pgBin() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) throw new Error('PostgreSQL is not installed (.ci/setup --test installs it)');
  const bins = readdirSync(base)
    .map((v) => join(base, v, 'bin'))
    .filter((b) => existsSync(join(b, 'initdb')))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  if (!bins.length) throw new Error('no initdb under /usr/lib/postgresql/*/bin');
  return bins.at(-1);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Starts the cluster: `{ port, caPath, caPem, adminUrl(database), stop() }`. */
export async function startCluster() {
  const bin = pgBin();
  const root = mkdtempSync(join(tmpdir(), 'zhibu-e2e-pg-'));
  const certs = mkdtempSync(join(tmpdir(), 'zhibu-e2e-pg-certs-'));
  const stop = () => {
    try {
      asPostgres(bin, 'pg_ctl', ['-D', join(root, 'data'), '-m', 'immediate', '-w', 'stop']);
    } catch {
      // Not started, or already stopped: the folders go either way.
    }
    asRoot('rm', ['-rf', root]);
    rmSync(certs, { recursive: true, force: true });
  };
  try {
    const caKey = join(certs, 'ca.key');
    const caPath = join(certs, 'ca.pem');
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    run('openssl', ['req', '-x509', ...ec, '-days', '3650', '-keyout', caKey, '-out', caPath, '-subj', '/CN=zhibu-e2e-ca']);
    const ext = join(certs, 'server.ext');
    writeFileSync(ext, 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n');
    const csr = join(certs, 'server.csr');
    run('openssl', ['req', ...ec, '-subj', '/CN=127.0.0.1', '-keyout', join(certs, 'server.key'), '-out', csr]);
    run('openssl', [
      'x509',
      '-req',
      '-days',
      '3650',
      '-in',
      csr,
      '-CA',
      caPath,
      '-CAkey',
      caKey,
      '-CAcreateserial',
      '-out',
      join(certs, 'server.pem'),
      '-extfile',
      ext,
    ]);
    copyFileSync(join(certs, 'server.key'), join(root, 'server.key'));
    copyFileSync(join(certs, 'server.pem'), join(root, 'server.pem'));
    const password = `admin-${process.pid}`;
    writeFileSync(join(root, 'pw'), password);
    asRoot('chown', ['-R', 'postgres:postgres', root]);
    asRoot('chmod', ['700', root]);
    asRoot('chmod', ['600', join(root, 'server.key')]);
    const data = join(root, 'data');
    asPostgres(bin, 'initdb', ['-D', data, '-U', 'postgres', '-A', 'scram-sha-256', '-E', 'UTF8', '--no-locale', '--no-sync', `--pwfile=${join(root, 'pw')}`]);
    const port = await freePort();
    const conf = [
      '',
      "listen_addresses = '127.0.0.1'",
      `port = ${port}`,
      `unix_socket_directories = '${root}'`,
      'ssl = on',
      `ssl_cert_file = '${join(root, 'server.pem')}'`,
      `ssl_key_file = '${join(root, 'server.key')}'`,
      'fsync = off',
      '',
    ].join('\n');
    // The data folder is postgres's: its files are written through a copy we own, then moved.
    const staged = join(certs, 'postgresql.conf');
    writeFileSync(staged, asRoot('cat', [join(data, 'postgresql.conf')]) + conf);
    writeFileSync(join(certs, 'pg_hba.conf'), 'hostssl all all 127.0.0.1/32 scram-sha-256\n');
    chmodSync(staged, 0o644);
    asRoot('cp', [staged, join(data, 'postgresql.conf')]);
    asRoot('cp', [join(certs, 'pg_hba.conf'), join(data, 'pg_hba.conf')]);
    asRoot('chown', ['-R', 'postgres:postgres', root]);
    asPostgres(bin, 'pg_ctl', ['-D', data, '-l', join(root, 'log'), '-w', '-t', '60', 'start']);
    return {
      port,
      caPath,
      caPem: readFileSync(caPath, 'utf8'),
      adminUrl: (database) => `postgresql://postgres:${password}@127.0.0.1:${port}/${database}?sslmode=verify-full&sslrootcert=${caPath}`,
      stop,
    };
  } catch (e) {
    stop();
    throw e;
  }
}

/** A postgresql:// URL's parts, as the connection form asks for them. */
export function urlParts(url) {
  const u = new URL(url.replace(/^postgres(ql)?:/, 'http:'));
  return {
    host: u.hostname,
    port: u.port || '5432',
    database: decodeURIComponent(u.pathname.slice(1)),
    role: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
  };
}

/** A CA certificate (PEM) of a CA of its own: well formed, but not the one that signed the server's. */
export function strangerCaPem() {
  const dir = mkdtempSync(join(tmpdir(), 'zhibu-e2e-stranger-ca-'));
  try {
    const pem = join(dir, 'ca.pem');
    run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '30',
      '-keyout',
      join(dir, 'ca.key'),
      '-out',
      pem,
      '-subj',
      '/CN=zhibu-e2e-stranger-ca',
    ]);
    return readFileSync(pem, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
