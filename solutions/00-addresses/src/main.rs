//! Exercise 00, reference solution: what an IP address or a port says.
//!
//! Notes §2 (IP addresses) and §3 (ports), with their mistakes corrected:
//! an IPv4 octet is 0–255, hosts on one LAN share the network number, and
//! IANA splits 1024–65535 into registered and dynamic ports. The contract
//! is in `exercises/00-addresses/README.md`.

use common::{Args, fail, parse_addr, say, usage_error};
use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, TcpListener};

const USAGE: &str = "ex00-addresses ADDRESS[/PREFIX] | port NUMBER | serve IP:PORT";

/// Where Linux keeps the range it picks ephemeral ports from.
const EPHEMERAL_RANGE_FILE: &str = "/proc/sys/net/ipv4/ip_local_port_range";

fn main() {
    let args = Args::parse(USAGE, &[], &[]).at_most(2);
    match (args.positional(0), args.positional(1)) {
        (Some("port"), Some(number)) => describe_port(number),
        (Some("serve"), Some(addr)) => serve(addr),
        (Some(address), None) if address != "port" && address != "serve" => {
            describe_address(address)
        }
        _ => usage_error(format!(
            "expected an address, `port NUMBER` or `serve IP:PORT` (usage: {USAGE})"
        )),
    }
}

// ---------------------------------------------------------------- addresses

/// Print the facts about `ADDRESS[%ZONE][/PREFIX]`.
fn describe_address(text: &str) {
    let (address, prefix) = match text.split_once('/') {
        Some((address, prefix)) => (address, Some(prefix)),
        None => (text, None),
    };
    // A zone (`%19`, `%eth0`) names the interface a link-local IPv6 address
    // belongs to: fe80::1 exists on every link, so it alone is ambiguous.
    let (address, zone) = match address.split_once('%') {
        Some((address, zone)) => (address, Some(zone)),
        None => (address, None),
    };
    // std's parser is strict, as it should be: four decimal numbers of
    // 0–255 (the notes' "1–256" is wrong: an octet is 8 bits), or IPv6.
    let ip: IpAddr = address.parse().unwrap_or_else(|_| {
        usage_error(format!(
            "{address:?} is not an IP address (IPv4 is four numbers from 0 to 255 like 192.168.43.143; IPv6 looks like fe80::1)"
        ))
    });
    if let Some(zone) = zone {
        let valid = !zone.is_empty()
            && zone
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
        if ip.is_ipv4() || !valid {
            usage_error(format!(
                "{text:?}: a zone like %19 only follows an IPv6 address and is a number or an interface name"
            ));
        }
    }
    let bits = if ip.is_ipv4() { 32 } else { 128 };
    let prefix = prefix.map(|p| match p.parse::<u8>() {
        Ok(n) if u32::from(n) <= bits => n,
        _ => usage_error(format!(
            "{p:?} is not a prefix length: it is a number from 0 to {bits}"
        )),
    });

    say(format!("address: {ip}"));
    match ip {
        IpAddr::V4(v4) => {
            say("version: 4");
            say(format!("class: {}", class(v4)));
            say(format!("kind: {}", kind_v4(v4)));
            if let Some(prefix) = prefix {
                // The prefix says how many leading bits are the network
                // number; the rest number the host within that network.
                let mask = if prefix == 0 {
                    0
                } else {
                    u32::MAX << (32 - prefix)
                };
                let bits = u32::from(v4);
                say(format!("prefix: {prefix}"));
                say(format!("netmask: {}", Ipv4Addr::from(mask)));
                say(format!("network: {}", Ipv4Addr::from(bits & mask)));
                say(format!("host: {}", Ipv4Addr::from(bits & !mask)));
            }
        }
        IpAddr::V6(v6) => {
            say("version: 6");
            say(format!("kind: {}", kind_v6(v6)));
            if let Some(zone) = zone {
                say(format!("zone: {zone}"));
            }
            if let Some(prefix) = prefix {
                let mask = if prefix == 0 {
                    0
                } else {
                    u128::MAX << (128 - prefix)
                };
                let bits = u128::from(v6);
                say(format!("prefix: {prefix}"));
                say(format!("network: {}", Ipv6Addr::from(bits & mask)));
                say(format!("host: {}", Ipv6Addr::from(bits & !mask)));
            }
        }
    }
}

/// The historic class, by the first octet. Classes have not decided how
/// networks are split since CIDR (1993), but the words are still in use.
fn class(ip: Ipv4Addr) -> char {
    match ip.octets()[0] {
        0..=127 => 'A',
        128..=191 => 'B',
        192..=223 => 'C',
        224..=239 => 'D', // multicast
        240..=255 => 'E', // reserved
    }
}

/// What an IPv4 address is for: the first rule that applies.
fn kind_v4(ip: Ipv4Addr) -> &'static str {
    let [a, b, ..] = ip.octets();
    if ip.is_unspecified() {
        "unspecified" // 0.0.0.0: "every address of this host" in a bind
    } else if a == 127 {
        "loopback" // all of 127.0.0.0/8, not only 127.0.0.1
    } else if a == 10 || (a == 172 && (16..=31).contains(&b)) || (a == 192 && b == 168) {
        "private" // 10/8, 172.16/12 (172.16–172.31), 192.168/16
    } else if a == 169 && b == 254 {
        "link-local" // 169.254/16, self-assigned when no DHCP answers
    } else if (224..=239).contains(&a) {
        "multicast" // class D
    } else if ip.is_broadcast() {
        "broadcast" // 255.255.255.255
    } else if a == 0 || a >= 240 {
        "reserved" // 0/8 and class E
    } else {
        "public"
    }
}

/// What an IPv6 address is for: the first rule that applies.
fn kind_v6(ip: Ipv6Addr) -> &'static str {
    let first = ip.segments()[0];
    if ip.is_unspecified() {
        "unspecified" // ::
    } else if ip.is_loopback() {
        "loopback" // ::1
    } else if first & 0xffc0 == 0xfe80 {
        "link-local" // fe80::/10
    } else if first & 0xff00 == 0xff00 {
        "multicast" // ff00::/8
    } else if first & 0xfe00 == 0xfc00 {
        "private" // fc00::/7, unique local addresses
    } else {
        "public"
    }
}

// -------------------------------------------------------------------- ports

/// Print the facts about a port number.
fn describe_port(text: &str) {
    // A port is 16 bits. Parse wider so 65536 gets a precise message.
    let port = match text.parse::<u32>() {
        Ok(p) if p <= 65535 => p as u16,
        Ok(p) => usage_error(format!(
            "port {p} is out of range: a port is a number from 0 to 65535"
        )),
        Err(_) => usage_error(format!(
            "{text:?} is not a port: a port is a number from 0 to 65535"
        )),
    };
    say(format!("port: {port}"));
    // IANA's three ranges. The notes call all of 1024–65535 "dynamic";
    // IANA registers services in 1024–49151 and keeps only 49152–65535
    // for dynamic (private, temporary) use.
    let range = match port {
        0..=1023 => "well-known",
        1024..=49151 => "registered",
        49152..=65535 => "dynamic",
    };
    say(format!("range: {range}"));
    // What this machine really does: Linux picks a client's port from its
    // own range, 32768–60999 by default, which is not IANA's.
    match ephemeral_range() {
        Some((low, high)) => {
            let yes = (low..=high).contains(&port);
            say(format!("ephemeral: {}", if yes { "yes" } else { "no" }));
            say(format!("ephemeral range: {low}-{high}"));
        }
        None => say("ephemeral: unknown"),
    }
}

/// The kernel's ephemeral port range, if this machine tells.
fn ephemeral_range() -> Option<(u16, u16)> {
    let text = std::fs::read_to_string(EPHEMERAL_RANGE_FILE).ok()?;
    let mut numbers = text.split_whitespace().map(|n| n.parse::<u16>());
    match (numbers.next(), numbers.next()) {
        (Some(Ok(low)), Some(Ok(high))) => Some((low, high)),
        _ => None,
    }
}

// -------------------------------------------------------------------- serve

/// Listen on `addr` and tell each client which address it reached, until
/// the program is stopped (Ctrl-C).
fn serve(addr: &str) {
    let addr = parse_addr(addr).unwrap_or_else(|e| usage_error(format!("{e} (usage: {USAGE})")));
    // Bound to 0.0.0.0 the socket takes connections to every address of
    // this host (all of 127.0.0.0/8 included); bound to 127.0.0.1, only
    // those to 127.0.0.1 — the OS refuses the rest.
    let listener =
        TcpListener::bind(addr).unwrap_or_else(|e| fail(format!("cannot listen on {addr}"), &e));
    let local = listener
        .local_addr()
        .unwrap_or_else(|e| fail("cannot read the bound address", &e));
    say(format!("listening on {local}"));
    for stream in listener.incoming() {
        let mut stream = match stream {
            Ok(stream) => stream,
            // One client's failed handshake must not stop the server.
            Err(e) => {
                eprintln!("error: accept failed: {}", common::explain(&e));
                continue;
            }
        };
        // The accepted socket's own address is the one the client dialled,
        // e.g. 127.1.2.3:PORT although we bound 0.0.0.0:PORT.
        let (Ok(reached), Ok(peer)) = (stream.local_addr(), stream.peer_addr()) else {
            continue;
        };
        say(format!("connection from {peer} to {reached}"));
        // A client that leaves early is its own business, not an error of ours.
        let _ = stream.write_all(format!("you reached {reached}\n").as_bytes());
    }
}
