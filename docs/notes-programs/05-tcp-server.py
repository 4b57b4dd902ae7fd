#!/usr/bin/env python3
"""The notes' TCP server (§5.1), kept as the notes wrote it and ported to
exercise 05's contract only where its arguments and output lines demand.

The notes' steps: create a TCP socket; bind; listen(128); accept one
client; receive its message with one recv(1024); send 数据已收到; close the
client's socket and the listening socket.

Ported: the address is the argument; the contract's lines are printed
(`listening on`, `client connected from`, `received from`, or `closed
without sending` when that one recv returns nothing); the reply ends with
a newline; the text is UTF-8, not GBK; bind errors are one sentence.
Kept: no SO_REUSEADDR, one recv(1024) taken as the whole message, a
strict decode, one send.

    python3 docs/notes-programs/05-tcp-server.py [IP:PORT]
"""
# The real-tier checks this program fails, and why (graded by xtask/tests/notes.rs):
# pitfall: reads_a_message_split_over_many_writes — one recv(1024) returns the first piece only
# pitfall: survives_bytes_that_are_not_utf8 — a strict decode raises on bytes that are not UTF-8
# pitfall: reads_a_message_longer_than_1024_bytes — one recv(1024) returns at most 1024 bytes of the line
# pitfall: sends_no_reply_when_nothing_was_sent — it sends its reply whatever recv returned, an empty read too
# pitfall: can_restart_on_the_same_port_at_once — without SO_REUSEADDR bind fails while the closed connection is in TIME_WAIT
# pitfall: explains_a_client_that_resets — a reset is an uncaught ConnectionResetError, with a traceback
# pitfall: explains_a_failed_accept — accept() raising OSError (too many open files) is not caught

import socket

import notes_port


def main():
    addr = notes_port.address(notes_port.argument(1, "127.0.0.1:8080"))

    # 1. A TCP socket (no socket options: the notes set none).
    tcp_server_socket = socket.socket(notes_port.family(addr), socket.SOCK_STREAM)

    # 2. Bind the address.
    try:
        tcp_server_socket.bind(addr)
    except OSError as e:
        notes_port.runtime_error(f"cannot listen on {notes_port.show(addr)}: {e.strerror.lower()}")

    # 3. listen() makes the socket passive: it now waits for connections.
    tcp_server_socket.listen(128)
    print(f"listening on {notes_port.show(tcp_server_socket.getsockname())}")

    # 4. accept() gives a new socket for this one client.
    new_client_socket, client_addr = tcp_server_socket.accept()
    client = notes_port.show(client_addr)
    print(f"client connected from {client}")

    # 5. One receive of at most 1024 bytes is the message.
    recv_data = new_client_socket.recv(1024)
    if recv_data:
        text = recv_data.decode("utf-8")
        if text.endswith("\n"):
            text = text[:-1]
        print(f"received from {client}: {text}")
    else:
        print(f"client {client} closed without sending")

    # 6. The reply.
    new_client_socket.send("数据已收到\n".encode("utf-8"))

    # 7. Close the client's socket, then the listening socket.
    new_client_socket.close()
    tcp_server_socket.close()


if __name__ == "__main__":
    main()
