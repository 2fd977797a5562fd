//! The database check's report (`legaldesk check`, and the TUI's background check): what is
//! wrong with the file, what to do about it, and the line printed when all is sound.

use std::path::PathBuf;

use super::Words;

#[derive(Debug, Clone, PartialEq, Eq, strum::EnumCount)]
pub enum IntegrityText {
    /// One of SQLite's complaints, as it words them.
    Damaged(String),
    /// How many more complaints were left out.
    MoreDamage(usize),
    /// A row pointing at a parent row that does not exist.
    MissingParent {
        table: String,
        rowid: Option<i64>,
        parent: String,
    },
    /// The first audit row whose hash does not follow.
    AuditBroken(i64),
    /// A protective trigger of the schema is gone.
    MissingGuard(String),
    /// A part of the check could not run.
    CheckFailed(String),
    /// The advice when the data reads but was tampered with.
    KeepAsEvidence,
    /// The advice when the file itself is damaged.
    RestoreBackup,
    /// Everything is sound.
    Passed { full: bool, audit_rows: i64 },
    /// A warning: a file others can read.
    LoosePermissions(PathBuf),
}

/// The row number of a foreign-key problem, `?` when SQLite gave none (a WITHOUT ROWID table).
fn row(rowid: Option<i64>) -> String {
    rowid.map(|r| r.to_string()).unwrap_or_else(|| "?".into())
}

impl Words for IntegrityText {
    fn zh(&self) -> String {
        match self {
            IntegrityText::Damaged(text) => format!("数据库文件损坏：{text}"),
            IntegrityText::MoreDamage(more) => format!("……另有 {more} 处损坏"),
            IntegrityText::MissingParent {
                table,
                rowid,
                parent,
            } => format!("表 {table} 第 {} 行引用的 {parent} 记录不存在", row(*rowid)),
            IntegrityText::AuditBroken(id) => format!(
                "操作日志第 {id} 条与其前一条的校验链不符：该条被改动过，或其前面有记录被删除"
            ),
            IntegrityText::MissingGuard(name) => {
                format!("数据库的保护触发器 {name} 缺失（有人直接改动过数据库文件）")
            }
            IntegrityText::CheckFailed(text) => format!("检查无法完成：{text}"),
            IntegrityText::KeepAsEvidence => {
                "数据本身可读，但记录已被改动；请保留此文件作为证据，并与最近的备份核对".into()
            }
            IntegrityText::RestoreBackup => {
                "请停止使用该文件，从最近的备份（legaldesk backup 生成的文件）恢复".into()
            }
            IntegrityText::Passed { full, audit_rows } => {
                let kind = if *full {
                    "完整检查"
                } else {
                    "快速检查"
                };
                format!(
                    "数据库检查通过（{kind}）：文件完好，外键一致，操作日志链完整（{audit_rows} 条）"
                )
            }
            IntegrityText::LoosePermissions(path) => {
                format!("注意：{} 可被其他用户读取，建议 chmod 600", path.display())
            }
        }
    }

    fn en(&self) -> String {
        match self {
            IntegrityText::Damaged(text) => format!("the database file is damaged: {text}"),
            IntegrityText::MoreDamage(more) => format!("... and {more} more"),
            IntegrityText::MissingParent {
                table,
                rowid,
                parent,
            } => format!(
                "row {} of table {table} refers to a missing {parent} record",
                row(*rowid)
            ),
            IntegrityText::AuditBroken(id) => format!(
                "the audit log's hash chain breaks at row {id}: that row was altered, or a row before it was deleted"
            ),
            IntegrityText::MissingGuard(name) => format!(
                "the database's protective trigger {name} is missing (the file was edited by hand)"
            ),
            IntegrityText::CheckFailed(text) => format!("the check could not finish: {text}"),
            IntegrityText::KeepAsEvidence => "the data is readable but records were tampered with; keep this file as evidence and compare it with the latest backup".into(),
            IntegrityText::RestoreBackup => {
                "stop using this file and restore the latest backup (made by legaldesk backup)"
                    .into()
            }
            IntegrityText::Passed { full, audit_rows } => {
                let kind = if *full { "full check" } else { "quick check" };
                format!(
                    "the database passed the {kind}: file sound, foreign keys consistent, audit chain intact ({audit_rows} rows)"
                )
            }
            IntegrityText::LoosePermissions(path) => format!(
                "note: {} is readable by other users; chmod 600 is advised",
                path.display()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn every_integrity_text_is_worded_in_both_languages() {
        let samples = [
            IntegrityText::Damaged("page 7 is never used".into()),
            IntegrityText::MoreDamage(4),
            IntegrityText::MissingParent {
                table: "step".into(),
                rowid: None,
                parent: "visit".into(),
            },
            IntegrityText::AuditBroken(12),
            IntegrityText::MissingGuard("audit_no_update".into()),
            IntegrityText::CheckFailed("disk I/O error".into()),
            IntegrityText::KeepAsEvidence,
            IntegrityText::RestoreBackup,
            IntegrityText::Passed {
                full: true,
                audit_rows: 40,
            },
            IntegrityText::LoosePermissions(PathBuf::from("/srv/desk.db")),
        ];
        crate::i18n::tests::assert_worded(&samples, <IntegrityText as strum::EnumCount>::COUNT);
        let missing = IntegrityText::MissingParent {
            table: "step".into(),
            rowid: Some(3),
            parent: "visit".into(),
        };
        assert_eq!(
            missing.text(Lang::Zh),
            "表 step 第 3 行引用的 visit 记录不存在"
        );
    }
}
