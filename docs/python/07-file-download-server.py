#!/usr/bin/env python3
# FULL SOLUTION, for teachers and for grading other languages (--cmd).
# Learners: this gives exercise 07 away; solve it in Rust first.
# 完整答案，供教师使用及用于评测其他语言（--cmd）。学习者：请先用 Rust 完成练习 07。
"""Exercise 07 in Python: the download server (notes §5.3, done right).

The same contract as ex07-server (see exercises/07-file-download/README.md):

    python3 07-file-download-server.py [IP:PORT] [--root DIR]

The client sends `NAME\\n`; the server answers `OK <size>\\n` and the bytes,
`MISSING\\n` or `REFUSED <reason>\\n`, and closes. Clients are served one
after another. Standard library only.
"""

import ipaddress
import os
import socket
import stat
import sys
from pathlib import PurePosixPath

USAGE = "07-file-download-server.py [IP:PORT] [--root DIR]"
MAX_NAME = 4096
CHUNK = 64 * 1024


def say(line):
    print(line, flush=True)


def usage_error(sentence):
    print(f"error: {sentence} (usage: {USAGE})", file=sys.stderr)
    sys.exit(2)


def fail(sentence):
    print(f"error: {sentence}", file=sys.stderr)
    sys.exit(1)


def parse_addr(text):
    ip, sep, port = text.rpartition(":")
    if not sep:
        usage_error(f"{text!r} is not an address of the form IP:PORT")
    if not port.isdigit() or int(port) > 65535:
        usage_error(f"{port!r} is not a port: a port is a number from 0 to 65535")
    try:
        ipaddress.ip_address(ip.strip("[]"))
    except ValueError:
        usage_error(f"{ip!r} is not an IP address")
    return ip.strip("[]"), int(port)


def parse_args(argv):
    root, positional = ".", []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--root":
            if i + 1 == len(argv):
                usage_error("--root needs a value")
            root = argv[i + 1]
            i += 2
            continue
        if arg.startswith("--"):
            usage_error(f"unknown option {arg}")
        positional.append(arg)
        i += 1
    if len(positional) > 1:
        usage_error("too many arguments")
    return parse_addr(positional[0] if positional else "127.0.0.1:8080"), root


def find(root, raw):
    """Return ("OK", file, size), ("MISSING",) or ("REFUSED", reason)."""
    if len(raw) > MAX_NAME:
        return ("REFUSED", "the name is too long")
    try:
        name = raw.decode("utf-8")
    except UnicodeDecodeError:
        return ("REFUSED", "the name is not UTF-8")
    if not name or "\0" in name:
        return ("REFUSED", "the name is empty or holds a NUL byte")
    # By the name: relative, no `..` (an absolute path would replace the root).
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts:
        return ("REFUSED", "only names inside the served directory are allowed (no `..`, no absolute path)")
    # By where it leads: symbolic links resolved, still under the root.
    real = os.path.realpath(os.path.join(root, name))
    if not os.path.lexists(real):
        return ("MISSING",)
    if os.path.commonpath([root, real]) != root:
        return ("REFUSED", "it leads outside the served directory")
    # Look before opening: opening a named pipe waits for a writer, forever.
    try:
        if not stat.S_ISREG(os.stat(real).st_mode):
            return ("REFUSED", "it is not a regular file")
    except FileNotFoundError:
        return ("MISSING",)
    except OSError as e:
        return ("REFUSED", f"it cannot be opened: {e.strerror}")
    try:
        f = open(real, "rb")
    except FileNotFoundError:
        return ("MISSING",)
    except OSError as e:
        return ("REFUSED", f"it cannot be opened: {e.strerror}")
    st = os.fstat(f.fileno())
    if not stat.S_ISREG(st.st_mode):
        f.close()
        return ("REFUSED", "it is not a regular file")
    return ("OK", f, st.st_size)


def serve(conn, peer, root):
    # The contract: a client that sends nothing for 3 s is dropped.
    conn.settimeout(3)
    raw = conn.makefile("rb").readline(MAX_NAME + 1)
    if not raw:
        say(f"client {peer} closed without asking")
        return
    raw = raw.removesuffix(b"\n").removesuffix(b"\r")
    shown = raw.decode("utf-8", errors="replace")
    say(f"request from {peer}: {shown}")
    conn.settimeout(60)
    answer = find(root, raw)
    if answer[0] == "MISSING":
        conn.sendall(b"MISSING\n")
        say(f"missing {shown}")
    elif answer[0] == "REFUSED":
        conn.sendall(f"REFUSED {answer[1]}\n".encode())
        say(f"refused {shown}: {answer[1]}")
    else:
        _, f, size = answer
        try:
            with f:
                conn.sendall(f"OK {size}\n".encode())
                sent = 0
                # A chunk at a time with sendall (never f.read() of the whole
                # file, never send() whose count would be dropped).
                while sent < size:
                    chunk = f.read(min(CHUNK, size - sent))
                    if not chunk:
                        raise OSError("the file shrank while it was being sent")
                    conn.sendall(chunk)
                    sent += len(chunk)
        except OSError as e:
            # Closing short is how the client learns its copy is incomplete.
            say(f"sending {shown} to {peer} failed: {e}")
            return
        say(f"sent {size} bytes of {shown} to {peer}")


def main():
    (ip, port), root = parse_args(sys.argv[1:])
    root = os.path.realpath(root)
    if not os.path.isdir(root):
        fail(f"cannot serve {root}: not a directory")
    listener = socket.socket(socket.AF_INET6 if ":" in ip else socket.AF_INET)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((ip, port))
        listener.listen()
    except OSError as e:
        fail(f"cannot listen on {ip}:{port}: {e.strerror}")
    host, bound = listener.getsockname()[:2]
    say(f"listening on {host}:{bound}")
    while True:
        conn, addr = listener.accept()
        peer = f"{addr[0]}:{addr[1]}"
        with conn:
            try:
                serve(conn, peer, root)
            except OSError as e:
                say(f"client {peer}: {e}")


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
