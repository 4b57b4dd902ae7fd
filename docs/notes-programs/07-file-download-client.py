#!/usr/bin/env python3
"""The notes' download client (§5.3, client 004), kept as the notes wrote
it and ported to exercise 07's protocol only where its arguments, header and
output lines demand.

The notes' steps: create a TCP socket; connect; send the file name; receive
the file with one recv(1024); if anything came, write it to `new_` + the
name; close.

Ported: the server's address and the name are arguments, `--dir` says where
`new_<name>` goes; the name goes out as a line; the header of that one
receive is read (`OK <size>` is followed by the content, anything else means
there is nothing to save, as an empty answer did in the notes); `saved
<size> bytes to <path>` is printed. Kept: one recv(1024) taken as the whole
file, the name used as given (no last-part-only), no temporary file, no
count of the bytes against the size, and any existing file overwritten.

    python3 docs/notes-programs/07-file-download-client.py IP:PORT NAME [--dir DIR] [--force]
"""
# The real-tier checks this program fails, and why (graded by xtask/tests/notes.rs):
# pitfall: client_saves_files_of_any_size_byte_exact — one recv(1024) saves at most the first 1024 bytes of the answer
# pitfall: client_saves_binary_files_byte_exact — one recv(1024) cuts a binary file too
# pitfall: client_never_writes_outside_its_directory — `new_` + the name as given can lead out of the directory
# pitfall: client_leaves_no_file_when_the_server_dies_mid_transfer — what one recv returned is saved, broken or not
# pitfall: client_refuses_to_overwrite_unless_forced — an existing file is overwritten without asking
# pitfall: client_reads_an_answer_that_arrives_in_pieces — one recv returns the first piece of the header only
# pitfall: client_keeps_bytes_in_order_under_packet_loss — one recv(1024) of a 10 MiB file
# pitfall: client_writes_into_a_temporary_file_in_its_directory — the file is written under its final name as the bytes arrive, no temporary file
# pitfall: client_keeps_the_old_file_when_a_forced_download_fails — the old file is opened for writing (emptied) before the download, and a broken transfer is not an error
# pitfall: client_says_each_failure_in_exactly_one_line — the server's answer is not read as a header, so a refusal is not said with its reason
# pitfall: client_survives_a_server_that_resets — a reset is an uncaught ConnectionResetError, with a traceback
# pitfall: client_rejects_a_name_it_cannot_send_as_one_line — the name is sent as given, empty or holding a newline, and the answer is awaited

import os
import socket
import sys

import notes_port


def main():
    args = sys.argv[1:]
    target_dir = "."
    if "--dir" in args:
        at = args.index("--dir")
        if at + 1 >= len(args):
            notes_port.usage_error("--dir needs a directory")
        target_dir = args[at + 1]
        del args[at : at + 2]
    if "--force" in args:
        args.remove("--force")  # accepted, and (as in the notes) nothing is ever kept
    if len(args) != 2:
        notes_port.usage_error("give the server's IP:PORT and the file's NAME")
    server = notes_port.address(args[0])
    download_file_name = args[1]

    # 1. A TCP socket.
    tcp_socket = socket.socket(notes_port.family(server), socket.SOCK_STREAM)

    # 2. Connect to the server.
    try:
        tcp_socket.connect(server)
    except ConnectionRefusedError:
        notes_port.runtime_error(f"cannot connect to {notes_port.show(server)}: connection refused")

    # 3. Send the name.
    tcp_socket.send((download_file_name + "\n").encode("utf-8", "surrogateescape"))

    # 4. One recv(1024) is the answer.
    recv_data = tcp_socket.recv(1024)
    header, _, content = recv_data.partition(b"\n")

    # 5. Save it, if there is something to save.
    if header.startswith(b"OK "):
        path = os.path.join(target_dir, "new_" + download_file_name)
        with open(path, "wb") as f:
            f.write(content)
        print(f"saved {int(header[3:])} bytes to {path}")
    else:
        notes_port.runtime_error(f"nothing saved: the server answered {header.decode('utf-8', 'replace')!r}")

    # 6. Close.
    tcp_socket.close()


if __name__ == "__main__":
    main()
