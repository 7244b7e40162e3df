#!/usr/bin/python3
"""The Linux reference's HTTP server (scripts/linux-ref, doc/fidelity.rst): answers every GET with
--size bytes of a fixed pattern (linux-ref-body), one connection at a time, and lets the run choose
who closes first:

  --close=server  the response says `Connection: close`; the server shuts its side down (FIN) as
                  soon as the body is written, then waits for the client's FIN and closes.
  --close=client  the connection is kept alive (Content-Length, no `Connection: close`): the
                  server waits for the client to close (curl does when it exits), then closes.

Python's standard library only; the request is read until its blank line and not otherwise
parsed (curl sends nothing else).
"""
import argparse
import socket
import sys


def body(size):
    pattern = bytes(range(32, 127))  # printable, so that a capture's payload reads as text
    return (pattern * (size // len(pattern) + 1))[:size]


def read_request(conn):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            return None
        data += chunk
    return data


def serve(conn, payload, close):
    conn.settimeout(120)
    while True:
        request = read_request(conn)
        if request is None:  # the client closed first
            return
        headers = [b"HTTP/1.1 200 OK", b"Content-Type: application/octet-stream",
                   b"Content-Length: %d" % len(payload)]
        if close == "server":
            headers.append(b"Connection: close")
        conn.sendall(b"\r\n".join(headers) + b"\r\n\r\n" + payload)
        if close == "server":
            # shutdown, not close: the FIN leaves at once, and a close() with unread bytes
            # would send a RST instead.
            conn.shutdown(socket.SHUT_WR)
            while conn.recv(4096):
                pass
            return


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bind", required=True)
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--close", choices=["client", "server"], required=True)
    parser.add_argument("--write-body", help="write the body to this file and exit")
    args = parser.parse_args()
    payload = body(args.size)
    if args.write_body:
        with open(args.write_body, "wb") as out:
            out.write(payload)
        return 0
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((args.bind, args.port))
    listener.listen(16)
    while True:
        conn, _ = listener.accept()
        try:
            serve(conn, payload, args.close)
        except OSError as error:
            print("linux-ref-server: %s" % error, file=sys.stderr, flush=True)
        finally:
            conn.close()


if __name__ == "__main__":
    sys.exit(main())
