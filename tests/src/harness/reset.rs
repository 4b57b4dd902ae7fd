//! A client that breaks off: the peer that proves a server "never panics".
//!
//! A server's `accept`, `read` and `write` only fail when a peer makes them
//! fail, and a polite peer never does, so an `unwrap()` on them passes every
//! other check. This peer connects and then resets (RST) — at once, partway
//! through its message, or after the whole message but before the reply —
//! or simply closes at once.
//!
//! The failure must be certain, not a race with the program's own timing:
//! for every step but [`BreakOff::ResetMidReply`] the program is stopped
//! (SIGSTOP) while the peer connects, sends and resets, and let run again
//! afterwards. The kernel completes the handshake, queues the bytes and
//! takes the reset while the program is stopped (the peer waits until the
//! program's end of the connection is gone from the kernel's table); when
//! it runs again its `accept` returns the connection, its reads return the
//! queued bytes and then `ECONNRESET`, and its reply write fails with
//! `ECONNRESET`.

use super::{Proc, REPLY, Test};
use crate::check::{Outcome, Stop};
use crate::msg;
use crate::text::Msg;
use std::net::SocketAddr;

/// Where a client breaks off its connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BreakOff {
    /// Connects and resets before sending a byte: the program's first read
    /// on the connection fails.
    ResetAtOnce,
    /// Sends the first half of its message (no line end yet) and resets: a
    /// read fails partway through the message.
    ResetMidMessage,
    /// Sends its whole message and resets before reading the reply: the
    /// program reads the message, and its reply write fails.
    ResetBeforeReply,
    /// Sends its whole message, waits for the first bytes of the reply and
    /// resets: a program still writing (a long reply, a file) has a write
    /// fail midway. The program runs throughout (it must write).
    ResetMidReply,
    /// Connects and closes normally (FIN) before sending a byte.
    CloseAtOnce,
}

impl BreakOff {
    /// The steps that make a server's read or write fail (every reset
    /// before the reply is complete), in the order of a conversation.
    pub const RESETS: &'static [BreakOff] = &[
        BreakOff::ResetAtOnce,
        BreakOff::ResetMidMessage,
        BreakOff::ResetBeforeReply,
    ];

    /// A name for steps and reports.
    pub fn name(self) -> Msg {
        match self {
            BreakOff::ResetAtOnce => {
                msg!("connects and resets (RST) before sending anything"; "连接后不发送任何数据就重置（RST）")
            }
            BreakOff::ResetMidMessage => {
                msg!("sends half of its message and resets (RST)"; "发送一半消息后重置（RST）")
            }
            BreakOff::ResetBeforeReply => {
                msg!("sends its message and resets (RST) before the reply"; "发送消息后、收到回复前重置（RST）")
            }
            BreakOff::ResetMidReply => {
                msg!("sends its message and resets (RST) while the reply arrives"; "发送消息后、在回复到达过程中重置（RST）")
            }
            BreakOff::CloseAtOnce => {
                msg!("connects and closes before sending anything"; "连接后不发送任何数据就关闭")
            }
        }
    }

    /// Whether the connection fails (a reset) rather than ends (a close).
    pub fn resets(self) -> bool {
        self != BreakOff::CloseAtOnce
    }
}

impl Test {
    /// A client that connects to `program` at `addr`, says (part of)
    /// `message` and breaks off as `how` says. Returns the client's address,
    /// which the program names in its output.
    pub fn break_off(
        &self,
        program: &mut Proc,
        addr: SocketAddr,
        how: BreakOff,
        message: &[u8],
    ) -> Result<SocketAddr, Stop> {
        self.step(msg!("a client {}", how.name().en; "一个客户端{}", how.name().zh));
        let stopped = how != BreakOff::ResetMidReply;
        if stopped {
            program.pause()?;
        }
        let done = self.rude_client(addr, how, message);
        // The reset is on its way, not yet arrived: on a loaded machine the
        // kernel may take it in later (its receiving work deferred to a
        // thread of its own), and a program let run before that would find
        // a connection still open and its reply written. Wait until the
        // program's end of the connection is gone.
        let done = match done {
            Ok(from) if stopped && how.resets() => self
                .expect_connection_gone(addr, from, REPLY)
                .map(|()| from),
            other => other,
        };
        if stopped {
            // Let the program run again even when the client failed, so
            // the failure reported is the client's.
            program.resume()?;
        }
        done
    }

    fn rude_client(
        &self,
        addr: SocketAddr,
        how: BreakOff,
        message: &[u8],
    ) -> Result<SocketAddr, Stop> {
        let mut peer = self.connect_as(msg!("the rude client"; "无礼的客户端"), addr)?;
        let from = peer.local_addr();
        match how {
            BreakOff::ResetAtOnce => peer.reset(),
            BreakOff::CloseAtOnce => peer.close(),
            BreakOff::ResetMidMessage => {
                let half = (message.len() / 2).max(1).min(message.len());
                peer.send(&message[..half])?;
                peer.reset();
            }
            BreakOff::ResetBeforeReply => {
                peer.send(message)?;
                peer.reset();
            }
            BreakOff::ResetMidReply => {
                peer.send(message)?;
                peer.expect_some_data(REPLY)?;
                peer.reset();
            }
        }
        Ok(from)
    }

    /// Nothing on `program`'s standard error says it panicked: a panic in a
    /// thread of its own leaves a server running, so "still running" alone
    /// does not prove it.
    pub fn expect_no_panic(&self, program: &Proc) -> Outcome {
        self.step(msg!("check that {} did not panic", program.role().en; "确认{}没有 panic", program.role().zh));
        let stderr = program.stderr();
        match stderr.lines().position(|l| l.contains("panicked")) {
            None => Ok(()),
            Some(at) => Err(Stop::mismatch(
                msg!("{} panicked; a failed connection is one client's problem, never a reason to crash",
                     program.role().en;
                     "{}panic 了；一个连接出错只是这个客户端的问题，绝不是崩溃的理由", program.role().zh),
                "no panic",
                crate::show::text(
                    &stderr
                        .lines()
                        .skip(at)
                        .take(2)
                        .collect::<Vec<_>>()
                        .join(" / "),
                ),
            )),
        }
    }
}
