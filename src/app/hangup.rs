//! Noticing that the terminal has gone (an SSH connection dropped, a terminal window closed)
//! even when no SIGHUP arrives — for example when the signal was blocked or ignored by
//! whatever started legaldesk, or went to a shell that did not pass it on.
//!
//! After a hang-up the kernel turns the terminal into a "hung up" file: `poll` reports
//! POLLHUP/POLLERR at once and every read returns end-of-file. An event loop that only waits
//! for input would then wake up immediately, read nothing, and spin at 100% CPU on a shared
//! host. Calling `terminal_gone` each time the loop wakes (it costs one `poll` with a zero
//! timeout) lets it restore what it can and exit instead.

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
        // sshd does when the connection drops.
        let (mut master, mut slave) = (0, 0);
        // SAFETY: openpty fills two descriptors; null name/termios/winsize are allowed.
        let rc = unsafe { libc::openpty(&mut master, &mut slave, std::ptr::null_mut(), std::ptr::null(), std::ptr::null()) };
        if rc != 0 {
            eprintln!("no pseudo-terminals here; skipped");
            return;
        }
        assert!(!super::unix::hung_up(slave));
        // SAFETY: closing descriptors opened above.
        unsafe { libc::close(master) };
        assert!(super::unix::hung_up(slave));
        unsafe { libc::close(slave) };
    }
}
