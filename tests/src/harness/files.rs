//! Files a check makes and compares, all inside the check's own directory.
//!
//! Paths are given relative to [`Test::dir`] (`"root/hello.txt"`), so no
//! check can touch anything outside it. Large files are streamed, never held
//! in memory, and compared as they arrive with [`SameAs`].

use super::Test;
use crate::check::{Outcome, Stop};
use crate::{msg, show};
use std::fs::File;
use std::io::{self, BufReader, Read, Write};
use std::path::{Path, PathBuf};

/// The block in which [`Test::write_random_file`] writes.
const BLOCK: usize = 1 << 20;

impl Test {
    /// A path inside the check's directory (nothing is created).
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir().join(rel)
    }

    /// Make the directory `rel` (and its parents) inside the check's directory.
    pub fn make_dir(&self, rel: &str) -> Result<PathBuf, Stop> {
        let path = self.path(rel);
        self.step(msg!("make the directory {}", rel; "创建目录 {}", rel));
        std::fs::create_dir_all(&path).map_err(|e| io_failed(&path, e))?;
        Ok(path)
    }

    /// Write `content` to the file `rel`, making its directory if needed.
    pub fn write_file(&self, rel: &str, content: &[u8]) -> Result<PathBuf, Stop> {
        let path = self.path(rel);
        self.step(
            msg!("write {} bytes to {}: {}", content.len(), rel, show::bytes(content);
                       "向 {} 写入 {} 字节：{}", rel, content.len(), show::bytes(content)),
        );
        make_parent(&path)?;
        std::fs::write(&path, content).map_err(|e| io_failed(&path, e))?;
        Ok(path)
    }

    /// Write `size` bytes of seeded pseudo-random data (every byte value,
    /// `\0` and invalid UTF-8 included) to `rel`, streamed. No two 1 MiB
    /// blocks are alike, so bytes that arrive in the wrong order, twice or
    /// not at all are noticed.
    pub fn write_random_file(&self, rel: &str, size: u64, seed: u64) -> Result<PathBuf, Stop> {
        let path = self.path(rel);
        self.step(
            msg!("write {} of random bytes to {}", human_size(size), rel;
                       "向 {} 写入 {} 随机字节", rel, human_size(size)),
        );
        make_parent(&path)?;
        let written = File::create(&path).and_then(|mut file| {
            RandomBytes::new(seed).write_to(&mut file, size)?;
            file.flush()
        });
        written.map_err(|e| io_failed(&path, e))?;
        Ok(path)
    }

    /// The same seeded pseudo-random bytes, in memory (for small files).
    pub fn random_bytes(&self, size: usize, seed: u64) -> Vec<u8> {
        let mut data = Vec::with_capacity(size);
        RandomBytes::new(seed)
            .write_to(&mut data, size as u64)
            .expect("writing to a Vec cannot fail");
        data
    }

    /// A sparse file `rel` of `size` bytes that starts with `head` and ends
    /// with `tail`, zeros (holes, taking no disk) between: a file past
    /// 4 GiB in a few KiB of disk.
    pub fn write_sparse_file(
        &self,
        rel: &str,
        size: u64,
        head: &[u8],
        tail: &[u8],
    ) -> Result<PathBuf, Stop> {
        use std::os::unix::fs::FileExt;
        let path = self.path(rel);
        self.step(
            msg!("make a sparse file {} of {} bytes, starting {} and ending {}", rel, size, show::bytes(head), show::bytes(tail);
                 "创建 {} 字节的稀疏文件 {}，开头为 {}，结尾为 {}", size, rel, show::bytes(head), show::bytes(tail)),
        );
        make_parent(&path)?;
        let made = File::create(&path).and_then(|file| {
            file.set_len(size)?;
            file.write_all_at(head, 0)?;
            file.write_all_at(tail, size - tail.len() as u64)
        });
        made.map_err(|e| io_failed(&path, e))?;
        Ok(path)
    }

    /// Make a symbolic link `rel` that points at `target`.
    pub fn make_symlink(&self, rel: &str, target: &Path) -> Result<PathBuf, Stop> {
        let path = self.path(rel);
        self.step(msg!("make a symbolic link {} -> {}", rel, target.display();
                       "创建符号链接 {} -> {}", rel, target.display()));
        make_parent(&path)?;
        std::os::unix::fs::symlink(target, &path).map_err(|e| io_failed(&path, e))?;
        Ok(path)
    }

    /// Cut the file at `rel` to its first `size` bytes, as someone who
    /// rewrites it while a program is reading it.
    pub fn shrink_file(&self, rel: &str, size: u64) -> Outcome {
        let path = self.path(rel);
        self.step(msg!("cut {} to its first {}", rel, human_size(size); "把 {} 截短为前 {}", rel, human_size(size)));
        std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .and_then(|file| file.set_len(size))
            .map_err(|e| io_failed(&path, e))
    }

    /// A named pipe (FIFO) at `rel`: opening it for reading waits for a
    /// writer, so a program that opens before it looks blocks on it.
    pub fn make_fifo(&self, rel: &str) -> Result<PathBuf, Stop> {
        let path = self.path(rel);
        self.step(msg!("make a named pipe (FIFO) {}", rel; "创建命名管道（FIFO）{}", rel));
        make_parent(&path)?;
        rustix::fs::mknodat(
            rustix::fs::CWD,
            &path,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::from_raw_mode(0o644),
            0,
        )
        .map_err(|e| io_failed(&path, e.into()))?;
        Ok(path)
    }

    /// A UNIX socket file at `rel`, listening while the returned listener
    /// lives: opening it as a file fails (ENXIO).
    pub fn make_socket_file(&self, rel: &str) -> Result<std::os::unix::net::UnixListener, Stop> {
        let path = self.path(rel);
        self.step(msg!("make a UNIX socket file {}", rel; "创建 UNIX 套接字文件 {}", rel));
        make_parent(&path)?;
        std::os::unix::net::UnixListener::bind(&path).map_err(|e| io_failed(&path, e))
    }

    /// Every file, link and directory under `rel`, as paths relative to the
    /// check's directory, sorted; `rel` itself is not listed.
    pub fn entries_under(&self, rel: &str) -> Vec<String> {
        let mut found = Vec::new();
        let mut pending = vec![self.path(rel)];
        while let Some(dir) = pending.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if entry.file_type().is_ok_and(|t| t.is_dir()) {
                    pending.push(path.clone());
                }
                let shown = path.strip_prefix(self.dir()).unwrap_or(&path);
                found.push(shown.to_string_lossy().into_owned());
            }
        }
        found.sort();
        found
    }

    /// Wait up to `within` until something appears under `rel` (a program
    /// at work creates a file there); returns what is there, or fails
    /// saying `nothing` when the wait ends empty-handed.
    pub fn wait_for_entries_under(
        &self,
        rel: &str,
        within: std::time::Duration,
        nothing: crate::text::Msg,
    ) -> Result<Vec<String>, Stop> {
        self.step(
            msg!("wait up to {} s for a file to appear under {}", within.as_secs_f32(), rel;
                       "最多等待 {} 秒，直到 {} 下出现文件", within.as_secs_f32(), rel),
        );
        let deadline = std::time::Instant::now() + within;
        loop {
            let found = self.entries_under(rel);
            if !found.is_empty() {
                return Ok(found);
            }
            if std::time::Instant::now() >= deadline {
                return Err(Stop::mismatch(
                    nothing,
                    format!("a file under {rel}/"),
                    msg!("{}/ stayed empty", rel; "{}/ 一直是空的", rel),
                ));
            }
            // A directory cannot be awaited in std (inotify is not worth a
            // dependency here): a short poll bounded by the deadline.
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    /// The file `got` holds exactly the bytes of the file `expected`.
    pub fn expect_same_file(&self, expected: &Path, got: &Path) -> Outcome {
        self.step(
            msg!("compare {} with {}", shown_path(self, got), shown_path(self, expected);
                       "比较 {} 与 {}", shown_path(self, got), shown_path(self, expected)),
        );
        let mut file = match File::open(got) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(Stop::mismatch(
                    msg!("the file {} was not saved", shown_path(self, got); "文件 {} 没有被保存", shown_path(self, got)),
                    format!("{} with the file's bytes", shown_path(self, got)),
                    "no such file / 没有这个文件",
                ));
            }
            Err(e) => return Err(io_failed(got, e)),
        };
        let mut same = SameAs::new(expected)?;
        io::copy(&mut file, &mut same).map_err(|e| io_failed(got, e))?;
        same.verdict()
    }
}

/// A sink that compares the bytes written to it with a file as they come,
/// so a transfer of any size is checked byte by byte in constant memory.
pub struct SameAs {
    file: BufReader<File>,
    /// How many bytes were written so far.
    offset: u64,
    /// Where the first difference was, with the expected and received bytes there.
    difference: Option<(u64, Vec<u8>, Vec<u8>)>,
    /// The expected file ended before what was written.
    longer: bool,
}

impl SameAs {
    pub fn new(expected: &Path) -> Result<SameAs, Stop> {
        let file = File::open(expected).map_err(|e| io_failed(expected, e))?;
        Ok(SameAs {
            file: BufReader::with_capacity(BLOCK, file),
            offset: 0,
            difference: None,
            longer: false,
        })
    }

    /// How many bytes were written to the sink.
    pub fn len(&self) -> u64 {
        self.offset
    }

    pub fn is_empty(&self) -> bool {
        self.offset == 0
    }

    /// Equal, or the first difference explained: where, and what differs.
    pub fn verdict(mut self) -> Outcome {
        if let Some((at, expected, got)) = self.difference.take() {
            return Err(Stop::mismatch(
                msg!("the bytes differ from byte {} on", at; "从第 {} 字节起内容不同", at),
                show::bytes(&expected),
                show::bytes(&got),
            ));
        }
        let expected_len = self.file.get_ref().metadata().map_or(0, |m| m.len());
        if self.offset != expected_len {
            return Err(Stop::mismatch(
                msg!("the length is wrong: {} bytes instead of {}", self.offset, expected_len;
                     "长度不对：{} 字节，应为 {} 字节", self.offset, expected_len),
                format!("{expected_len} bytes"),
                format!("{} bytes", self.offset),
            ));
        }
        Ok(())
    }
}

impl Write for SameAs {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.difference.is_none() && !self.longer {
            let mut expected = vec![0u8; buf.len()];
            let mut filled = 0;
            while filled < buf.len() {
                match self.file.read(&mut expected[filled..])? {
                    0 => break,
                    n => filled += n,
                }
            }
            let common = &expected[..filled];
            // Slices compare as one memcmp; the byte-by-byte search runs only
            // on a chunk known to differ (this runs over 200 MiB, unoptimised).
            let differs = common != &buf[..filled];
            if let Some(i) = differs
                .then(|| common.iter().zip(buf).position(|(a, b)| a != b))
                .flatten()
            {
                let end = (i + 16).min(filled);
                self.difference = Some((
                    self.offset + i as u64,
                    common[i..end].to_vec(),
                    buf[i..(i + 16).min(buf.len())].to_vec(),
                ));
            } else if filled < buf.len() {
                self.longer = true;
            }
        }
        self.offset += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Seeded pseudo-random bytes: one random 1 MiB block, and each further
/// block a different rotation of it stamped with its number, so making
/// hundreds of MiB costs a copy, not a random number per byte.
struct RandomBytes {
    base: Vec<u8>,
}

impl RandomBytes {
    fn new(seed: u64) -> RandomBytes {
        let mut base = vec![0u8; BLOCK];
        fastrand::Rng::with_seed(seed).fill(&mut base);
        RandomBytes { base }
    }

    fn write_to(&self, out: &mut impl Write, size: u64) -> io::Result<()> {
        let mut block = vec![0u8; BLOCK];
        let mut left = size;
        let mut index: u64 = 0;
        while left > 0 {
            let turn = (index as usize).wrapping_mul(104_729) % BLOCK;
            block[..BLOCK - turn].copy_from_slice(&self.base[turn..]);
            block[BLOCK - turn..].copy_from_slice(&self.base[..turn]);
            if index > 0 {
                block[..8].copy_from_slice(&index.to_le_bytes());
            }
            let n = left.min(BLOCK as u64) as usize;
            out.write_all(&block[..n])?;
            left -= n as u64;
            index += 1;
        }
        Ok(())
    }
}

/// `1023 B`, `64 KiB`, `10 MiB` and so on, for step labels.
pub fn human_size(size: u64) -> String {
    match size {
        s if s >= 1 << 20 && s % (1 << 20) == 0 => format!("{} MiB", s >> 20),
        s if s >= 1 << 10 && s % (1 << 10) == 0 => format!("{} KiB", s >> 10),
        s => format!("{s} B"),
    }
}

fn shown_path(t: &Test, path: &Path) -> String {
    path.strip_prefix(t.dir())
        .unwrap_or(path)
        .display()
        .to_string()
}

fn make_parent(path: &Path) -> Result<(), Stop> {
    match path.parent() {
        Some(parent) => std::fs::create_dir_all(parent).map_err(|e| io_failed(parent, e)),
        None => Ok(()),
    }
}

fn io_failed(path: &Path, e: io::Error) -> Stop {
    Stop::fail(
        msg!("the suite could not use {}: {}", path.display(), e; "评测程序无法使用 {}：{}", path.display(), e),
    )
}
