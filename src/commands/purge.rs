//! `legaldesk purge --before D`: anonymise the personal data of closed dates before D.

use std::path::Path;

use super::CommandResult;
use crate::db;
use crate::domain::clock;
use crate::i18n::Lang;
use crate::service::purge;

pub fn purge(path: &Path, before: &str, lang: Lang) -> CommandResult {
    let mut conn = db::open_existing(path).map_err(|e| e.message(lang))?;
    let report =
        purge::purge(&mut conn, None, before, clock::now()).map_err(|e| e.message(lang))?;
    let before = report.before.format("%Y-%m-%d");
    println!(
        "{}",
        match lang {
            Lang::Zh => format!(
                "已清除 {before} 之前的个人信息：{} 个日期，{} 人次来访，{} 位来访人，{} 条备注；统计数字不变",
                report.dates, report.visits, report.visitors, report.notes
            ),
            Lang::En => format!(
                "personal data before {before} anonymised: {} dates, {} visits, {} visitors, {} notes; tallies unchanged",
                report.dates, report.visits, report.visitors, report.notes
            ),
        }
    );
    if !report.checkpointed {
        eprintln!(
            "legaldesk: {}",
            lang.pick(
                "注意：其他终端正在读取，旧数据页将在下次检查点时从日志文件中清除",
                "note: other terminals are reading; the old pages leave the write-ahead log at the next checkpoint",
            )
        );
    }
    Ok(())
}
