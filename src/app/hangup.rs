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
//! - `watch(stop, grace)`: a small thread that checks every `CHECK_EVERY`; on hang-up it sets
//!   `stop` (the same flag SIGTERM/SIGHUP set), gives the loop `grace` to return by itself,
//!   and otherwise ends the process — nothing is left to restore on a terminal that is gone,
//!   and every acknowledged action is already committed (effects run outside input waits).

/// True when the controlling terminal this process reads keys from has hung up or is gone.
pub fn terminal_gone() -> bool {
    #[cfg(unix)]
    {
        unix::terminal_gone()
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// How often the watch thread looks at the terminal: one cheap system call, far inside the
/// "notices within a few seconds" the issue asks for.
pub const CHECK_EVERY: std::time::Duration = std::time::Duration::from_millis(250);

/// Starts the hang-up watch for the life of the process (see the module comment). An error
/// means no thread could be started; the program then relies on SIGHUP alone.
pub fn watch(
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    grace: std::time::Duration,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new().name("hangup-watch".into()).spawn(move || loop {
        std::thread::sleep(CHECK_EVERY);
        if terminal_gone() {
            stop.store(true, std::sync::atomic::Ordering::SeqCst);
            std::thread::sleep(grace);
            // Still here: the main thread is stuck in the terminal library's read loop.
            std::process::exit(0);
        }
    })
}

#[cfg(unix)]
mod unix {
    use std::os::fd::RawFd;

    const HANGUP: libc::c_short = libc::POLLHUP | libc::POLLERR | libc::POLLNVAL;

    pub fn terminal_gone() -> bool {
        // SAFETY: isatty only inspects the descriptor.
        if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
            return hung_up(libc::STDIN_FILENO);
        }
        // The keys come from /dev/tty when stdin is not a terminal (crossterm does the same).
        // A hung-up stdin also lands here: isatty fails on it with EIO. Opening /dev/tty fails
        // once the session has lost its controlling terminal.
        // SAFETY: a constant NUL-terminated path; the descriptor is closed below.
        let fd = unsafe { libc::open(c"/dev/tty".as_ptr(), libc::O_RDONLY | libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_CLOEXEC) };
        if fd < 0 {
            return true;
        }
        let gone = hung_up(fd);
        // SAFETY: fd was opened above and is not used after this.
        unsafe { libc::close(fd) };
        gone
    }

    pub(super) fn hung_up(fd: RawFd) -> bool {
        let mut pfd = libc::pollfd { fd, events: libc::POLLIN, revents: 0 };
        // SAFETY: one valid pollfd, zero timeout: never blocks.
        let ready = unsafe { libc::poll(&mut pfd, 1, 0) };
        if ready < 0 {
            // EINTR (a signal arrived) says nothing about the terminal.
            return std::io::Error::last_os_error().raw_os_error() != Some(libc::EINTR);
        }
        pfd.revents & HANGUP != 0
    }
}

#[cfg(all(test, unix))]
mod tests {
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
            (master, libc::open(name.as_ptr(), libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC))
        };
        assert!(slave >= 0);
        assert!(!super::unix::hung_up(slave));
        // SAFETY: closing descriptors opened above.
        unsafe { libc::close(master) };
        assert!(super::unix::hung_up(slave));
        unsafe { libc::close(slave) };
    }
}
