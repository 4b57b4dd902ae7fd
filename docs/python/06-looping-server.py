#!/usr/bin/env python3
# FULL SOLUTION, for teachers and for grading other languages (--cmd).
# Learners: this gives exercise 06 away; solve it in Rust first.
# 完整答案，供教师使用及用于评测其他语言（--cmd）。学习者：请先用 Rust 完成练习 06。
"""Exercise 06's contract in Python (standard library only): a TCP server
that serves clients one after another, answering 数据已收到 to each message
(line) until the client closes, and stops on a stdin line EXIT.

    python3 docs/python/06-looping-server.py [IP:PORT]  (default 127.0.0.1:8080)
"""

import ipaddress
import socket
import sys
import threading
import time

REPLY = "数据已收到\n".encode("utf-8")


def usage_error(sentence):
    print(f"error: {sentence} (usage: 06-looping-server.py [IP:PORT])", file=sys.stderr)
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


def name(addr):
    return f"[{addr[0]}]:{addr[1]}" if ":" in addr[0] else f"{addr[0]}:{addr[1]}"


def serve(conn, peer):
    who = name(peer)
    print(f"client connected from {who}", flush=True)
    reader = conn.makefile("rb")
    try:
        while True:
            line = reader.readline(64 * 1024)  # a message is a line
            if not line:  # 0 bytes: the client closed
                print(f"client {who} disconnected", flush=True)
                return
            if line.endswith(b"\n"):
                line = line[:-1]
            print(f"received from {who}: {line.decode('utf-8', 'replace')}", flush=True)
            conn.sendall(REPLY)
    except OSError as e:  # a reset ends this client only
        print(f"client {who} disconnected: {e.strerror}", flush=True)
    finally:
        reader.close()
        conn.close()


def watch_keyboard(stop, wake_addr, family):
    for raw in sys.stdin.buffer:
        if raw.rstrip(b"\n") == b"EXIT":
            break
    print("stopping", flush=True)
    stop.set()
    # Wake the main thread out of accept by connecting to ourselves.
    try:
        socket.create_connection(wake_addr, timeout=1).close()
    except OSError:
        pass


def main():
    if len(sys.argv) > 2:
        usage_error("too many arguments")
    ip, port = parse_addr(sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:8080")
    family = socket.AF_INET6 if ip.version == 6 else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((str(ip), port))
        listener.listen(128)
    except OSError as e:
        why = "address already in use" if e.errno == 98 else e.strerror
        print(f"error: cannot listen on {ip}:{port}: {why}", file=sys.stderr)
        sys.exit(1)
    local = listener.getsockname()
    print(f"listening on {name(local)}", flush=True)

    wake_host = ("::1" if family == socket.AF_INET6 else "127.0.0.1") if ip.is_unspecified else str(ip)
    stop = threading.Event()
    threading.Thread(target=watch_keyboard, args=(stop, (wake_host, local[1]), family),
                     daemon=True).start()

    while True:
        try:
            conn, peer = listener.accept()
        except OSError as e:
            print(f"note: accepting a client failed: {e.strerror}", file=sys.stderr)
            time.sleep(0.1)  # the failure may last (no descriptor left): do not spin
            continue
        if stop.is_set():
            conn.close()
            break
        serve(conn, peer)
    listener.close()


if __name__ == "__main__":
    sys.stdout.reconfigure(encoding="utf-8")
    main()
