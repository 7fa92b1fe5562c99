//! `zhibu superior …` (the 党委's database: setup, branches, overview) and `zhibu report …`
//! (the branch's side: its connection, 上报 and its status).

use std::path::PathBuf;

use clap::Subcommand;
use zhibu::ids::local_now;
use zhibu::superior::publish::{self, PublicationKind};
use zhibu::superior::{self, endpoint, outbox, Endpoint};
use zhibu::{Db, Error};

use super::{actor, outln, print_json};

#[derive(Subcommand)]
pub enum SuperiorCommand {
    /// Prepare the 党委's PostgreSQL database: create it if missing, apply its migrations,
    /// and make the 党委's reading role (its connection is printed)
    Setup {
        /// An administrator's connection, e.g.
        /// postgresql://postgres:PW@host:5432/dangwei?sslmode=verify-full&sslrootcert=ca.pem
        #[arg(long, value_name = "URL")]
        admin_url: String,
        #[arg(long)]
        json: bool,
    },
    /// Add a branch: its own login role with a generated password; prints its connection
    /// (shown once: hand it to the branch's secretary)
    #[command(name = "add-branch")]
    AddBranch {
        /// The branch's name, e.g. 永川区行政服务中心党支部
        name: String,
        #[arg(long, value_name = "URL")]
        admin_url: String,
        /// Also write the branch's connection file (the CA certificate inside) for its secretary
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// 下发: publish a 四强 template or a rule revision to every branch (each adopts it from
    /// a day of its choosing; nothing changes before)
    Publish {
        /// four_strengths_template | obligations | study_targets | dues_rates | pipeline_rules
        #[arg(long, value_parser = super::parse_code::<PublicationKind>)]
        kind: PublicationKind,
        /// What the branches see it as, e.g. 2027年学时目标
        #[arg(long)]
        title: String,
        /// The rule set's or template's JSON (as `hours targets --json` and the like print
        /// it; its effective_from is left to each branch)
        #[arg(long, value_name = "FILE")]
        file: PathBuf,
        #[arg(long, value_name = "URL")]
        admin_url: String,
        #[arg(long)]
        json: bool,
    },
    /// One branch's latest report as it sent it (read only): its obligations, 四强 items,
    /// members' 学时, 党费, alarms and pipeline
    Branch {
        branch_id: String,
        /// The 党委's reading connection
        #[arg(long, value_name = "URL")]
        url: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Fill the database with N simulated branches (most about 22 members, some 300), each
    /// reporting at the end of every month of the year up to --today, for measuring speed
    Simulate {
        #[arg(long, value_name = "N")]
        branches: usize,
        #[arg(long, value_name = "URL")]
        admin_url: String,
        #[arg(long)]
        json: bool,
    },
    /// Every branch with its latest report: 三会一课, 四强, 学时, 党费, alarms
    Overview {
        /// The 党委's reading connection (from `superior setup`)
        #[arg(long, value_name = "URL")]
        url: String,
        /// The latest reports as of this day (default: the latest of all)
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// Also write the table (and the 四强 ranking) to this .xlsx file
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum ReportCommand {
    /// Send the branch's report as of a day to the 上级党委 (with any that wait); the
    /// connection is the one stored in 支部设置, or $ZHIBU_SUPERIOR_URL
    Push {
        /// As of this day (default: today)
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Store the connection to the 上级党委: the connection file it handed out, or a URL
    /// (whose CA certificate, the file `sslrootcert` names, is read and kept in the database)
    Connect {
        /// The connection file, or a URL
        url: String,
    },
    /// Where 上报 stands: 已上报 at …, 待上报, 失败: reason
    Status {
        #[arg(long)]
        json: bool,
    },
    /// What the 党委 published (下发), received on the last contact
    Received {
        #[arg(long)]
        json: bool,
    },
    /// Adopt a publication of the 党委 from a day (a rule set in force from it; a 四强
    /// template for its year)
    Adopt {
        id: i64,
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: String,
    },
}

/// A URL given as is, or the connection file (or a file holding a URL).
fn url_or_file(text: &str) -> Result<Endpoint, Error> {
    let t = text.trim();
    if t.starts_with("postgres") {
        return Endpoint::parse(t);
    }
    let bytes = super::read_file(std::path::Path::new(t))?;
    Endpoint::from_text(&String::from_utf8_lossy(&bytes))
}

pub fn run_superior(cmd: &SuperiorCommand, today: chrono::NaiveDate) -> Result<(), Error> {
    match cmd {
        SuperiorCommand::Branch {
            branch_id,
            url,
            as_of,
            json,
        } => {
            let as_of = zhibu::ids::parse_as_of(as_of.as_deref())?;
            let mut client = superior::connect(&Endpoint::parse(url)?)?;
            let report = superior::overview::branch_report(&mut client, branch_id, as_of)?
                .ok_or_else(|| Error::Superior {
                    details: vec![format!("支部 {branch_id} 尚无截至该日的报告")],
                })?;
            if *json {
                print_json(&report);
            } else {
                let s = &report.summary;
                outln!("{}，截至 {}：", report.branch.name, report.as_of);
                outln!(
                    "三会一课 完成 {} / 进行中 {} / 未完成 {}；四强 {:.0}%；学时达标 {}/{}；欠缴党费 {} 人；提醒 {} 项",
                    s.met,
                    s.open,
                    s.missed,
                    s.overall * 100.0,
                    s.study_reached,
                    s.study_counted,
                    s.members_in_arrears,
                    s.alarms
                );
                for a in &report.alarms {
                    outln!("  提醒：{}", a.message);
                }
            }
        }
        SuperiorCommand::Simulate {
            branches,
            admin_url,
            json,
        } => {
            let admin = Endpoint::parse(admin_url)?;
            // One real report, the demo branch's, is the pattern every simulated one follows.
            let demo = Db::open_in_memory()?;
            demo.write(|tx| zhibu::demo::create(tx, today, actor()))?;
            let base = demo.read(|c| superior::report::build(c, today))?;
            let out = superior::simulate::fill(&admin, &base, *branches, today)?;
            if *json {
                print_json(&out);
            } else {
                outln!(
                    "已模拟 {} 个支部、{} 份报告，用时 {:.1} 秒。",
                    out.branches,
                    out.reports,
                    out.seconds
                );
            }
        }
        SuperiorCommand::Setup { admin_url, json } => {
            let admin = Endpoint::parse(admin_url)?;
            let ca = endpoint::sslrootcert(admin_url).unwrap_or_default();
            let out = superior::setup(&admin, &ca)?;
            if *json {
                print_json(&out);
            } else {
                outln!("已准备上级党委数据库「{}」。", out.database);
                outln!("党委查看用的连接（只读）：{}", out.reader_url);
            }
        }
        SuperiorCommand::AddBranch {
            name,
            admin_url,
            file,
            json,
        } => {
            let admin = Endpoint::parse(admin_url)?;
            let ca = endpoint::sslrootcert(admin_url).unwrap_or_default();
            let out = superior::add_branch(&admin, name, &ca)?;
            if let Some(f) = file {
                let e = Endpoint::parse(&out.url)?;
                super::write_file(f, e.connection_file())?;
            }
            if *json {
                print_json(&out);
            } else {
                outln!("已添加支部「{}」，编号 {}。", name.trim(), out.branch_id);
                outln!("该支部的连接（只显示这一次，请交给支部书记）：{}", out.url);
            }
        }
        SuperiorCommand::Publish {
            kind,
            title,
            file,
            admin_url,
            json,
        } => {
            let body: serde_json::Value = serde_json::from_slice(&super::read_file(file)?)
                .map_err(|e| Error::Superior {
                    details: vec![format!("{} 不是 JSON 文件：{e}", file.display())],
                })?;
            let id = publish::publish(&Endpoint::parse(admin_url)?, *kind, title, &body)?;
            if *json {
                print_json(&serde_json::json!({ "id": id }));
            } else {
                outln!("已下发「{title}」（{}，编号 {id}），各支部下次上报时收到，由支部选定日期后采用。", kind.label());
            }
        }
        SuperiorCommand::Overview {
            url,
            as_of,
            xlsx,
            json,
        } => {
            let as_of = zhibu::ids::parse_as_of(as_of.as_deref())?;
            let reader = Endpoint::parse(url)?;
            let mut client = superior::connect(&reader)?;
            let view = superior::overview(&mut client, as_of)?;
            if let Some(file) = xlsx {
                super::write_file(
                    file,
                    superior::export::overview_xlsx(&view, as_of.unwrap_or(today))?,
                )?;
            }
            if *json {
                print_json(&view);
            } else if view.branches.is_empty() {
                outln!("还没有支部。");
            } else {
                for b in &view.branches {
                    match (&b.as_of, &b.compliance, &b.four_strengths, &b.study) {
                        (Some(day), Some(c), Some(f), Some(s)) => outln!(
                            "{}：截至 {day}，三会一课 完成 {} / 进行中 {} / 未完成 {}，四强 {:.0}%，学时达标 {}/{}，欠缴党费 {} 人，提醒 {} 项{}",
                            b.name,
                            c.met,
                            c.open,
                            c.missed,
                            f.overall * 100.0,
                            s.reached,
                            s.counted,
                            b.dues.map_or(0, |d| d.members_in_arrears),
                            b.alarms.unwrap_or(0),
                            if b.tampered { "（⚠ 报告与其变更记录不符）" } else { "" }
                        ),
                        _ => outln!("{}：尚未上报", b.name),
                    }
                    if b.as_of.is_some() && superior::export::silent(b, as_of.unwrap_or(today)) {
                        outln!("  （{} 天以上未上报）", superior::export::SILENT_DAYS);
                    }
                }
            }
        }
    }
    Ok(())
}

pub fn run_report(db: &Db, cmd: ReportCommand, today: chrono::NaiveDate) -> Result<(), Error> {
    match cmd {
        ReportCommand::Push { as_of, json } => {
            let as_of = zhibu::ids::as_of_or(as_of.as_deref(), today)?;
            let from_env = std::env::var("ZHIBU_SUPERIOR_URL")
                .ok()
                .filter(|u| !u.trim().is_empty())
                .map(|u| Endpoint::parse(&u))
                .transpose()?;
            let out = superior::push(db, from_env.as_ref(), as_of, local_now())?;
            if json {
                print_json(&out);
            } else {
                for s in &out.sent {
                    if s.stored {
                        outln!("已上报截至 {} 的报告。", s.as_of);
                    } else {
                        outln!("截至 {} 的报告上级党委已有，未重复保存。", s.as_of);
                    }
                }
                outln!("上报状态：{}", out.status.text);
            }
            if out.waiting > 0 {
                return Err(Error::Superior {
                    details: vec![format!(
                        "{} 份报告待上报，下次上报时会再试：{}",
                        out.waiting, out.status.error
                    )],
                });
            }
        }
        ReportCommand::Connect { url } => {
            let endpoint = url_or_file(&url)?;
            db.write(|tx| outbox::save_connection(tx, &endpoint, actor()))?;
            outln!(
                "已保存上级党委连接：{}:{} 数据库 {}，角色 {}（密码已加密保存）。",
                endpoint.host,
                endpoint.port,
                endpoint.database,
                endpoint.user
            );
        }
        ReportCommand::Received { json } => {
            let list = db.read(publish::received)?;
            if json {
                print_json(&list);
            } else if list.is_empty() {
                outln!("没有收到上级党委下发的内容。");
            } else {
                for p in &list {
                    let state = match p.adopted_from {
                        Some(d) => format!("自 {d} 起采用"),
                        None => "未采用".into(),
                    };
                    outln!(
                        "{}. {}「{}」版本 {}：{}",
                        p.id,
                        p.kind.label(),
                        p.title,
                        p.version,
                        state
                    );
                }
            }
        }
        ReportCommand::Adopt { id, from } => {
            let from = zhibu::ids::parse_required_date("from", &from)?;
            db.write(|tx| publish::adopt(tx, id, from, actor()))?;
            outln!("已采用编号 {id} 的下发内容，自 {from} 起生效。");
        }
        ReportCommand::Status { json } => {
            let status = db.read(outbox::status)?;
            if json {
                print_json(&status);
            } else {
                outln!("上报状态：{}", status.text);
            }
        }
    }
    Ok(())
}
