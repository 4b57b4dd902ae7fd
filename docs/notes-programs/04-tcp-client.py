#!/usr/bin/env python3
"""The notes' TCP client (§5.1), kept as the notes wrote it and ported to
exercise 04's contract only where its arguments and output lines demand.

The notes' steps: create a TCP socket; connect to the server; send every
typed line until EXIT; then receive the answer with one recv(1024), print
it, and close.

Ported: the server's address is the argument (not two input() prompts);
`connected to IP:PORT` and each answer line as `received: LINE` are
printed; each line goes out with its newline, because the contract's server
reads lines; the end of the input counts as EXIT; the text is UTF-8, not GBK.
Kept: no half-close (the server never learns the client has finished),
one recv(1024) for the whole answer, a strict decode.

    python3 docs/notes-programs/04-tcp-client.py [IP:PORT]
"""
# The real-tier checks this program fails, and why (graded by xtask/tests/notes.rs):
# pitfall: half_closes_and_then_reads_the_reply — it never half-closes: it waits for the answer while the server waits for the end of its lines
# pitfall: shows_a_reply_that_arrives_in_pieces — one recv(1024) returns the first piece only
# pitfall: shows_a_reply_longer_than_1024_bytes — one recv(1024) cuts everything after 1024 bytes
# pitfall: survives_a_reply_that_is_not_utf8 — a strict decode raises on bytes that are not UTF-8
# pitfall: ends_cleanly_when_the_server_closes_first — a send to a server that has closed raises BrokenPipeError
# pitfall: ends_cleanly_when_the_server_resets_after_its_reply — one recv(1024) and it is done: it never reads on to meet the reset, so it never says so

import socket
import sys

import notes_port


def main():
    server = notes_port.address(notes_port.argument(1, "127.0.0.1:8080"))

    # 1. A TCP socket.
    tcp_client_socket = socket.socket(notes_port.family(server), socket.SOCK_STREAM)

    # 2. Connect; the client does not bind, the OS picks its port.
    try:
        tcp_client_socket.connect(server)
    except ConnectionRefusedError:
        notes_port.runtime_error(f"cannot connect to {notes_port.show(server)}: connection refused")
    print(f"connected to {notes_port.show(server)}")

    # 3. Send each typed line until EXIT.
    while True:
        try:
            send_data = input()
        except EOFError:
            break
        if send_data == "EXIT":
            break
        tcp_client_socket.send((send_data + "\n").encode("utf-8", "surrogateescape"))

    # 4. One receive of at most 1024 bytes is taken as the whole answer.
    recv_data = tcp_client_socket.recv(1024)
    # The port splits it at each \n only (splitlines() would also split at
    # \r and take a line's \r away: a mistake of the port's, not the notes').
    text = recv_data.decode("utf-8")
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    for line in lines:
        print(f"received: {line}")

    # 5. Close.
    tcp_client_socket.close()


if __name__ == "__main__":
    sys.stdin.reconfigure(errors="surrogateescape")
    main()
