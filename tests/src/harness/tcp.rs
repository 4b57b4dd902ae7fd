//! The suite's own TCP peers: a client that talks to a program under test,
//! and a server that a client program connects to. Every read has a
//! deadline; the awkward moves (byte-at-a-time writes, two messages in one
//! write, half-close, reset, slow reading) are one call each.

use super::Trace;
use super::watch::Ready;
use crate::check::{Outcome, Shown, Stop};
use crate::diagnosis::Found;
use crate::text::Msg;
use crate::{msg, show};
use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::os::fd::AsFd;
use std::thread;
use std::time::{Duration, Instant};

/// How long a program whose connection just ended (or whose listener just
/// refused) may take to be seen gone: its sockets close a moment before it
/// can be reaped. Paid only on those failures' paths.
const GONE_GRACE: Duration = Duration::from_millis(500);

/// A TCP connection held by the suite.
pub struct TcpPeer {
    name: Msg,
    stream: TcpStream,
    /// Bytes read but not yet consumed by a line read.
    pending: Vec<u8>,
    /// Bytes received on this connection so far.
    received: usize,
    trace: Trace,
}

/// What a read with a deadline found.
enum Got {
    Data,
    End,
    Reset,
    Timeout,
}

impl TcpPeer {
    /// A reset before any byte arrived, from a program that has ended:
    /// the evidence for `refused-gone`.
    fn observe_reset_by_a_gone_program(&self) {
        self.trace.observed(
            Found::new(
                "refused-gone",
                msg!("the connection was reset: the program has ended";
                     "连接被重置：程序已经结束了"),
            )
            .about_port(self.local_addr().port()),
        );
    }

    pub(crate) fn connect(
        name: Msg,
        addr: SocketAddr,
        within: Duration,
        trace: Trace,
    ) -> Result<TcpPeer, Stop> {
        trace.step(msg!("{} connects to {}", name.en, addr; "{}连接 {}", name.zh, addr));
        match TcpStream::connect_timeout(&addr, within) {
            Ok(stream) => {
                if let Ok(local) = stream.local_addr() {
                    crate::wire::note_suite(local, &name);
                }
                Ok(TcpPeer::from_stream(name, stream, trace))
            }
            // A listener closing as the connection arrives answers with a
            // reset rather than a refusal: the same story.
            Err(e)
                if matches!(
                    e.kind(),
                    ErrorKind::ConnectionRefused | ErrorKind::ConnectionReset
                ) =>
            {
                if trace.all_programs_end_within(GONE_GRACE) {
                    trace.note_gone();
                    trace.observed(Found::new(
                        "refused-gone",
                        msg!("nothing listens on {} any more: the program has ended", addr;
                             "{} 上已经没有程序在监听：程序已经结束了", addr),
                    ));
                }
                Err(Stop::fail(msg!(
                    "connection refused: nothing is listening on {}", addr;
                    "连接被拒绝：{} 上没有程序在监听", addr)))
            }
            Err(e) => Err(Stop::fail(
                msg!("could not connect to {}: {}", addr, e; "无法连接 {}：{}", addr, e),
            )),
        }
    }

    pub(crate) fn from_stream(name: Msg, stream: TcpStream, trace: Trace) -> TcpPeer {
        TcpPeer {
            name,
            stream,
            pending: Vec::new(),
            received: 0,
            trace,
        }
    }

    /// The peer's own address: what the program should see as its peer.
    pub fn local_addr(&self) -> SocketAddr {
        self.stream
            .local_addr()
            .expect("a connected socket has a local address")
    }

    /// The program's end of the connection: for a connection the suite
    /// accepted, the address and port the program connected from.
    pub fn peer_addr(&self) -> SocketAddr {
        self.stream
            .peer_addr()
            .expect("a connected socket has a peer address")
    }

    /// Send bytes in one write.
    pub fn send(&mut self, data: &[u8]) -> Outcome {
        self.trace.step(msg!("{} sends {}", self.name.en, show::bytes(data); "{}发送 {}", self.name.zh, show::bytes(data)));
        self.stream.write_all(data).map_err(|e| self.broken(e))
    }

    /// Send one line (`text` and `\n`) in one write.
    pub fn send_line(&mut self, text: &str) -> Outcome {
        self.send(format!("{text}\n").as_bytes())
    }

    /// Send `data` one byte per TCP segment, `gap` apart. The gap paces the
    /// peer (it is the impairment under test), it does not wait for anything:
    /// a program that assumes one read returns a whole message gets a piece.
    pub fn send_byte_by_byte(&mut self, data: &[u8], gap: Duration) -> Outcome {
        self.trace.step(
            msg!("{} sends {} one byte at a time", self.name.en, show::bytes(data);
                             "{}逐字节发送 {}", self.name.zh, show::bytes(data)),
        );
        self.write_in_pieces(data, &[1], gap)
    }

    /// Send one line of the input-edge table as its bytes say (a last line
    /// without `\n` is followed by a half-close, which is what ends it).
    pub fn send_edge(&mut self, edge: super::Edge) -> Outcome {
        self.trace.step(msg!("{} sends {}", self.name.en, edge.name().en; "{}发送{}", self.name.zh, edge.name().zh));
        self.send(&edge.line())?;
        if edge == super::Edge::NoFinalNewline {
            self.half_close()?;
        }
        Ok(())
    }

    /// Close the sending direction only (`shutdown(SHUT_WR)`): the program
    /// reads end-of-stream but can still reply.
    pub fn half_close(&mut self) -> Outcome {
        self.trace.step(msg!("{} closes its sending side (half-close)", self.name.en; "{}关闭发送方向（半关闭）", self.name.zh));
        self.stream
            .shutdown(Shutdown::Write)
            .map_err(|e| self.broken(e))
    }

    /// Close abortively: `SO_LINGER` 0, so the program gets a reset (RST)
    /// instead of a clean end-of-stream.
    pub fn reset(self) {
        self.trace.step(
            msg!("{} resets the connection (RST)", self.name.en; "{}重置连接（RST）", self.name.zh),
        );
        let _ = socket2::SockRef::from(&self.stream).set_linger(Some(Duration::ZERO));
    }

    /// Close normally (FIN).
    pub fn close(self) {
        self.trace
            .step(msg!("{} closes the connection", self.name.en; "{}关闭连接", self.name.zh));
    }

    /// Read one line (up to `\n`, which is removed) within `within`.
    pub fn read_line(&mut self, within: Duration) -> Result<Vec<u8>, Stop> {
        let deadline = Instant::now() + within;
        loop {
            if let Some(end) = self.pending.iter().position(|&b| b == b'\n') {
                let mut line: Vec<u8> = self.pending.drain(..=end).collect();
                line.pop();
                return Ok(line);
            }
            match self.read_some(deadline)? {
                Got::Data => continue,
                Got::End => {
                    return Err(Stop::mismatch(
                        msg!("the connection ended before a whole line arrived"; "在收到完整的一行之前连接就结束了"),
                        "a line ending in \\n",
                        self.shown_pending(),
                    ));
                }
                Got::Reset => return Err(self.reset_seen()),
                Got::Timeout => {
                    return Err(Stop::mismatch(
                        msg!("no complete line arrived within {} s", within.as_secs_f32(); "{} 秒内没有收到完整的一行", within.as_secs_f32()),
                        "a line ending in \\n",
                        self.shown_pending(),
                    ));
                }
            }
        }
    }

    /// The next line is exactly `expected`.
    pub fn expect_line(&mut self, expected: &str, within: Duration) -> Outcome {
        self.trace.step(msg!("{} waits for the line {}", self.name.en, show::text(expected); "{}等待一行 {}", self.name.zh, show::text(expected)));
        let line = self.read_line(within)?;
        if line == expected.as_bytes() {
            return Ok(());
        }
        Err(Stop::mismatch(
            msg!("the line that arrived is not the expected one"; "收到的这一行与预期不同"),
            show::text(&format!("{expected}\n")),
            show::bytes(&[line.as_slice(), b"\n"].concat()),
        ))
    }

    /// The program closes the connection (end-of-stream) within `within`,
    /// sending nothing more.
    pub fn expect_end(&mut self, within: Duration) -> Outcome {
        self.trace.step(msg!("{} waits for the program to close the connection", self.name.en; "{}等待对方关闭连接", self.name.zh));
        let deadline = Instant::now() + within;
        loop {
            match self.read_some(deadline)? {
                Got::Data => continue,
                Got::End if self.pending.is_empty() => return Ok(()),
                Got::End => {
                    return Err(Stop::mismatch(
                        msg!("more data arrived before the connection closed"; "连接关闭前又收到了多余的数据"),
                        "end of stream",
                        self.shown_pending(),
                    ));
                }
                Got::Reset => return Err(self.reset_seen()),
                Got::Timeout => {
                    self.observe_open_after_data();
                    return Err(Stop::mismatch(
                        msg!("the program did not close the connection within {} s", within.as_secs_f32();
                             "程序没有在 {} 秒内关闭连接", within.as_secs_f32()),
                        "end of stream (recv returns 0 bytes)",
                        msg!("still open{}", self.pending_note(); "连接仍然打开{}", self.pending_note()),
                    ));
                }
            }
        }
    }

    /// Nothing arrives during `window`: a bounded quiet window for negative
    /// checks ("no reply before the message was sent").
    pub fn expect_silence(&mut self, window: Duration) -> Outcome {
        self.trace.step(
            msg!("{} checks that nothing arrives for {} ms", self.name.en, window.as_millis();
                             "{}确认 {} 毫秒内收不到任何数据", self.name.zh, window.as_millis()),
        );
        let deadline = Instant::now() + window;
        match self.read_some(deadline)? {
            Got::Timeout if self.pending.is_empty() => Ok(()),
            Got::Reset => Err(self.reset_seen()),
            Got::End if self.pending.is_empty() => Err(Stop::mismatch(
                msg!("the program closed the connection when it should have waited"; "程序本应等待，却关闭了连接"),
                "nothing yet",
                "end of stream",
            )),
            _ => Err(Stop::mismatch(
                msg!("data arrived too early"; "数据来得太早了"),
                "nothing yet",
                self.shown_pending(),
            )),
        }
    }

    /// The program ends the connection within `within`, by a close (FIN) or
    /// a reset (RST), without sending a byte: for a client the program must
    /// not serve (say, one still waiting when a server stops).
    pub fn expect_dropped(&mut self, within: Duration) -> Outcome {
        self.trace.step(
            msg!("{} waits for the program to drop the connection without answering", self.name.en;
                             "{}等待对方不作回答就断开连接", self.name.zh),
        );
        let deadline = Instant::now() + within;
        match self.read_some(deadline)? {
            Got::End | Got::Reset if self.pending.is_empty() => Ok(()),
            Got::Timeout => Err(Stop::mismatch(
                msg!("the program kept the connection open for {} s", within.as_secs_f32();
                     "程序在 {} 秒内一直没有断开连接", within.as_secs_f32()),
                "end of stream or reset, and no data",
                msg!("still open"; "连接仍然打开"),
            )),
            _ => Err(Stop::mismatch(
                msg!("the program answered a client it should not have served"; "程序回答了一个本不该服务的客户端"),
                "end of stream or reset, and no data",
                self.shown_pending(),
            )),
        }
    }

    /// Read everything until the program closes the connection, at most
    /// `limit` bytes, within `within`.
    pub fn read_to_end(&mut self, limit: usize, within: Duration) -> Result<Vec<u8>, Stop> {
        self.trace.step(msg!("{} reads until the connection closes", self.name.en; "{}一直读到连接关闭", self.name.zh));
        let deadline = Instant::now() + within;
        loop {
            match self.read_some(deadline)? {
                Got::Data if self.pending.len() > limit => {
                    return Err(Stop::mismatch(
                        msg!("more than {} bytes arrived", limit; "收到的数据超过 {} 字节", limit),
                        format!("at most {limit} bytes"),
                        self.shown_pending(),
                    ));
                }
                Got::Data => continue,
                Got::End => return Ok(std::mem::take(&mut self.pending)),
                Got::Reset => return Err(self.reset_seen()),
                Got::Timeout => {
                    self.observe_open_after_data();
                    return Err(Stop::mismatch(
                        msg!("the connection was still open after {} s", within.as_secs_f32(); "{} 秒后连接仍未关闭", within.as_secs_f32()),
                        "end of stream",
                        self.shown_pending(),
                    ));
                }
            }
        }
    }

    /// At least one byte arrives within `within` (kept for later reads):
    /// the program has started to answer.
    pub fn expect_some_data(&mut self, within: Duration) -> Outcome {
        self.trace.step(msg!("{} waits for the first bytes of the reply", self.name.en; "{}等待回复的最初几个字节", self.name.zh));
        let deadline = Instant::now() + within;
        while self.pending.is_empty() {
            match self.read_some(deadline)? {
                Got::Data => {}
                Got::Reset => return Err(self.reset_seen()),
                Got::End | Got::Timeout => {
                    return Err(Stop::mismatch(
                        msg!("no reply arrived within {} s", within.as_secs_f32(); "{} 秒内没有收到回复", within.as_secs_f32()),
                        "some bytes",
                        msg!("nothing"; "什么也没有"),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Everything read but not consumed so far.
    pub fn take_pending(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.pending)
    }

    fn read_some(&mut self, deadline: Instant) -> Result<Got, Stop> {
        match self.trace.wait_readable(self.stream.as_fd(), deadline) {
            Ready::Readable => {}
            Ready::TimedOut => return Ok(Got::Timeout),
            // The program's end closed its side, so an end of stream or a
            // reset is already queued; a socket a leftover child still
            // holds open just has nothing more to say.
            Ready::Gone => return Ok(Got::Timeout),
        }
        let wait = deadline
            .saturating_duration_since(Instant::now())
            .max(Duration::from_millis(1));
        self.stream
            .set_read_timeout(Some(wait))
            .map_err(|e| self.broken(e))?;
        let mut buf = [0u8; 64 << 10];
        match self.stream.read(&mut buf) {
            Ok(0) => {
                self.note_if_gone();
                Ok(Got::End)
            }
            Ok(n) => {
                self.pending.extend_from_slice(&buf[..n]);
                self.received += n;
                Ok(Got::Data)
            }
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                Ok(Got::Timeout)
            }
            Err(e) if e.kind() == ErrorKind::ConnectionReset => {
                // A reset is rare from a program that goes on, and often
                // the last thing a dying one does: give its end a moment.
                // Nothing ever came on this connection and the program is
                // gone: the backlog took it just before the program ended,
                // and the reset is its listener going away. Otherwise the
                // program had the connection and aborted it.
                let gone = self.trace.all_programs_end_within(GONE_GRACE);
                if gone {
                    self.trace.note_gone();
                }
                if gone && self.received == 0 {
                    self.observe_reset_by_a_gone_program();
                } else {
                    self.trace.observed(Found::new(
                        "reset-not-closed",
                        msg!("{} got a reset (RST) after {} bytes: the program aborted the connection instead of closing it",
                             self.name.en, self.received;
                             "{}在收到 {} 字节后收到了重置（RST）：程序中止了连接，而不是关闭连接", self.name.zh, self.received),
                    ));
                }
                Ok(Got::Reset)
            }
            Err(e) => Err(self.broken(e)),
        }
    }

    /// The connection ended: if the program did too, its end is what the
    /// check will have run into. (No waiting here: a connection that ends
    /// while the program goes on is the normal case.)
    fn note_if_gone(&self) {
        if self.trace.all_programs_ended() {
            self.trace.note_gone();
        }
    }

    /// Data arrived, then the connection just stayed open: the program
    /// never closed (or half-closed) its side, so the other end cannot
    /// know it is done.
    fn observe_open_after_data(&self) {
        if self.received > 0 {
            self.trace.observed(Found::new(
                "no-close",
                msg!("{} bytes arrived, then the connection stayed open: no end of stream (FIN) came",
                     self.received;
                     "收到了 {} 字节，之后连接一直打开：没有收到流结束（FIN）", self.received),
            ));
        }
    }

    fn pending_note(&self) -> String {
        if self.pending.is_empty() {
            String::new()
        } else {
            format!(", after {}", show::bytes(&self.pending))
        }
    }

    fn shown_pending(&self) -> Shown {
        if self.pending.is_empty() {
            msg!("nothing"; "什么也没有").into()
        } else {
            show::bytes(&self.pending).into()
        }
    }

    fn reset_seen(&self) -> Stop {
        Stop::fail(
            msg!("the program reset the connection (RST) instead of answering; did it crash or close with unread data?";
                        "程序重置了连接（RST）而没有回复；它是否崩溃了，或在还有未读数据时关闭了套接字？"),
        )
    }

    fn broken(&self, e: std::io::Error) -> Stop {
        // A write that meets a reset (or a closed pipe) from a program that
        // has ended: the program's end is the story, not the write.
        if matches!(e.kind(), ErrorKind::ConnectionReset | ErrorKind::BrokenPipe)
            && self.trace.all_programs_end_within(GONE_GRACE)
        {
            self.trace.note_gone();
            if self.received == 0 {
                self.observe_reset_by_a_gone_program();
            }
        }
        Stop::fail(
            msg!("{}'s connection broke: {}", self.name.en, e; "{}的连接断开了：{}", self.name.zh, e),
        )
    }
}

/// A listening socket held by the suite, for client programs to connect to.
pub struct TcpServerPeer {
    listener: TcpListener,
    trace: Trace,
}

impl TcpServerPeer {
    pub(crate) fn bind(trace: Trace) -> Result<TcpServerPeer, Stop> {
        let listener = TcpListener::bind("127.0.0.1:0")
            .map_err(|e| Stop::fail(msg!("the suite could not listen on 127.0.0.1: {}", e; "评测程序无法在 127.0.0.1 上监听：{}", e)))?;
        let addr = listener.local_addr().expect("bound");
        crate::wire::note_suite(addr, &msg!("the suite"; "评测程序"));
        trace.step(msg!("the suite listens on {}", addr; "评测程序在 {} 上监听", addr));
        Ok(TcpServerPeer { listener, trace })
    }

    pub fn addr(&self) -> SocketAddr {
        self.listener.local_addr().expect("bound")
    }

    /// Accept the next connection within `within`.
    pub fn accept(&self, name: Msg, within: Duration) -> Result<TcpPeer, Stop> {
        self.trace
            .step(msg!("wait for the program to connect"; "等待程序连接过来"));
        match self
            .trace
            .wait_readable(self.listener.as_fd(), Instant::now() + within)
        {
            Ready::Readable => {}
            Ready::TimedOut => {
                return Err(Stop::fail(
                    msg!("the program did not connect within {} s", within.as_secs_f32();
                         "程序没有在 {} 秒内连接过来", within.as_secs_f32()),
                ));
            }
            Ready::Gone => {
                return Err(Stop::fail(
                    msg!("the program ended without connecting"; "程序没有连接就结束了"),
                ));
            }
        }
        let (stream, from) = self
            .listener
            .accept()
            .map_err(|e| Stop::fail(msg!("accept failed: {}", e; "accept 失败：{}", e)))?;
        self.trace
            .step(msg!("accepted a connection from {}", from; "接受了来自 {} 的连接", from));
        Ok(TcpPeer::from_stream(name, stream, self.trace.clone()))
    }

    /// Nothing has connected: called once the program has ended, so a
    /// connection it made would be waiting in the listener's queue.
    pub fn expect_no_connection(&self) -> Outcome {
        self.trace.step(
            msg!("check that nothing connected to the suite"; "检查没有任何程序连接到评测程序"),
        );
        self.listener.set_nonblocking(true).map_err(|e| {
            Stop::fail(
                msg!("the suite's listener failed: {}", e; "评测程序的监听套接字出错：{}", e),
            )
        })?;
        match self.listener.accept() {
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => Ok(()),
            Ok((_, from)) => Err(Stop::mismatch(
                msg!("the program connected though it should have stopped at its arguments"; "程序本应在检查参数时就停下，却连接了过来"),
                msg!("no connection"; "没有连接"),
                msg!("a connection from {}", from; "来自 {} 的连接", from),
            )),
            Err(e) => Err(Stop::fail(
                msg!("accept failed: {}", e; "accept 失败：{}", e),
            )),
        }
    }
}

/// Streams: files sent in full or in odd pieces, and everything received
/// fed to a sink (a file, or a [`super::SameAs`] that compares as it goes).
impl TcpPeer {
    /// Send `data` in pieces whose sizes cycle through `sizes`, `gap` apart,
    /// each in its own TCP segment: a program that assumes one read returns
    /// a header, or a whole file, gets a fragment. The gap paces the peer; it
    /// does not wait for anything.
    pub fn send_in_pieces(&mut self, data: &[u8], sizes: &[usize], gap: Duration) -> Outcome {
        self.trace.step(
            msg!("{} sends {} in pieces of {:?} bytes", self.name.en, show::bytes(data), sizes;
                 "{}分段发送 {}，每段 {:?} 字节", self.name.zh, show::bytes(data), sizes),
        );
        self.write_in_pieces(data, sizes, gap)
    }

    /// The pieces of [`TcpPeer::send_in_pieces`], without a step of their own.
    fn write_in_pieces(&mut self, data: &[u8], sizes: &[usize], gap: Duration) -> Outcome {
        self.stream.set_nodelay(true).map_err(|e| self.broken(e))?;
        // No sizes given: one piece (an empty cycle would send nothing).
        let sizes = if sizes.is_empty() {
            &[usize::MAX][..]
        } else {
            sizes
        };
        let mut rest = data;
        for &size in sizes.iter().cycle() {
            if rest.is_empty() {
                break;
            }
            let (piece, after) = rest.split_at(size.clamp(1, rest.len()));
            self.stream.write_all(piece).map_err(|e| self.broken(e))?;
            rest = after;
            thread::sleep(gap);
        }
        Ok(())
    }

    /// Send the whole file at `path`, streamed; the program must read it
    /// within `within` (every write waits at most that long for it).
    /// Returns how many bytes went out; a program that stops reading or
    /// closes early shows as a failure saying so.
    pub fn send_file(&mut self, path: &std::path::Path, within: Duration) -> Result<u64, Stop> {
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        self.trace.step(
            msg!("{} sends the {} bytes of {}", self.name.en, size, path.file_name().unwrap_or_default().to_string_lossy();
                 "{}发送 {} 的 {} 字节", self.name.zh, path.file_name().unwrap_or_default().to_string_lossy(), size),
        );
        let mut file = std::fs::File::open(path).map_err(|e| {
            Stop::fail(msg!("the suite cannot read {}: {}", path.display(), e; "评测程序无法读取 {}：{}", path.display(), e))
        })?;
        self.stream
            .set_write_timeout(Some(within))
            .map_err(|e| self.broken(e))?;
        let mut buf = vec![0u8; 64 << 10];
        let mut sent = 0u64;
        loop {
            let n = file.read(&mut buf).map_err(|e| {
                Stop::fail(msg!("the suite cannot read {}: {}", path.display(), e; "评测程序无法读取 {}：{}", path.display(), e))
            })?;
            if n == 0 {
                return Ok(sent);
            }
            match self.stream.write_all(&buf[..n]) {
                Ok(()) => sent += n as u64,
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                    return Err(Stop::fail(
                        msg!("the program stopped reading after {} of {} bytes", sent, size;
                             "程序在收到 {} / {} 字节后不再读取", sent, size),
                    ));
                }
                Err(e) => {
                    return Err(Stop::fail(
                        msg!("the program closed the connection after {} of {} bytes ({})", sent, size, e;
                             "程序在收到 {} / {} 字节后关闭了连接（{}）", sent, size, e),
                    ));
                }
            }
        }
    }

    /// Read until the program closes the connection, feeding every byte
    /// (those already read past a line first) to `sink`, within `within`.
    /// Returns how many bytes were fed.
    pub fn read_to_end_into(
        &mut self,
        sink: &mut dyn Write,
        within: Duration,
    ) -> Result<u64, Stop> {
        self.trace.step(
            msg!("{} reads everything until the connection closes", self.name.en;
                 "{}读取全部数据直到连接关闭", self.name.zh),
        );
        let deadline = Instant::now() + within;
        let mut total = self.pending.len() as u64;
        let pending = std::mem::take(&mut self.pending);
        sink.write_all(&pending).map_err(|e| self.broken(e))?;
        let mut buf = vec![0u8; 256 << 10];
        loop {
            let wait = deadline.saturating_duration_since(Instant::now());
            if wait.is_zero() {
                return Err(Stop::mismatch(
                    msg!("the transfer did not end within {} s", within.as_secs_f32(); "传输没有在 {} 秒内结束", within.as_secs_f32()),
                    "end of stream",
                    format!("{total} bytes so far, still open / 已收到 {total} 字节，连接仍然打开"),
                ));
            }
            self.stream
                .set_read_timeout(Some(wait))
                .map_err(|e| self.broken(e))?;
            match self.stream.read(&mut buf) {
                Ok(0) => return Ok(total),
                Ok(n) => {
                    sink.write_all(&buf[..n]).map_err(|e| self.broken(e))?;
                    total += n as u64;
                }
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) if e.kind() == ErrorKind::ConnectionReset => {
                    return Err(Stop::fail(
                        msg!("the program reset the connection (RST) after {} bytes", total;
                             "程序在发送 {} 字节后重置了连接（RST）", total),
                    ));
                }
                Err(e) => return Err(self.broken(e)),
            }
        }
    }

    /// Read slowly: `chunk` bytes every `gap`, for `duration`; returns how
    /// many bytes were read. Shows flow control from the sender's side.
    /// What was read is kept for a later read (e.g.
    /// [`TcpPeer::read_to_end_into`]), so nothing is lost to the check.
    pub fn read_slowly(
        &mut self,
        chunk: usize,
        gap: Duration,
        duration: Duration,
    ) -> Result<usize, Stop> {
        self.trace.step(msg!("{} reads slowly: {} bytes every {} ms for {} s", self.name.en, chunk, gap.as_millis(), duration.as_secs_f32();
                             "{}慢慢读取：每 {} 毫秒读 {} 字节，持续 {} 秒", self.name.zh, gap.as_millis(), chunk, duration.as_secs_f32()));
        let end = Instant::now() + duration;
        let mut total = 0;
        let mut buf = vec![0u8; chunk];
        while Instant::now() < end {
            self.stream
                .set_read_timeout(Some(gap.max(Duration::from_millis(1))))
                .map_err(|e| self.broken(e))?;
            match self.stream.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    self.pending.extend_from_slice(&buf[..n]);
                    total += n;
                }
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
                Err(e) => return Err(self.broken(e)),
            }
            thread::sleep(gap);
        }
        Ok(total)
    }
}

impl TcpServerPeer {
    /// Wait up to `within` for `program` to connect; `None` if it ended
    /// first without connecting (a client that refuses to run, or a stub's
    /// `todo!()`), so a check never waits out the deadline for a program
    /// that is already gone.
    pub fn accept_or_exit(
        &self,
        name: Msg,
        program: &mut super::Proc,
        within: Duration,
    ) -> Result<Option<TcpPeer>, Stop> {
        self.trace.step(
            msg!("wait for {} to connect (or to end without connecting)", program.role().en;
                 "等待{}连接过来（或不连接就结束）", program.role().zh),
        );
        let deadline = Instant::now() + within;
        let fd = self.listener.as_fd();
        loop {
            let mut fds = [rustix::event::PollFd::new(
                &fd,
                rustix::event::PollFlags::IN,
            )];
            // Look at the program between short waits: a connection is
            // taken the moment it arrives, an exit within a slice of it.
            let slice = deadline
                .saturating_duration_since(Instant::now())
                .min(Duration::from_millis(50));
            let timeout = rustix::event::Timespec::try_from(slice).ok();
            if rustix::event::poll(&mut fds, timeout.as_ref()).unwrap_or(0) > 0 {
                let (stream, from) = self
                    .listener
                    .accept()
                    .map_err(|e| Stop::fail(msg!("accept failed: {}", e; "accept 失败：{}", e)))?;
                self.trace.step(
                    msg!("accepted a connection from {}", from; "接受了来自 {} 的连接", from),
                );
                return Ok(Some(TcpPeer::from_stream(name, stream, self.trace.clone())));
            }
            if program.wait_status(Duration::ZERO).is_some() {
                self.trace.step(
                    msg!("{} ended without connecting", program.role().en; "{}没有连接就结束了", program.role().zh),
                );
                return Ok(None);
            }
            if Instant::now() >= deadline {
                return Err(Stop::fail(
                    msg!("the program did not connect within {} s", within.as_secs_f32();
                         "程序没有在 {} 秒内连接过来", within.as_secs_f32()),
                ));
            }
        }
    }
}
