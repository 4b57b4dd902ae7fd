//! Known-wrong programs, written once: each exercise's module is a copy of
//! the reference program with a `Flaw` switch, so every mutant binary is one
//! line that names its flaw, and the flaw itself sits beside the correct
//! code it breaks. Hostile programs attack the grader rather than the
//! contract. None of this is for learners to copy.

pub mod ex00;
pub mod ex01;
pub mod ex02;
pub mod ex03;
pub mod ex04;
pub mod ex05;
pub mod ex06;
pub mod ex07;
pub mod ex08;
pub mod hostile;

/// The start of every TCP server (`IP:PORT` argument, bind, the address
/// printed), with the flaws servers share switched on by name.
pub mod listen {
    use common::{Args, fail};
    use std::net::{SocketAddr, TcpListener};

    /// Which shared flaw, if any, a server has at its start.
    #[derive(Clone, Copy, PartialEq, Eq)]
    pub enum Start {
        Right,
        /// Parses its argument with `.parse::<SocketAddr>().unwrap()`.
        PanicsOnABadArgument,
        /// Binds 0.0.0.0 with the port it was given, prints the address it
        /// was given.
        BindsEveryAddress,
        /// `TcpListener::bind(..).unwrap()`.
        PanicsWhenTheAddressIsInUse,
        /// Prints the address it was given (port 0 stays 0), not the one bound.
        PrintsTheRequestedAddress,
        /// Exits with code 2, as for a bad argument, when it cannot listen.
        ExitsTwoWhenInUse,
        /// Explains that it cannot listen on standard output (exit 1).
        ExplainsOnStdout,
        /// Prints `listening on` with the address it was given before it
        /// binds (after, for port 0, whose port it must learn first).
        SaysListeningBeforeBinding,
    }

    /// Whether `listen` already printed `listening on` (a flaw's early line).
    pub static SAID: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

    /// Parse the argument and bind: the listener and the address to print.
    pub fn listen(usage: &'static str, start: Start) -> (TcpListener, SocketAddr) {
        let addr: SocketAddr = if start == Start::PanicsOnABadArgument {
            let text = std::env::args().nth(1);
            text.as_deref().unwrap_or("127.0.0.1:8080").parse().unwrap()
        } else {
            Args::parse(usage, &[], &[]).addr(0, "127.0.0.1:8080")
        };
        if start == Start::SaysListeningBeforeBinding && addr.port() != 0 {
            common::say(format!("listening on {addr}"));
            SAID.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        let listener = if start == Start::BindsEveryAddress {
            TcpListener::bind(("0.0.0.0", addr.port()))
        } else {
            TcpListener::bind(addr)
        };
        let listener = match listener {
            Err(e) if start == Start::ExitsTwoWhenInUse => {
                eprintln!("cannot listen on {addr}: {e}");
                std::process::exit(2);
            }
            Err(e) if start == Start::ExplainsOnStdout => {
                println!("error: cannot listen on {addr}: {e}");
                std::process::exit(1);
            }
            listener if start == Start::PanicsWhenTheAddressIsInUse => listener.unwrap(),
            listener => listener.unwrap_or_else(|e| fail("cannot listen", &e)),
        };
        let mut local = listener
            .local_addr()
            .unwrap_or_else(|e| fail("no address", &e));
        if start == Start::BindsEveryAddress {
            local.set_ip(addr.ip());
        }
        if start == Start::PrintsTheRequestedAddress {
            local = addr;
        }
        (listener, local)
    }
}

/// The learner's own argument reading, `std::env::args().collect()`: it
/// panics on an argument that is not UTF-8 instead of a usage error.
pub fn args_as_strings() -> Vec<String> {
    std::env::args().collect()
}
