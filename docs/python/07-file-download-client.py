#!/usr/bin/env python3
# FULL SOLUTION, for teachers and for grading other languages (--cmd).
# Learners: this gives exercise 07 away; solve it in Rust first.
# 完整答案，供教师使用及用于评测其他语言（--cmd）。学习者：请先用 Rust 完成练习 07。
"""Exercise 07 in Python: the download client (notes §5.3, done right).

The same contract as ex07-client (see exercises/07-file-download/README.md):

    python3 07-file-download-client.py IP:PORT NAME [--dir DIR] [--force]

Saves the file as DIR/new_<last part of NAME>, through a temporary file
that is renamed only when every announced byte has arrived. Standard
library only.
"""

import ipaddress
import os
import socket
import sys
from pathlib import PurePosixPath

USAGE = "07-file-download-client.py IP:PORT NAME [--dir DIR] [--force]"
CHUNK = 64 * 1024


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
    directory, force, positional = ".", False, []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--dir":
            if i + 1 == len(argv):
                usage_error("--dir needs a value")
            directory = argv[i + 1]
            i += 2
            continue
        if arg == "--force":
            force = True
        elif arg.startswith("--"):
            usage_error(f"unknown option {arg}")
        else:
            positional.append(arg)
        i += 1
    if len(positional) > 2:
        usage_error("too many arguments")
    addr = parse_addr(positional[0] if positional else "127.0.0.1:8080")
    if len(positional) < 2:
        usage_error("give the server's address and a file name")
    return addr, positional[1], directory, force


def read_header(reader):
    try:
        line = reader.readline(1024)
    except OSError as e:
        # A server that resets the connection is answered with one
        # sentence, never a traceback.
        fail(f"no answer came from the server: {e.strerror or e}")
    if not line:
        fail("the server closed the connection without answering")
    if not line.endswith(b"\n"):
        fail("the server's answer was cut off before its end of line")
    text = line.decode("utf-8", errors="replace").rstrip("\r\n")
    word, _, rest = text.partition(" ")
    return word, rest


def main():
    (ip, port), name, directory, force = parse_args(sys.argv[1:])
    if not name or "\n" in name:
        usage_error("the file name must be one non-empty line")
    # Only the last part of the name: no name can lead outside the directory.
    base = PurePosixPath(name).name
    if base in ("", ".", ".."):
        usage_error(f"{name!r} names no file to save")
    target = os.path.join(directory, "new_" + base)
    if not force and os.path.lexists(target):
        fail(f"{target} already exists; use --force to replace it")

    try:
        sock = socket.create_connection((ip, port), timeout=30)
    except OSError as e:
        fail(f"cannot connect to {ip}:{port}: {e.strerror or e}")
    with sock:
        try:
            sock.sendall(name.encode("utf-8") + b"\n")
        except OSError as e:
            fail(f"sending the name to {ip}:{port} failed: {e.strerror or e}")
        reader = sock.makefile("rb")
        word, rest = read_header(reader)
        if word == "MISSING":
            fail(f"{name}: the server has no such file")
        if word == "REFUSED":
            fail(f"{name}: the server refused to send it: {rest}")
        if word != "OK" or not rest.isdigit():
            fail(f"{name}: the server's answer is not OK, MISSING or REFUSED: {word} {rest}")
        size = int(rest)

        temp = os.path.join(directory, f".new_{base}.{os.getpid()}.part")
        try:
            out = open(temp, "xb")
        except OSError as e:
            fail(f"cannot save into {directory}: {e.strerror}")
        got = 0
        try:
            with out:
                while got < size:
                    chunk = reader.read(min(CHUNK, size - got))
                    if not chunk:
                        break
                    out.write(chunk)
                    got += len(chunk)
                out.flush()
                os.fsync(out.fileno())
        except OSError as e:
            os.unlink(temp)
            fail(f"the download of {name} failed: {e}")
        if got < size:
            os.unlink(temp)
            fail(f"the download of {name} failed: the connection ended after {got} of {size} bytes")
        if not force and os.path.lexists(target):
            os.unlink(temp)
            fail(f"{target} appeared during the download; use --force to replace it")
        os.replace(temp, target)
    print(f"saved {size} bytes to {target}", flush=True)


if __name__ == "__main__":
    main()
