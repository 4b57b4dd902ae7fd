#!/usr/bin/env python3
"""The notes' download server (§5.3, servers 005/006), kept as the notes
wrote it and ported to exercise 07's protocol only where its arguments,
header and output lines demand.

The notes' steps: create a TCP socket; bind; listen(128); accept; receive
the file name with one recv(1024); open that name and read the whole file;
send its content; close.

Ported: the address and `--root` are arguments; the protocol's header is
sent (`OK <size>` before the content, `MISSING` where the notes sent
nothing); the contract's lines are printed; clients are served one after
another forever, as the contract's server does. Kept: one recv(1024) for
the name, no check of the name at all, the whole file read into memory, one
send, no handling of a client that goes away.

    python3 docs/notes-programs/07-file-download-server.py [IP:PORT] [--root DIR]
"""
# The real-tier checks this program fails, and why (graded by xtask/tests/notes.rs):
# pitfall: server_refuses_names_outside_its_root — any name is opened, `..` and absolute paths included
# pitfall: server_refuses_a_symlink_that_leads_outside — a link is followed wherever it leads
# pitfall: server_reads_a_name_that_arrives_in_pieces — one recv(1024) returns the first piece of the name only
# pitfall: server_memory_stays_flat_for_a_large_file — the whole file is read into memory before it is sent
# pitfall: server_lets_a_slow_reader_pace_it — the whole file is read into memory, however slowly the client reads
# pitfall: server_takes_a_name_ending_in_crlf — the name is taken as received, `\r` included
# pitfall: server_serves_links_and_long_paths_inside_its_root — one recv(1024) cuts a long path short
# pitfall: server_refuses_a_directory — every name is tried as a file; a directory is MISSING
# pitfall: server_refuses_what_it_cannot_open_as_a_file — open() of a named pipe waits for a writer forever, and a link that loops is MISSING
# pitfall: server_refuses_an_empty_name — an empty name is looked up like any other
# pitfall: server_refuses_a_name_with_a_nul_byte — open() raises ValueError on a NUL byte, uncaught
# pitfall: server_refuses_a_name_that_is_not_utf8 — the name is decoded strictly, an uncaught UnicodeDecodeError
# pitfall: server_refuses_a_name_longer_than_4096_bytes — no limit on a name
# pitfall: server_announces_sizes_past_4_gib — the whole file is read into memory first
# pitfall: server_drops_a_client_that_never_asks — recv waits for the name forever, blocking every later client
# pitfall: server_prints_one_line_for_each_outcome — no name is ever refused, so the refusal line never comes
# pitfall: server_survives_a_client_that_resets_at_every_step — a reset is an uncaught ConnectionResetError that ends the server

import os
import socket
import sys

import notes_port


def send_file_to_client(new_client_socket, client_addr, root):
    client = notes_port.show(client_addr)
    # 1. One recv(1024) is the file name.
    file_name = new_client_socket.recv(1024).decode("utf-8")
    if file_name.endswith("\n"):
        file_name = file_name[:-1]
    print(f"request from {client}: {file_name}")

    # 2. Open the name as given and read all of it; any failure means "no such file".
    file_content = None
    try:
        with open(os.path.join(root, file_name), "rb") as f:
            file_content = f.read()
    except OSError:
        print(f"missing {file_name}")
        new_client_socket.send(b"MISSING\n")
        return

    # 3. Send the header and the whole content at once.
    new_client_socket.send(b"OK %d\n" % len(file_content) + file_content)
    print(f"sent {len(file_content)} bytes of {file_name} to {client}")


def main():
    args = sys.argv[1:]
    root = "."
    if "--root" in args:
        at = args.index("--root")
        if at + 1 >= len(args):
            notes_port.usage_error("--root needs a directory")
        root = args[at + 1]
        del args[at : at + 2]
    if len(args) > 1:
        notes_port.usage_error("too many arguments")
    addr = notes_port.address(args[0] if args else "127.0.0.1:8080")
    if not os.path.isdir(root):
        notes_port.runtime_error(f"the root {root!r} is not a directory")

    # 1. A TCP socket (no socket options: the notes set none).
    tcp_server_socket = socket.socket(notes_port.family(addr), socket.SOCK_STREAM)

    # 2. Bind the address.
    try:
        tcp_server_socket.bind(addr)
    except OSError as e:
        notes_port.runtime_error(f"cannot listen on {notes_port.show(addr)}: {e.strerror.lower()}")

    # 3. listen(): the socket waits for connections from now on.
    tcp_server_socket.listen(128)
    print(f"listening on {notes_port.show(tcp_server_socket.getsockname())}")

    while True:
        # 4. accept() gives a new socket for the next client.
        new_client_socket, client_addr = tcp_server_socket.accept()
        # 5. Answer its request.
        send_file_to_client(new_client_socket, client_addr, root)
        # 6. Close the client's socket.
        new_client_socket.close()


if __name__ == "__main__":
    main()
