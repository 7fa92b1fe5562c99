//! Crash safety: a process killed in the middle of a burst of writes leaves a database that
//! passes `PRAGMA integrity_check` and holds every write it acknowledged. The test runs itself
//! again as the writer (`ZHIBU_CRASH_WRITER` set), kills it at varying moments, and checks.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;
use zhibu::branch::{self, GroupInput};
use zhibu::{change_log, Db};

const WRITER: &str = "ZHIBU_CRASH_WRITER";

/// The writer: adds party groups named `<round>-<n>` one transaction each and prints
/// "ack <name>" once each commit has returned.
fn write_forever(path: &Path, round: &str) -> ! {
    let db = Db::open(path).unwrap();
    for n in 0.. {
        let name = format!("{round}-{n}");
        db.write(|tx| {
            // Make each transaction touch several pages: the group, the change log, and an
            // update of the branch row.
            branch::add_group(
                tx,
                &GroupInput {
                    name: name.clone(),
                    leader_id: None,
                    formed_on: None,
                },
                today(),
                ACTOR,
            )?;
            tx.execute("UPDATE branch SET superior_org = ?1", [&name])?;
            Ok(())
        })
        .unwrap();
        println!("ack {name}");
    }
    unreachable!()
}

#[test]
fn a_killed_writer_loses_nothing_it_acknowledged() {
    if let Ok(spec) = std::env::var(WRITER) {
        let (path, round) = spec.split_once('|').unwrap();
        write_forever(Path::new(path), round);
    }
    let (_dir, path, db) = branch_db();
    drop(db);
    let rounds = if std::env::var_os("CI").is_some() {
        25
    } else {
        40
    };
    let mut total_acked = 0;
    for round in 0..rounds {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "a_killed_writer_loses_nothing_it_acknowledged",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(WRITER, format!("{}|r{round}", path.display()))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(name) = line.strip_prefix("ack ") {
                    if tx.send(name.to_string()).is_err() {
                        break;
                    }
                }
            }
        });
        // Wait for a first acknowledged write, then let it run a varying while before the kill.
        let mut acked = vec![rx.recv_timeout(Duration::from_secs(60)).unwrap()];
        std::thread::sleep(Duration::from_millis(3 + (round * 7 % 40) as u64));
        child.kill().unwrap();
        child.wait().unwrap();
        reader.join().unwrap();
        acked.extend(rx.try_iter());
        total_acked += acked.len();

        let db = Db::open(&path).unwrap();
        let (integrity, groups, chain) = db
            .read(|c| {
                let integrity: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
                let groups = branch::list_groups(c)?
                    .into_iter()
                    .map(|g| g.name)
                    .collect::<Vec<_>>();
                Ok((integrity, groups, change_log::verify(c)?))
            })
            .unwrap();
        assert_eq!(integrity, "ok", "round {round}");
        assert_eq!(chain, None, "round {round}: the change log chain broke");
        // Killed between a commit and the head written beside the file, the head is behind
        // the log, which still holds it: no finding.
        let report = db.verify().unwrap();
        assert!(report.ok(), "round {round}: {report:?}");
        for name in &acked {
            assert!(
                groups.contains(name),
                "round {round}: acknowledged {name} is missing"
            );
        }
    }
    assert!(
        total_acked >= rounds,
        "every round acknowledged at least one write"
    );
}
