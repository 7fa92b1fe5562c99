//! The roster page: members filtered, sorted and paged, with their masked 身份证号 and phone,
//! and the counts by stage.

use chrono::NaiveDate;
use rusqlite::{params_from_iter, types::Value, Connection, Row};

use super::{MemberSummary, RosterPage, RosterQuery, RosterSort, Stage, StageCounts};
use crate::error::Result;

fn summary_from_row(r: &Row) -> rusqlite::Result<MemberSummary> {
    let roles: Option<String> = r.get("roles")?;
    Ok(MemberSummary {
        id: r.get("id")?,
        name: r.get("name")?,
        gender: r.get("gender")?,
        birth_date: r.get("birth_date")?,
        id_number_masked: r.get("id_masked")?,
        phone_masked: r.get("phone_masked")?,
        stage: r.get("stage")?,
        status: r.get("status")?,
        party_group_id: r.get("party_group_id")?,
        party_group: r.get("party_group")?,
        roles: roles
            .unwrap_or_default()
            .split(',')
            .filter_map(|c| c.parse().ok())
            .collect(),
        joined_on: r.get("joined_on")?,
        confirmed_on: r.get("confirmed_on")?,
        archived_on: r.get("archived_on")?,
    })
}

/// The roster page: filtered, sorted and paged rows, their total, and counts by stage.
pub fn list(conn: &Connection, q: &RosterQuery, today: NaiveDate) -> Result<RosterPage> {
    let mut filters = vec![if q.archived {
        "m.archived_on IS NOT NULL".to_string()
    } else {
        "m.archived_on IS NULL".to_string()
    }];
    let mut args: Vec<Value> = vec![Value::Text(today.to_string())];
    let arg = |v: Value, args: &mut Vec<Value>| {
        args.push(v);
        format!("?{}", args.len())
    };
    if let Some(s) = q.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let like = arg(Value::Text(format!("%{}%", escape_like(s))), &mut args);
        let typed = arg(Value::Text(s.to_string()), &mut args);
        let ids = arg(Value::Text(ids_ending_with(conn, s)?), &mut args);
        filters.push(format!(
            "(m.name LIKE {like} ESCAPE '\\' OR zhibu_name_matches(m.name, {typed})
              OR m.id IN (SELECT value FROM json_each({ids})))"
        ));
    }
    if let Some(stage) = q.stage {
        let p = arg(Value::Text(stage.code().into()), &mut args);
        filters.push(format!("m.stage = {p}"));
    }
    if let Some(status) = q.status {
        let p = arg(Value::Text(status.code().into()), &mut args);
        filters.push(format!("m.status = {p}"));
    }
    if let Some(group) = q.party_group_id.as_deref().filter(|g| !g.is_empty()) {
        let p = arg(Value::Text(group.into()), &mut args);
        filters.push(format!("m.party_group_id = {p}"));
    }
    let where_sql = filters.join(" AND ");
    let dir = if q.descending { "DESC" } else { "ASC" };
    let stage_rank =
        "CASE m.stage WHEN 'full' THEN 0 WHEN 'probationary' THEN 1 WHEN 'candidate' THEN 2
                      WHEN 'activist' THEN 3 ELSE 4 END";
    // Names in the branch's order (拼音 or 姓氏笔画), see `collate`.
    let name = crate::collate::sql_key("m.name");
    let order = match q.sort.unwrap_or(RosterSort::PartyGroup) {
        RosterSort::Name => format!("{name} {dir}"),
        RosterSort::BirthDate => format!("m.birth_date {dir}, {name}"),
        RosterSort::Stage => format!("{stage_rank} {dir}, {name}"),
        RosterSort::JoinedOn => format!("m.joined_on IS NULL, m.joined_on {dir}, {name}"),
        RosterSort::PartyGroup => {
            format!("g.sort_order IS NULL, g.sort_order {dir}, {stage_rank}, {name}")
        }
    };
    // The page's statements are cached by their text: paging and typing in the search box
    // repeat the same few shapes.
    let total: u32 = conn
        .prepare_cached(&format!(
            "SELECT count(*) FROM member m WHERE {where_sql} AND ?1 = ?1"
        ))?
        .query_row(params_from_iter(args.iter()), |r| r.get(0))?;
    let limit = if q.limit == 0 { -1 } else { i64::from(q.limit) };
    let sql = format!(
        "SELECT m.id, m.name, m.gender, m.birth_date, m.id_masked, m.phone_masked, m.stage, m.status,
                m.party_group_id, g.name AS party_group, m.joined_on, m.confirmed_on, m.archived_on,
                (SELECT group_concat(role, ',') FROM committee_role r
                  WHERE r.member_id = m.id AND r.start_on <= ?1 AND (r.end_on IS NULL OR r.end_on > ?1)) AS roles
         FROM member m LEFT JOIN party_group g ON g.id = m.party_group_id
         WHERE {where_sql}
         ORDER BY {order}
         LIMIT {limit} OFFSET {offset}",
        offset = q.offset
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(params_from_iter(args.iter()), summary_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut counts = stage_counts(conn)?;
    // Who has a vote today (正式党员 not under 留党察看), from the roster as of the day.
    counts.voters = super::as_of::roster_on(conn, today)?
        .iter()
        .filter(|m| m.has_vote)
        .count() as u32;
    Ok(RosterPage {
        total,
        rows,
        counts,
    })
}

/// Counts of the active roster by stage.
pub fn stage_counts(conn: &Connection) -> Result<StageCounts> {
    let mut counts = StageCounts::default();
    let mut stmt = conn.prepare_cached(
        "SELECT stage, count(*) FROM member WHERE archived_on IS NULL GROUP BY stage",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let n: u32 = r.get(1)?;
        match r.get::<_, Stage>(0)? {
            Stage::Applicant => counts.applicant = n,
            Stage::Activist => counts.activist = n,
            Stage::Candidate => counts.candidate = n,
            Stage::Probationary => counts.probationary = n,
            Stage::Full => counts.full = n,
        }
        counts.total += n;
    }
    Ok(counts)
}

/// The ids (a JSON array) of the members whose 身份证号 ends with `search`, 4 to 18 of its
/// last digits (X for a final X). Only the sealed number holds the digits, so this needs the
/// data key: while the app is locked, or for a search that is not such a tail, none.
fn ids_ending_with(conn: &Connection, search: &str) -> Result<String> {
    let tail = search.to_ascii_uppercase();
    let digits = tail.len() >= 4
        && tail.len() <= 18
        && tail
            .char_indices()
            .all(|(i, c)| c.is_ascii_digit() || (c == 'X' && i == tail.len() - 1));
    let opener = match crate::vault::opener(conn) {
        Ok(opener) if digits => opener,
        _ => return Ok("[]".into()),
    };
    let mut stmt = conn.prepare_cached("SELECT id, id_number FROM member")?;
    let mut rows = stmt.query([])?;
    let mut ids = Vec::new();
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let sealed: String = r.get(1)?;
        let place = crate::vault::Place {
            table: "member",
            row: &id,
            column: "id_number",
        };
        if opener.open(&sealed, place)?.ends_with(&tail) {
            ids.push(id);
        }
    }
    Ok(serde_json::to_string(&ids).expect("ids serialise"))
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}
