//! The command line of SPEC §6 (clap derive). Parsing only; `main.rs` dispatches.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "legaldesk",
    version,
    about = "公共法律服务中心 前台叫号 / front-desk window queue"
)]
pub struct Cli {
    /// Database file (default: $LEGALDESK_DB, else the platform data directory)
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Interface language: zh or en (default from LANG)
    #[arg(long, global = true, value_name = "zh|en")]
    pub lang: Option<String>,
    /// A keymap file overriding the defaults key by key
    #[arg(long, global = true, value_name = "FILE")]
    pub keymap: Option<PathBuf>,
    /// Draw borders with ASCII characters (for terminals that draw box characters double-width)
    #[arg(long, global = true)]
    pub ascii: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database if missing
    Init,
    /// The tally (日结统计) of a date or range
    Tally(TallyArgs),
    /// Close a business date (日结)
    Close {
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
    },
    /// Import a ledger CSV (all or nothing)
    Import {
        file: PathBuf,
        #[arg(long, default_value = "utf-8", value_name = "utf-8|gbk")]
        encoding: String,
    },
    /// Export the ledger CSV
    Export {
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: String,
        #[arg(long)]
        redact: bool,
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Generate a realistic synthetic history
    Demo {
        #[arg(long, default_value_t = 30)]
        days: u32,
        #[arg(long = "per-day", default_value_t = 120)]
        per_day: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Last day of the history (default: today, left open at 15:00; an earlier date is closed too)
        #[arg(long, value_name = "YYYY-MM-DD")]
        until: Option<String>,
    },
    /// Staff members
    #[command(subcommand)]
    Staff(StaffCommand),
    /// Service windows
    #[command(subcommand)]
    Window(WindowCommand),
    /// Consistent online copy of the database
    Backup { file: PathBuf },
    /// Integrity check of the database
    Check {
        #[arg(long)]
        full: bool,
    },
    /// Anonymise personal data of closed dates before D (retention)
    Purge {
        #[arg(long, value_name = "YYYY-MM-DD")]
        before: String,
    },
    /// Center settings (name, time zone, queue rules, printer)
    #[command(subcommand)]
    Settings(SettingsCommand),
    /// The visitor's rating pad (评价器) for one window
    Pad {
        #[arg(long, value_name = "CODE")]
        window: String,
    },
    /// The waiting-hall board (叫号屏); with --speak also the hall's one announcer (SPEC §9.1)
    Board {
        /// Speak the calls (one announcer per hall; a second one stands by)
        #[arg(long)]
        speak: bool,
        /// Only these windows (a hall with two rooms), e.g. W1,W2
        #[arg(long, value_name = "W1,W2")]
        windows: Option<String>,
    },
    /// Print the effective key bindings, or check a keymap file
    Keys {
        #[arg(long, value_name = "FILE")]
        check: Option<PathBuf>,
    },
    /// The working-day calendar in force (holidays and make-up working days), or check a
    /// holiday override file
    Holidays {
        #[arg(long, value_name = "YYYY")]
        year: Option<i32>,
        #[arg(long, value_name = "FILE", conflicts_with = "year")]
        check: Option<PathBuf>,
        /// The business date the reminder about next year is judged from (default: today)
        #[arg(long, value_name = "YYYY-MM-DD", hide = true)]
        today: Option<String>,
    },
    /// Legal-aid applications (法律援助申请)
    #[command(subcommand)]
    Aid(AidCommand),
    /// Ticket slips (取号单)
    #[command(subcommand)]
    Slip(SlipCommand),
    /// Appointments (预约): book a slot for the 12348 operator, list a day, cancel
    #[command(subcommand)]
    Appoint(AppointCommand),
}

#[derive(Debug, Subcommand)]
pub enum AppointCommand {
    /// Book a slot: from tomorrow, on working days, inside the opening hours
    Add {
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        #[arg(long, value_name = "HH:MM")]
        time: String,
        #[arg(long, value_name = "consult|legal_aid|notary|mediation|drafting")]
        service: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        phone: String,
        /// Where the booking comes from (the 12348 hotline by default)
        #[arg(long, default_value = "hotline", value_name = "hotline|online|walk_in")]
        channel: String,
    },
    /// A day's bookings in slot order (names and phones masked)
    List {
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        #[arg(long, default_value = "text", value_name = "text|json")]
        format: String,
        /// Show names and phones in full (audited; needs --reason)
        #[arg(long)]
        unmask: bool,
        /// Why the full names and phones are needed (kept in the audit log)
        #[arg(long)]
        reason: Option<String>,
    },
    /// Cancel a booking by its number
    Cancel { id: i64 },
}

#[derive(Debug, Subcommand)]
pub enum AidCommand {
    /// Applications awaiting a decision or an assignment, overdue first
    List {
        /// Only applications awaiting a decision
        #[arg(long, conflicts_with = "overdue")]
        pending: bool,
        /// Only applications past a due date (decision or assignment)
        #[arg(long)]
        overdue: bool,
        #[arg(long, default_value = "text", value_name = "text|json")]
        format: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum SlipCommand {
    /// Print a sample slip on the slip printer (setting slip_printer), to set it up
    Test,
}

#[derive(Debug, Args)]
pub struct TallyArgs {
    #[arg(long, value_name = "YYYY-MM-DD", conflicts_with_all = ["from", "to"])]
    pub date: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD", requires = "to")]
    pub from: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD", requires = "from")]
    pub to: Option<String>,
    #[arg(
        long,
        default_value = "text",
        value_name = "text|pdf|receipt80|receipt58|csv|json"
    )]
    pub format: String,
    /// Print: A4 (text, pdf) as PDF through lp; receipts raw as ESC/POS
    #[arg(long, conflicts_with = "output")]
    pub print: bool,
    /// A CUPS queue; for receipts also /dev/usb/lp0, tcp:HOST:9100 or lp:QUEUE
    #[arg(long, value_name = "NAME", requires = "print")]
    pub printer: Option<String>,
    /// Write to FILE instead of standard output
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[arg(long, default_value = "utf-8", value_name = "utf-8|gb18030")]
    pub encoding: String,
}

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Add a staff member; the PIN is read from stdin (or prompted twice on a terminal)
    Add {
        code: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_name = "front_desk|duty_lawyer|notary|mediator|supervisor")]
        role: String,
    },
    /// List staff
    List,
    /// Lift a sign-in lock
    Unlock { code: String },
    /// Set a new PIN for a staff member (read from stdin, or prompted twice); also lifts a lock
    ResetPin { code: String },
    /// Deactivate a staff member: no more sign-ins, history kept
    Deactivate { code: String },
}

#[derive(Debug, Subcommand)]
pub enum WindowCommand {
    /// Add a window (or change its services)
    Add {
        code: String,
        #[arg(long, value_name = "consult,drafting,...")]
        services: String,
        /// What the board shows and the announcer says (default: the digits of the code + 号窗口)
        #[arg(long, value_name = "1号窗口")]
        label: Option<String>,
    },
    /// List windows
    List,
}

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// Every setting with its value in effect
    List,
    /// Change one setting
    Set { key: String, value: String },
}
