//! Taking a submission's sources without trusting its folder.
//!
//! The grader (root on CI) walks `exercises/<known folder>/src/**` with
//! `openat(…, O_NOFOLLOW)` from one folder descriptor to the next, so a
//! symbolic link anywhere on the way is refused, never followed, and nothing
//! can be swapped between a check and its use. Only regular `.rs` files are
//! read, opened `O_NONBLOCK` (a FIFO cannot hold the grader) and re-checked
//! with `fstat` after opening, each read bounded by size. Every refused
//! entry is named with its reason, for the submission's report.

use netlings_suite::catalogue::EXERCISES;
use rustix::fd::OwnedFd;
use rustix::fs::{AtFlags, FileType, Mode, OFlags};
use std::io::Read;
use std::path::{Path, PathBuf};

pub const MAX_FILE: u64 = 256 << 10;
pub const MAX_FILES: usize = 64;
const MAX_DEPTH: usize = 8;

const DIR_FLAGS: OFlags = OFlags::RDONLY
    .union(OFlags::DIRECTORY)
    .union(OFlags::NOFOLLOW)
    .union(OFlags::CLOEXEC);

/// The files taken (path relative to the submission, contents) and the
/// entries refused, with why.
#[derive(Default)]
pub struct Taken {
    pub files: Vec<(PathBuf, Vec<u8>)>,
    pub refused: Vec<String>,
}

/// Read the sources of `submission` (`only`: one exercise's folder).
pub fn take(submission: &Path, only: Option<&str>) -> Result<Taken, String> {
    let root = rustix::fs::open(submission, DIR_FLAGS, Mode::empty())
        .map_err(|e| format!("cannot open {} as a folder: {e}", submission.display()))?;
    let mut taken = Taken::default();
    let Some(exercises) = open_dir(&root, "exercises", Path::new(""), &mut taken) else {
        return Ok(taken);
    };
    for exercise in EXERCISES {
        let folder = exercise.folder();
        if only.is_some_and(|o| o != folder) {
            continue;
        }
        let rel = Path::new("exercises").join(&folder);
        let Some(dir) = open_dir(&exercises, &folder, Path::new("exercises"), &mut taken) else {
            continue;
        };
        let Some(src) = open_dir(&dir, "src", &rel, &mut taken) else {
            continue;
        };
        walk(&src, &rel.join("src"), 0, &mut taken);
    }
    Ok(taken)
}

/// Open `parent/name` as a folder, refusing (and saying why) anything that
/// is not one; a missing entry is simply absent.
fn open_dir(parent: &OwnedFd, name: &str, rel: &Path, taken: &mut Taken) -> Option<OwnedFd> {
    match rustix::fs::openat(parent, name, DIR_FLAGS, Mode::empty()) {
        Ok(fd) => Some(fd),
        Err(rustix::io::Errno::NOENT) => None,
        Err(e) => {
            let shown = rel.join(name);
            let why = match kind_of(parent, name) {
                Some(kind) if kind != FileType::Directory => describe(kind).to_string(),
                _ => format!("cannot be opened ({e})"),
            };
            taken
                .refused
                .push(format!("{}: refused, {why}", shown.display()));
            None
        }
    }
}

fn kind_of(parent: &OwnedFd, name: &str) -> Option<FileType> {
    rustix::fs::statat(parent, name, AtFlags::SYMLINK_NOFOLLOW)
        .ok()
        .map(|st| FileType::from_raw_mode(st.st_mode))
}

fn describe(kind: FileType) -> &'static str {
    match kind {
        FileType::Symlink => "a symbolic link (links are never followed)",
        FileType::Fifo => "a FIFO (named pipe)",
        FileType::CharacterDevice | FileType::BlockDevice => "a device",
        FileType::Socket => "a socket",
        FileType::Directory => "a folder",
        _ => "not a regular file",
    }
}

fn walk(dir: &OwnedFd, rel: &Path, depth: usize, taken: &mut Taken) {
    let Ok(listing) = rustix::fs::Dir::read_from(dir) else {
        taken
            .refused
            .push(format!("{}: refused, cannot be listed", rel.display()));
        return;
    };
    let mut names: Vec<String> = Vec::new();
    for entry in listing.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name != "." && name != ".." {
            names.push(name);
        }
    }
    names.sort();
    for name in names {
        let shown = rel.join(&name);
        if name.contains('/') || name.as_bytes().contains(&0) {
            continue;
        }
        match kind_of(dir, &name) {
            Some(FileType::Directory) => {
                if depth >= MAX_DEPTH {
                    taken.refused.push(format!(
                        "{}: refused, folders deeper than {MAX_DEPTH}",
                        shown.display()
                    ));
                } else if let Some(sub) = open_dir(dir, &name, rel, taken) {
                    walk(&sub, &shown, depth + 1, taken);
                }
            }
            Some(FileType::RegularFile) if name.ends_with(".rs") => match read_file(dir, &name) {
                Ok(_) if taken.files.len() >= MAX_FILES => taken.refused.push(format!(
                    "{}: refused, more than {MAX_FILES} source files",
                    shown.display()
                )),
                Ok(bytes) => taken.files.push((shown, bytes)),
                Err(why) => taken
                    .refused
                    .push(format!("{}: refused, {why}", shown.display())),
            },
            // Other regular files are not sources: not taken, not an attack.
            Some(FileType::RegularFile) => {}
            Some(kind) => {
                taken
                    .refused
                    .push(format!("{}: refused, {}", shown.display(), describe(kind)))
            }
            None => {}
        }
    }
}

/// A regular file, opened without following a link and without blocking,
/// re-checked after opening, read up to the size limit.
fn read_file(dir: &OwnedFd, name: &str) -> Result<Vec<u8>, String> {
    let fd = rustix::fs::openat(
        dir,
        name,
        OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC | OFlags::NOCTTY,
        Mode::empty(),
    )
    .map_err(|e| format!("cannot be opened ({e})"))?;
    let st = rustix::fs::fstat(&fd).map_err(|e| e.to_string())?;
    let kind = FileType::from_raw_mode(st.st_mode);
    if kind != FileType::RegularFile {
        return Err(describe(kind).to_string());
    }
    if st.st_size as u64 > MAX_FILE {
        return Err(format!("larger than {} KiB", MAX_FILE >> 10));
    }
    let mut bytes = Vec::new();
    std::fs::File::from(fd)
        .take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot be read ({e})"))?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(format!("larger than {} KiB", MAX_FILE >> 10));
    }
    Ok(bytes)
}

/// Write a file the grader makes, never through a link an earlier run (or
/// anyone) left at its place.
pub fn write_new(path: &Path, bytes: &[u8], mode: u32) -> Result<(), String> {
    let _ = rustix::fs::unlink(path);
    let fd = rustix::fs::open(
        path,
        OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC,
        Mode::from_raw_mode(mode),
    )
    .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    let mut file = std::fs::File::from(fd);
    std::io::Write::write_all(&mut file, bytes)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}
