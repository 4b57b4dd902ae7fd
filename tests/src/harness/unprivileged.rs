//! Running the program under test without privilege, to see what an
//! ordinary user sees (binding a port below 1024 is refused). The grader
//! may run as root; then the program is started through
//! `setpriv --reuid=65534 --regid=65534 --clear-groups --` (user `nobody`).
//! Checks that use this declare `Need::Unprivileged`, which the runner
//! probes first, so where privileges cannot be dropped the check is skipped.

use super::{EXIT, Finished, Proc, Test};
use crate::check::Stop;
use crate::msg;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The user and group an unprivileged program runs as (`nobody`).
pub const NOBODY: u32 = 65534;

impl Test {
    /// Start the exercise's (only) program with `args` as an unprivileged
    /// user. The check's directory (0700, the grader's) is opened to others
    /// so the program may start in it.
    pub fn start_unprivileged(&self, args: &[&str]) -> Result<Proc, Stop> {
        let program = self
            .exercise
            .programs
            .first()
            .expect("an exercise has a program");
        let argv = self.targets.argv(program.key).ok_or_else(|| {
            Stop::fail(
                msg!("the grader has no command for program {}", program.key;
                            "评测程序没有程序 {} 的命令", program.key),
            )
        })?;
        let mut wrapped: Vec<String> = Vec::new();
        if rustix::process::geteuid().is_root() {
            let opened =
                std::fs::set_permissions(self.dir(), std::fs::Permissions::from_mode(0o755));
            opened.map_err(|e| {
                Stop::fail(
                    msg!("the suite could not open its directory to other users: {}", e;
                                "评测程序无法向其他用户开放它的目录：{}", e),
                )
            })?;
            if let Some(path) = unreadable_for_nobody(argv, self.dir()) {
                return Err(Stop::Skip(
                    msg!("skipped: the unprivileged user (uid {}) cannot read {}, so the program cannot be run without privilege here", NOBODY, path;
                         "已跳过：无权限的用户（uid {}）无法读取 {}，因此这里无法以无特权方式运行程序", NOBODY, path),
                ));
            }
            self.step(msg!("drop privileges: run as user and group {} (nobody), no supplementary groups", NOBODY;
                           "降低权限：以用户和组 {}（nobody）运行，不带附加组", NOBODY));
            wrapped.extend([
                "setpriv".to_string(),
                format!("--reuid={NOBODY}"),
                format!("--regid={NOBODY}"),
                "--clear-groups".to_string(),
                "--".to_string(),
            ]);
        }
        wrapped.extend(argv.iter().cloned());
        Proc::spawn(
            program.role.into(),
            &wrapped,
            args,
            self.dir(),
            self.trace.clone(),
            self.reaper.clone(),
        )
    }

    /// Run the program to its end as an unprivileged user. When the
    /// unprivileged user cannot even start it (setpriv reports it could not
    /// execute the program: a path under a private home, say), the check is
    /// skipped with the reason, never failed or passed.
    pub fn run_unprivileged(&self, args: &[&str]) -> Result<Finished, Stop> {
        let done = self.start_unprivileged(args)?.finish(EXIT)?;
        // 126 and 127 are what setpriv and shells exit with when they
        // cannot execute a program: not an answer of the program itself.
        let exec_failed = matches!(done.status.code(), Some(126 | 127));
        if exec_failed {
            let said = done.stderr.trim().to_string();
            return Err(Stop::Skip(
                msg!("skipped: the unprivileged user cannot start the program here ({})", said;
                     "已跳过：无权限的用户在这里无法启动程序（{}）", said),
            ));
        }
        Ok(done)
    }
}

/// The first file of `argv` (the program, found on PATH, and any argument
/// naming an existing file, such as a script) that user `nobody` cannot
/// read, asked of the kernel by running `test -r` as that user.
fn unreadable_for_nobody(argv: &[String], dir: &Path) -> Option<String> {
    let mut files: Vec<PathBuf> = Vec::new();
    let (program, rest) = argv.split_first()?;
    if program.contains('/') {
        files.push(dir.join(program));
    } else if let Some(found) = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(program))
            .find(|p| p.is_file())
    }) {
        files.push(found);
    }
    files.extend(rest.iter().map(|a| dir.join(a)).filter(|p| p.is_file()));
    files
        .into_iter()
        .find(|file| {
            let readable = Command::new("setpriv")
                .args([
                    &format!("--reuid={NOBODY}"),
                    &format!("--regid={NOBODY}"),
                    "--clear-groups",
                    "--",
                    "test",
                    "-r",
                ])
                .arg(file)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            !readable
        })
        .map(|file| file.display().to_string())
}
