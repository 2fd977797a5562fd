//! Noticing that the terminal has gone (an SSH connection dropped, a terminal window closed)
//! even when no SIGHUP arrives — for example when the signal was blocked or ignored by
//! whatever started legaldesk, or went to a shell that did not pass it on.
//!
//! After a hang-up the kernel turns the terminal into a "hung up" file: `poll` reports
//! POLLHUP/POLLERR at once and every read returns end-of-file. crossterm 0.29's reader then
//! never returns: its inner read loop treats end-of-file and EIO as "no bytes yet" and loops
//! again without looking at its timeout (event/source/unix/mio.rs, `try_read`). So a check
//! in the event loop alone is not enough — the loop never gets control back. Hence two tools:
//!
//! - `terminal_gone()`: one `poll` with a zero timeout; for the event loop to call before it
//!   waits for input, so a hang-up that happened while it was busy ends it cleanly.
//! - `watch(stop, grace)`: a small thread that sleeps in `poll` on the terminal (woken at
//!   once by a hang-up, otherwise every `CHECK_EVERY`). On hang-up it sets `stop` (the same
//!   flag SIGTERM/SIGHUP set) and lets the loop return by itself for up to `grace` — unless
//!   the main thread is spinning in the terminal library, in which case waiting only burns
//!   CPU, and the process ends at once. Ending it is safe: nothing is left to restore on a
//!   terminal that is gone, and SQLite makes any write in progress all or nothing, exactly as
//!   for `kill -9` (tests/crash.rs).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// True when the controlling terminal this process reads keys from has hung up or is gone.
pub fn terminal_gone() -> bool {
    #[cfg(unix)]
    {
        unix::gone_within(Duration::ZERO)
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// The longest the watch thread sleeps between looks at the terminal when no hang-up wakes
/// it (and how long it backs off while a key waits to be read by the main thread).
pub const CHECK_EVERY: Duration = Duration::from_millis(250);

/// How the watch tells a stuck main thread from one finishing its work: over this window, a
/// thread spinning in a read loop uses at least `SPIN_SHARE` percent of it in CPU time even
/// on a loaded two-core box, while an event loop about to return needs a few milliseconds.
/// (CPU time is counted in 10 ms ticks, hence a window of several ticks.)
const SPIN_SAMPLE: Duration = Duration::from_millis(200);
const SPIN_SHARE: u32 = 30;

/// Starts the hang-up watch for the life of the process (see the module comment). An error
/// means no thread could be started; the program then relies on SIGHUP alone.
pub fn watch(
    stop: Arc<AtomicBool>,
    grace: Duration,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new()
        .name("hangup-watch".into())
        .spawn(move || {
            #[cfg(unix)]
            while !unix::gone_within(CHECK_EVERY) {}
            #[cfg(not(unix))]
            loop {
                std::thread::sleep(CHECK_EVERY);
            }
            stop.store(true, Ordering::SeqCst);
            let deadline = Instant::now() + grace;
            let mut last = main_thread_cpu();
            while Instant::now() < deadline {
                std::thread::sleep(SPIN_SAMPLE);
                let now = main_thread_cpu();
                if let (Some(before), Some(after)) = (last, now) {
                    if after.saturating_sub(before) * 100 >= SPIN_SAMPLE * SPIN_SHARE {
                        break;
                    }
                }
                last = now;
            }
            // Still here: the main thread did not return by itself.
            std::process::exit(0);
        })
}

/// CPU time (user + system) of the process's main thread, where the system tells it.
fn main_thread_cpu() -> Option<Duration> {
    #[cfg(target_os = "linux")]
    {
        // The main thread's id is the process id; fields 14 and 15 after the name are
        // utime and stime in clock ticks.
        let pid = std::process::id();
        let text = std::fs::read_to_string(format!("/proc/self/task/{pid}/stat")).ok()?;
        let fields: Vec<&str> = text
            .get(text.rfind(')')? + 2..)?
            .split_whitespace()
            .collect();
        let ticks: u64 =
            fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
        // SAFETY: sysconf only reads a system constant.
        let per_second = u64::try_from(unsafe { libc::sysconf(libc::_SC_CLK_TCK) })
            .ok()
            .filter(|t| *t > 0)?;
        Some(Duration::from_millis(ticks * 1000 / per_second))
    }
    #[cfg(not(target_os = "linux"))]
    {
        None
    }
}

#[cfg(unix)]
mod unix {
    use std::os::fd::RawFd;
    use std::time::Duration;

    const HANGUP: libc::c_short = libc::POLLHUP | libc::POLLERR | libc::POLLNVAL;

    /// Waits up to `timeout` for the terminal to hang up; true when it has (or is gone).
    pub fn gone_within(timeout: Duration) -> bool {
        // SAFETY: isatty only inspects the descriptor.
        if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
            return hung_up(libc::STDIN_FILENO, timeout);
        }
        // The keys come from /dev/tty when stdin is not a terminal (crossterm does the same).
        // A hung-up stdin also lands here: isatty fails on it with EIO. Opening /dev/tty fails
        // once the session has lost its controlling terminal.
        // SAFETY: a constant NUL-terminated path; the descriptor is closed below.
        let fd = unsafe {
            libc::open(
                c"/dev/tty".as_ptr(),
                libc::O_RDONLY | libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_CLOEXEC,
            )
        };
        if fd < 0 {
            return true;
        }
        let gone = hung_up(fd, timeout);
        // SAFETY: fd was opened above and is not used after this.
        unsafe { libc::close(fd) };
        gone
    }

    /// Polls `fd` for input: a hang-up wakes the poll at once (the kernel wakes readers when
    /// it hangs a terminal up). Input that is merely waiting for the main thread is not a
    /// hang-up; then this sleeps out the timeout rather than poll again at once.
    pub(super) fn hung_up(fd: RawFd, timeout: Duration) -> bool {
        let mut pfd = libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        };
        let millis = libc::c_int::try_from(timeout.as_millis()).unwrap_or(libc::c_int::MAX);
        // SAFETY: one valid pollfd; blocks at most `millis`.
        let ready = unsafe { libc::poll(&mut pfd, 1, millis) };
        if ready < 0 {
            // EINTR (a signal such as a resize arrived) says nothing about the terminal.
            return std::io::Error::last_os_error().raw_os_error() != Some(libc::EINTR);
        }
        if pfd.revents & HANGUP != 0 {
            return true;
        }
        if ready > 0 && !timeout.is_zero() {
            std::thread::sleep(timeout);
        }
        false
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::time::{Duration, Instant};

    #[test]
    fn a_live_pseudo_terminal_is_not_gone_and_a_closed_one_is() {
        // A pty pair: the slave stands for the user's terminal; closing the master is what
        // sshd does when the connection drops. Close-on-exec, so no process another test
        // starts meanwhile keeps the master open.
        // SAFETY: posix_openpt/grantpt/unlockpt/ptsname_r/open on descriptors owned here.
        let (master, slave) = unsafe {
            let master = libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC);
            if master < 0 || libc::grantpt(master) != 0 || libc::unlockpt(master) != 0 {
                eprintln!("no pseudo-terminals here; skipped");
                return;
            }
            let mut name = [0 as libc::c_char; 128];
            assert_eq!(libc::ptsname_r(master, name.as_mut_ptr(), name.len()), 0);
            (
                master,
                libc::open(
                    name.as_ptr(),
                    libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC,
                ),
            )
        };
        assert!(slave >= 0);
        assert!(!super::unix::hung_up(slave, Duration::ZERO));
        // A hang-up wakes a waiting poll at once, long before its timeout.
        let closer = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            // SAFETY: closing the master opened above, once.
            unsafe { libc::close(master) };
        });
        let waited = Instant::now();
        assert!(super::unix::hung_up(slave, Duration::from_secs(5)));
        assert!(
            waited.elapsed() < Duration::from_secs(2),
            "woken by the hang-up, not the timeout"
        );
        closer.join().expect("closer");
        assert!(super::unix::hung_up(slave, Duration::ZERO));
        // SAFETY: closing the slave opened above.
        unsafe { libc::close(slave) };
    }

    #[test]
    fn the_main_thread_cpu_time_is_readable() {
        if cfg!(target_os = "linux") {
            assert!(super::main_thread_cpu().is_some());
        }
    }
}
