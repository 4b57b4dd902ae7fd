#!/usr/bin/env python3
"""The notes' UDP chat (§4, chat 001), kept as the notes wrote it and
ported to exercise 08's contract only where its arguments and output lines
demand.

The notes' steps: create a UDP socket; bind; then, over and over, send one
typed message and wait for one message with recvfrom(1024) and show it.
One thread: sending and receiving take turns, so nothing is shown while
the program waits for the keyboard, and nothing can be typed while it waits
for a datagram.

Ported: the local and peer addresses are arguments (not input() prompts;
the peer defaults to the program itself, as the notes' chat talked to
itself), `bound to IP:PORT` and `>>> from IP:PORT: TEXT` are printed, and
EXIT (or the end of the input) ends it. Kept: one thread, recvfrom(1024),
a strict decode, no length check before sendto.

    python3 docs/notes-programs/08-udp-chat.py [LOCAL_IP:PORT [PEER_IP:PORT]]
"""
# The real-tier checks this program fails, and why (graded by xtask/tests/notes.rs):
# pitfall: prints_a_datagram_while_its_input_is_idle — it receives only after it has sent a typed line: one thread takes turns
# pitfall: prints_every_datagram_from_anyone_as_it_came — the same turn-taking: datagrams that come while nobody types are not shown
# pitfall: exits_at_once_on_exit_while_a_receive_is_pending — waiting in recvfrom, it reads no keyboard until a datagram comes
# pitfall: survives_bytes_that_are_not_utf8 — nothing is shown while the keyboard is idle, and a strict decode raises
# pitfall: receives_a_datagram_larger_than_1024_bytes — recvfrom(1024) cuts the datagram (and waits for the keyboard first)
# pitfall: sends_awkward_lines_exactly_as_typed — input() drops the `\r` and the line is re-encoded, so some typed bytes change
# pitfall: skips_a_line_longer_than_a_datagram — after each line it waits for a datagram, so it stops reading its input; a line over 65 507 bytes would raise OSError (message too long), uncaught

import socket
import sys

import notes_port


def main():
    local = notes_port.address(notes_port.argument(1, "127.0.0.1:7890"))
    if len(sys.argv) > 3:
        notes_port.usage_error("too many arguments")
    peer = notes_port.address(sys.argv[2]) if len(sys.argv) > 2 else None

    # 1. A UDP socket.
    udp_socket = socket.socket(notes_port.family(local), socket.SOCK_DGRAM)

    # 2. Bind it, so messages to this port reach it.
    try:
        udp_socket.bind(local)
    except OSError as e:
        notes_port.runtime_error(f"cannot bind {notes_port.show(local)}: {e.strerror.lower()}")
    bound = udp_socket.getsockname()
    print(f"bound to {notes_port.show(bound)}")
    peer = peer or bound

    while True:
        # Send: one typed line is one datagram.
        try:
            send_data = input()
        except EOFError:
            break
        if send_data == "EXIT":
            break
        udp_socket.sendto(send_data.encode("utf-8", "surrogateescape"), peer)

        # Receive: wait for one datagram and show it.
        recv_data, sender = udp_socket.recvfrom(1024)
        print(f">>> from {notes_port.show(sender)}: {recv_data.decode('utf-8')}")


if __name__ == "__main__":
    sys.stdin.reconfigure(errors="surrogateescape")
    main()
