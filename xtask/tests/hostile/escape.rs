//! Hostile: get out. Looks for a route to another address and writes
//! outside its folder: the teacher's checkout, the host's /tmp, the root
//! folder, and far up from where it runs. Inside the sandbox there is no
//! route and none of those places is the host's.
use std::net::UdpSocket;

fn main() {
    // A UDP connect only asks the kernel for a route and sends nothing;
    // 192.0.2.1 is the documentation range.
    if let Ok(socket) = UdpSocket::bind("0.0.0.0:0") {
        if socket.connect("192.0.2.1:9").is_ok() {
            let _ = std::fs::write("/tmp/netlings-hostile-reached-network", b"route found");
            eprintln!("found a route out");
        }
    }
    for place in [
        "/tmp/netlings-hostile-escaped",
        "@CHECKOUT@/target/netlings-hostile-escaped",
        "@CLASS@/netlings-hostile-escaped",
        "/netlings-hostile-escaped",
        "../../../../../../netlings-hostile-escaped",
    ] {
        let _ = std::fs::write(place, b"escaped");
    }
    std::process::exit(1);
}
