#!/usr/bin/python3
"""received-bodies.py PCAP: the sha256 and length of every HTTP response body in PCAP, in order.

Each TCP stream is put back together by tshark's "follow tcp" (in sequence order, duplicates and
retransmissions dropped), so on a capture taken at a receiving host it gives exactly the bytes that
host's TCP was given. The bytes from the side that did not open the connection are cut into
responses by their Content-Length. One line per response: "sha256 length stream".
"""
import hashlib
import subprocess
import sys


def streams(pcap):
    out = subprocess.run(["tshark", "-n", "-r", pcap, "-T", "fields", "-e", "tcp.stream"],
                         check=True, capture_output=True, text=True).stdout
    return sorted({int(s) for s in out.split() if s.strip()})


def server_bytes(pcap, stream):
    out = subprocess.run(["tshark", "-n", "-r", pcap, "-q", "-z", "follow,tcp,raw,%d" % stream],
                         check=True, capture_output=True, text=True).stdout
    data = bytearray()
    for line in out.splitlines():
        # Lines of the second node (the server here) are indented with a tab.
        if line.startswith("\t") and line.strip():
            data += bytes.fromhex(line.strip())
    return bytes(data)


def bodies(data):
    while data:
        end = data.find(b"\r\n\r\n")
        if end < 0:
            return
        length = 0
        for field in data[:end].split(b"\r\n")[1:]:
            name, _, value = field.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        body = data[end + 4:end + 4 + length]
        yield body
        data = data[end + 4 + length:]


def main():
    pcap = sys.argv[1]
    for stream in streams(pcap):
        for body in bodies(server_bytes(pcap, stream)):
            print(hashlib.sha256(body).hexdigest(), len(body), stream)


if __name__ == "__main__":
    main()
