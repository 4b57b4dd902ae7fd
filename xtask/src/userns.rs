//! The runner's own user namespace, inside grade's sandbox.
//!
//! The runner starts as root of the sandbox with only the capabilities it
//! needs over its programs (`sandbox::RUNNER_CAPS`): not CAP_SYS_ADMIN,
//! which making a network namespace takes (the packet-loss checks, the
//! notes' fixed ports, `--wire`). Instead of that capability over the host,
//! it moves first thing into a user namespace of its own, where it is root
//! — of that namespace, of the programs started in it and of the
//! namespaces it makes, and of nothing of the host:
//!
//! - inside, uid 0 is [`RUNNER_UID`] outside (a user of its own: never
//!   root's, never the programs'), and the programs' user and `nobody` are
//!   themselves, so `as-user` and `setpriv` drop to them as before and the
//!   programs keep no capability;
//! - the maps are written by a child still in the sandbox's namespace
//!   (after `unshare` the runner holds no CAP_SETUID there, which mapping
//!   ids other than its own takes), then the runner becomes that uid 0
//!   (`setresuid`), keeping the capabilities the new namespace gave it.
//!
//! `unshare(CLONE_NEWUSER)` needs a single-threaded process: this runs
//! first, before the runner starts any thread. Where the kernel refuses,
//! the runner goes on as root of the sandbox, as it started, and checks
//! that need a network namespace are skipped with the kernel's reason.

use std::io;

/// The runner's user on the host once it is in its namespace.
pub const RUNNER_UID: u32 = 1_900_000_001;
/// `nobody`, whom the checks of an ordinary user's rights start a program
/// as (`tests/src/harness/unprivileged.rs`).
const NOBODY: u32 = 65534;

/// Move the runner into a user namespace of its own (see the module's
/// documentation), its programs' user `program_uid` mapped as itself.
pub fn enter(program_uid: u32) -> Result<(), String> {
    let map = format!("0 {RUNNER_UID} 1\n{program_uid} {program_uid} 1\n{NOBODY} {NOBODY} 1\n");
    let runner = std::process::id();
    let paths = ["uid_map", "gid_map"].map(|file| {
        std::ffi::CString::new(format!("/proc/{runner}/{file}")).expect("no NUL in a path")
    });
    let mut fds = [0; 2];
    // SAFETY: pipe2 fills the two descriptors of `fds`.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(format!("pipe: {}", io::Error::last_os_error()));
    }
    let [read_end, write_end] = fds;
    // SAFETY: the runner has one thread here, so the child may run any
    // code; it only reads, opens, writes and exits.
    let child = unsafe { libc::fork() };
    if child < 0 {
        return Err(format!("fork: {}", io::Error::last_os_error()));
    }
    if child == 0 {
        // SAFETY: the child's own descriptors and buffers; it never returns.
        unsafe {
            libc::close(write_end);
            let mut word = [0u8; 1];
            let told = libc::read(read_end, word.as_mut_ptr().cast(), 1) == 1;
            let written = told
                && paths.iter().all(|path| {
                    let fd = libc::open(path.as_ptr(), libc::O_WRONLY | libc::O_CLOEXEC);
                    // One write: the kernel takes a map whole or not at all.
                    let ok = fd >= 0
                        && libc::write(fd, map.as_ptr().cast(), map.len()) == map.len() as isize;
                    libc::close(fd);
                    ok
                });
            libc::_exit(if written { 0 } else { 1 });
        }
    }
    // SAFETY: closing our copy of the child's end.
    unsafe { libc::close(read_end) };
    // SAFETY: CLONE_NEWUSER only changes which user namespace this (single-
    // threaded) process's credentials belong to.
    let unshared = if unsafe { libc::unshare(libc::CLONE_NEWUSER) } == 0 {
        Ok(())
    } else {
        Err(format!(
            "unshare(CLONE_NEWUSER): {}",
            io::Error::last_os_error()
        ))
    };
    if unshared.is_ok() {
        // SAFETY: one byte from a live local to our end of the pipe.
        unsafe { libc::write(write_end, b"!".as_ptr().cast(), 1) };
    }
    // SAFETY: closing our end: a child not told reads end-of-file and exits.
    unsafe { libc::close(write_end) };
    let mut status = 0;
    // SAFETY: waiting for our own child.
    while unsafe { libc::waitpid(child, &mut status, 0) } < 0 {
        if io::Error::last_os_error().kind() != io::ErrorKind::Interrupted {
            break;
        }
    }
    unshared?;
    if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
        return Err("the user and group ids could not be mapped into the namespace".into());
    }
    // Become the namespace's root (RUNNER_UID outside). Still one thread:
    // the thread-level calls change the process.
    let root_gid = rustix::process::Gid::from_raw(0);
    let root = rustix::process::Uid::from_raw(0);
    rustix::thread::set_thread_groups(&[])
        .and_then(|_| rustix::thread::set_thread_res_gid(root_gid, root_gid, root_gid))
        .and_then(|_| rustix::thread::set_thread_res_uid(root, root, root))
        .map(drop)
        .map_err(|e| format!("cannot become root of the namespace: {e}"))
}
