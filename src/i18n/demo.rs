//! Words of the demo generator's refusals (`legaldesk demo`): it writes only into a new or
//! demo-only database, and only a history that has already happened.

use chrono::NaiveDate;

use super::Words;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DemoText {
    /// The database holds real records: visits (`true`) or, failing that, staff accounts.
    RealRecords {
        visits: bool,
    },
    AlreadyDemo,
    /// `--until` is after today.
    Future(NaiveDate),
    /// `--days` or `--per-day` is 0.
    Options,
}

impl Words for DemoText {
    fn zh(&self) -> String {
        match self {
            DemoText::RealRecords { visits } => {
                let what = if *visits {
                    "真实的来访记录（现场登记或导入）"
                } else {
                    "真实的工作人员账号"
                };
                format!(
                    "该数据库已有{what}，演示数据只能写入新的或纯演示数据库；未做任何更改。\
                     请用 --db 指定一个新文件"
                )
            }
            DemoText::AlreadyDemo => {
                "该数据库已有演示数据；未做任何更改。请用 --db 指定一个新文件".into()
            }
            DemoText::Future(date) => {
                format!("--until {date} 尚未到来，演示历史只能到今天为止")
            }
            DemoText::Options => "--days 和 --per-day 须大于 0".into(),
        }
    }

    fn en(&self) -> String {
        match self {
            DemoText::RealRecords { visits } => {
                let what = if *visits {
                    "real visits (registered at the counter or imported)"
                } else {
                    "real staff accounts"
                };
                format!(
                    "this database holds {what}; demo data goes only into a new or demo-only \
                     database. Nothing was changed; give a new file with --db"
                )
            }
            DemoText::AlreadyDemo => "this database already holds a demo history; nothing was \
                 changed. Give a new file with --db"
                .into(),
            DemoText::Future(date) => {
                format!("--until {date} has not come yet; a demo history ends today at the latest")
            }
            DemoText::Options => "--days and --per-day must be greater than 0".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_refusal_has_both_languages() {
        let date = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap_or_default();
        for text in [
            DemoText::RealRecords { visits: true },
            DemoText::RealRecords { visits: false },
            DemoText::AlreadyDemo,
            DemoText::Future(date),
            DemoText::Options,
        ] {
            let (zh, en) = (text.zh(), text.en());
            assert!(
                !zh.trim().is_empty() && !en.trim().is_empty(),
                "{zh:?} {en:?}"
            );
            assert_ne!(zh, en);
        }
    }
}
