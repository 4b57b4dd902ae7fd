#!/usr/bin/env python3
"""The notes' looping TCP server (§5.2), kept as the notes wrote it and
ported to exercise 06's contract only where its arguments, input and output
lines demand.

The notes' steps: create a TCP socket; bind; listen(128); then, client
after client: accept; answer every recv(1024) with 数据已收到 until a recv
returns nothing; close that client's socket; at EXIT close the listening
socket.

Ported: the address is the argument and the contract's lines are printed.
The notes read a keyboard line before every accept, so nobody was served
until someone pressed Enter; the contract serves clients without the
keyboard and stops on EXIT at any time, so the keyboard is read by a thread
that, on EXIT, says `stopping` and wakes the accept by connecting (the way
the exercise's README describes). Kept: no SO_REUSEADDR, one reply per
recv(1024) whatever it holds, a strict decode, no handling of a reset.

    python3 docs/notes-programs/06-looping-server.py [IP:PORT]
"""
# The real-tier checks this program fails, and why (graded by xtask/tests/notes.rs):
# pitfall: answers_two_messages_sent_in_one_write — one recv gets both lines and earns one reply
# pitfall: answers_a_message_that_arrives_in_pieces — each piece is its own recv and earns its own reply
# pitfall: answers_a_message_longer_than_1024_bytes_once — recv(1024) takes a longer line for several messages and answers each
# pitfall: moves_on_when_a_client_resets — recv raises ConnectionResetError and the server dies
# pitfall: survives_bytes_that_are_not_utf8 — the message is decoded strictly: UnicodeDecodeError ends the server
# pitfall: shows_awkward_messages_exactly — the message is decoded strictly: bytes that are not UTF-8 end the server
# pitfall: survives_clients_that_break_off — a reset is an uncaught ConnectionResetError that ends the server
# pitfall: keeps_serving_when_accept_fails — accept() raising OSError (too many open files) ends the server

import socket
import sys
import threading

import notes_port

stop = threading.Event()


def keyboard(addr):
    """Reads the keyboard while the main thread is blocked in accept/recv."""
    for line in sys.stdin:
        if line.rstrip("\n") == "EXIT":
            break
    print("stopping")
    stop.set()
    # accept() cannot be interrupted: a connection of our own wakes it.
    try:
        socket.create_connection(addr).close()
    except OSError:
        pass


def main():
    addr = notes_port.address(notes_port.argument(1, "127.0.0.1:8080"))

    # 1. A TCP socket (no socket options: the notes set none).
    tcp_server_socket = socket.socket(notes_port.family(addr), socket.SOCK_STREAM)

    # 2. Bind the address.
    try:
        tcp_server_socket.bind(addr)
    except OSError as e:
        notes_port.runtime_error(f"cannot listen on {notes_port.show(addr)}: {e.strerror.lower()}")

    # 3. listen(): the socket waits for connections from now on.
    tcp_server_socket.listen(128)
    bound = tcp_server_socket.getsockname()
    print(f"listening on {notes_port.show(bound)}")
    threading.Thread(target=keyboard, args=(bound,), daemon=True).start()

    # Serve one client after another.
    while True:
        # 4. accept() gives a new socket for the next client.
        new_client_socket, client_addr = tcp_server_socket.accept()
        if stop.is_set():
            new_client_socket.close()
            break
        client = notes_port.show(client_addr)
        print(f"client connected from {client}")

        # Serve this client until it closes.
        while True:
            # 5. Whatever one recv(1024) returns is one message.
            recv_data = new_client_socket.recv(1024)
            if recv_data:
                text = recv_data.decode("utf-8")
                if text.endswith("\n"):
                    text = text[:-1]
                print(f"received from {client}: {text}")
                # 6. One reply per recv.
                new_client_socket.send("数据已收到\n".encode("utf-8"))
            else:
                break

        # 7. Close this client's socket: its service is over.
        new_client_socket.close()
        print(f"client {client} disconnected")
        if stop.is_set():
            break

    # 8. Close the listening socket.
    tcp_server_socket.close()


if __name__ == "__main__":
    main()
