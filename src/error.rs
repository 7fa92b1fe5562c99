//! The core's one error type; its `code` and `reason` are what the UI translates.

use std::path::PathBuf;

use serde::Serialize;
use ts_rs::TS;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What kind of record a `NotFound` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Branch,
    PartyGroup,
    Member,
    Session,
    Activity,
    Attachment,
    StudyEntry,
    Attestation,
    Indicator,
    Honour,
}

impl Entity {
    pub fn label(self) -> &'static str {
        match self {
            Entity::Branch => "支部",
            Entity::PartyGroup => "党小组",
            Entity::Member => "党员",
            Entity::Session => "会议",
            Entity::Activity => "活动",
            Entity::Attachment => "附件",
            Entity::StudyEntry => "学时记录",
            Entity::Attestation => "四强确认",
            Entity::Indicator => "指标",
            Entity::Honour => "荣誉",
        }
    }
}

/// Declares `Reason` from one list: each variant with its Chinese sentence, and `ALL`, so the
/// sentences the UI shows are generated from the same list (`shared_text`).
macro_rules! reasons {
    ($($variant:ident => $message:literal,)+) => {
        /// Why a value or an action was refused. The serialized name is the i18n key the UI uses
        /// (`errors.reason.<name>`); `Display` is the Chinese sentence the command line prints.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
        #[serde(rename_all = "snake_case")]
        #[ts(export)]
        pub enum Reason {
            $($variant),+
        }

        impl Reason {
            /// Every reason, in declaration order.
            pub const ALL: &'static [Reason] = &[$(Reason::$variant),+];

            pub fn message(self) -> &'static str {
                match self {
                    $(Reason::$variant => $message),+
                }
            }
        }
    };
}

reasons! {
    Required => "不能为空",
    TooLong => "内容过长",
    InvalidDate => "日期格式不正确，应为 YYYY-MM-DD",
    InvalidValue => "取值无效",
    DateInFuture => "日期不能晚于今天",
    IdNumberFormat => "身份证号应为 18 位（17 位数字加 1 位数字或 X）",
    IdNumberChecksum => "身份证号校验位不正确，请核对",
    IdNumberBirthMismatch => "身份证号中的出生日期与所填出生日期不一致",
    IdNumberGenderMismatch => "身份证号中的性别与所填性别不一致",
    IdNumberDuplicate => "该身份证号已登记在另一名党员名下",
    PhoneFormat => "电话号码格式不正确（手机 11 位，或区号-座机号）",
    TooYoungToJoin => "入党时应年满 18 周岁",
    WorkBeforeBirth => "参加工作日期应晚于出生日期",
    ConfirmedBeforeJoined => "转正日期应晚于入党日期",
    ProbationLength => "转正日期应为预备期期满之日（入党满一年，或延长预备期 6 至 12 个月后）",
    JoinedNotAllowed => "入党申请人、积极分子和发展对象尚无入党日期",
    ConfirmedNotAllowed => "只有正式党员才有转正日期",
    RoleNeedsFullMember => "支部委员应为正式党员",
    RoleTaken => "该职务已有人担任，请先免去原任职务",
    UnknownPartyGroup => "所选党小组不存在",
    GroupNameTaken => "已有同名党小组",
    TermOrder => "任期结束日期应晚于开始日期",
    StatusNeedsArchive => "转出、出党、去世请使用“归档”办理",
    AlreadyArchived => "该党员已归档",
    NotArchived => "该党员未归档",
    StageBackwards => "人员类别只能按发展程序向前推进",
    BranchMissing => "尚未建立支部，请先初始化",
    DatabaseNotEmpty => "数据库中已有支部数据，未作任何更改",
    UnknownKind => "类型无效",
    GroupRequired => "党小组会须选择党小组",
    LecturerRequired => "党课须填写授课人",
    TimeOrder => "结束时间应晚于开始时间",
    NotOnRoster => "该人员在会议当天不在支部名册中",
    DuplicateAttendance => "同一人员的出席情况填写了两次",
    VotesExceedPresent => "票数合计超过了到会有表决权的人数",
    ResolutionNotPassed => "赞成票未超过应到会有表决权党员的半数，不能记为通过",
    ElectionQuorum => "选举须有超过五分之四有选举权的党员到会",
    IssueNoTaken => "该系列已有这一期",
    FileTooLarge => "文件过大，单个附件不能超过 50 MB",
    HalfHours => "学时以半小时为单位，如 1、1.5、2",
    HoursOutOfRange => "学时超出允许的范围",
    CorrectionNeedsSource => "更正学时须指明对应的会议或活动",
    CorrectionNeedsReason => "更正学时须在备注中写明原因",
    CreditAlreadyCorrected => "该党员这次会议或活动的学时已更正过，请先删除原更正记录",
    AlreadyExempt => "该党员本年度已免于学时要求",
    NotExempt => "该党员本年度没有学时免除",
    PinFormat => "个人密码应为 4 至 8 位数字",
    WrongPin => "姓名或密码不正确",
    TooManyTries => "尝试次数过多，请稍后再试",
    UnreadableFile => "无法读取该文件，请确认是完好的 .csv 或 .xlsx 文件",
    UnsupportedFileType => "只能导入 .csv、.xlsx、.xls 或 .ods 文件",
    EmptyFile => "文件中没有数据",
    TooManyRows => "文件行数过多，单次最多导入 20000 行",
    UnknownMember => "支部名册中没有这名党员",
    AmbiguousName => "支部有同名党员，请改用身份证号列对应",
    NotAttestable => "该项不在本年度的四强清单中，或由数据自动测算，不能手工确认",
    EvidenceRequired => "确认达标须写明情况说明或关联会议、活动作为佐证",
    IndicatorNameTaken => "已有同名指标",
    RestoreFromItself => "所选文件就是当前正在使用的数据库，请选择一个备份文件",
    VerifyFailed => "校验未通过：数据库已损坏，或数据、变更日志在本程序之外被改动过",
    IdNumberRepeatedInFile => "文件中前面已有一行是这个身份证号",
    PasswordTooShort => "密码至少 8 个字符",
    WrongPassword => "密码不正确",
    WrongRecoveryKey => "恢复密钥不正确，请对照打印的恢复密钥逐组核对",
    PasswordNotSet => "尚未设置书记密码",
    PasswordAlreadySet => "已设置书记密码；如需更换请用“修改密码”",
    IdleMinutesRange => "自动锁定时间应为 1 至 240 分钟",
    SealedValueUnreadable => "加密字段无法解开：数据库的密钥与数据不符，请从备份恢复",
    DuesNotPayable => "只有在册的正式党员和预备党员交纳党费",
    DuesAmount => "请填写大于 0 的金额，以元为单位，最多两位小数",
    DuesTooLate => "补交党费最多补交 6 个月以内的",
    DuesTooEarly => "预交党费最多预交 12 个月",
    DuesOverpaid => "交纳金额超过该月应交党费，多交部分请填在“自愿多交”",
    DuesNotAssessed => "该月尚未核定党费，请先申报交纳基数",
    StepOnMemberRecord => "该步骤是人员类别的变动，请在党员信息中修改人员类别及日期",
    StepNotForStage => "该步骤与此人当前所处的发展阶段不符",
    StepBeforeStage => "日期早于进入当前发展阶段的日期",
    StepAlreadyDone => "该步骤已经登记过",
    ExtensionOnce => "预备期只能延长一次",
    ExtensionLength => "延长预备期应不少于 6 个月、不超过 12 个月",
    ApprovalTooLate => "上级党委审批最迟不得超过接收预备党员后 6 个月",
    TermYearsRange => "任期年限应为 1 至 5 年（一般 3 年，村、社区 5 年）",
    BeforeFounding => "日期不能早于支部成立日期，支部成立之前不产生组织生活任务",
    PeriodNotUnrecorded => "只有开始登记日期之前、尚未登记的期间才能确认未开展",
    NotOnCommittee => "联系支委应为当日在任的支部委员会成员，且不能是本人",
    StagePathIncomplete => "人员类别变动不符合发展程序；如为补录以往情况，请注明补录原因",
    TooYoungToApply => "申请入党时应年满 18 周岁",
    DuesApprovalRequired => "免交、少交党费须经上级党委批准，请填写批准日期",
    YearOutOfRange => "年度应在 1921 年至 2100 年之间",
    DateOutOfRange => "日期应在 1921 年至 2100 年之间",
    DatabaseDamaged => "数据文件已损坏，为保护数据不再写入；请从备份恢复",
    DatabaseBusy => "另一项操作正在进行（如导入或备份），请等它完成后再试",
    BackupFileExists => "该文件已存在，未覆盖",
    SpanOrder => "结束日期应晚于开始日期",
    ExclusionOverlap => "这段时间已登记为不计入应到人数，不能重复登记",
    SanctionOverlap => "这段时间已登记留党察看处分，不能重复登记",
    WrittenOpinionKind => "书面意见只用于接收预备党员和预备党员转正的表决",
    WrittenOpinionNotExpected => "只有应到会的党员可以提交书面意见",
    WrittenOpinionNoVote => "只有有表决权的正式党员可以提交书面意见（预备党员、受留党察看处分的党员没有表决权）",
    WrittenOpinionPresent => "到会的党员当场表决，不能再计入书面意见",
    WrittenOpinionTwice => "同一党员对同一事项只能提交一份书面意见",
    GroupMoveOrder => "党小组调整日期不能早于此人已登记的最近一次调整",
    ResolutionSubjectKind => "只有接收预备党员和预备党员转正的决议才选定表决对象",
    UnlockThrottled => "密码或恢复密钥连续输错次数过多，请等待后再试",
    TailKeyNeeded => "用身份证号后六位查询学时前，须由书记在本机输入书记密码解锁一次",
    PasswordsDiffer => "两次输入的新密码不一致",
    InvisibleCharacter => "含有不可见字符或控制字符，请删去后重新输入",
    UnknownSessionKind => "未知的会议类型；本支部自己的会议类型须先在“支部设置”中添加（命令行：zhibu session kinds add）",
    SessionKindTaken => "已有同名的会议类型",
    SessionKindBuiltIn => "这是内置的会议类型，无须添加",
    HoursMinimum => "学时以半小时计，至少 0.5",
    BeforeBirth => "日期早于该党员的出生日期",
    IdNumberBirthDate => "身份证号中的出生日期不存在，请核对第 7 至 14 位",
    InvalidMonth => "月份不存在，应为 YYYY-MM，月份在 01 至 12 之间",
    FileNotFound => "文件不存在",
    FilePermissionDenied => "没有权限访问该文件",
    FileIsDirectory => "这是一个文件夹，不是文件",
    FileIoFailed => "文件读写失败",
    DuesPayAllUndeclared => "以下党员该月尚未核定党费，请先申报交纳基数；未记录任何人的交纳",
    RoleBeforeFullMember => "任职日期早于其成为正式党员的日期：支部委员应为正式党员",
    RoleAlreadyHeld => "该党员在这一日期已担任此职务",
    RoleNotHeld => "该党员在这一日期并未担任此职务",
    RoleBeforePredecessor => "任职日期不能早于现任者的任职日期；请改正日期或先改正现任者的任职记录",
    CommitteeTooLarge => "支部委员会成员最多 7 人（一般 3 至 5 人）",
    ElectionNeedsSecretary => "换届选举结果应有且只有一名书记，书记、副书记等职务各限一人",
    ResolutionNotElection => "只有支部党员大会通过的选举结果才能据以设立支部委员会",
    ResolutionNotStageChange => "只有支部党员大会通过、选定了表决对象的接收预备党员或预备党员转正决议才能据以办理",
    ResolutionSubjectStage => "表决对象当前的人员类别与该决议不符（接收预备党员应为发展对象，转正应为预备党员）",
    DateNotInMonth => "日期不在所选月份内",
    GroupChosenTwice => "同一个党小组选择了两次",
    NoGroupChosen => "没有选择要登记的党小组（本月已开过党小组会的党小组须明确选择）",
    BeforeGroupFormed => "会议日期早于该党小组的成立日期，党小组成立之前不能开会",
    PhoneAllInterfaces => "不能同时在本机所有网络上开放，请选择一个地址",
    PhoneMinutes => "开放时长应在 1 至 480 分钟（8 小时）之间",
    PhoneAlreadyOn => "手机查学时已经开放；请先停止再重新开放",
    PhoneWrongHost => "地址不对：请扫描书记电脑上显示的二维码，或输入其上的地址",
    PhoneClosed => "手机查学时已关闭",
    PhoneBadRequest => "请求格式不正确",
    PhoneAddressInUse => "该地址或端口无法使用（可能已被占用），请换一个端口或地址",
    StatementFontMissing => "本机找不到可显示汉字的字体，无法生成学时单图片（Linux 请安装 fonts-noto-cjk）",
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message())
    }
}

/// The stable category of an error: the `code` the window receives, its TypeScript union
/// generated from here. The file dialogs' codes are the shell's own; `Unknown` is never sent:
/// it is what the window calls an answer it cannot read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    NotFound,
    Validation,
    Conflict,
    Locked,
    SchemaTooNew,
    NotADatabase,
    NoDatabase,
    BackupFailsVerify,
    Db,
    Io,
    FileWrite,
    FileRead,
    FileReveal,
    /// The 上级党委's PostgreSQL database refused or could not be reached.
    Superior,
    Unknown,
}

impl ErrorCode {
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::NotFound,
        ErrorCode::Validation,
        ErrorCode::Conflict,
        ErrorCode::Locked,
        ErrorCode::SchemaTooNew,
        ErrorCode::NotADatabase,
        ErrorCode::NoDatabase,
        ErrorCode::BackupFailsVerify,
        ErrorCode::Db,
        ErrorCode::Io,
        ErrorCode::FileWrite,
        ErrorCode::FileRead,
        ErrorCode::FileReveal,
        ErrorCode::Superior,
        ErrorCode::Unknown,
    ];

    /// The code as sent: its serialized name.
    pub fn name(self) -> &'static str {
        match self {
            ErrorCode::NotFound => "not_found",
            ErrorCode::Validation => "validation",
            ErrorCode::Conflict => "conflict",
            ErrorCode::Locked => "locked",
            ErrorCode::SchemaTooNew => "schema_too_new",
            ErrorCode::NotADatabase => "not_a_database",
            ErrorCode::NoDatabase => "no_database",
            ErrorCode::BackupFailsVerify => "backup_fails_verify",
            ErrorCode::Db => "db",
            ErrorCode::Io => "io",
            ErrorCode::FileWrite => "file_write",
            ErrorCode::FileRead => "file_read",
            ErrorCode::FileReveal => "file_reveal",
            ErrorCode::Superior => "superior",
            ErrorCode::Unknown => "unknown",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}不存在（{id}）", entity.label())]
    NotFound { entity: Entity, id: String },

    /// `field` is the snake_case name of the input field, as in the JSON the UI sends.
    #[error("{}：{reason}", field_label(field))]
    Validation { field: &'static str, reason: Reason },

    #[error("{reason}")]
    Conflict { reason: Reason },

    /// A refusal whose sentence needs particulars: the dates a 转正 could be on, what the
    /// path still lacks. `details` are Chinese sentences, shown as they are.
    #[error("{}：{reason}：{}", field_label(field), details.join("；"))]
    Detailed {
        field: &'static str,
        reason: Reason,
        details: Vec<String>,
    },

    /// A password guards the data and has not been given (or the app locked after idle time).
    #[error("已锁定：请输入书记密码解锁（命令行请设置环境变量 ZHIBU_PASSWORD）")]
    Locked,

    #[error("数据库由更新版本的支部工作台写入（结构版本 {found}，本程序支持到 {supported}），为保护数据未作任何更改，请升级程序")]
    SchemaTooNew { found: usize, supported: usize },

    #[error("{} 不是支部工作台的数据库，或文件已损坏；文件未被改动", path.display())]
    NotADatabase { path: PathBuf },

    /// Only `init` and `demo` (and the app's first run) create a database.
    #[error("找不到数据库文件 {}；未新建任何文件。如要新建，请先运行 zhibu init（或 zhibu demo）", path.display())]
    NoDatabase { path: PathBuf },

    #[error("备份 {} 未通过校验：{findings}。未恢复；确认仍要使用，请加 --force", path.display())]
    BackupFailsVerify { path: PathBuf, findings: String },

    #[error("数据库错误：{0}")]
    Db(rusqlite::Error),

    #[error("数据库升级失败：{0}")]
    Migration(#[from] rusqlite_migration::Error),

    #[error("文件读写错误：{}", io_text(.0))]
    Io(#[from] std::io::Error),

    /// A file the user named (an import, an attachment, an output) could not be read or
    /// written: said in Chinese with its path. `details` holds the path (and, for a cause
    /// without a sentence of its own, the system's words).
    #[error("无法{}文件 {}：{}", if *write { "写入" } else { "读取" }, path.display(), io_cause(*reason, details))]
    File {
        path: PathBuf,
        write: bool,
        reason: Reason,
        details: Vec<String>,
    },

    /// One row of a batch (an import, a bulk credit) was refused, so none was kept. `row` is
    /// the line number in the file, or the position in the batch from 1.
    #[error("第 {row} 行：{error}")]
    AtRow { row: usize, error: Box<Error> },

    /// The 上级党委's PostgreSQL database refused or could not be reached; `details` are
    /// Chinese sentences (the server's own words, if any, in brackets), shown as they are.
    #[error("上级党委数据库：{}", details.join("；"))]
    Superior { details: Vec<String> },
}

impl From<rusqlite::Error> for Error {
    /// Another writer holding the file past the busy timeout is said in words, not SQLite's.
    fn from(e: rusqlite::Error) -> Self {
        match &e {
            rusqlite::Error::SqliteFailure(f, _)
                if matches!(
                    f.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) =>
            {
                Error::Conflict {
                    reason: Reason::DatabaseBusy,
                }
            }
            _ => Error::Db(e),
        }
    }
}

/// The Chinese sentence for an operating-system error: its kind's, else the system's words.
fn io_text(e: &std::io::Error) -> String {
    match io_reason(e) {
        Reason::FileIoFailed => format!("{}（{e}）", Reason::FileIoFailed.message()),
        reason => reason.message().to_string(),
    }
}

fn io_reason(e: &std::io::Error) -> Reason {
    match e.kind() {
        std::io::ErrorKind::NotFound => Reason::FileNotFound,
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            Reason::FilePermissionDenied
        }
        std::io::ErrorKind::IsADirectory => Reason::FileIsDirectory,
        _ => Reason::FileIoFailed,
    }
}

/// The cause of a `File` error: its reason's sentence, with the system's words when the
/// reason is the catch-all.
fn io_cause(reason: Reason, details: &[String]) -> String {
    match details.get(1) {
        Some(system) => format!("{}（{system}）", reason.message()),
        None => reason.message().to_string(),
    }
}

impl Error {
    /// `path` could not be read.
    pub fn file_read(path: impl Into<PathBuf>, e: std::io::Error) -> Self {
        Self::file(path.into(), false, &e)
    }

    /// `path` could not be written.
    pub fn file_write(path: impl Into<PathBuf>, e: std::io::Error) -> Self {
        Self::file(path.into(), true, &e)
    }

    fn file(path: PathBuf, write: bool, e: &std::io::Error) -> Self {
        let reason = io_reason(e);
        let mut details = vec![path.display().to_string()];
        if reason == Reason::FileIoFailed {
            details.push(e.to_string());
        }
        Error::File {
            path,
            write,
            reason,
            details,
        }
    }

    pub fn validation(field: &'static str, reason: Reason) -> Self {
        Error::Validation { field, reason }
    }

    pub fn not_found(entity: Entity, id: impl Into<String>) -> Self {
        Error::NotFound {
            entity,
            id: id.into(),
        }
    }

    pub fn at_row(row: usize, error: Error) -> Self {
        Error::AtRow {
            row,
            error: Box::new(error),
        }
    }

    /// Does `f` for each item of a batch, in order, stopping at the first refusal with
    /// `AtRow` naming its position from 1 (the caller's write then keeps nothing).
    pub fn each_row<T, R>(items: &[T], mut f: impl FnMut(&T) -> Result<R>) -> Result<Vec<R>> {
        items
            .iter()
            .enumerate()
            .map(|(i, item)| f(item).map_err(|e| Error::at_row(i + 1, e)))
            .collect()
    }

    /// The row of a batch at fault, if the error is about one.
    pub fn row(&self) -> Option<usize> {
        match self {
            Error::AtRow { row, .. } => Some(*row),
            _ => None,
        }
    }

    /// Stable machine-readable category, the `code` of the IPC error.
    pub fn code(&self) -> &'static str {
        self.error_code().name()
    }

    /// The category as its type.
    pub fn error_code(&self) -> ErrorCode {
        match self {
            Error::AtRow { error, .. } => error.error_code(),
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::Validation { .. } | Error::Detailed { .. } => ErrorCode::Validation,
            Error::Conflict { .. } => ErrorCode::Conflict,
            Error::Locked => ErrorCode::Locked,
            Error::SchemaTooNew { .. } => ErrorCode::SchemaTooNew,
            Error::NotADatabase { .. } => ErrorCode::NotADatabase,
            Error::NoDatabase { .. } => ErrorCode::NoDatabase,
            Error::BackupFailsVerify { .. } => ErrorCode::BackupFailsVerify,
            Error::Db(_) | Error::Migration(_) => ErrorCode::Db,
            Error::Io(_) | Error::File { .. } => ErrorCode::Io,
            Error::Superior { .. } => ErrorCode::Superior,
        }
    }

    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::AtRow { error, .. } => error.field(),
            Error::Validation { field, .. } | Error::Detailed { field, .. } => Some(field),
            _ => None,
        }
    }

    pub fn reason(&self) -> Option<Reason> {
        match self {
            Error::AtRow { error, .. } => error.reason(),
            Error::Validation { reason, .. }
            | Error::Conflict { reason }
            | Error::Detailed { reason, .. }
            | Error::File { reason, .. } => Some(*reason),
            _ => None,
        }
    }

    /// The particulars of a `Detailed` refusal (none for the others).
    pub fn details(&self) -> &[String] {
        match self {
            Error::AtRow { error, .. } => error.details(),
            Error::Detailed { details, .. } | Error::File { details, .. } => details,
            Error::Superior { details } => details,
            _ => &[],
        }
    }
}

/// Every input field's Chinese label, by the snake_case name the JSON and errors use: what the
/// command line prints and (generated into the UI, `ui_text`) what the window shows.
pub const FIELD_LABELS: &[(&str, &str)] = &[
    ("name", "姓名"),
    ("gender", "性别"),
    ("ethnicity", "民族"),
    ("birth_date", "出生日期"),
    ("native_place", "籍贯"),
    ("id_number", "身份证号"),
    ("education", "学历"),
    ("work_start_date", "参加工作日期"),
    ("workplace_title", "工作单位及职务"),
    ("phone", "联系电话"),
    ("address", "家庭住址"),
    ("password", "密码"),
    ("current_password", "当前密码"),
    ("new_password", "新密码"),
    ("recovery_key", "恢复密钥"),
    ("idle_minutes", "自动锁定时间"),
    ("stage", "人员类别"),
    ("stage_date", "类别变动日期"),
    ("joined_on", "入党日期"),
    ("confirmed_on", "转正日期"),
    ("party_group_id", "党小组"),
    ("roles", "党内职务"),
    ("introducers", "介绍人"),
    ("status", "状态"),
    ("notes", "备注"),
    ("archive_reason", "归档原因"),
    ("archived_on", "归档日期"),
    ("superior_org", "上级党组织"),
    ("founded_on", "成立日期"),
    ("term_start", "本届任期开始"),
    ("term_end", "本届任期结束"),
    ("leader_id", "组长"),
    ("group_name", "党小组名称"),
    ("branch_name", "支部名称"),
    ("kind", "类型"),
    ("also", "同时计为"),
    ("held_on", "日期"),
    ("start_time", "开始时间"),
    ("end_time", "结束时间"),
    ("place", "地点"),
    ("host_id", "主持人"),
    ("recorder_id", "记录人"),
    ("lecturer", "授课人"),
    ("topic", "主题"),
    ("attendance", "出席情况"),
    ("resolutions", "决议"),
    ("agenda", "议程"),
    ("title", "标题"),
    ("series", "系列"),
    ("issue_no", "期数"),
    ("participants", "参加人员"),
    ("file", "附件"),
    ("file_name", "文件名"),
    ("member_id", "党员"),
    ("occurred_on", "日期"),
    ("hours", "学时"),
    ("category", "类别"),
    ("note", "备注"),
    ("replaces_credit", "更正"),
    ("session_id", "会议"),
    ("activity_id", "活动"),
    ("year", "年度"),
    ("reason", "原因"),
    ("member", "党员学时目标"),
    ("committee", "支委委员学时目标"),
    ("branch_wide", "支部统一学时目标"),
    ("pin", "个人密码"),
    ("entered_by", "录入人"),
    ("attested_by", "确认人"),
    ("version", "版本名称"),
    ("rules", "规则"),
    ("rates", "党费标准"),
    ("template", "四强清单模板"),
    ("strengths", "四强及权重"),
    ("items", "清单条目"),
    ("item_id", "清单条目"),
    ("achieved_on", "完成日期"),
    ("evidence", "佐证"),
    ("unit", "单位"),
    ("target", "目标值"),
    ("measured_on", "统计日期"),
    ("value", "数值"),
    ("awarded_on", "获得日期"),
    ("awarded_by", "授予单位"),
    ("import_file", "导入文件"),
    ("mapping", "列对应"),
    ("mapping_member", "姓名或身份证号列"),
    ("mapping_name", "姓名列"),
    ("mapping_id_number", "身份证号列"),
    ("mapping_hours", "学时列"),
    ("mapping_date", "日期列或默认日期"),
    ("mapping_category", "类别列或默认类别"),
    ("monthly_pay", "月工资收入"),
    ("fixed_amount", "每月交纳额"),
    ("from_month", "起始月份"),
    ("for_month", "所属月份"),
    ("paid_on", "交纳日期"),
    ("amount", "交纳金额"),
    ("extra", "自愿多交"),
    ("way", "交纳方式"),
    ("as_of", "截至日期"),
    ("step", "发展步骤"),
    ("done_on", "完成日期"),
    ("months", "延长月数"),
    ("records_from", "开始登记日期"),
    ("term_years", "任期年限"),
    ("lecture_series_target", "讲堂年度期数"),
    ("formed_on", "成立日期"),
    ("period", "期间"),
    ("committee_id", "联系支委"),
    ("backfill", "补录原因"),
    ("approved_on", "批准日期"),
    ("approval_document", "批准文号"),
    ("from", "开始日期"),
    ("until", "结束日期"),
    ("case", "情形"),
    ("sanction", "处分"),
    ("written", "书面意见"),
    ("subject", "表决对象"),
    ("kind_name", "会议类型名称"),
    ("role_from", "任职日期"),
    ("role_until", "免职日期"),
    ("election", "选举结果"),
    ("resolution", "决议"),
    ("month", "月份"),
    ("operator", "操作人"),
    ("bind", "地址"),
    ("port", "端口"),
    ("share_minutes", "开放时长"),
    ("lecturer_id", "授课人"),
    ("lecturer_name", "授课人（外单位）"),
    ("minutes", "会议记录"),
    ("others", "其余应到人员"),
    ("description", "内容简介"),
    ("book", "书目"),
    ("author", "作者"),
    ("destination", "学习地点"),
    ("duration_days", "天数"),
];

/// The Chinese label of an input field (the name itself for a field without one).
pub fn field_label(field: &str) -> &str {
    FIELD_LABELS
        .iter()
        .find(|(name, _)| *name == field)
        .map_or(field, |(_, label)| label)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each code's name is its serialized name, and `ALL` lists every code once.
    #[test]
    fn error_codes_are_named_as_sent() {
        for code in ErrorCode::ALL {
            assert_eq!(serde_json::to_value(code).unwrap(), code.name());
        }
        let mut names: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ErrorCode::ALL.len());
    }

    /// The system's English words never stand alone: the kind is said in Chinese with the
    /// file's path.
    #[test]
    fn file_errors_are_said_in_chinese_with_the_path() {
        use std::io::{Error as IoError, ErrorKind};
        let cases = [
            (
                ErrorKind::NotFound,
                false,
                Reason::FileNotFound,
                "无法读取文件 /x/y.xlsx：文件不存在",
            ),
            (
                ErrorKind::PermissionDenied,
                true,
                Reason::FilePermissionDenied,
                "无法写入文件 /x/y.xlsx：没有权限访问该文件",
            ),
            (
                ErrorKind::IsADirectory,
                false,
                Reason::FileIsDirectory,
                "无法读取文件 /x/y.xlsx：这是一个文件夹，不是文件",
            ),
        ];
        for (kind, write, reason, sentence) in cases {
            let io = IoError::from(kind);
            let e = if write {
                Error::file_write("/x/y.xlsx", io)
            } else {
                Error::file_read("/x/y.xlsx", io)
            };
            assert_eq!(e.to_string(), sentence);
            assert_eq!((e.code(), e.reason()), ("io", Some(reason)));
            assert_eq!(e.details(), ["/x/y.xlsx"]);
        }
        let other = Error::file_read("/x", IoError::other("disk on fire"));
        assert_eq!(
            other.to_string(),
            "无法读取文件 /x：文件读写失败（disk on fire）"
        );
        let bare = Error::from(IoError::from(ErrorKind::NotFound));
        assert_eq!(bare.to_string(), "文件读写错误：文件不存在");
    }
}
