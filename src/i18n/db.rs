//! Words for opening the database: each error says what happened, that nothing was changed,
//! and what the person can do.

use super::Words;
use crate::db::OpenError;

impl Words for OpenError {
    fn zh(&self) -> String {
        match self {
            OpenError::NoDirectory(dir) => format!(
                "数据库所在目录不存在：{}（请先创建目录，或用 --db 指定其他位置）",
                dir.display()
            ),
            OpenError::Missing(path) => format!(
                "数据库文件不存在：{}（先运行 legaldesk init）",
                path.display()
            ),
            OpenError::ReadOnly(path) => format!(
                "数据库不可写（只读文件或目录）：{}，未做任何更改",
                path.display()
            ),
            OpenError::DiskFull => {
                "磁盘已满，数据库未做任何更改；请清理磁盘空间后重试".to_string()
            }
            OpenError::Io { path, error } => format!(
                "无法打开数据库文件 {}：{error}，未做任何更改",
                path.display()
            ),
            OpenError::TooNew { found, supported } => format!(
                "数据库版本 {found} 比本程序支持的版本 {supported} 新，请升级 legaldesk；未做任何更改"
            ),
            OpenError::NotLegaldesk => "该文件不是 legaldesk 数据库，未做任何更改".to_string(),
            OpenError::Corrupt => "数据库文件已损坏或不是数据库，未做任何写入；请从备份恢复（legaldesk backup 生成的文件）".to_string(),
            OpenError::Pragma { name, got } => {
                format!("数据库设置 {name} 无法生效（得到 {got}），为保证数据安全已停止")
            }
            OpenError::NoDataDir => {
                "找不到系统数据目录，请用 --db 或 LEGALDESK_DB 指定数据库位置".to_string()
            }
            OpenError::Sqlite(e) => format!("数据库错误：{e}"),
        }
    }

    fn en(&self) -> String {
        match self {
            OpenError::NoDirectory(dir) => format!(
                "the database directory does not exist: {} (create it, or use --db)",
                dir.display()
            ),
            OpenError::Missing(path) => format!(
                "database file does not exist: {} (run legaldesk init first)",
                path.display()
            ),
            OpenError::ReadOnly(path) => format!(
                "the database is read-only (file or directory): {}; nothing was changed",
                path.display()
            ),
            OpenError::DiskFull => "the disk is full; nothing was changed in the database. Free some space and try again".to_string(),
            OpenError::Io { path, error } => format!(
                "cannot open the database file {}: {error}; nothing was changed",
                path.display()
            ),
            OpenError::TooNew { found, supported } => format!(
                "the database is version {found}, newer than this program supports ({supported}); upgrade legaldesk. Nothing was changed"
            ),
            OpenError::NotLegaldesk => {
                "this file is not a legaldesk database; nothing was changed".to_string()
            }
            OpenError::Corrupt => "the database file is corrupt or not a database; nothing was written. Restore it from a backup (made by legaldesk backup)".to_string(),
            OpenError::Pragma { name, got } => format!(
                "database setting {name} did not take effect (got {got}); stopped to keep data safe"
            ),
            OpenError::NoDataDir => {
                "no platform data directory; give the database with --db or LEGALDESK_DB"
                    .to_string()
            }
            OpenError::Sqlite(e) => format!("database error: {e}"),
        }
    }
}
