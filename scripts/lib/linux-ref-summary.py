#!/usr/bin/python3
"""summary.json of one Linux reference run (scripts/linux-ref, doc/fidelity.rst), from what the run
left in its folder: run.txt (key=value facts the script recorded), client.pcap and server.pcap (the
two taps), drops.csv and link.txt (linux-ref-link's). Completion time is measured on the client's
tap: from the first SYN the client sent to the first frame that brought it the response's last
byte. Retransmissions are counted at each sender's own tap (a payload segment that starts below
the highest sequence number that side had already sent).

    linux-ref-summary.py RUN_DIR          writes RUN_DIR/summary.json (.partial, then renamed)
    linux-ref-summary.py --grid GRID_DIR  writes GRID_DIR/grid.csv from every */summary.json
"""
import csv
import json
import os
import subprocess
import sys

FIELDS = ["frame.time_epoch", "ip.src", "ip.dst", "tcp.srcport", "tcp.dstport", "tcp.flags",
          "tcp.seq_raw", "tcp.ack_raw", "tcp.len"]
FIN, SYN, RST, ACK = 0x01, 0x02, 0x04, 0x10


def packets(pcap):
    """Every TCP frame of pcap as a dict (tshark, checksums validated)."""
    command = ["tshark", "-n", "-r", pcap, "-o", "tcp.check_checksum:TRUE",
               "-o", "ip.check_checksum:TRUE", "-Y", "tcp", "-T", "fields"]
    for field in FIELDS:
        command += ["-e", field]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    result = []
    for line in out.splitlines():
        values = line.split("\t")
        if len(values) != len(FIELDS):
            continue
        result.append({"time": float(values[0]), "src": values[1], "dst": values[2],
                       "sport": int(values[3]), "dport": int(values[4]),
                       "flags": int(values[5], 16), "seq": int(values[6]),
                       "ack": int(values[7]), "len": int(values[8])})
    return result


def facts(path):
    values = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                key, _, value = line.rstrip("\n").partition("=")
                values[key] = value
    return values


def completion(client_frames, client_address):
    """(first SYN time, last byte time, response bytes) on the client's tap, or Nones."""
    syns = [p for p in client_frames if p["src"] == client_address and p["flags"] & SYN
            and not p["flags"] & ACK]
    synacks = [p for p in client_frames if p["dst"] == client_address and p["flags"] & SYN
               and p["flags"] & ACK]
    if not syns or not synacks:
        return None, None, 0
    isn = synacks[0]["seq"]
    received = [p for p in client_frames if p["dst"] == client_address and p["len"] > 0]
    if not received:
        return syns[0]["time"], None, 0
    end = max((p["seq"] - isn) % 2**32 + p["len"] for p in received)
    last = next(p for p in received if (p["seq"] - isn) % 2**32 + p["len"] >= end)
    return syns[0]["time"], last["time"], end - 1


def retransmissions(frames, sender):
    highest = None
    count = 0
    for p in frames:
        if p["src"] != sender or p["len"] == 0:
            continue
        if highest is not None and (p["seq"] - highest) % 2**32 >= 2**31:
            count += 1
        end = (p["seq"] + p["len"]) % 2**32
        if highest is None or (end - highest) % 2**32 < 2**31:
            highest = end
    return count


def first_fin(frames, client_address):
    for p in frames:
        if p["flags"] & FIN:
            return "client" if p["src"] == client_address else "server"
    return None


def summarize(run):
    f = facts(os.path.join(run, "run.txt"))
    link = facts(os.path.join(run, "link.txt"))
    client, server = f.get("client_address"), f.get("server_address")
    at_client = packets(os.path.join(run, "client.pcap"))
    at_server = packets(os.path.join(run, "server.pcap"))
    syn, last, response = completion(at_client, client)
    drops = []
    with open(os.path.join(run, "drops.csv")) as d:
        drops = list(csv.DictReader(d))
    summary = {
        "parameters": {"delay_ms": float(f["delay_ms"]), "loss": float(f["loss"]),
                       "size": int(f["size"]), "close": f["close"], "seed": int(f["seed"]),
                       "rate": f["rate"]},
        "kernel": f.get("kernel"),
        "congestion_control": {"client": f.get("client_cc"), "server": f.get("server_cc")},
        "first_syn_s": syn,
        "last_byte_s": last,
        "completion_s": round(last - syn, 6) if syn is not None and last is not None else None,
        "response_bytes_in_pcap": response,
        "curl": {"exit": int(f.get("curl_exit", -1)), "http_status": f.get("http_status"),
                 "bytes": int(f.get("curl_bytes") or 0), "body_ok": f.get("body_ok") == "1"},
        "first_fin": first_fin(at_client, client),
        "rst_frames": sum(1 for p in at_client + at_server if p["flags"] & RST),
        "segments_sent": {"c2s": sum(1 for p in at_client if p["src"] == client),
                          "s2c": sum(1 for p in at_server if p["src"] == server)},
        "retransmissions": {"c2s": retransmissions(at_client, client),
                            "s2c": retransmissions(at_server, server)},
        "drops": {"c2s": sum(1 for d in drops if d["dir"] == "c2s"),
                  "s2c": sum(1 for d in drops if d["dir"] == "s2c"),
                  "rules": [d["rule"] for d in drops]},
        "link": {k: link.get(k) for k in ("c2s_packets", "c2s_lost", "s2c_packets", "s2c_lost",
                                          "ran_s")},
        "link_exit": int(f.get("link_exit", -1)),
        "exit_status": int(f.get("exit_status", -1)),
    }
    summary["result"] = "ok" if summary["exit_status"] == 0 else "failed"
    path = os.path.join(run, "summary.json")
    with open(path + ".partial", "w") as out:
        json.dump(summary, out, indent=1, sort_keys=True)
        out.write("\n")
    os.replace(path + ".partial", path)
    return summary


def grid(folder):
    rows = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name, "summary.json")
        if not os.path.exists(path):
            rows.append({"run": name, "result": "no summary"})
            continue
        with open(path) as f:
            s = json.load(f)
        row = {"run": name}
        row.update(s["parameters"])
        row.update({"completion_s": s["completion_s"], "drops_c2s": s["drops"]["c2s"],
                    "drops_s2c": s["drops"]["s2c"],
                    "retrans_c2s": s["retransmissions"]["c2s"],
                    "retrans_s2c": s["retransmissions"]["s2c"], "first_fin": s["first_fin"],
                    "result": s["result"]})
        rows.append(row)
    columns = ["run", "delay_ms", "loss", "size", "close", "seed", "rate", "completion_s",
               "drops_c2s", "drops_s2c", "retrans_c2s", "retrans_s2c", "first_fin", "result"]
    path = os.path.join(folder, "grid.csv")
    with open(path + ".partial", "w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
    os.replace(path + ".partial", path)
    return rows


def main(argv):
    if len(argv) == 3 and argv[1] == "--grid":
        rows = grid(argv[2])
        return 0 if all(r["result"] == "ok" for r in rows) else 1
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    s = summarize(argv[1])
    print(json.dumps({k: s[k] for k in ("completion_s", "drops", "result")}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
