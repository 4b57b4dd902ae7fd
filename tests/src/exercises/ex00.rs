//! Exercise 00, addresses and ports (§2, §3): a one-shot program that says
//! what an IPv4/IPv6 address or a port is, graded like assert_cmd does
//! (run, exit code, output predicates), plus a small TCP server mode that
//! shows on live sockets what binding 0.0.0.0 and 127.0.0.1 means.
//!
//! Where the notes are wrong the checks hold the truth: an octet is 0–255,
//! hosts on one LAN share the network number, IANA splits 1024–65535 into
//! registered and dynamic ports.

use super::shared;
use crate::harness::{has_line, no_line_starting};
use crate::prelude::*;
use std::net::{IpAddr, SocketAddr};

pub static EXERCISE: Exercise = Exercise {
    id: "00",
    slug: "addresses",
    title: Text {
        en: "Addresses and ports: what an IP address or a port says",
        zh: "地址与端口：一个 IP 地址或端口说明了什么",
    },
    sections: "§2, §3",
    exercise_package: "ex00-addresses",
    solution_package: "sol00-addresses",
    programs: &[Program {
        key: "00",
        role: Text {
            en: "the program",
            zh: "程序",
        },
        exercise_bin: "ex00-addresses",
        solution_bin: "sol00-addresses",
    }],
    checks: &[
        &ACCEPTS_EVERY_OCTET_FROM_0_TO_255,
        &REJECTS_WHAT_IS_NOT_AN_IPV4_ADDRESS,
        &SPLITS_NETWORK_AND_HOST_BY_THE_PREFIX,
        &REJECTS_A_PREFIX_OUT_OF_RANGE,
        &GIVES_HOSTS_ON_ONE_LAN_THE_SAME_NETWORK,
        &CLASSIFIES_BY_THE_FIRST_OCTET_AT_EVERY_BOUNDARY,
        &NAMES_MULTICAST_BROADCAST_AND_RESERVED_ADDRESSES,
        &FINDS_THE_PRIVATE_RANGES_AT_THEIR_EDGES,
        &REPORTS_ALL_OF_127_AS_LOOPBACK,
        &ANSWERS_ON_EVERY_LOOPBACK_ADDRESS_WHEN_BOUND_TO_0_0_0_0,
        &ANSWERS_ONLY_ON_127_0_0_1_WHEN_BOUND_TO_IT,
        &UNDERSTANDS_A_LINK_LOCAL_IPV6_ADDRESS_WITH_ITS_ZONE,
        &REFUSES_A_ZONE_THAT_NAMES_NO_INTERFACE,
        &TELLS_THE_KINDS_OF_IPV6_ADDRESSES_APART,
        &FINDS_IPV4_LINK_LOCAL_ADDRESSES,
        &ACCEPTS_EVERY_PORT_FROM_0_TO_65535,
        &REJECTS_A_PORT_ABOVE_65535,
        &LETS_THE_OS_CHOOSE_WHEN_THE_PORT_IS_0,
        &CALLS_0_TO_1023_WELL_KNOWN,
        &SPLITS_REGISTERED_AND_DYNAMIC_PORTS_AS_IANA_DOES,
        &KNOWS_THE_EPHEMERAL_RANGE_OF_THIS_MACHINE,
        &READS_THE_EPHEMERAL_RANGE_OF_ITS_OWN_NETWORK,
        &PRINTS_EXACTLY_THE_LINES_OF_ITS_ANSWER,
        &SPLITS_IPV6_AT_PREFIX_0_AND_128,
        &CALLS_SPECIAL_BLOCKS_OUTSIDE_THE_TABLE_PUBLIC,
        &REFUSES_A_WRONG_NUMBER_OF_ARGUMENTS,
        &SAYS_WHO_CONNECTED_TO_WHICH_ADDRESS,
        &EXPLAINS_A_PORT_THAT_IS_TAKEN,
        &shared::REFUSES_AN_ARGUMENT_THAT_IS_NOT_UTF8,
        &KEEPS_SERVING_AFTER_CLIENTS_RESET,
    ],
    clauses: CLAUSES,
};

/// The promises of this exercise's README contract (see `crate::clause`).
static CLAUSES: &[Clause] = &[
    clause(
        "00.octets",
        "An IPv4 address is four numbers of 0-255; anything else is a usage error.",
        "IPv4 地址是四个 0–255 的数；其他都是用法错误。",
        &[
            "accepts_every_octet_from_0_to_255",
            "rejects_what_is_not_an_ipv4_address",
        ],
    ),
    clause(
        "00.lines",
        "An answer has exactly the lines of the contract, in order, and no others (no class or netmask for IPv6).",
        "回答正好包含约定中的各行，顺序一致，没有多余的行（IPv6 没有 class 和 netmask）。",
        &["prints_exactly_the_lines_of_its_answer"],
    ),
    clause(
        "00.prefix",
        "With /PREFIX: netmask, network (host bits cleared) and host (network bits cleared), at /0 and at the full length too.",
        "带 /PREFIX 时：子网掩码、网络部分（主机位清零）和主机部分（网络位清零），/0 和满长度也一样。",
        &[
            "splits_network_and_host_by_the_prefix",
            "gives_hosts_on_one_lan_the_same_network",
            "splits_ipv6_at_prefix_0_and_128",
        ],
    ),
    clause(
        "00.prefix-range",
        "A prefix above 32 (IPv4) or 128 (IPv6), or not a number, is a usage error.",
        "前缀大于 32（IPv4）或 128（IPv6），或不是数字，属于用法错误。",
        &["rejects_a_prefix_out_of_range"],
    ),
    clause(
        "00.class",
        "class is A-E by the first number, right at every boundary.",
        "class 按第一个数为 A–E，每个边界都正确。",
        &["classifies_by_the_first_octet_at_every_boundary"],
    ),
    clause(
        "00.kind-v4",
        "kind of an IPv4 address: the first rule of the table that applies, every range at both edges; what the table does not name is public.",
        "IPv4 地址的 kind：表中第一条适用的规则，每个范围的两端都正确；表中没有的都是 public。",
        &[
            "names_multicast_broadcast_and_reserved_addresses",
            "finds_the_private_ranges_at_their_edges",
            "reports_all_of_127_as_loopback",
            "finds_ipv4_link_local_addresses",
            "calls_special_blocks_outside_the_table_public",
        ],
    ),
    clause(
        "00.kind-v6",
        "kind of an IPv6 address: the first rule of the table that applies, every range at both edges.",
        "IPv6 地址的 kind：表中第一条适用的规则，每个范围的两端都正确。",
        &[
            "tells_the_kinds_of_ipv6_addresses_apart",
            "calls_special_blocks_outside_the_table_public",
        ],
    ),
    clause(
        "00.zone",
        "%ZONE of an IPv6 address is shown on a zone line, and only then.",
        "IPv6 地址的 %ZONE 显示在 zone 行中，没有时不显示该行。",
        &["understands_a_link_local_ipv6_address_with_its_zone"],
    ),
    clause(
        "00.zone-form",
        "A zone follows only an IPv6 address and could name an interface; anything else is a usage error.",
        "区域只能跟在 IPv6 地址后面，并且可能是一个接口名；否则就是用法错误。",
        &["refuses_a_zone_that_names_no_interface"],
    ),
    clause(
        "00.port-range",
        "Every port 0-65535 is accepted (0 too); above 65535 or not a number is a usage error.",
        "0–65535 的每个端口都接受（包括 0）；大于 65535 或不是数字属于用法错误。",
        &[
            "accepts_every_port_from_0_to_65535",
            "rejects_a_port_above_65535",
        ],
    ),
    clause(
        "00.iana",
        "range: well-known 0-1023, registered 1024-49151, dynamic 49152-65535.",
        "range：知名 0–1023，注册 1024–49151，动态 49152–65535。",
        &[
            "calls_0_to_1023_well_known",
            "splits_registered_and_dynamic_ports_as_iana_does",
        ],
    ),
    clause(
        "00.ephemeral",
        "ephemeral: yes|no by the range read from ip_local_port_range when the program runs, both ends included.",
        "ephemeral：按程序运行时从 ip_local_port_range 读到的范围判断 yes|no，两端都包含。",
        &[
            "knows_the_ephemeral_range_of_this_machine",
            "reads_the_ephemeral_range_of_its_own_network",
        ],
    ),
    clause(
        "00.serve-bind",
        "serve binds exactly the address given and prints the address really bound (port 0: the OS's port).",
        "serve 正好绑定给定的地址，并打印实际绑定的地址（端口 0 时为操作系统选定的端口）。",
        &[
            "answers_on_every_loopback_address_when_bound_to_0_0_0_0",
            "answers_only_on_127_0_0_1_when_bound_to_it",
            "lets_the_os_choose_when_the_port_is_0",
        ],
    ),
    clause(
        "00.serve-lines",
        "serve prints `connection from PEER to LOCAL` and sends `you reached LOCAL`, LOCAL being the address the client dialled.",
        "serve 打印 `connection from PEER to LOCAL` 并发送 `you reached LOCAL`，LOCAL 是客户端拨打的地址。",
        &["says_who_connected_to_which_address"],
    ),
    clause(
        "00.serve-on",
        "serve goes on until it is stopped: a client that resets before it is served does not end it.",
        "serve 一直运行到被停止：在得到服务之前就重置连接的客户端不会让它结束。",
        &["keeps_serving_after_clients_reset"],
    ),
    clause(
        "00.serve-taken",
        "serve on a port that is taken: exit 1 and one sentence.",
        "serve 的端口已被占用：以 1 退出并输出一句话。",
        &["explains_a_port_that_is_taken"],
    ),
    clause(
        "00.usage",
        "No argument, too many, or an argument that is not UTF-8: exit 2 and one sentence, never a panic.",
        "没有参数、参数太多或参数不是 UTF-8：以 2 退出并输出一句话，绝不 panic。",
        &[
            "refuses_a_wrong_number_of_arguments",
            "refuses_an_argument_that_is_not_utf8",
        ],
    ),
];

/// Say which input a failure is about: `` `ex00-addresses 172.16.0.0`: … ``.
fn for_input(args: &[&str], stop: Stop) -> Stop {
    match stop {
        Stop::Fail(mut failure) => {
            let input = args.join(" ");
            failure.what = msg!("for `{}`: {}", input, failure.what.en; "输入 `{}` 时：{}", input, failure.what.zh);
            Stop::Fail(failure)
        }
        skip => skip,
    }
}

/// Run the program with `args`: it exits 0 and prints every line of `lines`.
fn says(t: &Test, args: &[&str], lines: &[String]) -> Outcome {
    let done = t.run(args)?;
    done.expect_code(0).map_err(|s| for_input(args, s))?;
    for line in lines {
        done.expect_stdout(has_line(line.as_str()))
            .map_err(|s| for_input(args, s))?;
    }
    Ok(())
}

/// Each address of `cases` is reported with `key: value`.
fn each_says(t: &Test, key: &str, cases: &[(&str, &str)]) -> Outcome {
    for (input, value) in cases {
        says(t, &[input], &[format!("{key}: {value}")])?;
    }
    Ok(())
}

/// Run the program with `args`: a usage error, exit 2 and one sentence.
fn refuses(t: &Test, args: &[&str]) -> Outcome {
    let done = t.run(args)?;
    done.expect_code(2).map_err(|s| for_input(args, s))?;
    done.expect_one_sentence_on_stderr()
        .map_err(|s| for_input(args, s))
}

/// The kernel's ephemeral port range, as the suite reads it.
fn ephemeral_range() -> Option<(u16, u16)> {
    let text = std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range").ok()?;
    let mut numbers = text.split_whitespace().map(str::parse::<u16>);
    match (numbers.next(), numbers.next()) {
        (Some(Ok(low)), Some(Ok(high))) => Some((low, high)),
        _ => None,
    }
}

pub const ACCEPTS_EVERY_OCTET_FROM_0_TO_255: Check = Check {
    name: "accepts_every_octet_from_0_to_255",
    behaviour: "A1",
    section: "§2",
    tier: Tier::Notes,
    title: Text {
        en: "an IPv4 address is four numbers of 0-255: 0.0.0.0 and 255.255.255.255 are valid",
        zh: "IPv4 地址是四个 0–255 的数：0.0.0.0 和 255.255.255.255 都合法",
    },
    hints: &[
        Text {
            en: "Parse with \"…\".parse::<IpAddr>() (or Ipv4Addr) and print `address:` and `version: 4`; do not write your own range check.",
            zh: "用 \"…\".parse::<IpAddr>()（或 Ipv4Addr）解析，打印 `address:` 和 `version: 4`；不要自己写范围检查。",
        },
        Text {
            en: "The notes say each number is 1-256. That is wrong: each is one byte (8 bits), so 0 to 255, and there are 2^32 IPv4 addresses in all.",
            zh: "笔记说每个数是 1–256，这是错的：每个数是一个字节（8 位），所以是 0 到 255，IPv4 地址一共 2^32 个。",
        },
    ],
    needs: &[],
    run: |t| {
        for ip in ["0.0.0.0", "255.255.255.255", "10.0.255.1", "1.2.3.0"] {
            says(t, &[ip], &[format!("address: {ip}"), "version: 4".into()])?;
        }
        Ok(())
    },
};

pub const REJECTS_WHAT_IS_NOT_AN_IPV4_ADDRESS: Check = Check {
    name: "rejects_what_is_not_an_ipv4_address",
    behaviour: "A1",
    section: "§2",
    tier: Tier::Notes,
    title: Text {
        en: "256.1.1.1, three numbers or five are not addresses: exit 2 and one sentence",
        zh: "256.1.1.1、三个数或五个数都不是地址：以 2 退出并输出一句话",
    },
    hints: &[
        Text {
            en: "When the address does not parse, call usage_error with one sentence: it prints it on stderr and exits 2.",
            zh: "地址无法解析时，用一句话调用 usage_error：它会输出到标准错误并以 2 退出。",
        },
        Text {
            en: "256 does not fit in 8 bits; never unwrap a parse of user input, explain the mistake instead.",
            zh: "256 放不进 8 位；不要对用户输入的解析结果 unwrap，而应说明错在哪里。",
        },
    ],
    needs: &[],
    run: |t| {
        for input in [
            "256.1.1.1",
            "1.2.3.256",
            "1.2.3",
            "1.2.3.4.5",
            "1.2.3.-1",
            "hello",
        ] {
            refuses(t, &[input])?;
        }
        Ok(())
    },
};

pub const SPLITS_NETWORK_AND_HOST_BY_THE_PREFIX: Check = Check {
    name: "splits_network_and_host_by_the_prefix",
    behaviour: "A2",
    section: "§2",
    tier: Tier::Notes,
    title: Text {
        en: "with /PREFIX: the netmask, the network part and the host part",
        zh: "带 /PREFIX 时：子网掩码、网络部分和主机部分",
    },
    hints: &[
        Text {
            en: "192.168.43.143/24: the first 24 bits are the network (192.168.43.0), the last 8 the host (0.0.0.143). Print `prefix:`, `netmask:`, `network:` and `host:`.",
            zh: "192.168.43.143/24：前 24 位是网络（192.168.43.0），后 8 位是主机（0.0.0.143）。打印 `prefix:`、`netmask:`、`network:` 和 `host:`。",
        },
        Text {
            en: "Turn the address into a number (u32::from(ip)), build the mask with u32::MAX << (32 - prefix) (careful: a shift by 32 overflows, /0 is mask 0), then network = ip & mask and host = ip & !mask.",
            zh: "把地址变成数字（u32::from(ip)），用 u32::MAX << (32 - prefix) 构造掩码（小心：移 32 位会溢出，/0 的掩码是 0），然后 network = ip & mask，host = ip & !mask。",
        },
    ],
    needs: &[],
    run: |t| {
        let cases: &[(&str, [&str; 4])] = &[
            (
                "192.168.43.143/24",
                [
                    "prefix: 24",
                    "netmask: 255.255.255.0",
                    "network: 192.168.43.0",
                    "host: 0.0.0.143",
                ],
            ),
            (
                "172.16.5.4/12",
                [
                    "prefix: 12",
                    "netmask: 255.240.0.0",
                    "network: 172.16.0.0",
                    "host: 0.0.5.4",
                ],
            ),
            (
                "10.1.2.3/8",
                [
                    "prefix: 8",
                    "netmask: 255.0.0.0",
                    "network: 10.0.0.0",
                    "host: 0.1.2.3",
                ],
            ),
            (
                "192.168.43.143/32",
                [
                    "prefix: 32",
                    "netmask: 255.255.255.255",
                    "network: 192.168.43.143",
                    "host: 0.0.0.0",
                ],
            ),
            (
                "192.168.43.143/0",
                [
                    "prefix: 0",
                    "netmask: 0.0.0.0",
                    "network: 0.0.0.0",
                    "host: 192.168.43.143",
                ],
            ),
        ];
        for (input, lines) in cases {
            says(t, &[input], &lines.map(String::from))?;
        }
        says(
            t,
            &["2409:8962:804:2874:28fb:6bc4:bfa6:7c83/64"],
            &[
                "prefix: 64".into(),
                "network: 2409:8962:804:2874::".into(),
                "host: ::28fb:6bc4:bfa6:7c83".into(),
            ],
        )
    },
};

pub const REJECTS_A_PREFIX_OUT_OF_RANGE: Check = Check {
    name: "rejects_a_prefix_out_of_range",
    behaviour: "A2",
    section: "§2",
    tier: Tier::Notes,
    title: Text {
        en: "a prefix above 32 (IPv4) or 128 (IPv6), or not a number: exit 2",
        zh: "前缀大于 32（IPv4）或 128（IPv6），或不是数字：以 2 退出",
    },
    hints: &[
        Text {
            en: "The prefix counts network bits: 0 to 32 for IPv4, 0 to 128 for IPv6; anything else is a usage error.",
            zh: "前缀是网络位的个数：IPv4 为 0 到 32，IPv6 为 0 到 128；其他都是用法错误。",
        },
        Text {
            en: "Check the prefix before shifting: u32::MAX << 33 is not a mask, it is an overflow.",
            zh: "移位之前先检查前缀：u32::MAX << 33 不是掩码，而是溢出。",
        },
    ],
    needs: &[],
    run: |t| {
        for input in [
            "1.2.3.4/33",
            "1.2.3.4/-1",
            "1.2.3.4/x",
            "1.2.3.4/",
            "fe80::1/129",
        ] {
            refuses(t, &[input])?;
        }
        Ok(())
    },
};

pub const GIVES_HOSTS_ON_ONE_LAN_THE_SAME_NETWORK: Check = Check {
    name: "gives_hosts_on_one_lan_the_same_network",
    behaviour: "A3",
    section: "§2",
    tier: Tier::Notes,
    title: Text {
        en: "hosts on one LAN share the network number and differ in the host number",
        zh: "同一局域网中的主机网络号相同、主机号不同",
    },
    hints: &[
        Text {
            en: "192.168.43.143/24 and 192.168.43.7/24 must both report `network: 192.168.43.0`; their `host:` lines differ.",
            zh: "192.168.43.143/24 和 192.168.43.7/24 都必须报告 `network: 192.168.43.0`；它们的 `host:` 行不同。",
        },
        Text {
            en: "The notes say computers on one LAN have different network numbers; it is the other way round. The network part is the address with the host bits cleared.",
            zh: "笔记说同一局域网的电脑网络号不同；事实恰恰相反。网络部分就是把主机位清零后的地址。",
        },
    ],
    needs: &[],
    run: |t| {
        let hosts = [
            (
                "192.168.43.143/24",
                "network: 192.168.43.0",
                "host: 0.0.0.143",
            ),
            ("192.168.43.7/24", "network: 192.168.43.0", "host: 0.0.0.7"),
            (
                "192.168.44.143/24",
                "network: 192.168.44.0",
                "host: 0.0.0.143",
            ),
        ];
        for (input, network, host) in hosts {
            says(t, &[input], &[network.into(), host.into()])?;
        }
        Ok(())
    },
};

pub const CLASSIFIES_BY_THE_FIRST_OCTET_AT_EVERY_BOUNDARY: Check = Check {
    name: "classifies_by_the_first_octet_at_every_boundary",
    behaviour: "A4",
    section: "§2",
    tier: Tier::Notes,
    title: Text {
        en: "class A-E by the first number, right at every boundary",
        zh: "按第一个数划分 A–E 类，每个边界都正确",
    },
    hints: &[
        Text {
            en: "Print `class: X` from the first number: A 0-127, B 128-191, C 192-223, D 224-239, E 240-255.",
            zh: "根据第一个数打印 `class: X`：A 0–127，B 128–191，C 192–223，D 224–239，E 240–255。",
        },
        Text {
            en: "A match on the first octet with inclusive ranges (0..=127 => 'A', …) has no off-by-one. Classes are history (networks are split by prefix since 1993), but the names are still used.",
            zh: "对第一个字节用闭区间 match（0..=127 => 'A'，…）就不会差一。分类已是历史（自 1993 年起网络按前缀划分），但这些名字仍在使用。",
        },
    ],
    needs: &[],
    run: |t| {
        each_says(
            t,
            "class",
            &[
                ("0.0.0.0", "A"),
                ("127.255.255.255", "A"),
                ("128.0.0.0", "B"),
                ("191.255.255.255", "B"),
                ("192.0.0.0", "C"),
                ("223.255.255.255", "C"),
                ("224.0.0.0", "D"),
                ("239.255.255.255", "D"),
                ("240.0.0.0", "E"),
                ("255.255.255.255", "E"),
            ],
        )
    },
};

pub const NAMES_MULTICAST_BROADCAST_AND_RESERVED_ADDRESSES: Check = Check {
    name: "names_multicast_broadcast_and_reserved_addresses",
    behaviour: "A4",
    section: "§2",
    tier: Tier::Notes,
    title: Text {
        en: "class D is multicast, 255.255.255.255 broadcast, the rest of E reserved, 0.0.0.0 unspecified",
        zh: "D 类是组播，255.255.255.255 是广播，E 类其余是保留地址，0.0.0.0 是未指定地址",
    },
    hints: &[
        Text {
            en: "Print `kind:` by the first rule that applies, in the order README.md lists them.",
            zh: "按 README.md 列出的顺序，用第一条适用的规则打印 `kind:`。",
        },
        Text {
            en: "224.0.0.0-239.255.255.255 is multicast; 240.0.0.0 and up is reserved, except 255.255.255.255, the broadcast address; 0.0.0.0 means \"any address of this host\" in a bind.",
            zh: "224.0.0.0–239.255.255.255 是组播；240.0.0.0 及以上是保留地址，但 255.255.255.255 是广播地址；0.0.0.0 在 bind 中表示“本机的任意地址”。",
        },
    ],
    needs: &[],
    run: |t| {
        each_says(
            t,
            "kind",
            &[
                ("223.255.255.255", "public"),
                ("224.0.0.0", "multicast"),
                ("239.255.255.255", "multicast"),
                ("240.0.0.0", "reserved"),
                ("255.255.255.254", "reserved"),
                ("255.255.255.255", "broadcast"),
                ("0.0.0.0", "unspecified"),
                ("0.0.0.1", "reserved"),
                ("0.255.255.255", "reserved"),
                ("1.0.0.0", "public"),
            ],
        )
    },
};

pub const FINDS_THE_PRIVATE_RANGES_AT_THEIR_EDGES: Check = Check {
    name: "finds_the_private_ranges_at_their_edges",
    behaviour: "A5",
    section: "§2",
    tier: Tier::Notes,
    title: Text {
        en: "private: 10/8, 172.16/12, 192.168/16 — right at each edge",
        zh: "私有地址：10/8、172.16/12、192.168/16——每个边缘都正确",
    },
    hints: &[
        Text {
            en: "Print `kind: private` for 10.x.x.x, 172.16.x.x to 172.31.x.x, and 192.168.x.x.",
            zh: "对 10.x.x.x、172.16.x.x 到 172.31.x.x 以及 192.168.x.x 打印 `kind: private`。",
        },
        Text {
            en: "172.16.0.0/12 keeps 12 bits: the second number runs from 16 to 31, not just 16. 172.15.255.255 and 172.32.0.0 are public.",
            zh: "172.16.0.0/12 固定 12 位：第二个数从 16 到 31，而不只是 16。172.15.255.255 和 172.32.0.0 是公网地址。",
        },
    ],
    needs: &[],
    run: |t| {
        each_says(
            t,
            "kind",
            &[
                ("9.255.255.255", "public"),
                ("10.0.0.0", "private"),
                ("10.255.255.255", "private"),
                ("11.0.0.0", "public"),
                ("172.15.255.255", "public"),
                ("172.16.0.0", "private"),
                ("172.31.255.255", "private"),
                ("172.32.0.0", "public"),
                ("192.167.255.255", "public"),
                ("192.168.0.0", "private"),
                ("192.168.43.143", "private"),
                ("192.168.255.255", "private"),
                ("192.169.0.0", "public"),
            ],
        )
    },
};

pub const REPORTS_ALL_OF_127_AS_LOOPBACK: Check = Check {
    name: "reports_all_of_127_as_loopback",
    behaviour: "A6",
    section: "§2",
    tier: Tier::Notes,
    title: Text {
        en: "all of 127.0.0.0/8 is loopback, not only 127.0.0.1",
        zh: "整个 127.0.0.0/8 都是回环地址，不只是 127.0.0.1",
    },
    hints: &[
        Text {
            en: "Print `kind: loopback` whenever the first number is 127.",
            zh: "只要第一个数是 127，就打印 `kind: loopback`。",
        },
        Text {
            en: "127.0.0.1 is the usual name for this machine, but every 127.x.y.z reaches it too (Ipv4Addr::is_loopback agrees).",
            zh: "127.0.0.1 是本机的常用地址，但每个 127.x.y.z 也都指向本机（Ipv4Addr::is_loopback 也这么认为）。",
        },
    ],
    needs: &[],
    run: |t| {
        each_says(
            t,
            "kind",
            &[
                ("126.255.255.255", "public"),
                ("127.0.0.0", "loopback"),
                ("127.0.0.1", "loopback"),
                ("127.1.2.3", "loopback"),
                ("127.255.255.255", "loopback"),
                ("128.0.0.0", "public"),
            ],
        )
    },
};

pub const ANSWERS_ON_EVERY_LOOPBACK_ADDRESS_WHEN_BOUND_TO_0_0_0_0: Check = Check {
    name: "answers_on_every_loopback_address_when_bound_to_0_0_0_0",
    behaviour: "A6",
    section: "§2",
    tier: Tier::Notes,
    title: Text {
        en: "`serve 0.0.0.0:0` answers on 127.0.0.1, 127.1.2.3 and 127.255.255.254 alike",
        zh: "`serve 0.0.0.0:0` 在 127.0.0.1、127.1.2.3 和 127.255.255.254 上都会应答",
    },
    hints: &[
        Text {
            en: "Bind exactly the address you are given; print `listening on IP:PORT` from local_addr(); answer each connection with `you reached LOCAL` where LOCAL is the accepted stream's local_addr().",
            zh: "绑定的必须正是给定的地址；用 local_addr() 打印 `listening on IP:PORT`；对每个连接回复 `you reached LOCAL`，LOCAL 是 accept 得到的连接的 local_addr()。",
        },
        Text {
            en: "0.0.0.0 in a bind means every address of this machine, and all of 127.0.0.0/8 is this machine: a client can dial 127.1.2.3 and the accepted socket tells you so.",
            zh: "bind 中的 0.0.0.0 表示本机的所有地址，而整个 127.0.0.0/8 都是本机：客户端可以拨 127.1.2.3，accept 得到的套接字会告诉你这一点。",
        },
    ],
    needs: &[],
    run: |t| {
        let (_server, addr) = t.start_listening(&["serve", "0.0.0.0:0"])?;
        if addr.ip() != IpAddr::from([0, 0, 0, 0]) || addr.port() == 0 {
            return Err(Stop::mismatch(
                msg!("the server is not listening on the address it was given"; "服务器监听的不是给定的地址"),
                "0.0.0.0 and a non-zero port",
                addr.to_string(),
            ));
        }
        for ip in [[127, 0, 0, 1], [127, 1, 2, 3], [127, 255, 255, 254]] {
            let target = SocketAddr::from((ip, addr.port()));
            let mut client = t.connect(target)?;
            client.expect_line(&format!("you reached {target}"), REPLY)?;
        }
        Ok(())
    },
};

pub const ANSWERS_ONLY_ON_127_0_0_1_WHEN_BOUND_TO_IT: Check = Check {
    name: "answers_only_on_127_0_0_1_when_bound_to_it",
    behaviour: "A6",
    section: "§2",
    tier: Tier::Notes,
    title: Text {
        en: "`serve 127.0.0.1:0` answers on 127.0.0.1; 127.0.0.2 is refused",
        zh: "`serve 127.0.0.1:0` 在 127.0.0.1 上应答；连接 127.0.0.2 被拒绝",
    },
    hints: &[
        Text {
            en: "Bind exactly the IP you are given, not 0.0.0.0: the OS then refuses connections to any other address.",
            zh: "绑定的必须正是给定的 IP，而不是 0.0.0.0：这样操作系统会拒绝发往其他地址的连接。",
        },
        Text {
            en: "127.0.0.2 is this machine too, but a socket bound to 127.0.0.1 only gets what is sent to 127.0.0.1.",
            zh: "127.0.0.2 也是本机，但绑定到 127.0.0.1 的套接字只接收发往 127.0.0.1 的数据。",
        },
    ],
    needs: &[],
    run: |t| {
        let (_server, addr) = t.start_listening(&["serve", "127.0.0.1:0"])?;
        if addr.ip() != IpAddr::from([127, 0, 0, 1]) || addr.port() == 0 {
            return Err(Stop::mismatch(
                msg!("the server is not listening on the address it was given"; "服务器监听的不是给定的地址"),
                "127.0.0.1 and a non-zero port",
                addr.to_string(),
            ));
        }
        let mut client = t.connect(addr)?;
        client.expect_line(&format!("you reached {addr}"), REPLY)?;
        t.expect_refused(SocketAddr::from(([127, 0, 0, 2], addr.port())))
    },
};

pub const UNDERSTANDS_A_LINK_LOCAL_IPV6_ADDRESS_WITH_ITS_ZONE: Check = Check {
    name: "understands_a_link_local_ipv6_address_with_its_zone",
    behaviour: "A7",
    section: "§2",
    tier: Tier::Notes,
    title: Text {
        en: "fe80::…%19 is a link-local IPv6 address on interface 19",
        zh: "fe80::…%19 是 19 号接口上的 IPv6 链路本地地址",
    },
    hints: &[
        Text {
            en: "Split off `%ZONE` before parsing; print `address:` without it, `version: 6`, `kind: link-local` and `zone: 19`. No zone, no `zone:` line.",
            zh: "解析之前先分离 `%ZONE`；打印不带它的 `address:`、`version: 6`、`kind: link-local` 和 `zone: 19`。没有区域就不打印 `zone:` 行。",
        },
        Text {
            en: "fe80::/10 addresses exist on every link, so the same one can be on several interfaces; the zone (an interface number or name) says which one is meant.",
            zh: "fe80::/10 地址在每条链路上都有，同一个地址可能出现在多个接口上；区域（接口编号或名称）说明指的是哪一个。",
        },
    ],
    needs: &[],
    run: |t| {
        says(
            t,
            &["fe80::28fb:6bc4:bfa6:7c83%19"],
            &[
                "address: fe80::28fb:6bc4:bfa6:7c83".into(),
                "version: 6".into(),
                "kind: link-local".into(),
                "zone: 19".into(),
            ],
        )?;
        says(
            t,
            &["fe80::1%eth0"],
            &["kind: link-local".into(), "zone: eth0".into()],
        )?;
        says(t, &["fe80::1"], &["kind: link-local".into()])?;
        let done = t.run(&["fe80::1"])?;
        done.expect_stdout(no_line_starting("zone:"))
            .map_err(|s| for_input(&["fe80::1"], s))
    },
};

pub const REFUSES_A_ZONE_THAT_NAMES_NO_INTERFACE: Check = Check {
    name: "refuses_a_zone_that_names_no_interface",
    behaviour: "A7",
    section: "§2",
    tier: Tier::Real,
    title: Text {
        en: "a zone after IPv4, an empty zone or one with a space: exit 2 and one sentence",
        zh: "IPv4 后带区域、空区域或含空格的区域：以 2 退出并输出一句话",
    },
    hints: &[
        Text {
            en: "After splitting off `%ZONE`, refuse it when the address is IPv4 or the zone is empty or holds anything but letters, digits, `-`, `_` and `.`.",
            zh: "分离出 `%ZONE` 之后，如果地址是 IPv4，或区域为空、含有字母、数字、`-`、`_`、`.` 以外的字符，就拒绝它。",
        },
        Text {
            en: "Only IPv6 link-local addresses need a zone (fe80::1 exists on every link); an interface name never holds a space, a colon or a slash.",
            zh: "只有 IPv6 链路本地地址需要区域（每条链路上都有 fe80::1）；接口名里不会有空格、冒号或斜杠。",
        },
    ],
    needs: &[],
    run: |t| {
        for input in ["127.0.0.1%1", "fe80::1%", "fe80::1%eth 0"] {
            refuses(t, &[input])?;
        }
        Ok(())
    },
};

pub const TELLS_THE_KINDS_OF_IPV6_ADDRESSES_APART: Check = Check {
    name: "tells_the_kinds_of_ipv6_addresses_apart",
    behaviour: "A7",
    section: "§2",
    tier: Tier::Notes,
    title: Text {
        en: "IPv6: ::1 loopback, fe80::/10 link-local, ff00::/8 multicast, fc00::/7 private",
        zh: "IPv6：::1 回环，fe80::/10 链路本地，ff00::/8 组播，fc00::/7 私有",
    },
    hints: &[
        Text {
            en: "Look at the first 16-bit group (segments()[0]) and compare its leading bits: fe80::/10 means the first 10 bits are 1111111010.",
            zh: "看第一个 16 位分组（segments()[0]）并比较它的高位：fe80::/10 表示前 10 位是 1111111010。",
        },
        Text {
            en: "febf:… is still link-local (the /10 covers fe80 to febf); ::1 is IPv6's 127.0.0.1; fc00::/7 (fd…) is IPv6's private range.",
            zh: "febf:… 仍是链路本地地址（/10 覆盖 fe80 到 febf）；::1 相当于 IPv6 的 127.0.0.1；fc00::/7（fd…）是 IPv6 的私有范围。",
        },
    ],
    needs: &[],
    run: |t| {
        each_says(
            t,
            "kind",
            &[
                ("::1", "loopback"),
                ("::", "unspecified"),
                ("fe80::9687:e0ff:fe11:ecc4", "link-local"),
                ("febf:ffff::1", "link-local"),
                ("ff02::1", "multicast"),
                ("ff00::", "multicast"),
                ("fd12:3456::1", "private"),
                ("fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "public"),
                ("fc00::", "private"),
                ("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "private"),
                ("fe00::", "public"),
                ("fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "public"),
                ("fec0::1", "public"),
                ("2409:8962:804:2874:28fb:6bc4:bfa6:7c83", "public"),
            ],
        )
    },
};

pub const FINDS_IPV4_LINK_LOCAL_ADDRESSES: Check = Check {
    name: "finds_ipv4_link_local_addresses",
    behaviour: "A7",
    section: "§2",
    tier: Tier::Notes,
    title: Text {
        en: "IPv4 has link-local addresses too: 169.254.0.0/16",
        zh: "IPv4 也有链路本地地址：169.254.0.0/16",
    },
    hints: &[
        Text {
            en: "Print `kind: link-local` when the address starts with 169.254.",
            zh: "地址以 169.254. 开头时打印 `kind: link-local`。",
        },
        Text {
            en: "A machine that gets no address from DHCP picks one in 169.254/16 by itself; like fe80::/10 it is valid only on its own link.",
            zh: "没有从 DHCP 获得地址的机器会自己在 169.254/16 中选一个；和 fe80::/10 一样，它只在本链路上有效。",
        },
    ],
    needs: &[],
    run: |t| {
        each_says(
            t,
            "kind",
            &[
                ("169.253.255.255", "public"),
                ("169.254.0.0", "link-local"),
                ("169.254.255.255", "link-local"),
                ("169.255.0.0", "public"),
            ],
        )
    },
};

pub const ACCEPTS_EVERY_PORT_FROM_0_TO_65535: Check = Check {
    name: "accepts_every_port_from_0_to_65535",
    behaviour: "P1",
    section: "§3",
    tier: Tier::Notes,
    title: Text {
        en: "`port N` accepts every port from 0 to 65535",
        zh: "`port N` 接受 0 到 65535 的每个端口",
    },
    hints: &[
        Text {
            en: "Parse the number as a u16 (or wider, then check 0..=65535) and print `port: N`.",
            zh: "把数字解析为 u16（或更宽的类型再检查 0..=65535），并打印 `port: N`。",
        },
        Text {
            en: "A port is 16 bits, 0 to 65535. Port 0 is valid too: in a bind it asks the OS to choose a free port.",
            zh: "端口是 16 位，0 到 65535。端口 0 也合法：在 bind 中它表示让操作系统选一个空闲端口。",
        },
    ],
    needs: &[],
    run: |t| {
        for port in ["0", "1", "8080", "65535"] {
            says(t, &["port", port], &[format!("port: {port}")])?;
        }
        Ok(())
    },
};

pub const REJECTS_A_PORT_ABOVE_65535: Check = Check {
    name: "rejects_a_port_above_65535",
    behaviour: "P1",
    section: "§3",
    tier: Tier::Notes,
    title: Text {
        en: "port 65536, -1 or text: exit 2 and one sentence",
        zh: "端口 65536、-1 或文字：以 2 退出并输出一句话",
    },
    hints: &[
        Text {
            en: "When the number does not parse or is above 65535, call usage_error with one sentence (exit 2).",
            zh: "数字无法解析或大于 65535 时，用一句话调用 usage_error（以 2 退出）。",
        },
        Text {
            en: "Parsing into a wider type and casting with `as u16` wraps 65536 round to 0: check the range before the cast.",
            zh: "解析成更宽的类型再用 `as u16` 转换会把 65536 回绕成 0：转换前先检查范围。",
        },
    ],
    needs: &[],
    run: |t| {
        for port in ["65536", "99999", "-1", "eighty", ""] {
            refuses(t, &["port", port])?;
        }
        Ok(())
    },
};

pub const LETS_THE_OS_CHOOSE_WHEN_THE_PORT_IS_0: Check = Check {
    name: "lets_the_os_choose_when_the_port_is_0",
    behaviour: "P1",
    section: "§3",
    tier: Tier::Notes,
    title: Text {
        en: "`serve 127.0.0.1:0` gets a real port from the OS and says which",
        zh: "`serve 127.0.0.1:0` 从操作系统得到一个真实端口并说出是哪个",
    },
    hints: &[
        Text {
            en: "Print the port listener.local_addr() reports, not the 0 you were given.",
            zh: "打印 listener.local_addr() 报告的端口，而不是传入的 0。",
        },
        Text {
            en: "Port 0 is not a port anyone listens on: it asks the OS to pick a free one, and only the socket knows which it picked.",
            zh: "端口 0 不是谁真的在监听的端口：它请操作系统挑一个空闲端口，只有套接字知道选了哪个。",
        },
    ],
    needs: &[],
    run: |t| {
        let (_server, addr) = t.start_listening(&["serve", "127.0.0.1:0"])?;
        if addr.port() == 0 {
            return Err(Stop::mismatch(
                msg!("the server printed port 0 instead of the port the OS chose"; "服务器打印的是端口 0，而不是操作系统选定的端口"),
                "127.0.0.1 and a non-zero port",
                addr.to_string(),
            ));
        }
        let mut client = t.connect(addr)?;
        client.expect_line(&format!("you reached {addr}"), REPLY)
    },
};

pub const CALLS_0_TO_1023_WELL_KNOWN: Check = Check {
    name: "calls_0_to_1023_well_known",
    behaviour: "P2",
    section: "§3",
    tier: Tier::Notes,
    title: Text {
        en: "ports 0-1023 are well-known (80 HTTP, 21 FTP); 1024 is not",
        zh: "端口 0–1023 是知名端口（80 HTTP，21 FTP）；1024 不是",
    },
    hints: &[
        Text {
            en: "Print `range: well-known` for 0 to 1023 inclusive.",
            zh: "对 0 到 1023（含）打印 `range: well-known`。",
        },
        Text {
            en: "IANA assigns these to standard services; on Linux binding one needs privilege (root or CAP_NET_BIND_SERVICE).",
            zh: "IANA 把这些端口分配给标准服务；在 Linux 上绑定它们需要特权（root 或 CAP_NET_BIND_SERVICE）。",
        },
    ],
    needs: &[],
    run: |t| {
        for (port, range) in [
            ("0", "well-known"),
            ("21", "well-known"),
            ("80", "well-known"),
            ("1023", "well-known"),
            ("1024", "registered"),
        ] {
            says(t, &["port", port], &[format!("range: {range}")])?;
        }
        Ok(())
    },
};

pub const SPLITS_REGISTERED_AND_DYNAMIC_PORTS_AS_IANA_DOES: Check = Check {
    name: "splits_registered_and_dynamic_ports_as_iana_does",
    behaviour: "P3",
    section: "§3",
    tier: Tier::Notes,
    title: Text {
        en: "IANA: registered 1024-49151, dynamic 49152-65535 (not all of 1024-65535 is dynamic)",
        zh: "IANA：注册端口 1024–49151，动态端口 49152–65535（并非 1024–65535 都是动态端口）",
    },
    hints: &[
        Text {
            en: "Print `range: registered` for 1024 to 49151 and `range: dynamic` for 49152 to 65535.",
            zh: "对 1024 到 49151 打印 `range: registered`，对 49152 到 65535 打印 `range: dynamic`。",
        },
        Text {
            en: "The notes call all of 1024-65535 dynamic; IANA registers services in 1024-49151 (8080, 3306 …) and leaves only 49152-65535 for temporary use.",
            zh: "笔记把 1024–65535 都称为动态端口；IANA 在 1024–49151 中登记服务（8080、3306 等），只把 49152–65535 留作临时使用。",
        },
    ],
    needs: &[],
    run: |t| {
        for (port, range) in [
            ("1024", "registered"),
            ("8080", "registered"),
            ("49151", "registered"),
            ("49152", "dynamic"),
            ("65535", "dynamic"),
        ] {
            says(t, &["port", port], &[format!("range: {range}")])?;
        }
        Ok(())
    },
};

pub const KNOWS_THE_EPHEMERAL_RANGE_OF_THIS_MACHINE: Check = Check {
    name: "knows_the_ephemeral_range_of_this_machine",
    behaviour: "P3",
    section: "§3",
    tier: Tier::Real,
    title: Text {
        en: "tells whether a port is in this machine's ephemeral range (ip_local_port_range)",
        zh: "判断端口是否在本机的临时端口范围内（ip_local_port_range）",
    },
    hints: &[
        Text {
            en: "Read the two numbers in /proc/sys/net/ipv4/ip_local_port_range; print `ephemeral: yes|no` and `ephemeral range: LOW-HIGH`.",
            zh: "读取 /proc/sys/net/ipv4/ip_local_port_range 中的两个数；打印 `ephemeral: yes|no` 和 `ephemeral range: LOW-HIGH`。",
        },
        Text {
            en: "Linux gives a program that does not bind a port from this range (32768-60999 by default), which is neither IANA's dynamic range nor the notes' 1024-65535. Both ends are included.",
            zh: "Linux 给不绑定端口的程序分配的端口来自这个范围（默认 32768–60999），它既不是 IANA 的动态端口范围，也不是笔记说的 1024–65535。两端都包含在内。",
        },
    ],
    needs: &[],
    run: |t| {
        let Some((low, high)) = ephemeral_range() else {
            return Err(Stop::Skip(
                msg!("skipped: this machine has no readable /proc/sys/net/ipv4/ip_local_port_range";
                     "已跳过：本机没有可读的 /proc/sys/net/ipv4/ip_local_port_range"),
            ));
        };
        t.step(msg!("the kernel's ephemeral range is {}-{}", low, high; "内核的临时端口范围是 {}-{}", low, high));
        let range = format!("ephemeral range: {low}-{high}");
        let mut cases = vec![(low, "yes"), (high, "yes")];
        if let Some(below) = low.checked_sub(1) {
            cases.push((below, "no"));
        }
        if let Some(above) = high.checked_add(1) {
            cases.push((above, "no"));
        }
        for (port, yes) in cases {
            let port = port.to_string();
            says(
                t,
                &["port", &port],
                &[format!("ephemeral: {yes}"), range.clone()],
            )?;
        }
        Ok(())
    },
};

/// Run the program with `args`: it exits 0 and prints exactly `lines`, in
/// this order, and nothing else.
fn says_exactly(t: &Test, args: &[&str], lines: &[String]) -> Outcome {
    let done = t.run(args)?;
    done.expect_code(0).map_err(|s| for_input(args, s))?;
    let expected = lines.join("\n");
    t.step(
        msg!("check standard output is exactly these {} lines", lines.len();
                "检查标准输出是否正好是这 {} 行", lines.len()),
    );
    // The harness joins the lines it read with `\n`: a blank line at the
    // end shows as a trailing `\n`.
    if done.stdout == expected {
        return Ok(());
    }
    Err(for_input(
        args,
        Stop::mismatch(
            msg!("the answer's lines are not those of the contract (each line once, in order, nothing more)";
                 "回答的各行与约定不符（每行一次、按顺序、没有多余内容）"),
            show::text(&expected),
            show::text(&done.stdout),
        ),
    ))
}

pub const READS_THE_EPHEMERAL_RANGE_OF_ITS_OWN_NETWORK: Check = Check {
    name: "reads_the_ephemeral_range_of_its_own_network",
    behaviour: "P3",
    section: "§3",
    tier: Tier::Real,
    title: Text {
        en: "the ephemeral range is read when the program runs: another range (in a private network namespace) gives other answers",
        zh: "临时端口范围是在程序运行时读取的：换一个范围（在私有网络命名空间中）就得到不同的回答",
    },
    hints: &[
        Text {
            en: "Read /proc/sys/net/ipv4/ip_local_port_range every time; never write 32768-60999 into the program.",
            zh: "每次都读取 /proc/sys/net/ipv4/ip_local_port_range；不要把 32768–60999 写死在程序里。",
        },
        Text {
            en: "The range is a setting (sysctl net.ipv4.ip_local_port_range), different per machine and even per network namespace; 32768-60999 is only Linux's default.",
            zh: "这个范围是一项设置（sysctl net.ipv4.ip_local_port_range），每台机器、甚至每个网络命名空间都可能不同；32768–60999 只是 Linux 的默认值。",
        },
    ],
    needs: &[Need::PrivateNamespace],
    run: |t| {
        // A range no default has, different on every run: even low, odd
        // high (the kernel prefers ends of different parity).
        let low = 2 * fastrand::u16(5_000..15_000);
        let high = low + 2 * fastrand::u16(50..500) + 1;
        t.enter_namespace_with_ephemeral_range(low, high)?;
        let range = format!("ephemeral range: {low}-{high}");
        for (port, yes) in [
            (low - 1, "no"),
            (low, "yes"),
            (high, "yes"),
            (high + 1, "no"),
        ] {
            let port = port.to_string();
            says(
                t,
                &["port", &port],
                &[format!("ephemeral: {yes}"), range.clone()],
            )?;
        }
        Ok(())
    },
};

pub const PRINTS_EXACTLY_THE_LINES_OF_ITS_ANSWER: Check = Check {
    name: "prints_exactly_the_lines_of_its_answer",
    behaviour: "A2",
    section: "§2",
    tier: Tier::Real,
    title: Text {
        en: "each answer has exactly the contract's lines, in order: an IPv6 answer has no class and no netmask",
        zh: "每个回答正好包含约定的各行且顺序一致：IPv6 的回答没有 class 和 netmask",
    },
    hints: &[
        Text {
            en: "Print address, version, class (IPv4 only), kind, zone (IPv6 with %ZONE only), prefix, netmask (IPv4 only), network and host, in that order, each once; no blank line, nothing else.",
            zh: "按顺序各打印一次 address、version、class（仅 IPv4）、kind、zone（仅带 %ZONE 的 IPv6）、prefix、netmask（仅 IPv4）、network 和 host；不要空行，也不要别的内容。",
        },
        Text {
            en: "Classes and dotted netmasks are IPv4 ideas: IPv6 networks are only ever written with a prefix length.",
            zh: "分类和点分十进制掩码是 IPv4 的概念：IPv6 网络只用前缀长度表示。",
        },
    ],
    needs: &[],
    run: |t| {
        let cases: &[(&str, &[&str])] = &[
            (
                "8.8.8.8",
                &["address: 8.8.8.8", "version: 4", "class: A", "kind: public"],
            ),
            (
                "192.168.43.143/24",
                &[
                    "address: 192.168.43.143",
                    "version: 4",
                    "class: C",
                    "kind: private",
                    "prefix: 24",
                    "netmask: 255.255.255.0",
                    "network: 192.168.43.0",
                    "host: 0.0.0.143",
                ],
            ),
            (
                "2001:db8::1",
                &["address: 2001:db8::1", "version: 6", "kind: public"],
            ),
            (
                "fe80::1%eth0/64",
                &[
                    "address: fe80::1",
                    "version: 6",
                    "kind: link-local",
                    "zone: eth0",
                    "prefix: 64",
                    "network: fe80::",
                    "host: ::1",
                ],
            ),
        ];
        for (input, lines) in cases {
            let lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            says_exactly(t, &[input], &lines)?;
        }
        if let Some((low, high)) = ephemeral_range() {
            let yes = if (low..=high).contains(&8080) {
                "yes"
            } else {
                "no"
            };
            says_exactly(
                t,
                &["port", "8080"],
                &[
                    "port: 8080".into(),
                    "range: registered".into(),
                    format!("ephemeral: {yes}"),
                    format!("ephemeral range: {low}-{high}"),
                ],
            )?;
        }
        Ok(())
    },
};

pub const SPLITS_IPV6_AT_PREFIX_0_AND_128: Check = Check {
    name: "splits_ipv6_at_prefix_0_and_128",
    behaviour: "A2",
    section: "§2",
    tier: Tier::Real,
    title: Text {
        en: "IPv6 /0 is all host, /128 all network (and no overflow at either end)",
        zh: "IPv6 的 /0 全是主机部分，/128 全是网络部分（两端都不溢出）",
    },
    hints: &[
        Text {
            en: "Build the mask as a u128: 0 for /0 (a shift by 128 bits overflows), u128::MAX << (128 - prefix) otherwise.",
            zh: "用 u128 构造掩码：/0 时为 0（移 128 位会溢出），否则为 u128::MAX << (128 - prefix)。",
        },
        Text {
            en: "/0 is the whole Internet (network ::, the host is the address), /128 one address (network is the address, host ::).",
            zh: "/0 是整个互联网（网络为 ::，主机部分就是地址本身），/128 是单个地址（网络部分就是地址，主机部分为 ::）。",
        },
    ],
    needs: &[],
    run: |t| {
        says(
            t,
            &["2409:8962::7c83/0"],
            &[
                "prefix: 0".into(),
                "network: ::".into(),
                "host: 2409:8962::7c83".into(),
            ],
        )?;
        says(
            t,
            &["2409:8962::7c83/128"],
            &[
                "prefix: 128".into(),
                "network: 2409:8962::7c83".into(),
                "host: ::".into(),
            ],
        )?;
        says(
            t,
            &["fe80::1/10"],
            &["network: fe80::".into(), "host: ::1".into()],
        )
    },
};

pub const CALLS_SPECIAL_BLOCKS_OUTSIDE_THE_TABLE_PUBLIC: Check = Check {
    name: "calls_special_blocks_outside_the_table_public",
    behaviour: "A5",
    section: "§2",
    tier: Tier::Real,
    title: Text {
        en: "blocks the tables do not name (100.64.0.0/10, the documentation ranges) are public, at both edges",
        zh: "表中没有列出的地址块（100.64.0.0/10、文档用地址）是 public，两端都一样",
    },
    hints: &[
        Text {
            en: "Follow the README's tables exactly: 100.64.0.0/10 (carrier-grade NAT) and 192.0.2.0/24 are not in them, so they are `public` here.",
            zh: "严格按照 README 的表格：100.64.0.0/10（运营商级 NAT）和 192.0.2.0/24 不在表中，所以这里是 `public`。",
        },
        Text {
            en: "Std's unstable helpers (is_shared, is_documentation, is_global) know more blocks than the exercise asks for; the contract decides, not the library.",
            zh: "标准库中不稳定的辅助函数（is_shared、is_documentation、is_global）认得比本练习要求更多的地址块；以约定为准，而不是库。",
        },
    ],
    needs: &[],
    run: |t| {
        each_says(
            t,
            "kind",
            &[
                ("100.63.255.255", "public"),
                ("100.64.0.0", "public"),
                ("100.127.255.255", "public"),
                ("100.128.0.0", "public"),
                ("192.0.2.1", "public"),
                ("198.51.100.7", "public"),
                ("203.0.113.9", "public"),
                ("2001:db8::1", "public"),
            ],
        )
    },
};

pub const REFUSES_A_WRONG_NUMBER_OF_ARGUMENTS: Check = Check {
    name: "refuses_a_wrong_number_of_arguments",
    behaviour: "A1",
    section: "§2",
    tier: Tier::Real,
    title: Text {
        en: "no argument, `port` or `serve` alone, or one argument too many: exit 2 and one sentence",
        zh: "没有参数、只有 `port` 或 `serve`、或多一个参数：以 2 退出并输出一句话",
    },
    hints: &[
        Text {
            en: "Match on the number of arguments and call usage_error for every shape the contract does not list.",
            zh: "按参数个数 match，对约定中没有列出的每种形式调用 usage_error。",
        },
        Text {
            en: "args.get(1).unwrap() panics when the argument is missing; a usage error says what is expected instead.",
            zh: "参数缺失时 args.get(1).unwrap() 会 panic；用法错误则会说明应该给什么。",
        },
    ],
    needs: &[],
    run: |t| {
        let cases: &[&[&str]] = &[
            &[],
            &["port"],
            &["serve"],
            &["1.2.3.4", "5.6.7.8"],
            &["port", "80", "81"],
        ];
        for args in cases {
            refuses(t, args)?;
        }
        Ok(())
    },
};

pub const SAYS_WHO_CONNECTED_TO_WHICH_ADDRESS: Check = Check {
    name: "says_who_connected_to_which_address",
    behaviour: "A6",
    section: "§2",
    tier: Tier::Real,
    title: Text {
        en: "`serve` prints `connection from PEER to LOCAL` with the address the client dialled",
        zh: "`serve` 打印 `connection from PEER to LOCAL`，LOCAL 是客户端拨打的地址",
    },
    hints: &[
        Text {
            en: "For each accepted stream print peer_addr() and local_addr() of the stream, not of the listener.",
            zh: "对每个 accept 得到的连接，打印该连接（而不是监听套接字）的 peer_addr() 和 local_addr()。",
        },
        Text {
            en: "A listener bound to 0.0.0.0 has no single address; each accepted connection has the one its client dialled.",
            zh: "绑定 0.0.0.0 的监听套接字没有唯一的地址；每个 accept 得到的连接都有其客户端拨打的那个地址。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, addr) = t.start_listening(&["serve", "0.0.0.0:0"])?;
        // Any address of 127.0.0.0/8 reaches a server bound to 0.0.0.0.
        let ip = [
            127,
            fastrand::u8(1..),
            fastrand::u8(..),
            fastrand::u8(1..255),
        ];
        let target = SocketAddr::from((ip, addr.port()));
        let mut client = t.connect(target)?;
        client.expect_line(&format!("you reached {target}"), REPLY)?;
        let line = format!("connection from {} to {target}", client.local_addr());
        server.expect_exact_line("connection from", &line, REPLY)
    },
};

pub const EXPLAINS_A_PORT_THAT_IS_TAKEN: Check = Check {
    name: "explains_a_port_that_is_taken",
    behaviour: "S1",
    section: "§4",
    tier: Tier::Real,
    title: Text {
        en: "`serve` on a port another socket holds: exit 1 and one sentence saying it is in use",
        zh: "`serve` 的端口被别的套接字占用：以 1 退出并用一句话说明端口已被占用",
    },
    hints: &[
        Text {
            en: "When bind fails, call fail with what you tried and the error: one sentence on stderr, exit 1.",
            zh: "bind 失败时，用你尝试做的事和错误调用 fail：在标准错误输出一句话并以 1 退出。",
        },
        Text {
            en: "TcpListener::bind(…).unwrap() panics (exit 101); a port being taken is an ordinary runtime error to explain.",
            zh: "TcpListener::bind(…).unwrap() 会 panic（退出码 101）；端口被占用是普通的运行时错误，应当说明。",
        },
    ],
    needs: &[],
    run: |t| {
        let holder = t.tcp_server()?;
        let taken = holder.addr().to_string();
        let done = t.run(&["serve", &taken])?;
        shared::expect_address_in_use(&done)
    },
};

pub const KEEPS_SERVING_AFTER_CLIENTS_RESET: Check = Check {
    name: "keeps_serving_after_clients_reset",
    behaviour: "A6",
    section: "§2",
    tier: Tier::Real,
    title: Text {
        en: "`serve` keeps serving after clients that reset before they are served",
        zh: "客户端在得到服务之前就重置连接后，`serve` 仍继续服务",
    },
    hints: &[
        Text {
            en: "An accepted connection can already be gone: handle the errors of peer_addr(), local_addr() and write_all() by skipping that client, never with unwrap().",
            zh: "accept 得到的连接可能已经断开：处理 peer_addr()、local_addr() 和 write_all() 的错误时跳过这个客户端，绝不要 unwrap()。",
        },
        Text {
            en: "One client's reset is that client's business; a server that panics on it is down for everyone.",
            zh: "一个客户端重置连接是它自己的事；因此 panic 的服务器会让所有人都用不了。",
        },
    ],
    needs: &[],
    run: |t| {
        let (mut server, addr) = t.start_listening(&["serve", "127.0.0.1:0"])?;
        t.clients_reset_before_accept(&mut server, addr)?;
        let mut client = t.connect(addr)?;
        client.expect_line(&format!("you reached {addr}"), REPLY)?;
        server.expect_running()
    },
};
