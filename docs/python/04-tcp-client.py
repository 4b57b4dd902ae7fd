#!/usr/bin/env python3
# FULL SOLUTION, for teachers and for grading other languages (--cmd).
# Learners: this gives exercise 04 away; solve it in Rust first.
# 完整答案，供教师使用及用于评测其他语言（--cmd）。学习者：请先用 Rust 完成练习 04。
"""Exercise 04's contract in Python (standard library only): a TCP client
that sends each line of standard input until EXIT, half-closes, and prints
every line the server sends as `received: LINE` until the server closes.

    python3 docs/python/04-tcp-client.py [IP:PORT]      (default 127.0.0.1:8080)
"""

import ipaddress
import socket
import sys


def usage_error(sentence):
    print(f"error: {sentence} (usage: 04-tcp-client.py [IP:PORT])", file=sys.stderr)
    sys.exit(2)


def parse_addr(text):
    host, sep, port = text.rpartition(":")
    if not sep:
        usage_error(f"{text!r} is not an address of the form IP:PORT")
    try:
        ip = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        usage_error(f"{host!r} is not an IP address")
    if not port.isdigit() or int(port) > 65535:
        usage_error(f"port {port} is out of range: a port is a number from 0 to 65535")
    return ip, int(port)


def main():
    if len(sys.argv) > 2:
        usage_error("too many arguments")
    ip, port = parse_addr(sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:8080")
    shown = f"[{ip}]:{port}" if ip.version == 6 else f"{ip}:{port}"
    family = socket.AF_INET6 if ip.version == 6 else socket.AF_INET

    # socket + connect, no bind: the OS picks our ephemeral port.
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.connect((str(ip), port))
    except ConnectionRefusedError:
        print(f"error: cannot connect to {shown}: connection refused (nothing is listening there)",
              file=sys.stderr)
        sys.exit(1)
    except OSError as e:
        print(f"error: cannot connect to {shown}: {e.strerror}", file=sys.stderr)
        sys.exit(1)
    print(f"connected to {shown}", flush=True)

    # Send every line (bytes, as typed) with its newline, until EXIT.
    for raw in sys.stdin.buffer:
        line = raw[:-1] if raw.endswith(b"\n") else raw
        if line == b"EXIT":
            break
        try:
            sock.sendall(line + b"\n")
        except OSError as e:
            print(f"note: the server closed the connection ({e.strerror}); nothing more is sent",
                  file=sys.stderr)
            break

    # Half-close: the server reads end-of-stream but can still answer.
    try:
        sock.shutdown(socket.SHUT_WR)
    except OSError:
        pass  # the server is already gone

    # Every line the server sends, until it closes.
    reader = sock.makefile("rb")
    try:
        while True:
            line = reader.readline(64 * 1024)
            if not line:
                break
            if line.endswith(b"\n"):
                line = line[:-1]
            print("received: " + line.decode("utf-8", "replace"), flush=True)
    except ConnectionResetError:
        # The server closed while lines were on their way; its OS answered
        # them with a reset. The conversation is over, not broken.
        print("note: the server reset the connection after closing it", file=sys.stderr)
    except OSError as e:
        print(f"error: receiving from the server failed: {e.strerror}", file=sys.stderr)
        sys.exit(1)
    sock.close()


if __name__ == "__main__":
    sys.stdout.reconfigure(encoding="utf-8")
    main()
