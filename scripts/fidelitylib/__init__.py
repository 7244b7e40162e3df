"""fidelitylib: replays Linux reference runs (scripts/linux-ref) in handshake-sim with our TCP and
ns-3's stock TCP, and compares the three on the wire (scripts/fidelity; doc/fidelity.rst).

capture.py reads one connection out of a pcap (tshark); wire.py measures what the issue compares
(handshake and teardown sequences, data segments, pure ACKs, retransmission delays, completion);
replay.py runs handshake-sim; compare.py holds the targets; report.py writes the table and plot;
cli.py is the command line.
"""
