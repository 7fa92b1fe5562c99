//! Every reason a value or an action is refused, with its Chinese sentence: one list that the
//! command line prints and (generated into the UI, `ui_text`) the window shows.

use serde::Serialize;
use ts_rs::TS;

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

#[cfg(test)]
mod tests {
    use super::*;

    /// Each reason has a sentence of its own, and its serialized name is unique.
    #[test]
    fn each_reason_has_its_own_name_and_sentence() {
        let mut names: Vec<String> = Reason::ALL
            .iter()
            .map(|r| {
                serde_json::to_value(r)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Reason::ALL.len());
        assert!(Reason::ALL.iter().all(|r| !r.message().trim().is_empty()));
        assert_eq!(Reason::TooLong.to_string(), "内容过长");
    }
}
