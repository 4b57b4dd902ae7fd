//! `--wire` on real programs: a passing exercise-05 conversation is on the
//! wire as the notes draw it, and a server that resets instead of closing
//! is named from its packets.

use netlings_suite::catalogue;
use netlings_suite::check::Need;
use netlings_suite::exercises::ex05;
use netlings_suite::runner::{CHECK_LIMIT, Status, Verdict, run_check, unmet};
use netlings_suite::targets::{Bins, Targets};
use netlings_suite::wire::{self, Decoded, Flags, Side, Wire};
use std::sync::{Arc, OnceLock};

/// A test on one packet.
type Is<'a> = dyn Fn(&Decoded) -> bool + 'a;

fn bins() -> &'static Bins {
    static BINS: OnceLock<Bins> = OnceLock::new();
    BINS.get_or_init(|| Bins::for_suite().expect("the solutions and mutants build"))
}

/// Run ex05's `check` on `targets` with the capture on.
fn captured(
    check: &'static netlings_suite::check::Check,
    targets: Targets,
) -> Option<(Verdict, Wire)> {
    captured_in("05", check, targets)
}

/// Run `check` of `exercise` on `targets` with the capture on. `None` only
/// where namespaces are refused to a grader that is not root (said, not
/// hidden).
fn captured_in(
    exercise: &str,
    check: &'static netlings_suite::check::Check,
    targets: Targets,
) -> Option<(Verdict, Wire)> {
    if let Some(why) = wire::enable() {
        assert!(
            !rustix::process::geteuid().is_root(),
            "as root the capture must work: {}",
            why.en
        );
        eprintln!("skipped: {}", why.en);
        return None;
    }
    let exercise = catalogue::exercise(exercise).expect("the exercise exists");
    let mut verdict = run_check(exercise, check, Arc::new(targets), CHECK_LIMIT);
    let wire = verdict
        .wire
        .take()
        .expect("a captured check carries its packets");
    Some((verdict, wire))
}

#[test]
fn a_passing_exercise_05_shows_handshake_message_reply_and_both_fins_in_order() {
    let targets = Targets::solutions(bins()).expect("solution targets");
    let Some((verdict, wire)) = captured(&ex05::CLOSES_THE_CONNECTION_AFTER_REPLYING, targets)
    else {
        return;
    };
    assert_eq!(verdict.status, Status::Pass, "{:?}", verdict.what);
    let packets: Vec<Decoded> = wire.capture.packets().filter_map(|p| p.decode()).collect();
    let side = |d: &Decoded| wire.roles.of(d.from).side;
    let from_suite = |d: &Decoded| side(d) == Side::Suite;
    let from_server = |d: &Decoded| side(d) == Side::Program;
    let flags = |d: &Decoded, f: u8| d.flags().has(f);
    // What the notes draw, in order; other packets (ACKs) may come between.
    let expected: [(&str, &Is); 6] = [
        ("SYN from the suite", &|d| {
            from_suite(d) && flags(d, Flags::SYN) && !flags(d, Flags::ACK)
        }),
        ("SYN+ACK from the server", &|d| {
            from_server(d) && flags(d, Flags::SYN) && flags(d, Flags::ACK)
        }),
        ("the message", &|d| {
            from_suite(d) && d.excerpt == "你好\n".as_bytes()
        }),
        ("the reply", &|d| {
            from_server(d) && d.excerpt == "数据已收到\n".as_bytes()
        }),
        ("the server's FIN", &|d| {
            from_server(d) && flags(d, Flags::FIN)
        }),
        ("the suite's FIN", &|d| {
            from_suite(d) && flags(d, Flags::FIN)
        }),
    ];
    let mut rest = packets.iter();
    for (what, is) in expected {
        assert!(
            rest.any(is),
            "{what} is missing (or out of order) in:\n{}",
            wire::render(&wire, netlings_suite::text::Lang::En)
        );
    }
    assert!(
        !packets.iter().any(|d| flags(d, Flags::RST)),
        "a clean close has no reset"
    );
    assert!(wire.findings.is_empty(), "{:?}", wire.findings);
}

#[test]
fn a_server_that_resets_instead_of_closing_gets_reset_not_closed_from_its_packets() {
    let bin = "m05_resets_instead_of_closing";
    let path = bins().path(bin).expect("the known-wrong program is built");
    let targets = Targets::solutions(bins()).expect("solution targets").with(
        "05",
        bin,
        vec![path.display().to_string()],
    );
    let Some((verdict, wire)) = captured(&ex05::CLOSES_THE_CONNECTION_AFTER_REPLYING, targets)
    else {
        return;
    };
    assert_eq!(verdict.status, Status::Fail);
    let ids: Vec<&str> = wire.findings.iter().map(|f| f.id).collect();
    assert_eq!(ids, ["reset-not-closed"]);
    let shown = wire::render(&wire, netlings_suite::text::Lang::En);
    assert!(shown.contains("reset, not closed"), "{shown}");
}

#[test]
fn under_packet_loss_the_capture_sees_tcp_retransmit() {
    let check = &netlings_suite::exercises::ex07::SERVER_DELIVERS_EVERY_BYTE_UNDER_PACKET_LOSS;
    if let Some(why) = unmet(Need::LossyNamespace) {
        eprintln!("skipped: {}", why.en);
        return;
    }
    let targets = Targets::solutions(bins()).expect("solution targets");
    let Some((verdict, wire)) = captured_in("07", check, targets) else {
        return;
    };
    assert_eq!(verdict.status, Status::Pass, "{:?}", verdict.what);
    let ids: Vec<&str> = wire.findings.iter().map(|f| f.id).collect();
    assert_eq!(
        ids,
        ["retransmitted"],
        "the check's own namespace, captured"
    );
}
