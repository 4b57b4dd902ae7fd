//! Watching the programs of a check while the suite waits on a socket.
//!
//! A peer waiting for a datagram or a connection cannot tell by itself
//! that the program it waits for has already ended, so it would wait out
//! its whole deadline for something that can never come. Every program a
//! check starts is watched through a pidfd (`pidfd_open(2)`), and every
//! wait of a peer polls its socket and those pidfds together: once every
//! program of the check has ended, and nothing is left to read, the wait
//! ends at once. Data a program sent before it ended is already queued on
//! loopback, so it is still read first.

use super::Trace;
use rustix::event::{PollFd, PollFlags, Timespec, poll};
use rustix::fd::{BorrowedFd, OwnedFd};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// One program of the check, as a pidfd.
pub(crate) struct Watched {
    pidfd: Arc<OwnedFd>,
    ended: bool,
}

/// What a wait found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ready {
    /// The socket has something to read (data, an end, an error).
    Readable,
    /// The deadline passed.
    TimedOut,
    /// Every program of the check has ended and nothing is left to read.
    Gone,
}

impl Trace {
    /// Watch the program with `pid` from now on (a program that cannot be
    /// watched is simply waited for until the deadline, as before).
    pub(crate) fn watch(&self, pid: u32) {
        let Some(pid) = rustix::process::Pid::from_raw(pid as i32) else {
            return;
        };
        if let Ok(fd) = rustix::process::pidfd_open(pid, rustix::process::PidfdFlags::empty()) {
            self.0.borrow_mut().watched.push(Watched {
                pidfd: Arc::new(fd),
                ended: false,
            });
        }
    }

    /// Whether the check started programs and every one has ended.
    pub(crate) fn all_programs_ended(&self) -> bool {
        let mut log = self.0.borrow_mut();
        if log.watched.is_empty() {
            return false;
        }
        for w in log.watched.iter_mut().filter(|w| !w.ended) {
            let mut fds = [PollFd::new(&*w.pidfd, PollFlags::IN)];
            if poll(&mut fds, Some(&Timespec::default())).unwrap_or(0) > 0 {
                w.ended = true;
            }
        }
        log.watched.iter().all(|w| w.ended)
    }

    /// Whether every program of the check has ended, or ends within
    /// `within`: a program whose sockets are already closed (a refused
    /// connection, an end of stream) may not be reaped quite yet.
    pub(crate) fn all_programs_end_within(&self, within: Duration) -> bool {
        let deadline = Instant::now() + within;
        loop {
            if self.all_programs_ended() {
                return true;
            }
            let live: Vec<Arc<OwnedFd>> = self
                .0
                .borrow()
                .watched
                .iter()
                .filter(|w| !w.ended)
                .map(|w| Arc::clone(&w.pidfd))
                .collect();
            let left = deadline.saturating_duration_since(Instant::now());
            if live.is_empty() || left.is_zero() {
                return false;
            }
            let mut fds: Vec<PollFd> = live
                .iter()
                .map(|p| PollFd::new(&**p, PollFlags::IN))
                .collect();
            let timeout = Timespec::try_from(left).ok();
            let _ = poll(&mut fds, timeout.as_ref());
        }
    }

    /// Note that a wait of the check ended because the programs it waited
    /// for are gone: their end is then the cause of the failure.
    pub(crate) fn note_gone(&self) {
        self.0.borrow_mut().waited_on_gone = true;
    }

    /// Wait until `fd` is readable, `deadline` passes, or every program
    /// of the check has ended with nothing left to read on `fd`.
    pub(crate) fn wait_readable(&self, fd: BorrowedFd<'_>, deadline: Instant) -> Ready {
        loop {
            let live: Vec<Arc<OwnedFd>> = self
                .0
                .borrow()
                .watched
                .iter()
                .filter(|w| !w.ended)
                .map(|w| Arc::clone(&w.pidfd))
                .collect();
            let watching = !self.0.borrow().watched.is_empty();
            if watching && live.is_empty() {
                return if readable_now(fd) {
                    Ready::Readable
                } else {
                    drop(live);
                    self.note_gone();
                    Ready::Gone
                };
            }
            let left = deadline.saturating_duration_since(Instant::now());
            let mut fds = vec![PollFd::new(&fd, PollFlags::IN)];
            fds.extend(live.iter().map(|p| PollFd::new(&**p, PollFlags::IN)));
            let timeout = Timespec::try_from(left).ok();
            let ready = poll(&mut fds, timeout.as_ref()).unwrap_or(0);
            if !fds[0].revents().is_empty() {
                return Ready::Readable;
            }
            if ready == 0 {
                if Instant::now() >= deadline {
                    return Ready::TimedOut;
                }
                continue;
            }
            let ended: Vec<bool> = fds[1..].iter().map(|f| !f.revents().is_empty()).collect();
            drop(fds);
            let mut log = self.0.borrow_mut();
            for (pidfd, _) in live.iter().zip(ended).filter(|(_, ended)| *ended) {
                if let Some(w) = log
                    .watched
                    .iter_mut()
                    .find(|w| Arc::ptr_eq(&w.pidfd, pidfd))
                {
                    w.ended = true;
                }
            }
        }
    }
}

fn readable_now(fd: BorrowedFd<'_>) -> bool {
    let mut fds = [PollFd::new(&fd, PollFlags::IN)];
    poll(&mut fds, Some(&Timespec::default())).unwrap_or(0) > 0
}
