# FULL SOLUTION, for teachers and for grading other languages (--cmd).
# Learners: this gives exercise 05 away; solve it in Rust first.
# 完整答案，供教师使用及用于评测其他语言（--cmd）。学习者：请先用 Rust 完成练习 05。
"""Exercise 05 in Python: a TCP server that serves one client.

Any program that keeps the contract can be graded:

    cargo xtask check exercise-05 --cmd "python3 docs/python/05-tcp-server.py"
"""
import ipaddress
import socket
import sys


def main() -> int:
    arg = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:8080"
    host, _, port_text = arg.rpartition(":")
    try:
        port = int(port_text)
        ipaddress.ip_address(host)  # rejects 256.1.1.1
        if not 0 <= port <= 65535:
            raise ValueError
    except ValueError:
        print(f"error: {arg!r} is not a valid IP:PORT", file=sys.stderr)
        return 2
    try:
        listener = socket.create_server((host, port), reuse_port=False)
    except OSError as e:
        reason = "address already in use" if e.errno == 98 else e.strerror
        print(f"error: cannot listen on {arg}: {reason}", file=sys.stderr)
        return 1
    with listener:
        ip, port = listener.getsockname()[:2]
        print(f"listening on {ip}:{port}", flush=True)
        try:
            conn, (peer_ip, peer_port) = listener.accept()
        except OSError as e:  # e.g. no file descriptor left: one sentence, exit 1
            print(f"error: accepting a client failed: {e.strerror}", file=sys.stderr)
            return 1
        peer = f"{peer_ip}:{peer_port}"
        print(f"client connected from {peer}", flush=True)
        with conn:
            try:
                return serve(conn, peer)
            except OSError as e:  # the client reset: one sentence, exit 1
                print(f"error: the connection to {peer} failed: {e.strerror}", file=sys.stderr)
                return 1


def serve(conn, peer) -> int:
    message = bytearray()
    # A byte stream: read until the newline, not "one recv = one message".
    while not message.endswith(b"\n"):
        chunk = conn.recv(4096)
        if not chunk:
            break
        message += chunk
    if not message:
        print(f"client {peer} closed without sending", flush=True)
        return 0
    # Only the final newline goes: blanks and a \r are part of the message.
    text = bytes(message).removesuffix(b"\n").decode("utf-8", errors="replace")
    print(f"received from {peer}: {text}", flush=True)
    conn.sendall("数据已收到\n".encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
