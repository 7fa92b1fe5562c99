//! `zhibu branch …`: the branch's profile — name, founding date, term, 开始登记日期 — and the
//! 联系支委 list that scopes 谈心谈话.

use chrono::NaiveDate;
use clap::Subcommand;

use crate::actor;
use zhibu::branch::{self, BranchPatch, NameOrder};
use zhibu::sessions::talks;
use zhibu::{Db, Error};

use super::{find_member, outln, print_json};

#[derive(Subcommand)]
pub enum BranchCommand {
    /// Change the branch's profile; what is not given stays as it is
    Set {
        /// The branch's name
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        /// 成立日期: no obligation is owed for a period that ended before it
        #[arg(long, value_name = "DATE")]
        founded: Option<String>,
        /// 本届任期开始 (a new term: an end entered for the old one is dropped)
        #[arg(long, value_name = "DATE")]
        term_start: Option<String>,
        /// 任期年限: 3, or 5 in villages and communities
        #[arg(long, value_name = "N")]
        term_years: Option<u32>,
        /// 开始登记日期: periods that began earlier show as 未登记 until entered or confirmed
        #[arg(long, value_name = "DATE")]
        records_from: Option<String>,
        /// 名单顺序: pinyin (拼音, the default) or strokes (姓氏笔画), for every list of people
        #[arg(long, value_name = "ORDER", value_parser = parse_name_order)]
        name_order: Option<NameOrder>,
    },
    /// Show the branch's profile
    Show {
        #[arg(long)]
        json: bool,
    },
    /// 联系支委: the committee member who keeps in touch with a member (谈心谈话 pairs them)
    Contact {
        /// The member, by name or id
        member: String,
        /// The committee member, by name or id
        #[arg(long, value_name = "NAME", required_unless_present = "clear")]
        with: Option<String>,
        /// Take the member off the list (they talk with the 书记)
        #[arg(long, conflicts_with = "with")]
        clear: bool,
    },
}

fn parse_name_order(s: &str) -> Result<NameOrder, String> {
    s.parse()
        .map_err(|_| "名单顺序只能是 pinyin（拼音）或 strokes（姓氏笔画）".to_string())
}

pub fn run_branch(db: &Db, cmd: BranchCommand, today: NaiveDate) -> Result<(), Error> {
    match cmd {
        BranchCommand::Set {
            name,
            founded,
            term_start,
            term_years,
            records_from,
            name_order,
        } => {
            let patch = BranchPatch {
                name,
                founded_on: founded,
                term_start,
                term_years,
                records_from,
                lecture_series_target: None,
                name_order,
            };
            let b = db.write(|tx| branch::set(tx, &patch, today, actor()))?;
            outln!("已更新支部「{}」", b.name);
        }
        BranchCommand::Show { json } => {
            let (b, contacts) = db.read(|c| Ok((branch::require(c)?, talks::contacts(c)?)))?;
            if json {
                print_json(&b);
                return Ok(());
            }
            let date = |d: Option<NaiveDate>| d.map_or("—".to_string(), |d| d.to_string());
            outln!("支部名称：{}", b.name);
            outln!(
                "上级党组织：{}",
                if b.superior_org.is_empty() {
                    "—"
                } else {
                    &b.superior_org
                }
            );
            outln!("成立日期：{}", date(b.founded_on));
            outln!(
                "本届任期：{} 至 {}（{} 年）",
                date(b.term_start),
                date(b.term_ends),
                b.term_years
            );
            outln!("开始登记日期：{}", date(b.records_from));
            outln!("讲堂年度期数：{}", b.lecture_series_target);
            outln!("名单顺序：{}", b.name_order.label());
            for c in contacts {
                outln!("联系支委：{} → {}", c.member_name, c.committee_name);
            }
        }
        BranchCommand::Contact {
            member,
            with,
            clear: _,
        } => {
            let (m, keeper) = db.write(|tx| {
                let m = find_member(tx, &member, today)?;
                let keeper = match &with {
                    Some(k) => Some(find_member(tx, k, today)?),
                    None => None,
                };
                talks::set_contact(
                    tx,
                    &m.id,
                    keeper.as_ref().map(|k| k.id.as_str()),
                    today,
                    actor(),
                )?;
                Ok((m, keeper))
            })?;
            match keeper {
                Some(k) => outln!("{} 的联系支委：{}", m.name, k.name),
                None => outln!("{} 不再有联系支委，由书记谈心谈话", m.name),
            }
        }
    }
    Ok(())
}
