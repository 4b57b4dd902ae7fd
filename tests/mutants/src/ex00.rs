//! Exercise 00 (addresses and ports) with one flaw at a time.

use common::{Args, fail, parse_addr, say, usage_error};
use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Flaw {
    /// The notes' "1–256": a hand-made octet check that refuses 0 and takes 256.
    OctetsFrom1To256,
    /// 172.16.0.0/12 taken as 172.16.0.0/16.
    Private172As16,
    /// Class C up to 224 inclusive: an off-by-one at the C/D boundary.
    ClassesByTheWrongBoundary,
    /// The notes' error: the network number is the whole address, so hosts
    /// on one LAN get different networks.
    NetworkKeepsTheHostBits,
    /// Drops the `%zone` of an IPv6 address without a word.
    IgnoresTheZone,
    /// Takes any zone, after IPv4 too, empty or with a space.
    AcceptsAnyZone,
    /// Refuses port 0 ("not a real port").
    RejectsPort0,
    /// Parses a u32 and casts: 65536 wraps round to port 0.
    AcceptsPort65536,
    /// The notes: all of 1024–65535 is "dynamic".
    DynamicFrom1024,
    /// `serve 0.0.0.0:P` binds 127.0.0.1:P.
    ServesOnLoopbackOnly,
    /// The ephemeral range written into the program: Linux's default.
    HardCodedEphemeralRange,
    /// Prints a `netmask:` line for IPv6 too (IPv6 has no dotted netmask).
    Ipv6PrintsANetmask,
    /// Ends every address answer with a blank line.
    EndsWithABlankLine,
    /// Builds the IPv6 mask with `u128::MAX << (128 - prefix)` even for /0.
    Ipv6Prefix0Overflows,
    /// Calls 100.64.0.0/10 (carrier-grade NAT) private.
    SharedAddressesArePrivate,
    /// `reserved` only for class E: the rest of 0.0.0.0/8 becomes public.
    ReservedIsOnlyClassE,
    /// Unique local addresses taken as fd00::/8, not fc00::/7.
    UniqueLocalIsOnlyFd,
    /// `std::env::args().nth(1).unwrap()`: no argument panics.
    PanicsWithoutArguments,
    /// `TcpListener::bind(addr).unwrap()`: a taken port panics.
    PanicsWhenThePortIsTaken,
    /// Says `connection from PEER to` the listener's address (0.0.0.0:P).
    ConnectionLineNamesTheListener,
    /// Reads its arguments with `std::env::args()`.
    ArgsWithEnvArgs,
    /// Checks that the prefix is a number, not that it fits the address.
    PrefixNotBounded,
    /// `stream.peer_addr().unwrap()`: a client already gone panics the server.
    PanicsOnAResetClient,
}

pub fn program(flaw: Flaw) {
    if flaw == Flaw::ArgsWithEnvArgs {
        crate::args_as_strings();
    }
    if flaw == Flaw::PanicsWithoutArguments {
        std::env::args().nth(1).unwrap();
    }
    let args = Args::parse("m00", &[], &[]).at_most(2);
    match (args.positional(0), args.positional(1)) {
        (Some("port"), Some(n)) => port(flaw, n),
        (Some("serve"), Some(a)) => serve(flaw, a),
        (Some(a), None) => address(flaw, a),
        _ => usage_error("expected an address, `port N` or `serve IP:PORT`"),
    }
}

fn parse_octets(text: &str) -> Option<Ipv4Addr> {
    let parts: Vec<u16> = text
        .split('.')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    if parts.len() != 4 || parts.iter().any(|p| !(1..=256).contains(p)) {
        return None;
    }
    Some(Ipv4Addr::new(
        parts[0] as u8,
        parts[1] as u8,
        parts[2] as u8,
        parts[3] as u8,
    ))
}

fn address(flaw: Flaw, text: &str) {
    let (text, prefix) = match text.split_once('/') {
        Some((a, p)) => (a, Some(p)),
        None => (text, None),
    };
    let (text, zone) = match text.split_once('%') {
        Some((a, z)) => (a, Some(z)),
        None => (text, None),
    };
    let ip: IpAddr = if flaw == Flaw::OctetsFrom1To256 && !text.contains(':') {
        match parse_octets(text) {
            Some(ip) => IpAddr::V4(ip),
            None => usage_error("not an IPv4 address (four numbers from 1 to 256)"),
        }
    } else {
        text.parse()
            .unwrap_or_else(|_| usage_error("not an IP address"))
    };
    if let Some(zone) = zone
        && flaw != Flaw::AcceptsAnyZone
    {
        let valid = !zone.is_empty()
            && zone
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
        if ip.is_ipv4() || !valid {
            usage_error("a zone follows only an IPv6 address and names an interface");
        }
    }
    let bits = if ip.is_ipv4() { 32 } else { 128 };
    let prefix = prefix.map(|p| match p.parse::<u8>() {
        Ok(n) if u32::from(n) <= bits || flaw == Flaw::PrefixNotBounded => n,
        _ => usage_error("not a prefix length"),
    });
    say(format!("address: {ip}"));
    match ip {
        IpAddr::V4(v4) => {
            say("version: 4");
            let first = v4.octets()[0];
            let c_end = if flaw == Flaw::ClassesByTheWrongBoundary {
                224
            } else {
                223
            };
            let class = match first {
                0..=127 => 'A',
                128..=191 => 'B',
                f if f >= 192 && f <= c_end => 'C',
                224..=239 => 'D',
                _ => 'E',
            };
            say(format!("class: {class}"));
            let [a, b, ..] = v4.octets();
            let private_172 = if flaw == Flaw::Private172As16 {
                b == 16
            } else {
                (16..=31).contains(&b)
            };
            let kind = if v4.is_unspecified() {
                "unspecified"
            } else if a == 127 {
                "loopback"
            } else if a == 10
                || (a == 172 && private_172)
                || (a == 192 && b == 168)
                || (flaw == Flaw::SharedAddressesArePrivate && a == 100 && (64..128).contains(&b))
            {
                "private"
            } else if a == 169 && b == 254 {
                "link-local"
            } else if (224..=239).contains(&a) {
                "multicast"
            } else if v4.is_broadcast() {
                "broadcast"
            } else if (a == 0 && flaw != Flaw::ReservedIsOnlyClassE) || a >= 240 {
                "reserved"
            } else {
                "public"
            };
            say(format!("kind: {kind}"));
            if let Some(prefix) = prefix {
                let mask = if prefix == 0 {
                    0
                } else {
                    u32::MAX << (32 - prefix)
                };
                let n = u32::from(v4);
                let network = if flaw == Flaw::NetworkKeepsTheHostBits {
                    n
                } else {
                    n & mask
                };
                say(format!("prefix: {prefix}"));
                say(format!("netmask: {}", Ipv4Addr::from(mask)));
                say(format!("network: {}", Ipv4Addr::from(network)));
                say(format!("host: {}", Ipv4Addr::from(n & !mask)));
            }
        }
        IpAddr::V6(v6) => {
            say("version: 6");
            let first = v6.segments()[0];
            let kind = if v6.is_unspecified() {
                "unspecified"
            } else if v6.is_loopback() {
                "loopback"
            } else if first & 0xffc0 == 0xfe80 {
                "link-local"
            } else if first & 0xff00 == 0xff00 {
                "multicast"
            } else if first & 0xfe00 == 0xfc00
                && (flaw != Flaw::UniqueLocalIsOnlyFd || first & 0xff00 == 0xfd00)
            {
                "private"
            } else {
                "public"
            };
            say(format!("kind: {kind}"));
            if let Some(zone) = zone
                && flaw != Flaw::IgnoresTheZone
            {
                say(format!("zone: {zone}"));
            }
            if let Some(prefix) = prefix {
                let mask = if prefix == 0 && flaw != Flaw::Ipv6Prefix0Overflows {
                    0
                } else {
                    u128::MAX << (128 - u32::from(prefix))
                };
                let n = u128::from(v6);
                say(format!("prefix: {prefix}"));
                if flaw == Flaw::Ipv6PrintsANetmask {
                    say(format!("netmask: {}", Ipv6Addr::from(mask)));
                }
                say(format!("network: {}", Ipv6Addr::from(n & mask)));
                say(format!("host: {}", Ipv6Addr::from(n & !mask)));
            }
        }
    }
    if flaw == Flaw::EndsWithABlankLine {
        say("");
    }
}

fn port(flaw: Flaw, text: &str) {
    let port = match text.parse::<u32>() {
        Ok(p) if flaw == Flaw::AcceptsPort65536 => p as u16,
        Ok(0) if flaw == Flaw::RejectsPort0 => usage_error("port 0 is not a real port"),
        Ok(p) if p <= 65535 => p as u16,
        _ => usage_error("not a port: a port is a number from 0 to 65535"),
    };
    say(format!("port: {port}"));
    let dynamic_from = if flaw == Flaw::DynamicFrom1024 {
        1024
    } else {
        49152
    };
    let range = if port <= 1023 {
        "well-known"
    } else if port < dynamic_from {
        "registered"
    } else {
        "dynamic"
    };
    say(format!("range: {range}"));
    let text = if flaw == Flaw::HardCodedEphemeralRange {
        "32768 60999".to_string()
    } else {
        std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range").unwrap_or_default()
    };
    let numbers: Vec<u16> = text
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    if let [low, high] = numbers[..] {
        let yes = (low..=high).contains(&port);
        say(format!("ephemeral: {}", if yes { "yes" } else { "no" }));
        say(format!("ephemeral range: {low}-{high}"));
    }
}

fn serve(flaw: Flaw, text: &str) {
    let mut addr = parse_addr(text).unwrap_or_else(|e| usage_error(e));
    if flaw == Flaw::ServesOnLoopbackOnly {
        addr = SocketAddr::from(([127, 0, 0, 1], addr.port()));
    }
    let listener = if flaw == Flaw::PanicsWhenThePortIsTaken {
        TcpListener::bind(addr).unwrap()
    } else {
        TcpListener::bind(addr).unwrap_or_else(|e| fail("cannot listen", &e))
    };
    let local = listener
        .local_addr()
        .unwrap_or_else(|e| fail("no address", &e));
    say(format!("listening on {local}"));
    for mut stream in listener.incoming().flatten() {
        if flaw == Flaw::PanicsOnAResetClient {
            stream.peer_addr().unwrap();
        }
        if let (Ok(reached), Ok(peer)) = (stream.local_addr(), stream.peer_addr()) {
            let to = if flaw == Flaw::ConnectionLineNamesTheListener {
                local
            } else {
                reached
            };
            say(format!("connection from {peer} to {to}"));
            let _ = stream.write_all(format!("you reached {reached}\n").as_bytes());
        }
    }
}
