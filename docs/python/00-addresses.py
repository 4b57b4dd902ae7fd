#!/usr/bin/env python3
# FULL SOLUTION, for teachers and for grading other languages (--cmd).
# Learners: this gives exercise 00 away; solve it in Rust first.
# 完整答案，供教师使用及用于评测其他语言（--cmd）。学习者：请先用 Rust 完成练习 00。
"""Exercise 00 in Python: what an IP address or a port says.

Usage: python3 00-addresses.py ADDRESS[%ZONE][/PREFIX] | port NUMBER | serve IP:PORT
The contract is in exercises/00-addresses/README.md.
"""
import ipaddress
import re
import socket
import sys

RANGE_FILE = "/proc/sys/net/ipv4/ip_local_port_range"


def usage(sentence):
    print(f"error: {sentence}", file=sys.stderr)
    sys.exit(2)


def kind_v4(ip):
    a, b = ip.packed[0], ip.packed[1]
    if int(ip) == 0:
        return "unspecified"
    if a == 127:
        return "loopback"
    if a == 10 or (a == 172 and 16 <= b <= 31) or (a == 192 and b == 168):
        return "private"
    if a == 169 and b == 254:
        return "link-local"
    if 224 <= a <= 239:
        return "multicast"
    if int(ip) == 0xFFFFFFFF:
        return "broadcast"
    if a == 0 or a >= 240:
        return "reserved"
    return "public"


def kind_v6(ip):
    first = int(ip) >> 112
    if int(ip) == 0:
        return "unspecified"
    if int(ip) == 1:
        return "loopback"
    if first & 0xFFC0 == 0xFE80:
        return "link-local"
    if first & 0xFF00 == 0xFF00:
        return "multicast"
    if first & 0xFE00 == 0xFC00:
        return "private"
    return "public"


def describe_address(text):
    address, _, prefix = text.partition("/")
    has_prefix = "/" in text
    address, _, zone = address.partition("%")
    has_zone = "%" in text.partition("/")[0]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        usage(f"{address!r} is not an IP address (IPv4 is four numbers from 0 to 255)")
    if has_zone and (ip.version == 4 or not re.fullmatch(r"[A-Za-z0-9_.-]+", zone)):
        usage(f"{text!r}: a zone like %19 only follows an IPv6 address")
    bits = ip.max_prefixlen
    if has_prefix:
        if not prefix.isdigit() or int(prefix) > bits:
            usage(f"{prefix!r} is not a prefix length: it is a number from 0 to {bits}")
        prefix = int(prefix)
    print(f"address: {ip}")
    print(f"version: {ip.version}")
    if ip.version == 4:
        first = ip.packed[0]
        cls = "A" if first <= 127 else "B" if first <= 191 else "C" if first <= 223 else "D" if first <= 239 else "E"
        print(f"class: {cls}")
        print(f"kind: {kind_v4(ip)}")
    else:
        print(f"kind: {kind_v6(ip)}")
        if has_zone:
            print(f"zone: {zone}")
    if has_prefix:
        mask = ((1 << bits) - 1) ^ ((1 << (bits - prefix)) - 1)
        make = type(ip)
        print(f"prefix: {prefix}")
        if ip.version == 4:
            print(f"netmask: {make(mask)}")
        print(f"network: {make(int(ip) & mask)}")
        print(f"host: {make(int(ip) & ~mask & ((1 << bits) - 1))}")


def describe_port(text):
    if not text.isdigit() or int(text) > 65535:
        usage(f"{text!r} is not a port: a port is a number from 0 to 65535")
    port = int(text)
    print(f"port: {port}")
    print("range: " + ("well-known" if port <= 1023 else "registered" if port <= 49151 else "dynamic"))
    try:
        low, high = (int(n) for n in open(RANGE_FILE).read().split()[:2])
    except (OSError, ValueError):
        print("ephemeral: unknown")
        return
    print("ephemeral: " + ("yes" if low <= port <= high else "no"))
    print(f"ephemeral range: {low}-{high}")


def serve(text):
    ip, sep, port = text.rpartition(":")
    try:
        socket.inet_aton(ip)
        if not sep or ip.count(".") != 3 or not port.isdigit() or int(port) > 65535:
            raise ValueError
    except (OSError, ValueError):
        usage(f"{text!r} is not an address of the form IP:PORT")
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((ip, int(port)))
        listener.listen(128)
    except OSError as e:
        print(f"error: cannot listen on {text}: {e.strerror.lower()}", file=sys.stderr)
        sys.exit(1)
    host, port = listener.getsockname()
    print(f"listening on {host}:{port}", flush=True)
    while True:
        conn, (peer_ip, peer_port) = listener.accept()
        with conn:
            here_ip, here_port = conn.getsockname()
            print(f"connection from {peer_ip}:{peer_port} to {here_ip}:{here_port}", flush=True)
            try:
                conn.sendall(f"you reached {here_ip}:{here_port}\n".encode())
            except OSError:
                pass


def main():
    args = sys.argv[1:]
    if len(args) == 2 and args[0] == "port":
        describe_port(args[1])
    elif len(args) == 2 and args[0] == "serve":
        serve(args[1])
    elif len(args) == 1 and args[0] not in ("port", "serve"):
        describe_address(args[0])
    else:
        usage("expected an address, `port NUMBER` or `serve IP:PORT`")


if __name__ == "__main__":
    main()
