//! Staff, windows and signing in, one file per subject: staff records (`records`), windows
//! and their labels (`windows`), PINs (`pins`) and sign-in with its sessions and lock
//! (`signin`). PINs are stored only as argon2id hashes; failed sign-ins are counted in the
//! database so every terminal shares the count. Callers keep using `service::staff::NAME`.

mod pins;
mod records;
mod signin;
mod windows;

pub use pins::{change_own_pin, check_pin_rules, hash_pin, reset_pin};
pub use records::{
    add_staff, create_first_supervisor, deactivate, has_supervisor, list_staff, StaffRow,
};
pub use signin::{
    backoff_seconds, reauthenticate, sign_in, sign_out, still_valid, unlock, LOCK_AFTER,
};
pub use windows::{
    add_window, check_window_label, ensure_default_windows, list_windows, parse_services,
    set_window_label, window, window_labels, WindowRow, WINDOW_LABEL_MAX,
};

use super::{Problem, ServiceError};

/// Staff and window codes: short, ASCII, safe to print anywhere.
pub fn clean_code(code: &str) -> Result<String, ServiceError> {
    let code = code.trim();
    let ok = !code.is_empty()
        && code.len() <= 16
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(code.to_uppercase())
    } else {
        Err(ServiceError::Invalid(Problem::Code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows() {
        assert_eq!(backoff_seconds(0), 0);
        assert_eq!(backoff_seconds(1), 0);
        assert!(backoff_seconds(3) > backoff_seconds(2));
    }

    #[test]
    fn codes_are_checked() {
        assert_eq!(clean_code(" w1 ").unwrap(), "W1");
        assert!(clean_code("W 1").is_err());
        assert!(clean_code("").is_err());
        assert!(clean_code("\u{1b}[31m").is_err());
    }
}
