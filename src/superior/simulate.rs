//! `zhibu superior simulate`: fills a 党委's database with N branches of realistic size (most
//! about 22 members, one in twenty 300) each reporting at the end of every month of a year,
//! for measuring the overview and the pushes at scale. The reports are made from one real
//! report (the demo branch's), its members repeated and its figures varied per branch.

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use super::endpoint::{connect, Endpoint};
use super::report::{Report, StudyLine};
use super::{pg_error, refused};
use crate::error::Result;

/// Branches inserted per transaction.
const BATCH: usize = 500;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Simulated {
    pub branches: usize,
    pub reports: usize,
    pub seconds: f64,
}

/// A small deterministic generator: the same N gives the same database.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn unit(&mut self) -> f64 {
        (self.next() % 10_000) as f64 / 10_000.0
    }
}

/// One branch's report for one month: `base` with `members` study lines and varied figures.
fn varied(base: &Report, members: usize, as_of: NaiveDate, rng: &mut Lcg, seq: i64) -> Report {
    let mut r = base.clone();
    r.as_of = as_of;
    r.year = as_of.year();
    let lines = base.study.len().max(1);
    r.study = (0..members)
        .map(|i| {
            let l = &base.study[i % lines];
            StudyLine {
                name: format!("{}{}", l.name, i / lines),
                hours: (rng.below(80) as f64) / 2.0,
                target: l.target,
                on_track: rng.below(4) > 0,
            }
        })
        .collect();
    let s = &mut r.summary;
    s.met = rng.below(30) as u32 + 5;
    s.open = rng.below(6) as u32;
    s.missed = rng.below(4) as u32;
    s.overall = rng.unit();
    s.political = rng.unit();
    s.leadership = rng.unit();
    s.membership = rng.unit();
    s.impact = rng.unit();
    s.study_counted = members as u32;
    s.study_reached = rng.below(members as u64 + 1) as u32;
    s.members_in_arrears = rng.below(3) as u32;
    s.alarms = rng.below(5) as u32;
    r.chain.seq = seq;
    r.chain.hash = format!("{:064x}", rng.next());
    r
}

/// Adds `branches` simulated branches (no login roles: the administrator writes their
/// reports) to a database `setup` prepared, each with a report as of the last day of every
/// month of the year ending `year_end`.
pub fn fill(
    admin: &Endpoint,
    base: &Report,
    branches: usize,
    year_end: NaiveDate,
) -> Result<Simulated> {
    if branches == 0 {
        return Err(refused("支部数应大于 0"));
    }
    let started = std::time::Instant::now();
    let mut client = connect(admin)?;
    let mut rng = Lcg(branches as u64 ^ 0x5eed);
    let months: Vec<NaiveDate> = (0..12)
        .rev()
        .map(|back| {
            let first = NaiveDate::from_ymd_opt(year_end.year(), year_end.month(), 1)
                .expect("a month's first day")
                - Months::new(back);
            (first + Months::new(1))
                .pred_opt()
                .expect("a month's last day")
        })
        .collect();
    let mut reports = 0;
    let mut done = 0;
    while done < branches {
        let n = BATCH.min(branches - done);
        let mut tx = client.transaction().map_err(pg_error)?;
        let (mut ids, mut names, mut roles) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..n {
            let id = crate::ids::new_id();
            names.push(format!("模拟第{}党支部", done + ids.len() + 1));
            roles.push(format!("zb_sim_{}", id.replace('-', "")));
            ids.push(id);
        }
        tx.execute(
            "INSERT INTO branch (id, name, role_name)
             SELECT * FROM unnest($1::text[], $2::text[], $3::text[]::name[])",
            &[&ids, &names, &roles],
        )
        .map_err(pg_error)?;
        let mut cols = Columns::default();
        for (i, id) in ids.iter().enumerate() {
            let members = if rng.below(20) == 0 {
                300
            } else {
                18 + rng.below(9) as usize
            };
            let mut prev: Option<(i64, String)> = None;
            for (m, day) in months.iter().enumerate() {
                let r = varied(
                    base,
                    members,
                    *day,
                    &mut rng,
                    (m as i64 + 1) * 40 + i as i64,
                );
                cols.push(id, &r, prev.take());
                prev = Some((r.chain.seq, r.chain.hash.clone()));
            }
        }
        reports += cols.branch_id.len();
        cols.insert(&mut tx)?;
        tx.commit().map_err(pg_error)?;
        done += n;
    }
    Ok(Simulated {
        branches,
        reports,
        seconds: started.elapsed().as_secs_f64(),
    })
}

#[derive(Default)]
struct Columns {
    branch_id: Vec<String>,
    as_of: Vec<NaiveDate>,
    hash: Vec<String>,
    ints: [Vec<i32>; 7],
    floats: [Vec<f64>; 5],
    chain_seq: Vec<i64>,
    chain_hash: Vec<String>,
    anchor_seq: Vec<Option<i64>>,
    anchor_hash: Vec<Option<String>>,
    body: Vec<serde_json::Value>,
}

impl Columns {
    fn push(&mut self, id: &str, r: &Report, anchor: Option<(i64, String)>) {
        let s = &r.summary;
        self.branch_id.push(id.to_string());
        self.as_of.push(r.as_of);
        self.hash.push(r.content_hash());
        for (col, v) in self.ints.iter_mut().zip([
            s.met,
            s.open,
            s.missed,
            s.study_counted,
            s.study_reached,
            s.members_in_arrears,
            s.alarms,
        ]) {
            col.push(v as i32);
        }
        for (col, v) in self.floats.iter_mut().zip([
            s.overall,
            s.political,
            s.leadership,
            s.membership,
            s.impact,
        ]) {
            col.push(v);
        }
        self.chain_seq.push(r.chain.seq);
        self.chain_hash.push(r.chain.hash.clone());
        self.anchor_seq.push(anchor.as_ref().map(|a| a.0));
        self.anchor_hash.push(anchor.map(|a| a.1));
        self.body
            .push(serde_json::to_value(r).expect("a report serializes"));
    }

    fn insert(&self, tx: &mut postgres::Transaction) -> Result<()> {
        // The simulated chains follow on (the previous month's head), so nothing is flagged.
        tx.execute(
            "INSERT INTO report (branch_id, as_of, content_hash, met, open, missed, study_counted,
                 study_reached, members_in_arrears, alarms, overall, political, leadership,
                 membership, impact, chain_seq, chain_hash, anchor_seq, anchor_hash,
                 chain_verified, body)
             SELECT b, d, h, i1, i2, i3, i4, i5, i6, i7, f1, f2, f3, f4, f5, cs, ch, an, ah,
                    true, body
               FROM unnest($1::text[], $2::date[], $3::text[], $4::int[], $5::int[], $6::int[],
                           $7::int[], $8::int[], $9::int[], $10::int[], $11::float8[],
                           $12::float8[], $13::float8[], $14::float8[], $15::float8[],
                           $16::bigint[], $17::text[], $18::bigint[], $19::text[], $20::jsonb[])
                    AS u(b, d, h, i1, i2, i3, i4, i5, i6, i7, f1, f2, f3, f4, f5, cs, ch, an, ah,
                         body)",
            &[
                &self.branch_id,
                &self.as_of,
                &self.hash,
                &self.ints[0],
                &self.ints[1],
                &self.ints[2],
                &self.ints[3],
                &self.ints[4],
                &self.ints[5],
                &self.ints[6],
                &self.floats[0],
                &self.floats[1],
                &self.floats[2],
                &self.floats[3],
                &self.floats[4],
                &self.chain_seq,
                &self.chain_hash,
                &self.anchor_seq,
                &self.anchor_hash,
                &self.body,
            ],
        )
        .map_err(pg_error)?;
        Ok(())
    }
}
