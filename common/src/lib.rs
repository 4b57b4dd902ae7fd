//! The conventions every netlings program keeps, so the exercises can be
//! about sockets and not about argument parsing. Standard library only.
//!
//! - addresses are `IP:PORT` arguments, with the notes' address as default;
//! - a line the grader waits for is printed and flushed at once ([`say`]);
//! - a usage error is one sentence on stderr and exit code 2 ([`usage_error`]);
//! - a runtime error is one sentence on stderr and exit code 1 ([`fail`]).

use std::io::{self, ErrorKind, Write};
use std::net::SocketAddr;
use std::process;

/// Print one line on stdout and flush it now: the grader (or a person)
/// is waiting for it, and a pipe would otherwise hold it in a buffer.
pub fn say(line: impl AsRef<str>) {
    let mut out = io::stdout().lock();
    // If nobody reads our output any more there is no one to tell.
    let _ = writeln!(out, "{}", line.as_ref()).and_then(|_| out.flush());
}

/// A usage error: one sentence on stderr, exit code 2.
pub fn usage_error(sentence: impl AsRef<str>) -> ! {
    eprintln!("error: {}", sentence.as_ref());
    process::exit(2)
}

/// A runtime error: what we tried, why it failed in plain words, exit code 1.
pub fn fail(what: impl AsRef<str>, error: &io::Error) -> ! {
    eprintln!("error: {}: {}", what.as_ref(), explain(error));
    process::exit(1)
}

/// An `io::Error` in plain words, for the errors a socket program meets.
pub fn explain(error: &io::Error) -> String {
    match error.kind() {
        ErrorKind::AddrInUse => {
            "address already in use (another program holds this port)".to_string()
        }
        ErrorKind::PermissionDenied => {
            "permission denied (ports below 1024 need privilege)".to_string()
        }
        ErrorKind::ConnectionRefused => {
            "connection refused (nothing is listening there)".to_string()
        }
        ErrorKind::AddrNotAvailable => "address not available on this machine".to_string(),
        ErrorKind::ConnectionReset => "the connection was reset by the peer".to_string(),
        _ => error.to_string(),
    }
}

/// Parse `IP:PORT`, explaining what is wrong in one sentence.
pub fn parse_addr(text: &str) -> Result<SocketAddr, String> {
    if let Ok(addr) = text.parse::<SocketAddr>() {
        return Ok(addr);
    }
    let Some((ip, port)) = text.rsplit_once(':') else {
        return Err(format!(
            "{text:?} is not an address of the form IP:PORT, e.g. 127.0.0.1:8080"
        ));
    };
    match port.parse::<u64>() {
        Ok(p) if p > 65535 => {
            return Err(format!(
                "port {p} is out of range: a port is a number from 0 to 65535"
            ));
        }
        Ok(_) => {}
        Err(_) => {
            return Err(format!(
                "{port:?} is not a port: a port is a number from 0 to 65535"
            ));
        }
    }
    let ip = ip.trim_start_matches('[').trim_end_matches(']');
    Err(format!(
        "{ip:?} is not an IP address (IPv4 is four numbers from 0 to 255, like 127.0.0.1)"
    ))
}

/// Command-line arguments: positional values and `--name value` options.
pub struct Args {
    positional: Vec<String>,
    options: Vec<(String, Option<String>)>,
    usage: &'static str,
}

impl Args {
    /// Read the process's arguments. `usage` is shown with any usage error;
    /// `valued` lists the options that take a value (`--count`), every other
    /// `--flag` is a switch. `--help` prints the usage and exits 0.
    pub fn parse(usage: &'static str, valued: &[&str], switches: &[&str]) -> Args {
        let mut args = Args {
            positional: Vec::new(),
            options: Vec::new(),
            usage,
        };
        // `args_os`, not `args`: `std::env::args` panics on an argument
        // that is not UTF-8 (a file name in GBK, say); that is a usage
        // error like any other, one sentence and exit code 2.
        let mut raw = std::env::args_os().skip(1).map(|arg| {
            arg.into_string().unwrap_or_else(|arg| {
                usage_error(format!(
                    "the argument {:?} is not UTF-8 text (usage: {usage})",
                    arg.to_string_lossy()
                ))
            })
        });
        while let Some(arg) = raw.next() {
            if arg == "--help" || arg == "-h" {
                println!("usage: {usage}");
                process::exit(0);
            } else if valued.contains(&arg.as_str()) {
                match raw.next() {
                    Some(value) => args.options.push((arg, Some(value))),
                    None => args.error(&format!("{arg} needs a value")),
                }
            } else if switches.contains(&arg.as_str()) {
                args.options.push((arg, None));
            } else if arg.starts_with("--") {
                args.error(&format!("unknown option {arg}"));
            } else {
                args.positional.push(arg);
            }
        }
        args
    }

    fn error(&self, sentence: &str) -> ! {
        usage_error(format!("{sentence} (usage: {})", self.usage))
    }

    /// The `index`th positional argument as `IP:PORT`, or `default`.
    pub fn addr(&self, index: usize, default: &str) -> SocketAddr {
        let text = self.positional.get(index).map_or(default, String::as_str);
        parse_addr(text).unwrap_or_else(|e| self.error(&e))
    }

    /// The `index`th positional argument, if given.
    pub fn positional(&self, index: usize) -> Option<&str> {
        self.positional.get(index).map(String::as_str)
    }

    /// Fail when more than `n` positional arguments were given.
    pub fn at_most(self, n: usize) -> Args {
        if self.positional.len() > n {
            self.error(&format!(
                "too many arguments ({} given, at most {n})",
                self.positional.len()
            ));
        }
        self
    }

    /// The value of `--name`, parsed, if given.
    pub fn value<T: std::str::FromStr>(&self, name: &str) -> Option<T> {
        let (_, value) = self.options.iter().rev().find(|(n, _)| n == name)?;
        let value = value.as_deref().unwrap_or("");
        Some(
            value
                .parse()
                .unwrap_or_else(|_| self.error(&format!("{name} {value:?} is not valid"))),
        )
    }

    /// Whether the switch `--name` was given.
    pub fn switch(&self, name: &str) -> bool {
        self.options.iter().any(|(n, _)| n == name)
    }
}

#[cfg(test)]
mod tests {
    use super::parse_addr;

    #[test]
    fn bad_addresses_are_explained() {
        assert!(
            parse_addr("127.0.0.1:65536")
                .unwrap_err()
                .contains("out of range")
        );
        assert!(
            parse_addr("256.1.1.1:80")
                .unwrap_err()
                .contains("not an IP address")
        );
        assert!(parse_addr("127.0.0.1").unwrap_err().contains("IP:PORT"));
        assert_eq!(parse_addr("127.0.0.1:0").unwrap().port(), 0);
    }
}
