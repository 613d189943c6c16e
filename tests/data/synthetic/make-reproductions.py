#!/usr/bin/python3
"""Write captures that reproduce the documented probe sets of tools Debian does not package.

These are REPRODUCTIONS built from each tool's source code, not captures of the tool itself: neither
xprobe2 nor unicornscan is available here. Every header value below is the one the cited source file
sets; where the tool draws a random value (IP IDs, ports, sequence numbers, the unicornscan key) a fixed
seed stands in for it, so two runs write identical files. No traffic is sent: packets are built with
scapy and written straight to pcap with wrpcap. Addresses are documentation ranges (198.51.100.10 probes
192.0.2.10); MACs are locally administered.

Usage: /usr/bin/python3 tests/data/synthetic/make-reproductions.py   (needs python3-scapy)
Then:  python3 tests/data/tshark/make-expected.py tests/data/synthetic/xprobe2-os.pcap \
           tests/data/synthetic/unicornscan-syn.pcap
"""

import os
import random
import struct

from scapy.all import ICMP, IP, TCP, UDP, Ether, Raw, wrpcap

OUT = os.path.dirname(os.path.abspath(__file__))

PROBER = "198.51.100.10"
TARGET = "192.0.2.10"
PROBER_MAC = "02:00:00:00:00:0a"
TARGET_MAC = "02:00:00:00:00:0b"

BASE = 1700000000  # 2023-11-14T22:13:20Z, as make-synthetic.py


def out(ip):
    return Ether(src=PROBER_MAC, dst=TARGET_MAC) / ip


def back(ip):
    return Ether(src=TARGET_MAC, dst=PROBER_MAC) / ip


def stamp(frames, start):
    """Give each (offset seconds, frame) its time and return the frames."""
    result = []
    for offset, frame in frames:
        frame.time = start + offset
        result.append(frame)
    return result


# ------------------------------------------------------------------------------------------------
# xprobe2 0.3 (src/xpmodules in the xprobe2 tree; packets via its bundled USI++, whose IP layer sets
# TTL 64 and a random IP ID unless a module says otherwise), run as `xprobe2 -p tcp:80:open TARGET`
# against a Linux target with TCP 80 open. Reproduced modules, in xprobe2's order:
#   ping:icmp_ping, ping:tcp_ping, fingerprint:icmp_echo, fingerprint:icmp_tstamp, fingerprint:icmp_amask,
#   fingerprint:icmp_info, fingerprint:icmp_port_unreach, fingerprint:tcp_hshake, fingerprint:tcp_rst.
# Left out: ping:udp_ping (needs a known UDP port), infogather:ttl_calc (a traceroute; xprobe2 -D 4),
# fingerprint:smb and fingerprint:snmp (ordinary SMB and SNMP requests; TCP 139/445 and UDP 161 closed).
# The target answers as Linux does: echo and timestamp replies, no answer to address mask and
# information requests, port unreachable for UDP, SYN-ACK from 80, RST-ACK from a closed port; the
# prober's own kernel resets the SYN-ACKs its raw-socket probes provoke.


def usi_ping_payload(sec, usec):
    """USI++ ICMP::send_ping_payload: 56 bytes, i at offset i, the first 8 replaced by a timeval."""
    body = bytearray(range(56))
    body[0:8] = struct.pack("!II", sec, usec)
    return bytes(body)


def xprobe2_dns_answer(dns_id):
    """icmp_port_unreach build_DNS_reply into sizeof(struct DNSHEADER) = 80 bytes (LP64 build).

    Header: id, QR and RD set, RA, AD and CD set (bitfields on a little-endian host), one question, one
    answer; then the name www.securityfocus.com, type 1 class 1, the name again, type 1 class 1, 0xffff
    and 4 as the module copies them, and 205.206.231.10 (the module's fallback address) in the struct's
    replydata field at offset 76."""
    name = b"\x03www\x0dsecurityfocus\x03com\x00"  # DNSREPLYSTRING with its NUL: 23 bytes
    body = bytearray(80)
    body[0:12] = struct.pack("<H", dns_id) + bytes([0x81, 0xB0]) + struct.pack("!HHHH", 1, 1, 0, 0)
    at = 12
    body[at:at + 23] = name
    at += 23
    body[at:at + 4] = struct.pack("!HH", 1, 1)
    at += 4
    body[at:at + 23] = name
    at += 23
    body[at:at + 4] = struct.pack("!HH", 1, 1)
    at += 4
    body[at:at + 4] = b"\xff\xff\x00\x00"
    at += 4
    body[at:at + 2] = struct.pack("<H", 4)
    body[76:80] = bytes([205, 206, 231, 10])
    return bytes(body)


def xprobe2_frames():
    rnd = random.Random(2003)
    frames = []
    t = 0.0
    sec = BASE + 100

    def rid():
        return rnd.randrange(1, 65536)

    # ping:icmp_ping (alive_probe/icmp_ping.cc): a plain echo request, USI++ ping payload.
    icmp_id = rid()
    frames.append((t, out(IP(src=PROBER, dst=TARGET, ttl=64, id=rid()) / ICMP(type=8, code=0, id=icmp_id, seq=0)
                          / Raw(usi_ping_payload(sec, 1000)))))
    frames.append((t + 0.0002, back(IP(src=TARGET, dst=PROBER, ttl=64, id=rid()) / ICMP(type=0, code=0, id=icmp_id, seq=0)
                                    / Raw(usi_ping_payload(sec, 1000)))))
    t += 0.05

    # ping:tcp_ping (alive_probe/tcp_ping.cc): SYN, TTL 64, window 5840, TOS 0x10, DF, no options.
    sport, seq = rnd.randrange(1024, 65536), rnd.getrandbits(32)
    frames.append((t, out(IP(src=PROBER, dst=TARGET, ttl=64, tos=0x10, flags="DF", id=rid())
                          / TCP(sport=sport, dport=80, flags="S", seq=seq, window=5840))))
    their = rnd.getrandbits(32)
    frames.append((t + 0.0002, back(IP(src=TARGET, dst=PROBER, ttl=64, flags="DF", id=0)
                                    / TCP(sport=80, dport=sport, flags="SA", seq=their, ack=seq + 1, window=64240,
                                          options=[("MSS", 1460)]))))
    frames.append((t + 0.0003, out(IP(src=PROBER, dst=TARGET, ttl=64, flags="DF", id=0)
                                   / TCP(sport=sport, dport=80, flags="R", seq=seq + 1, window=0))))
    t += 0.05

    # fingerprint:icmp_echo (icmp_echo_id.cc): echo request, code 123, TOS 6, DF, sequence 256.
    icmp_id = rid()
    frames.append((t, out(IP(src=PROBER, dst=TARGET, ttl=64, tos=6, flags="DF", id=rid())
                          / ICMP(type=8, code=123, id=icmp_id, seq=256) / Raw(usi_ping_payload(sec, 52000)))))
    frames.append((t + 0.0002, back(IP(src=TARGET, dst=PROBER, ttl=64, tos=6, id=rid())
                                    / ICMP(type=0, code=0, id=icmp_id, seq=256) / Raw(usi_ping_payload(sec, 52000)))))
    t += 0.05

    # fingerprint:icmp_tstamp (icmp_timestamp.cc): timestamp request, 12-byte payload (usec first; scapy's
    # ts_ori/ts_rx/ts_tx fields are those 12 bytes).
    icmp_id = rid()
    frames.append((t, out(IP(src=PROBER, dst=TARGET, ttl=64, id=rid())
                          / ICMP(type=13, code=0, id=icmp_id, seq=0, ts_ori=103000, ts_rx=0, ts_tx=0))))
    frames.append((t + 0.0002, back(IP(src=TARGET, dst=PROBER, ttl=64, id=rid())
                                    / ICMP(type=14, code=0, id=icmp_id, seq=0, ts_ori=103000, ts_rx=80000103, ts_tx=80000103))))
    t += 0.05

    # fingerprint:icmp_amask (icmp_addrmask.cc): address mask request, 4 zero bytes (scapy's addr_mask field).
    # Linux does not answer.
    frames.append((t, out(IP(src=PROBER, dst=TARGET, ttl=64, id=rid()) / ICMP(type=17, code=0, id=rid(), seq=0, addr_mask="0.0.0.0"))))
    t += 0.2

    # fingerprint:icmp_info (icmp_inforeq.cc): information request, no payload. Linux does not answer.
    frames.append((t, out(IP(src=PROBER, dst=TARGET, ttl=64, id=rid()) / ICMP(type=15, code=0, id=rid(), seq=0))))
    t += 0.2

    # fingerprint:icmp_port_unreach (icmp_port_unreach.cc): UDP 53 -> 65534, TTL 255, TOS 0, DF, fake DNS answer.
    udp = IP(src=PROBER, dst=TARGET, ttl=255, tos=0, flags="DF", id=rid()) / UDP(sport=53, dport=65534) / Raw(xprobe2_dns_answer(rid()))
    frames.append((t, out(udp)))
    quoted = bytes(IP(bytes(udp)))
    frames.append((t + 0.0002, back(IP(src=TARGET, dst=PROBER, ttl=64, tos=0xC0, id=rid()) / ICMP(type=3, code=3) / Raw(quoted))))
    t += 0.05

    # fingerprint:tcp_hshake (tcp_handshake.cc): SYN to 80, TTL 64, window 5840, TOS 0x10, DF,
    # options MSS 1460, SACK-permitted, timestamp (usec, 0), NOP, window scale 0.
    sport, seq = rnd.randrange(0, 65536), rnd.getrandbits(32)
    frames.append((t, out(IP(src=PROBER, dst=TARGET, ttl=64, tos=0x10, flags="DF", id=rid())
                          / TCP(sport=sport, dport=80, flags="S", seq=seq, window=5840,
                                options=[("MSS", 1460), ("SAckOK", b""), ("Timestamp", (253000, 0)), ("NOP", None), ("WScale", 0)]))))
    their = rnd.getrandbits(32)
    frames.append((t + 0.0002, back(IP(src=TARGET, dst=PROBER, ttl=64, flags="DF", id=0)
                                    / TCP(sport=80, dport=sport, flags="SA", seq=their, ack=seq + 1, window=65160,
                                          options=[("MSS", 1460), ("SAckOK", b""), ("Timestamp", (80000350, 253000)),
                                                   ("NOP", None), ("WScale", 7)]))))
    frames.append((t + 0.0003, out(IP(src=PROBER, dst=TARGET, ttl=64, flags="DF", id=0)
                                   / TCP(sport=sport, dport=80, flags="R", seq=seq + 1, window=0))))
    t += 0.05

    # fingerprint:tcp_rst (tcp_rst.cc): two SYNs to the closed port (65535 when none is known), TTL 64,
    # window 6840, TOS 0x10, DF, no options, new source port, IP ID and seq for the second.
    for _ in range(2):
        sport, seq = rnd.randrange(0, 65536), rnd.getrandbits(32)
        frames.append((t, out(IP(src=PROBER, dst=TARGET, ttl=64, tos=0x10, flags="DF", id=rid())
                              / TCP(sport=sport, dport=65535, flags="S", seq=seq, window=6840))))
        frames.append((t + 0.0002, back(IP(src=TARGET, dst=PROBER, ttl=64, tos=0x10, flags="DF", id=0)
                                        / TCP(sport=65535, dport=sport, flags="RA", seq=0, ack=seq + 1, window=0))))
        t += 0.01

    return stamp(frames, BASE + 100)


# ------------------------------------------------------------------------------------------------
# unicornscan 0.4.7, `unicornscan -mT TARGET:1-50` with its defaults (src/scan_progs): TCP SYN
# (scan_setprivdefaults: tcphdrflgs TH_SYN, src_port -1, one random syn_key), fingerprint 0 "cisco"
# (init_packet.c: TTL 255, no DF, window 4128, options MSS = MTU - 40 only), and per packet
# (send_packet.c _send_packet): a random IP ID, a random source port (prng % 0xffff, raised by
# MIN_LOCALPORT when below it), seq = syn_key ^ (s_addr ^ ((dport << 16) + sport)) with s_addr the
# little-endian in-memory value of the target address, ack 0. Ports go out in shuffled order at the
# default 300 packets a second. The target has 22 and 25 open (SYN-ACK, then the prober's kernel RST)
# and resets the rest.


def unicornscan_frames():
    rnd = random.Random(2004)
    syn_key = rnd.getrandbits(32)
    target_le = struct.unpack("<I", bytes(int(x) for x in TARGET.split(".")))[0]
    ports = list(range(1, 51))
    rnd.shuffle(ports)
    frames = []
    t = 0.0
    for dport in ports:
        sport = rnd.getrandbits(32) % 0xFFFF
        if sport < 4096:  # MIN_LOCALPORT
            sport += 4096
        seq = (syn_key ^ (target_le ^ (((dport << 16) + sport) & 0xFFFFFFFF))) & 0xFFFFFFFF
        frames.append((t, out(IP(src=PROBER, dst=TARGET, ttl=255, id=rnd.randrange(0, 65536))
                              / TCP(sport=sport, dport=dport, flags="S", seq=seq, ack=0, window=4128, options=[("MSS", 1460)]))))
        if dport in (22, 25):
            their = rnd.getrandbits(32)
            frames.append((t + 0.0002, back(IP(src=TARGET, dst=PROBER, ttl=64, flags="DF", id=0)
                                            / TCP(sport=dport, dport=sport, flags="SA", seq=their, ack=seq + 1, window=64240,
                                                  options=[("MSS", 1460)]))))
            frames.append((t + 0.0003, out(IP(src=PROBER, dst=TARGET, ttl=64, flags="DF", id=0)
                                           / TCP(sport=sport, dport=dport, flags="R", seq=seq + 1, window=0))))
        else:
            frames.append((t + 0.0002, back(IP(src=TARGET, dst=PROBER, ttl=64, flags="DF", id=0)
                                            / TCP(sport=dport, dport=sport, flags="RA", seq=0, ack=seq + 1, window=0))))
        t += 1 / 300
    return stamp(frames, BASE + 200)


def main():
    wrpcap(os.path.join(OUT, "xprobe2-os.pcap"), xprobe2_frames())
    wrpcap(os.path.join(OUT, "unicornscan-syn.pcap"), unicornscan_frames())


if __name__ == "__main__":
    main()
