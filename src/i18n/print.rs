//! Words of printing: the PDF tally, ticket slips, receipts, printer transports and their
//! errors, and the human-reader forms of figures on paper (minutes and seconds, staff names).

use super::Words;
use crate::domain::text::sanitize;

/// The Debian packages that bring a CJK font the PDF can embed.
pub const CJK_FONT_PACKAGES: &str = "fonts-noto-cjk / fonts-wqy-zenhei";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrintMsg {
    // ---- figures for the human reader ----
    /// A duration in whole seconds as minutes and seconds: `12分05秒`.
    Duration(i64),
    /// A staff member by name and code.
    StaffName {
        name: String,
        code: String,
    },
    /// Heading of the per-staff section.
    StaffHeading,
    /// Notary applications accepted (主要指标).
    NotaryAccepted,
    /// Footer of every PDF page.
    PageOf {
        page: usize,
        pages: usize,
    },

    // ---- the ticket slip ----
    /// 前方等待 N 人.
    WaitingAhead(i64),
    /// The legal-services hotline line.
    Hotline,
    /// The slip's default reminder line (setting `slip_footer`).
    DefaultFooter,
    /// Marks a reprinted slip.
    Reprint,
    /// Marks the sample slip of `slip test`.
    Sample,

    // ---- what the screen and the command line say ----
    SlipPrinting,
    SlipPrinted {
        ticket: String,
    },
    /// The ticket stands; the slip did not print.
    SlipFailed {
        ticket: String,
        reason: String,
    },
    SlipReprinting {
        ticket: String,
    },
    SlipTestSent {
        printer: String,
    },
    NoSlipPrinter,
    SentToPrinter,
    PdfWritten {
        path: String,
    },
    /// `--format pdf` to a terminal.
    PdfNeedsOutput,
    /// `--print` with a format that is for files.
    NotPrintable {
        format: String,
    },
    /// `--output` could not be written.
    OutputFailed {
        path: String,
        detail: String,
    },
    /// The `--format` names.
    UnknownFormat {
        given: String,
    },

    // ---- errors ----
    /// No installed font has the Chinese characters of the tally.
    NoCjkFont,
    FontUnreadable {
        detail: String,
    },
    PdfFailed {
        detail: String,
    },
    /// `print_command` that cannot be split into words.
    BadCommand {
        given: String,
    },
    /// A printer setting that names no transport.
    BadTransport {
        given: String,
    },
    DeviceFailed {
        path: String,
        detail: String,
    },
    NetworkFailed {
        address: String,
        detail: String,
    },
    BadPrinterName {
        name: String,
    },
    /// The spooler program (`lp`) could not be started.
    NoSpooler {
        program: String,
        detail: String,
    },
    /// The spooler refused the job; `said` is its stderr (empty: it gave no reason).
    Refused {
        status: Option<i32>,
        said: String,
    },
    PrintIoFailed {
        detail: String,
    },
    /// Characters GB18030 cannot carry, as `U+XXXX@line`, of `count` in all.
    Unencodable {
        count: usize,
        list: String,
    },
}

fn status_text(status: &Option<i32>) -> String {
    status.map_or("-".into(), |s| s.to_string())
}

/// Minutes and seconds of a duration, never negative.
fn min_sec(seconds: i64) -> (i64, i64) {
    let s = seconds.max(0);
    (s / 60, s % 60)
}

impl Words for PrintMsg {
    fn zh(&self) -> String {
        match self {
            PrintMsg::BadPrinterName { name } => format!("打印机名称无效：{}", sanitize(name)),
            PrintMsg::NoSpooler { program, detail } => format!(
                "无法启动打印命令 {}（{}）；请安装 CUPS（lp）或设置 print_command",
                sanitize(program),
                sanitize(detail)
            ),
            PrintMsg::Refused { status, said } if sanitize(said.trim()).trim().is_empty() => format!(
                "打印失败（退出码 {}）：打印机无响应或缺纸，请检查打印机",
                status_text(status)
            ),
            PrintMsg::Refused { status, said } => format!(
                "打印失败（退出码 {}）：{}",
                status_text(status),
                sanitize(said.trim())
            ),
            PrintMsg::PrintIoFailed { detail } => format!("打印失败：{}", sanitize(detail)),
            PrintMsg::Unencodable { count, list } => {
                format!("有 {count} 个字符无法用 GB18030 编码（字符@行）：{list}；未打印")
            }
            PrintMsg::Duration(s) => {
                let (m, s) = min_sec(*s);
                format!("{m}分{s:02}秒")
            }
            PrintMsg::StaffName { name, code } => {
                format!("{}（{}）", sanitize(name), sanitize(code))
            }
            PrintMsg::StaffHeading => "工作人员".into(),
            PrintMsg::NotaryAccepted => "公证受理".into(),
            PrintMsg::PageOf { page, pages } => format!("第 {page} 页／共 {pages} 页"),
            PrintMsg::WaitingAhead(n) => format!("前方等待 {n} 人"),
            PrintMsg::Hotline => "公共法律服务热线 12348".into(),
            PrintMsg::DefaultFooter => "请留意叫号屏，过号请到服务台".into(),
            PrintMsg::Reprint => "（补打）".into(),
            PrintMsg::Sample => "打印测试（非有效号码）".into(),
            PrintMsg::SlipPrinting => "正在打印取号单……".into(),
            PrintMsg::SlipPrinted { ticket } => format!("{} 的取号单已打印", sanitize(ticket)),
            PrintMsg::SlipFailed { ticket, reason } => format!(
                "{} 已取号，但取号单未打印：{}。可在队列中选中该号按 p 补打",
                sanitize(ticket),
                sanitize(reason)
            ),
            PrintMsg::SlipReprinting { ticket } => {
                format!("正在补打 {} 的取号单……", sanitize(ticket))
            }
            PrintMsg::SlipTestSent { printer } => {
                format!("测试取号单已发送到 {}", sanitize(printer))
            }
            PrintMsg::NoSlipPrinter => {
                "未设置取号单打印机：请先执行 legaldesk settings set slip_printer /dev/usb/lp0（或 tcp:主机:9100、lp:队列名）".into()
            }
            PrintMsg::SentToPrinter => "已发送到打印机".into(),
            PrintMsg::PdfWritten { path } => format!("已生成 PDF：{}", sanitize(path)),
            PrintMsg::PdfNeedsOutput => {
                "PDF 不能直接显示在终端：请用 --output 文件名.pdf 保存，或用 --print 打印".into()
            }
            PrintMsg::NotPrintable { format } => format!(
                "{} 格式用于存档或导入，不能直接打印：请用 --output 保存；打印请用 text、pdf、receipt80 或 receipt58",
                sanitize(format)
            ),
            PrintMsg::OutputFailed { path, detail } => {
                format!("无法写入 {}：{}", sanitize(path), sanitize(detail))
            }
            PrintMsg::UnknownFormat { given } => format!(
                "未知格式 {}（可选：text、pdf、receipt80、receipt58、csv、json）",
                sanitize(given)
            ),
            PrintMsg::NoCjkFont => format!(
                "未找到可用的中文字体，无法生成 PDF，未打印。请安装中文字体（Debian/Ubuntu：apt-get install {}）后重试",
                CJK_FONT_PACKAGES.replace(" / ", " 或 ")
            ),
            PrintMsg::FontUnreadable { detail } => {
                format!("中文字体无法读取：{}；未打印", sanitize(detail))
            }
            PrintMsg::PdfFailed { detail } => {
                format!("PDF 生成失败：{}；未打印", sanitize(detail))
            }
            PrintMsg::BadCommand { given } => format!(
                "打印命令无效：{}（引号不成对或为空）",
                sanitize(given)
            ),
            PrintMsg::BadTransport { given } => format!(
                "打印机设置无效：{}（应为设备文件如 /dev/usb/lp0、tcp:主机:9100 或 lp:队列名）",
                sanitize(given)
            ),
            PrintMsg::DeviceFailed { path, detail } => format!(
                "无法写入打印机 {}：{}（请检查打印机电源和数据线）",
                sanitize(path),
                sanitize(detail)
            ),
            PrintMsg::NetworkFailed { address, detail } => format!(
                "无法连接网络打印机 {}：{}（请检查打印机电源和网线）",
                sanitize(address),
                sanitize(detail)
            ),
        }
    }

    fn en(&self) -> String {
        match self {
            PrintMsg::BadPrinterName { name } => format!("invalid printer name: {}", sanitize(name)),
            PrintMsg::NoSpooler { program, detail } => format!(
                "cannot start the print command {} ({}); install CUPS (lp) or set print_command",
                sanitize(program),
                sanitize(detail)
            ),
            PrintMsg::Refused { status, said } if sanitize(said.trim()).trim().is_empty() => format!(
                "printing failed (exit status {}): the printer gave no reason; check it (paper, power, cable)",
                status_text(status)
            ),
            PrintMsg::Refused { status, said } => format!(
                "printing failed (exit status {}): {}",
                status_text(status),
                sanitize(said.trim())
            ),
            PrintMsg::PrintIoFailed { detail } => format!("printing failed: {}", sanitize(detail)),
            PrintMsg::Unencodable { count, list } => format!(
                "{count} character(s) cannot be encoded in GB18030 (char@line): {list}; nothing printed"
            ),
            PrintMsg::Duration(s) => {
                let (m, s) = min_sec(*s);
                format!("{m} min {s:02} s")
            }
            PrintMsg::StaffName { name, code } => {
                format!("{} ({})", sanitize(name), sanitize(code))
            }
            PrintMsg::StaffHeading => "Staff".into(),
            PrintMsg::NotaryAccepted => "Notary applications accepted".into(),
            PrintMsg::PageOf { page, pages } => format!("Page {page} of {pages}"),
            PrintMsg::WaitingAhead(n) => format!("{n} waiting ahead of you"),
            PrintMsg::Hotline => "Legal services hotline 12348".into(),
            PrintMsg::DefaultFooter => {
                "Please watch the board; if you miss your call, ask at the front desk".into()
            }
            PrintMsg::Reprint => "(REPRINT)".into(),
            PrintMsg::Sample => "PRINTER TEST (not a ticket)".into(),
            PrintMsg::SlipPrinting => "printing the ticket slip...".into(),
            PrintMsg::SlipPrinted { ticket } => {
                format!("the slip for {} is printed", sanitize(ticket))
            }
            PrintMsg::SlipFailed { ticket, reason } => format!(
                "{} is issued, but its slip did not print: {}. Select it in the queue and press p to reprint",
                sanitize(ticket),
                sanitize(reason)
            ),
            PrintMsg::SlipReprinting { ticket } => {
                format!("reprinting the slip for {}...", sanitize(ticket))
            }
            PrintMsg::SlipTestSent { printer } => {
                format!("test slip sent to {}", sanitize(printer))
            }
            PrintMsg::NoSlipPrinter => {
                "no slip printer set: run legaldesk settings set slip_printer /dev/usb/lp0 (or tcp:HOST:9100, lp:QUEUE) first".into()
            }
            PrintMsg::SentToPrinter => "sent to the printer".into(),
            PrintMsg::PdfWritten { path } => format!("PDF written: {}", sanitize(path)),
            PrintMsg::PdfNeedsOutput => {
                "a PDF cannot be shown in a terminal: save it with --output FILE.pdf, or print it with --print".into()
            }
            PrintMsg::NotPrintable { format } => format!(
                "the {} format is for files, not paper: save it with --output; to print use text, pdf, receipt80 or receipt58",
                sanitize(format)
            ),
            PrintMsg::OutputFailed { path, detail } => {
                format!("cannot write {}: {}", sanitize(path), sanitize(detail))
            }
            PrintMsg::UnknownFormat { given } => format!(
                "unknown format {} (one of: text, pdf, receipt80, receipt58, csv, json)",
                sanitize(given)
            ),
            PrintMsg::NoCjkFont => format!(
                "no Chinese (CJK) font found, so no PDF was made and nothing was printed; install one (Debian/Ubuntu: apt-get install {}) and try again",
                CJK_FONT_PACKAGES.replace(" / ", " or ")
            ),
            PrintMsg::FontUnreadable { detail } => {
                format!("the Chinese font cannot be read: {}; nothing printed", sanitize(detail))
            }
            PrintMsg::PdfFailed { detail } => {
                format!("the PDF could not be made: {}; nothing printed", sanitize(detail))
            }
            PrintMsg::BadCommand { given } => format!(
                "invalid print command: {} (unbalanced quotes, or empty)",
                sanitize(given)
            ),
            PrintMsg::BadTransport { given } => format!(
                "invalid printer setting: {} (use a device file such as /dev/usb/lp0, tcp:HOST:9100 or lp:QUEUE)",
                sanitize(given)
            ),
            PrintMsg::DeviceFailed { path, detail } => format!(
                "cannot write to the printer {}: {} (check its power and cable)",
                sanitize(path),
                sanitize(detail)
            ),
            PrintMsg::NetworkFailed { address, detail } => format!(
                "cannot reach the network printer {}: {} (check its power and network cable)",
                sanitize(address),
                sanitize(detail)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn durations_read_as_minutes_and_seconds() {
        assert_eq!(PrintMsg::Duration(725).text(Lang::Zh), "12分05秒");
        assert_eq!(PrintMsg::Duration(725).text(Lang::En), "12 min 05 s");
        assert_eq!(PrintMsg::Duration(59).text(Lang::Zh), "0分59秒");
        assert_eq!(PrintMsg::Duration(-3).text(Lang::Zh), "0分00秒");
    }

    #[test]
    fn the_font_error_names_the_packages_in_both_languages() {
        for lang in [Lang::Zh, Lang::En] {
            let text = PrintMsg::NoCjkFont.text(lang);
            assert!(text.contains("fonts-noto-cjk") && text.contains("fonts-wqy-zenhei"));
        }
    }
}
