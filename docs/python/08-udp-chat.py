#!/usr/bin/env python3
# FULL SOLUTION, for teachers and for grading other languages (--cmd).
# Learners: this gives exercise 08 away; solve it in Rust first.
# 完整答案，供教师使用及用于评测其他语言（--cmd）。学习者：请先用 Rust 完成练习 08。
"""Exercise 08 in Python: a full-duplex UDP chat on one socket.

Usage: python3 08-udp-chat.py [LOCAL_IP:PORT [PEER_IP:PORT]]
The contract is in exercises/08-udp-chat/README.md.
"""
import socket
import sys
import threading

MAX_DATAGRAM = 65507


def usage(sentence):
    print(f"error: {sentence}", file=sys.stderr)
    sys.exit(2)


def parse_addr(text):
    ip, sep, port = text.rpartition(":")
    try:
        socket.inet_aton(ip)
        if not sep or ip.count(".") != 3 or not port.isdigit() or int(port) > 65535:
            raise ValueError
    except (OSError, ValueError):
        usage(f"{text!r} is not an address of the form IP:PORT (IPv4 numbers 0-255, port 0-65535)")
    return ip, int(port)


def receive_forever(sock):
    while True:
        try:
            data, (ip, port) = sock.recvfrom(MAX_DATAGRAM + 1)
        except ConnectionRefusedError:
            continue  # an ICMP error from an earlier send, not data
        text = data.decode("utf-8", errors="replace")
        print(f">>> from {ip}:{port}: {text}", flush=True)


def main():
    args = sys.argv[1:]
    if len(args) > 2:
        usage("too many arguments (usage: 08-udp-chat.py [LOCAL_IP:PORT [PEER_IP:PORT]])")
    local = parse_addr(args[0] if args else "127.0.0.1:7890")
    peer = parse_addr(args[1]) if len(args) > 1 else None

    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        sock.bind(local)
    except OSError as e:
        print(f"error: cannot bind {local[0]}:{local[1]}: {e.strerror.lower()}", file=sys.stderr)
        sys.exit(1)
    bound = sock.getsockname()
    peer = peer or bound
    print(f"bound to {bound[0]}:{bound[1]}", flush=True)

    # A daemon thread does not keep the process alive: when the main thread
    # returns, the process ends even though this thread waits in recvfrom.
    threading.Thread(target=receive_forever, args=(sock,), daemon=True).start()

    for raw in sys.stdin.buffer:
        line = raw.rstrip(b"\n").rstrip(b"\r")
        if line == b"EXIT":
            break
        if len(line) > MAX_DATAGRAM:
            print("error: that line is longer than one datagram can carry; it was not sent", file=sys.stderr)
            continue
        try:
            sock.sendto(line, peer)
        except OSError as e:
            print(f"error: sending failed: {e}", file=sys.stderr)


if __name__ == "__main__":
    main()
