# FULL SOLUTION, for teachers and for grading other languages (--cmd).
# Learners: this gives exercise 02 away; solve it in Rust first.
# 完整答案，供教师使用及用于评测其他语言（--cmd）。学习者：请先用 Rust 完成练习 02。
"""Exercise 02 in Python: bind a UDP address and print every datagram with
its sender. Keeps the contract of exercises/02-udp-recv."""

import socket
import sys


def usage(sentence):
    print(f"error: {sentence} (usage: 02-udp-recv.py [IP:PORT] [--count N])", file=sys.stderr)
    sys.exit(2)


def parse_args(argv):
    addr, count, rest = "127.0.0.1:7999", None, list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--count":
            if not rest or not rest[0].isdigit():
                usage("--count needs a number")
            count = int(rest.pop(0))
        else:
            addr = arg
    ip, sep, port = addr.rpartition(":")
    try:
        socket.inet_aton(ip)
        if ip.count(".") != 3 or not sep or not 0 <= int(port) <= 65535:
            raise ValueError
    except (OSError, ValueError):
        usage(f"{addr!r} is not an address IP:PORT (IPv4, port 0-65535)")
    return (ip, int(port)), count


def one_line(data):
    return data.decode("utf-8", "replace").replace("\r", "\\r").replace("\n", "\\n")


def main():
    addr, count = parse_args(sys.argv[1:])
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        sock.bind(addr)
    except OSError as e:
        print(f"error: cannot bind {addr[0]}:{addr[1]}: {e.strerror}", file=sys.stderr)
        sys.exit(1)
    ip, port = sock.getsockname()
    print(f"bound to {ip}:{port}", flush=True)
    received = 0
    while count is None or received < count:
        # 65536 holds the largest datagram; recvfrom(1024) would cut it.
        data, (peer_ip, peer_port) = sock.recvfrom(65536)
        received += 1
        print(f"received from {peer_ip}:{peer_port}: {one_line(data)}", flush=True)
    sock.close()


if __name__ == "__main__":
    main()
