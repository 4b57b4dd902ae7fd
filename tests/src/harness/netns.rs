//! A private network with packet loss, for checks that show what TCP does
//! about loss.
//!
//! The check's own thread moves into a new network namespace
//! (`unshare(CLONE_NEWNET)`, which is per thread on Linux and needs root or
//! CAP_SYS_ADMIN). From then on every socket the check makes and every
//! program it starts live in that namespace: a loopback interface of their
//! own, with an nftables rule that drops packets at random. Nothing else on
//! the machine sees the loss, and the namespace disappears with the check's
//! thread and its programs (the runner gives every check a thread of its own).

use super::Test;
use crate::check::{Outcome, Stop};
use crate::msg;
use crate::text::Msg;
use std::io::Write;
use std::process::{Command, Stdio};

impl Test {
    /// Move this check into a private network namespace whose loopback drops
    /// `percent` % of the packets that carry data.
    ///
    /// The rule sits on the input hook (a drop on the output hook makes
    /// `send` fail with EPERM instead of losing the packet) and spares packets
    /// of 128 bytes or less — handshakes, pure ACKs, FINs — so what is tested
    /// is TCP's retransmission of lost data, not its connection-setup timers
    /// (a lost SYN costs a whole second, which would only make checks slow).
    /// Loss on loopback is independent per packet: the same packet can be
    /// lost again when it is retransmitted.
    pub fn enter_lossy_namespace(&self, percent: u8) -> Outcome {
        self.step(
            msg!("move into a private network namespace whose loopback drops {}% of data packets", percent;
                 "进入一个私有网络命名空间，其回环接口随机丢弃 {}% 的数据包", percent),
        );
        enter_namespace().map_err(Stop::Skip)?;
        // `numgen random mod 100` is 0-99: below `percent` means dropped.
        let drop = match percent {
            0 => String::new(),
            100.. => "add rule inet netlings input ip length > 128 drop\n".to_string(),
            p => format!(
                "add rule inet netlings input ip length > 128 numgen random mod 100 < {p} drop\n"
            ),
        };
        let rules = format!(
            "add table inet netlings\n\
             add chain inet netlings input {{ type filter hook input priority 0; }}\n\
             {drop}"
        );
        run_tool("nft", &["-f", "-"], Some(&rules)).map_err(|why| {
            Stop::fail(
                msg!("could not install the packet-loss rule: {}", why; "无法安装丢包规则：{}", why),
            )
        })
    }
}

impl Test {
    /// Move this check into a private network namespace of its own (no
    /// packet loss): a fixed port there, such as the notes' defaults,
    /// collides with no other check.
    pub fn enter_private_namespace(&self) -> Outcome {
        self.step(
            msg!("move into a private network namespace of its own"; "进入一个私有网络命名空间"),
        );
        enter_namespace().map_err(Stop::Skip)
    }

    /// Move this check into a private network namespace (no packet loss)
    /// whose ephemeral port range is `low`-`high`: `ip_local_port_range` is
    /// per network namespace, so the rest of the machine keeps its own.
    pub fn enter_namespace_with_ephemeral_range(&self, low: u16, high: u16) -> Outcome {
        self.step(
            msg!("move into a private network namespace whose ephemeral port range is {}-{}", low, high;
                 "进入一个私有网络命名空间，其临时端口范围为 {}-{}", low, high),
        );
        self.enter_private_namespace()?;
        // Never touch the machine's own setting: write only when this
        // thread's namespace really differs from the process's.
        let own = std::fs::read_link("/proc/thread-self/ns/net").ok();
        if own.is_none() || own == std::fs::read_link("/proc/self/ns/net").ok() {
            return Err(Stop::Skip(
                msg!("skipped: the check's thread is not in a network namespace of its own";
                     "已跳过：检查所在的线程不在自己的网络命名空间中"),
            ));
        }
        let file = "/proc/sys/net/ipv4/ip_local_port_range";
        let set = std::fs::write(file, format!("{low} {high}\n"))
            .and_then(|()| std::fs::read_to_string(file));
        let wanted = format!("{low}\t{high}");
        match set {
            Ok(now) if now.trim() == wanted => Ok(()),
            Ok(now) => Err(Stop::fail(
                msg!("the namespace's ephemeral range is {:?} after setting {}", now.trim(), wanted;
                     "设置 {} 之后命名空间的临时端口范围是 {:?}", wanted, now.trim()),
            )),
            Err(e) => Err(Stop::Skip(
                msg!("skipped: could not set the ephemeral range in a private namespace: {}", e;
                     "已跳过：无法在私有命名空间中设置临时端口范围：{}", e),
            )),
        }
    }
}

/// Why a private network namespace cannot be made here, or `None`.
pub(crate) fn probe_private_namespace() -> Option<Msg> {
    match std::thread::spawn(enter_namespace).join() {
        Ok(Ok(())) => None,
        Ok(Err(why)) => Some(why),
        Err(_) => Some(msg!("skipped: the namespace probe crashed"; "已跳过：命名空间探测崩溃了")),
    }
}

/// Move the calling thread into a fresh network namespace with loopback up.
fn enter_namespace() -> Result<(), Msg> {
    // Under --wire the check already has a namespace of its own, captured:
    // the rule goes there, so the capture sees the loss.
    if crate::wire::in_private_namespace() {
        return Ok(());
    }
    // SAFETY: CLONE_NEWNET only changes which network stack this thread's
    // future sockets and children use; it does not touch file descriptors or
    // memory shared with other threads (unlike CLONE_FILES or CLONE_FS).
    unsafe { rustix::thread::unshare_unsafe(rustix::thread::UnshareFlags::NEWNET) }.map_err(
        |e| {
            msg!("skipped: a private network namespace needs root (CAP_SYS_ADMIN), and unshare(CLONE_NEWNET) said: {}", e;
                 "已跳过：私有网络命名空间需要 root 权限（CAP_SYS_ADMIN），unshare(CLONE_NEWNET) 返回：{}", e)
        },
    )?;
    run_tool("ip", &["link", "set", "lo", "up"], None).map_err(|why| {
        msg!("skipped: could not bring up loopback in the namespace: {}", why;
             "已跳过：无法在命名空间中启用回环接口：{}", why)
    })
}

/// Run a system tool (in this thread's namespace) and say why it failed.
fn run_tool(tool: &str, args: &[&str], input: Option<&str>) -> Result<(), String> {
    let mut child = Command::new(tool)
        .args(args)
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run `{tool}`: {e}"))?;
    if let (Some(text), Some(mut stdin)) = (input, child.stdin.take()) {
        stdin
            .write_all(text.as_bytes())
            .map_err(|e| format!("cannot talk to `{tool}`: {e}"))?;
    }
    let output = child
        .wait_with_output()
        .map_err(|e| format!("`{tool}` did not finish: {e}"))?;
    if output.status.success() {
        return Ok(());
    }
    Err(format!(
        "`{tool} {}` failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr).trim()
    ))
}

/// Why a lossy namespace cannot be made here, or `None` when it can. Tried
/// on a thread of its own, which is then thrown away with its namespace.
pub(crate) fn probe_lossy_namespace() -> Option<Msg> {
    let probe = std::thread::spawn(|| {
        enter_namespace()?;
        run_tool("nft", &["add", "table", "inet", "netlings_probe"], None).map_err(|why| {
            msg!("skipped: needs nftables (`nft`) in a private network namespace: {}", why;
                 "已跳过：需要在私有网络命名空间中使用 nftables（`nft`）：{}", why)
        })
    });
    match probe.join() {
        Ok(Ok(())) => None,
        Ok(Err(why)) => Some(why),
        Err(_) => Some(msg!("skipped: the namespace probe crashed"; "已跳过：命名空间探测崩溃了")),
    }
}
