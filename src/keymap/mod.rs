//! Keys to actions, per mode (SPEC §7). The defaults are `keymaps/default.toml`, embedded;
//! a user file is merged into them key by key, and a file with any problem is ignored as a
//! whole so the program runs on the defaults and says why. The hint bar, the help screen and
//! `legaldesk keys` are all generated from the same tables, so they never disagree with what
//! the keys do.

mod keys;
mod labels;
mod load;
mod mode;
mod problem;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

use crate::action::Action;
use load::{layer_from_file, parse_layer, Binding, Layer};

pub use keys::{Code, Key, KeyNameError, Mods};
pub use labels::action_label;
pub use mode::Mode;
pub use problem::{KeymapProblem, ProblemKind};

/// The shipped bindings. A unit test parses them, so they cannot be broken in a release.
pub const DEFAULT_TOML: &str = include_str!("../../keymaps/default.toml");

/// The effective bindings: one table per mode, indexed by `Mode::index`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    tables: Vec<BTreeMap<Key, Binding>>,
}

impl Keymap {
    fn empty() -> Keymap {
        Keymap {
            tables: vec![BTreeMap::new(); Mode::ALL.len()],
        }
    }

    /// Defaults only (the embedded default.toml).
    pub fn defaults() -> Keymap {
        static DEFAULTS: OnceLock<Keymap> = OnceLock::new();
        DEFAULTS
            .get_or_init(|| {
                // Problems here are impossible in a tested build; the valid lines still apply.
                let (layer, _problems) =
                    parse_layer(DEFAULT_TOML, Path::new("keymaps/default.toml"));
                let mut keymap = Keymap::empty();
                keymap.merge(layer);
                keymap
            })
            .clone()
    }

    /// Defaults merged with the user file key by key ("noop" unbinds). If the user file has
    /// any problem, or was given but does not exist, returns the defaults and every problem.
    pub fn load(user_file: Option<&Path>) -> (Keymap, Vec<KeymapProblem>) {
        let Some(path) = user_file else {
            return (Keymap::defaults(), Vec::new());
        };
        match layer_from_file(path) {
            Ok(layer) => {
                let mut keymap = Keymap::defaults();
                keymap.merge(layer);
                (keymap, Vec::new())
            }
            Err(problems) => (Keymap::defaults(), problems),
        }
    }

    /// Like `load`, but a missing file is not a problem: for the file in the platform config
    /// directory, which most users never create.
    pub fn load_optional(path: &Path) -> (Keymap, Vec<KeymapProblem>) {
        let (keymap, problems) = Keymap::load(Some(path));
        if problems.len() == 1 && problems[0].kind == ProblemKind::NotFound {
            return (keymap, Vec::new());
        }
        (keymap, problems)
    }

    /// The bindings in effect for a user: `--keymap FILE` (which must exist), else
    /// `keymap.toml` in the platform config directory if there is one, over the defaults. The
    /// TUI and `legaldesk keys` both call this, so `keys` shows what the TUI will use.
    pub fn for_user(flag: Option<&Path>) -> (Keymap, Vec<KeymapProblem>) {
        if let Some(path) = flag {
            return Keymap::load(Some(path));
        }
        match directories::ProjectDirs::from("cn", "legaldesk", "legaldesk") {
            Some(dirs) => Keymap::load_optional(&dirs.config_dir().join("keymap.toml")),
            None => (Keymap::defaults(), Vec::new()),
        }
    }

    /// Applies a layer over these bindings, key by key.
    fn merge(&mut self, layer: Layer) {
        for (mode, bindings) in layer.tables {
            let table = &mut self.tables[mode.index()];
            for (key, binding) in bindings {
                table.insert(key, binding);
            }
        }
        // A "noop" only matters where it hides a [global] binding; elsewhere it is the same
        // as no binding, and dropping it keeps `legaldesk keys` free of clutter.
        let global = self.tables[Mode::Global.index()].clone();
        for (i, table) in self.tables.iter_mut().enumerate() {
            let is_global = i == Mode::Global.index();
            table.retain(|key, binding| {
                *binding != Binding::Noop || (!is_global && global.contains_key(key))
            });
        }
    }

    /// The action bound to this key in `mode`, falling back to the [global] table. None if
    /// unbound, or for a key release (Windows reports releases too).
    pub fn action(&self, mode: Mode, key: &KeyEvent) -> Option<Action> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        self.lookup(mode, Key::from_event(key)?)
    }

    /// The action of an already normalised key in `mode`, falling back to [global].
    pub fn lookup(&self, mode: Mode, key: Key) -> Option<Action> {
        let binding = match self.tables[mode.index()].get(&key) {
            Some(binding) => *binding,
            None if mode.inherits_global() => *self.tables[Mode::Global.index()].get(&key)?,
            None => return None,
        };
        match binding {
            Binding::Action(action) => Some(action),
            Binding::Noop => None,
        }
    }

    /// The keys (display form: "F3", "Ctrl-N", "Enter", "?") that trigger `action` in `mode`,
    /// including [global] keys the mode does not override, F-keys first. In modes with a text
    /// field, printable [global] keys are left out: there they type into the field.
    pub fn keys_for(&self, mode: Mode, action: Action) -> Vec<String> {
        let wanted = Binding::Action(action);
        let own = &self.tables[mode.index()];
        let mut keys: Vec<Key> = own
            .iter()
            .filter(|(_, binding)| **binding == wanted)
            .map(|(key, _)| *key)
            .collect();
        if mode != Mode::Global && mode.inherits_global() {
            let global = &self.tables[Mode::Global.index()];
            keys.extend(
                global
                    .iter()
                    .filter(|(key, binding)| **binding == wanted && !own.contains_key(key))
                    .filter(|(key, _)| !(mode.has_text_field() && key.is_printable()))
                    .map(|(key, _)| *key),
            );
        }
        keys.sort();
        keys.iter().map(Key::to_string).collect()
    }

    /// (first key, action) for the hint bar of `mode`, in the order of `actions`, skipping
    /// actions no key reaches.
    pub fn hints(&self, mode: Mode, actions: &[Action]) -> Vec<(String, Action)> {
        actions
            .iter()
            .filter_map(|action| {
                let first = self.keys_for(mode, *action).into_iter().next()?;
                Some((first, *action))
            })
            .collect()
    }

    /// Every binding of `mode` itself (not [global]) as (key, action), in key order (F-keys
    /// first): for the help screen.
    pub fn bindings(&self, mode: Mode) -> Vec<(String, Action)> {
        self.tables[mode.index()]
            .iter()
            .filter_map(|(key, binding)| match binding {
                Binding::Action(action) => Some((key.to_string(), *action)),
                Binding::Noop => None,
            })
            .collect()
    }

    /// What `legaldesk keys` prints: every mode table with its effective bindings, in the
    /// keymap file format (it can be saved and edited as a user file), then every action.
    pub fn describe(&self) -> String {
        let mut out = String::new();
        out.push_str("# Key bindings in effect: the defaults merged with the user keymap file.\n");
        out.push_str("# [global] applies in every mode unless the mode binds the same key.\n");
        for mode in Mode::ALL {
            out.push_str(&format!("\n[{}]\n", mode.name()));
            for (key, binding) in &self.tables[mode.index()] {
                out.push_str(&format!(
                    "{} = {}\n",
                    quote(&key.to_string()),
                    quote(&binding.name())
                ));
            }
        }
        out.push_str("\n# Actions (\"noop\" unbinds a key):\n");
        let mut line = String::from("#");
        for name in Action::all().map(Action::name) {
            if line.len() + name.len() + 1 > 88 {
                out.push_str(line.trim_end_matches(','));
                out.push('\n');
                line = String::from("#");
            }
            line.push(' ');
            line.push_str(name);
            line.push(',');
        }
        out.push_str(line.trim_end_matches(','));
        out.push('\n');
        out
    }
}

/// A TOML basic string. Key display names are printable, so only `"` and `\` need escaping.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Used by `legaldesk keys --check FILE`: Ok if the file is a valid override, else every
/// problem.
pub fn check_file(path: &Path) -> Result<(), Vec<KeymapProblem>> {
    layer_from_file(path).map(|_| ())
}

#[cfg(test)]
mod tests;
