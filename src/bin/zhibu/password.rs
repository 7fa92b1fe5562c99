//! `zhibu password set | change | remove | recover`: the secretary password from the command
//! line. Secrets are read from the terminal without echo, or one line each from standard
//! input when it is not a terminal (scripts, tests); never from the arguments, which other
//! users of the computer and the shell's history can see.

use std::io::{BufRead, IsTerminal};

use crate::actor;
use clap::Subcommand;
use zhibu::ids::local_now;
use zhibu::vault::RecoveryKey;
use zhibu::{Db, Error, Reason};

use super::{outln, print_json};

#[derive(Subcommand)]
pub enum PasswordCommand {
    /// Set the first password (typed twice on a terminal, one line from standard input
    /// otherwise); prints the recovery key once
    Set {
        #[arg(long)]
        json: bool,
    },
    /// Change the password (current, then new); prints the new recovery key once (the
    /// old one stops working)
    Change {
        #[arg(long)]
        json: bool,
    },
    /// Remove the password (current): nothing is locked any more
    Remove,
    /// A forgotten password: the printed recovery key, then a new password; prints the new
    /// recovery key once
    Recover {
        #[arg(long)]
        json: bool,
    },
}

/// Where secrets come from: the terminal without echo, or lines of standard input.
struct Secrets {
    terminal: bool,
    lines: std::io::Lines<std::io::StdinLock<'static>>,
}

impl Secrets {
    fn new() -> Self {
        let stdin = std::io::stdin();
        Secrets {
            terminal: stdin.is_terminal(),
            lines: stdin.lock().lines(),
        }
    }

    /// One secret; an empty one (or none left on standard input) is refused.
    fn read(&mut self, prompt: &str, field: &'static str) -> Result<String, Error> {
        let line = if self.terminal {
            rpassword::prompt_password(prompt)?
        } else {
            self.lines.next().transpose()?.unwrap_or_default()
        };
        let line = line.trim_end_matches(['\r', '\n']).to_string();
        if line.is_empty() {
            return Err(Error::validation(field, Reason::Required));
        }
        Ok(line)
    }

    /// A new password: typed twice on a terminal, where a typing slip cannot be seen.
    fn new_password(&mut self) -> Result<String, Error> {
        let password = self.read("新密码（至少 8 个字符）：", "new_password")?;
        if self.terminal && self.read("再输入一次新密码：", "new_password")? != password {
            return Err(Error::validation("new_password", Reason::PasswordsDiffer));
        }
        Ok(password)
    }
}

fn print_recovery(recovery: &RecoveryKey, json: bool, done: &str) {
    if json {
        print_json(&serde_json::json!({ "recovery_key": recovery.key }));
        return;
    }
    outln!("{done}");
    outln!("恢复密钥（只显示这一次）：{}", recovery.key);
    outln!(
        "请立即把恢复密钥打印或抄写在纸上，与电脑分开保管（不要存在这台电脑里）；忘记书记密码时，只有凭它才能找回数据。"
    );
}

pub fn run_password(db: &Db, cmd: PasswordCommand) -> Result<(), Error> {
    let mut secrets = Secrets::new();
    match cmd {
        PasswordCommand::Set { json } => {
            if db.vault_status().password_set {
                return Err(Error::Conflict {
                    reason: Reason::PasswordAlreadySet,
                });
            }
            let password = secrets.new_password()?;
            let recovery = db.password_set(&password, actor(), local_now())?;
            print_recovery(
                &recovery,
                json,
                "已设置书记密码，全部加密字段已用新的密钥重新加密。",
            );
        }
        PasswordCommand::Change { json } => {
            let current = secrets.read("当前密码：", "current_password")?;
            let password = secrets.new_password()?;
            let recovery = db.password_change(&current, &password, actor(), local_now())?;
            print_recovery(
                &recovery,
                json,
                "已更换书记密码，全部加密字段已用新的密钥重新加密；原来的恢复密钥已失效。",
            );
        }
        PasswordCommand::Remove => {
            let current = secrets.read("当前密码：", "password")?;
            db.password_remove(&current, actor(), local_now())?;
            outln!(
                "已取消书记密码：数据不再锁定，密钥保存在数据文件中，拿到数据文件的人可以读取身份证号、电话和住址。"
            );
        }
        PasswordCommand::Recover { json } => {
            let typed = secrets.read("恢复密钥：", "recovery_key")?;
            let password = secrets.new_password()?;
            let recovery = db.password_recover(&typed, &password, actor(), local_now())?;
            print_recovery(
                &recovery,
                json,
                "已用恢复密钥设置新的书记密码，全部加密字段已用新的密钥重新加密；刚才输入的恢复密钥已失效。",
            );
        }
    }
    Ok(())
}
