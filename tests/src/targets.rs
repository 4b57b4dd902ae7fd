//! What is graded: a command per program key, built fresh.
//!
//! A target is never a binary that happens to sit in `target/`: the suite
//! builds what it grades with `cargo build --message-format=json` and runs
//! the exact executables cargo reports, or stops with a clear error.

use crate::catalogue::EXERCISES;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The environment variable that names a bins file written by
/// `cargo xtask build-bins` (the nextest setup script does this once per run).
pub const BINS_ENV: &str = "NETLINGS_BINS";

/// The netlings checkout you stand in: found at run time from the current
/// directory, as cargo finds its workspace, never from a path baked in at
/// compile time (one target directory may serve several clones, and a
/// binary may outlive the clone it was built from). Outside a checkout
/// (the grading sandbox) it is the current directory.
pub fn workspace_root() -> PathBuf {
    let here = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    find_workspace(&here).unwrap_or(here)
}

/// The Python interpreter itself, for tests that grade Python programs:
/// `python3` on the PATH may be a version manager's shim (pyenv's runs a
/// dozen shell scripts on every start, ~50 ms of CPU), and a check starts
/// its program hundreds of times. Asked once, of `python3` itself.
pub fn python3() -> String {
    static FOUND: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    FOUND
        .get_or_init(|| {
            Command::new("python3")
                .args(["-I", "-S", "-c", "import sys; print(sys.executable)"])
                .output()
                .ok()
                .filter(|o| o.status.success())
                .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
                .filter(|p| !p.is_empty())
                .unwrap_or_else(|| "python3".to_string())
        })
        .clone()
}

/// The nearest folder at or above `from` that is a netlings workspace: a
/// `Cargo.toml` with the suite's registry of stubs (`xtask/stubs.lock`)
/// beside it.
pub fn find_workspace(from: &Path) -> Option<PathBuf> {
    from.ancestors()
        .find(|dir| dir.join("Cargo.toml").is_file() && dir.join("xtask/stubs.lock").is_file())
        .map(Path::to_path_buf)
}

/// Where this clone's programs are built when `CARGO_TARGET_DIR` is set: a
/// folder of its own inside it. One target directory often serves several
/// clones, and cargo's freshness check (by modification time, with paths
/// relative to the workspace) can take clone A's fresh build of an exercise
/// for clone B's, so B would be graded on A's code.
fn clone_target_dir() -> Option<PathBuf> {
    let shared = PathBuf::from(std::env::var_os("CARGO_TARGET_DIR")?);
    let root = workspace_root();
    if root.starts_with(&shared) || shared.starts_with(&root) {
        return None; // the clone's own target directory
    }
    // FNV-1a: stable from one build of the runner to the next.
    let hash = root
        .to_string_lossy()
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    let name = root.file_name().unwrap_or_default().to_string_lossy();
    Some(
        shared
            .join("netlings-clones")
            .join(format!("{name}-{hash:016x}")),
    )
}

/// Executables by binary name, as cargo built them.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Bins {
    pub bins: BTreeMap<String, PathBuf>,
    /// Compiler errors of packages that did not build, by package name
    /// (only with `build_keep_going`).
    #[serde(default)]
    pub errors: BTreeMap<String, String>,
}

/// A build that failed, with the compiler's own words.
#[derive(Debug)]
pub struct BuildFailure {
    pub rendered: String,
}

impl Bins {
    /// Build `packages` and return their executables.
    pub fn build(packages: &[&str]) -> Result<Bins, BuildFailure> {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut command = Command::new(cargo);
        command
            .arg("build")
            .arg("--message-format=json-diagnostic-rendered-ansi")
            .arg("--manifest-path")
            .arg(workspace_root().join("Cargo.toml"));
        if let Some(dir) = clone_target_dir() {
            command.arg("--target-dir").arg(dir);
        }
        for package in packages {
            command.args(["--package", package]);
        }
        let output = command
            .stdin(Stdio::null())
            .stderr(Stdio::piped())
            .stdout(Stdio::piped())
            .output()
            .map_err(|e| BuildFailure {
                rendered: format!("could not run cargo: {e}"),
            })?;
        let (bins, rendered) = Bins::from_cargo_messages(&output.stdout);
        if output.status.success() {
            Ok(bins)
        } else if rendered.is_empty() {
            Err(BuildFailure {
                rendered: String::from_utf8_lossy(&output.stderr).into_owned(),
            })
        } else {
            Err(BuildFailure { rendered })
        }
    }

    /// Read cargo's `--message-format=json` output: the executables built,
    /// and the rendered errors (also kept per package in `errors`).
    pub fn from_cargo_messages(stdout: &[u8]) -> (Bins, String) {
        let mut bins = Bins::default();
        let mut rendered = String::new();
        for line in String::from_utf8_lossy(stdout).lines() {
            let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            match message["reason"].as_str() {
                Some("compiler-artifact") => {
                    if let (Some(path), Some(name)) = (
                        message["executable"].as_str(),
                        message["target"]["name"].as_str(),
                    ) {
                        bins.bins.insert(name.to_string(), PathBuf::from(path));
                    }
                }
                Some("compiler-message") => {
                    if matches!(message["message"]["level"].as_str(), Some("error")) {
                        let text = message["message"]["rendered"].as_str().unwrap_or("");
                        rendered.push_str(text);
                        let id = message["package_id"].as_str().unwrap_or("");
                        bins.errors
                            .entry(package_name(id).to_string())
                            .or_default()
                            .push_str(text);
                    }
                }
                _ => {}
            }
        }
        (bins, rendered)
    }

    /// Read a bins file, refusing one that names a missing executable.
    pub fn load(path: &Path) -> Result<Bins, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let bins: Bins = serde_json::from_str(&text)
            .map_err(|e| format!("{} is not a bins file: {e}", path.display()))?;
        if let Some((name, missing)) = bins.bins.iter().find(|(_, p)| !p.exists()) {
            return Err(format!(
                "{} names {name} at {}, which does not exist",
                path.display(),
                missing.display()
            ));
        }
        Ok(bins)
    }

    /// The bins the nextest setup script built, or (under plain `cargo test`)
    /// a fresh build of the solutions and the known-wrong programs.
    pub fn for_suite() -> Result<Bins, String> {
        match std::env::var_os(BINS_ENV) {
            Some(path) => Bins::load(Path::new(&path)),
            None => Bins::build(&suite_packages())
                .map_err(|f| format!("building the solutions failed:\n{}", f.rendered)),
        }
    }

    pub fn path(&self, bin: &str) -> Option<&Path> {
        self.bins.get(bin).map(PathBuf::as_path)
    }
}

/// The package's name in a cargo package id: "path+file:///…/common#0.1.0"
/// (folder named as the package), "path+file:///…/00-addresses#ex00-addresses@0.1.0"
/// (folder named otherwise), or the older "name 0.1.0 (path+file:///…)".
fn package_name(id: &str) -> &str {
    if let Some((name, _)) = id.split_once(' ') {
        return name;
    }
    let last = id.rsplit('/').next().unwrap_or(id);
    match last.split_once('#') {
        Some((_, rest)) if rest.contains('@') => rest.split('@').next().unwrap_or(rest),
        Some((folder, _)) => folder,
        None => last,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_package_is_named_by_its_manifest_not_its_folder() {
        use super::package_name;
        assert_eq!(
            package_name("path+file:///w/exercises/00-addresses#ex00-addresses@0.1.0"),
            "ex00-addresses"
        );
        assert_eq!(package_name("path+file:///w/common#0.1.0"), "common");
        assert_eq!(
            package_name("ex05-tcp-server 0.1.0 (path+file:///w)"),
            "ex05-tcp-server"
        );
    }
}

/// What the suite itself runs against: every solution and the known-wrong programs.
pub fn suite_packages() -> Vec<&'static str> {
    let mut packages: Vec<&str> = EXERCISES.iter().map(|e| e.solution_package).collect();
    packages.push(crate::mutants::PACKAGE);
    packages
}

/// A command per program key (`05`, `07-server`, …).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Targets {
    /// What is graded, for reports: "solutions", "exercises", a command.
    pub label: String,
    pub programs: BTreeMap<String, Vec<String>>,
}

impl Targets {
    /// The reference solutions.
    pub fn solutions(bins: &Bins) -> Result<Targets, String> {
        Targets::from_bins("solutions", bins, |p| p.solution_bin)
    }

    /// The learner's exercises.
    pub fn exercises(bins: &Bins) -> Result<Targets, String> {
        Targets::from_bins("exercises", bins, |p| p.exercise_bin)
    }

    fn from_bins(
        label: &str,
        bins: &Bins,
        bin_of: impl Fn(&crate::check::Program) -> &'static str,
    ) -> Result<Targets, String> {
        let mut targets = Targets {
            label: label.to_string(),
            programs: BTreeMap::new(),
        };
        for program in EXERCISES.iter().flat_map(|e| e.programs) {
            if let Some(path) = bins.path(bin_of(program)) {
                targets
                    .programs
                    .insert(program.key.to_string(), vec![path.display().to_string()]);
            }
        }
        if targets.programs.is_empty() {
            return Err(format!("no {label} were built"));
        }
        Ok(targets)
    }

    /// The same targets with one program replaced by `argv`.
    pub fn with(mut self, key: &str, label: &str, argv: Vec<String>) -> Targets {
        self.label = label.to_string();
        self.programs.insert(key.to_string(), argv);
        self
    }

    pub fn argv(&self, key: &str) -> Option<&[String]> {
        self.programs.get(key).map(Vec::as_slice)
    }

    /// What the program with `key` is written in, as far as hints care:
    /// an executable cargo built is Rust, `python3 …` is Python.
    pub fn language(&self, key: &str) -> crate::diagnosis::Language {
        use crate::diagnosis::Language;
        match self.argv(key) {
            Some([exe])
                if Path::new(exe)
                    .components()
                    .any(|c| c.as_os_str() == "target") =>
            {
                Language::Rust
            }
            Some(argv) => Language::of_command(argv),
            None => Language::Rust,
        }
    }
}
