# FULL SOLUTION, for teachers and for grading other languages (--cmd).
# Learners: this gives exercise 01 away; solve it in Rust first.
# 完整答案，供教师使用及用于评测其他语言（--cmd）。学习者：请先用 Rust 完成练习 01。
"""Exercise 01 in Python: send each line of standard input as one UDP
datagram, without binding. Keeps the contract of exercises/01-udp-send."""

import socket
import sys

MAX_DATAGRAM = 65507


def parse_addr(text):
    """'IP:PORT' -> (ip, port), or exit 2 with one sentence."""
    ip, sep, port = text.rpartition(":")
    try:
        socket.inet_aton(ip)
        if ip.count(".") != 3 or not sep:
            raise ValueError
        number = int(port)
        if not 0 <= number <= 65535:
            raise ValueError
    except (OSError, ValueError):
        print(f"error: {text!r} is not an address IP:PORT (IPv4, port 0-65535)", file=sys.stderr)
        sys.exit(2)
    return ip, number


def main():
    destinations = [parse_addr(a) for a in sys.argv[1:]] or [("127.0.0.1", 7852)]
    # One socket, never bound: the OS gives it a port at the first sendto.
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    for raw in sys.stdin.buffer:
        line = raw.rstrip(b"\n").removesuffix(b"\r")
        if line == b"EXIT":
            break
        if len(line) > MAX_DATAGRAM:
            print(f"error: a line longer than {MAX_DATAGRAM} bytes does not fit in one datagram", file=sys.stderr)
            sys.exit(1)
        for ip, port in destinations:
            try:
                sent = sock.sendto(line, (ip, port))
            except OSError as e:
                print(f"error: cannot send to {ip}:{port}: {e.strerror}", file=sys.stderr)
                sys.exit(1)
            # Only now, after the first sendto, does the socket have a port.
            local_ip, local_port = sock.getsockname()
            print(f"sent {sent} bytes from {local_ip}:{local_port} to {ip}:{port}", flush=True)
    sock.close()


if __name__ == "__main__":
    main()
